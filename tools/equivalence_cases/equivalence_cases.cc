// SPDX-License-Identifier: Apache-2.0
// Writes random int8 models (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, ADD, AVERAGE_POOL_2D, and
// RELU followed by a pointwise CONV_2D that may run in place over the RELU's output: random
// shapes, strides, paddings, dilations, depth multipliers, per-channel/per-tensor quantization,
// zero points, activations; then UNIDIRECTIONAL_SEQUENCE_LSTM and SVDF from
// tests/recurrent_cases.h) as C++ arrays, for the on-target equivalence test
// (tests/target/equivalence_main.cc), which runs each with the optimized and the reference kernels
// and compares the outputs byte for byte.
//   equivalence_cases OUT.cc [COUNT] [SEED]
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tests/recurrent_cases.h"
#include "tests/test_util.h"

namespace {

using tinyrt::TensorType;
using tinyrt::testing::ModelBuilder;
using tinyrt::testing::Quant;

class Rng {
 public:
  explicit Rng(uint32_t seed) : s_(seed * 2654435761u + 1u) {}
  int32_t Int(int32_t lo, int32_t hi) {
    s_ = s_ * 1664525u + 1013904223u;
    return lo + static_cast<int32_t>((s_ >> 8) % static_cast<uint32_t>(hi - lo + 1));
  }

 private:
  uint32_t s_;
};

float Scale(Rng& r, float base) { return base * static_cast<float>(r.Int(1, 40)); }

tflite::ActivationFunctionType Act(Rng& r) {
  static const tflite::ActivationFunctionType kActs[] = {tflite::ActivationFunctionType_NONE, tflite::ActivationFunctionType_RELU,
                                                         tflite::ActivationFunctionType_RELU6};
  return kActs[r.Int(0, 2)];
}

int32_t OutSize(bool same, int32_t in, int32_t filter, int32_t stride, int32_t dilation) {
  const int32_t effective = (filter - 1) * dilation + 1;
  return ((same ? in : in - effective + 1) + stride - 1) / stride;
}

std::vector<int8_t> Bytes(Rng& r, size_t n) {
  std::vector<int8_t> v(n);
  for (auto& x : v) x = static_cast<int8_t>(r.Int(-127, 127));
  return v;
}

std::vector<int32_t> Bias(Rng& r, int32_t n) {
  std::vector<int32_t> v(static_cast<size_t>(n));
  for (auto& x : v) x = r.Int(-4000, 4000);
  return v;
}

// CONV_2D or DEPTHWISE_CONV_2D.
tinyrt::host::AlignedBuffer Conv(Rng& r, bool depthwise, std::string* name) {
  ModelBuilder b;
  const int32_t fh = r.Int(1, 4), fw = r.Int(1, 4), sh = r.Int(1, 2), sw = r.Int(1, 2);
  const int32_t dh = r.Int(0, 4) == 0 ? 2 : 1, dw = r.Int(0, 4) == 0 ? 2 : 1;
  const bool same = r.Int(0, 1) != 0;
  const int32_t h = (fh - 1) * dh + r.Int(1, 7), w = (fw - 1) * dw + r.Int(1, 7);
  static const int32_t kMultipliers[] = {1, 1, 2, 4, 8};
  const int32_t mult = depthwise ? kMultipliers[r.Int(0, 4)] : 1;
  // Half the multiplier-1 and convolution cases get a multiple of 4 channels: the DSP variant's
  // 4-pixel and whole-row paths need it.
  const bool words = r.Int(0, 1) != 0;
  const int32_t in_d =
      depthwise ? (mult == 1 ? (words ? 4 * r.Int(1, 5) : r.Int(1, 17)) : r.Int(1, 4)) : (words ? 4 * r.Int(1, 5) : r.Int(1, 17));
  const int32_t out_d = depthwise ? in_d * mult : r.Int(1, 17);
  const int32_t oh = OutSize(same, h, fh, sh, dh), ow = OutSize(same, w, fw, sw, dw);
  const bool per_channel = r.Int(0, 2) != 0;
  const float in_scale = Scale(r, 0.005f);
  Quant wq;
  for (int32_t o = 0; o < (per_channel ? out_d : 1); ++o) wq.scales.push_back(Scale(r, 0.0002f));
  wq.zero_points.assign(wq.scales.size(), 0);
  wq.axis = depthwise ? 3 : 0;
  const int in = b.AddTensor(TensorType::kInt8, {1, h, w, in_d}, Quant{{in_scale}, {r.Int(-128, 127)}});
  const std::vector<int32_t> w_shape = depthwise ? std::vector<int32_t>{1, fh, fw, out_d} : std::vector<int32_t>{out_d, fh, fw, in_d};
  const int wt =
      b.AddConstant<int8_t>(TensorType::kInt8, w_shape, Bytes(r, static_cast<size_t>(out_d) * fh * fw * (depthwise ? 1 : in_d)), wq);
  Quant bq;
  for (float s : wq.scales) bq.scales.push_back(s * in_scale);
  bq.zero_points.assign(bq.scales.size(), 0);
  const int bias = b.AddConstant<int32_t>(TensorType::kInt32, {out_d}, Bias(r, out_d), bq);
  const int out = b.AddTensor(TensorType::kInt8, {1, oh, ow, out_d}, Quant{{Scale(r, 0.01f)}, {r.Int(-128, 127)}});
  const auto padding = same ? tflite::Padding_SAME : tflite::Padding_VALID;
  if (depthwise) {
    auto o = tflite::CreateDepthwiseConv2DOptions(b.fbb(), padding, sw, sh, mult, Act(r), dw, dh);
    b.AddOp(tflite::BuiltinOperator_DEPTHWISE_CONV_2D, {in, wt, bias}, {out}, tflite::BuiltinOptions_DepthwiseConv2DOptions, o.Union(), 3);
  } else {
    auto o = tflite::CreateConv2DOptions(b.fbb(), padding, sw, sh, Act(r), dw, dh);
    b.AddOp(tflite::BuiltinOperator_CONV_2D, {in, wt, bias}, {out}, tflite::BuiltinOptions_Conv2DOptions, o.Union(), 3);
  }
  b.SetInputs({in});
  b.SetOutputs({out});
  *name = std::string(depthwise ? "depthwise" : "conv") + " " + std::to_string(h) + "x" + std::to_string(w) + "x" + std::to_string(in_d) +
          " f" + std::to_string(fh) + "x" + std::to_string(fw) + " s" + std::to_string(sh) + std::to_string(sw) + " d" +
          std::to_string(dh) + std::to_string(dw) + " out " + std::to_string(out_d) + (same ? " same" : " valid");
  return b.Finish();
}

tinyrt::host::AlignedBuffer FullyConnected(Rng& r, std::string* name) {
  ModelBuilder b;
  const int32_t batches = r.Int(1, 3), depth = r.Int(1, 70), channels = r.Int(1, 33);
  const bool per_channel = r.Int(0, 1) != 0;
  Quant wq;
  for (int32_t o = 0; o < (per_channel ? channels : 1); ++o) wq.scales.push_back(Scale(r, 0.0002f));
  wq.zero_points.assign(wq.scales.size(), 0);
  const int in = b.AddTensor(TensorType::kInt8, {batches, depth}, Quant{{Scale(r, 0.005f)}, {r.Int(-128, 127)}});
  const int wt = b.AddConstant<int8_t>(TensorType::kInt8, {channels, depth}, Bytes(r, static_cast<size_t>(channels) * depth), wq);
  const int bias = b.AddConstant<int32_t>(TensorType::kInt32, {channels}, Bias(r, channels), Quant{{0.0001f}, {0}});
  const int out = b.AddTensor(TensorType::kInt8, {batches, channels}, Quant{{Scale(r, 0.01f)}, {r.Int(-128, 127)}});
  auto o = tflite::CreateFullyConnectedOptions(b.fbb(), Act(r));
  b.AddOp(tflite::BuiltinOperator_FULLY_CONNECTED, {in, wt, bias}, {out}, tflite::BuiltinOptions_FullyConnectedOptions, o.Union(), 4);
  b.SetInputs({in});
  b.SetOutputs({out});
  *name = "fc " + std::to_string(batches) + "x" + std::to_string(depth) + " -> " + std::to_string(channels);
  return b.Finish();
}

tinyrt::host::AlignedBuffer Add(Rng& r, std::string* name) {
  ModelBuilder b;
  const std::vector<int32_t> shape = {1, r.Int(1, 6), r.Int(1, 6), r.Int(1, 9)};
  const int a = b.AddTensor(TensorType::kInt8, shape, Quant{{Scale(r, 0.005f)}, {r.Int(-128, 127)}});
  const int c = b.AddTensor(TensorType::kInt8, shape, Quant{{Scale(r, 0.005f)}, {r.Int(-128, 127)}});
  const int out = b.AddTensor(TensorType::kInt8, shape, Quant{{Scale(r, 0.01f)}, {r.Int(-128, 127)}});
  auto o = tflite::CreateAddOptions(b.fbb(), Act(r));
  b.AddOp(tflite::BuiltinOperator_ADD, {a, c}, {out}, tflite::BuiltinOptions_AddOptions, o.Union(), 2);
  b.SetInputs({a, c});
  b.SetOutputs({out});
  *name = "add " + std::to_string(shape[1] * shape[2] * shape[3]);
  return b.Finish();
}

tinyrt::host::AlignedBuffer AveragePool(Rng& r, std::string* name) {
  ModelBuilder b;
  const int32_t fh = r.Int(1, 5), fw = r.Int(1, 5), sh = r.Int(1, 3), sw = r.Int(1, 3);
  const bool same = r.Int(0, 1) != 0;
  const int32_t h = fh + r.Int(0, 8), w = fw + r.Int(0, 8), d = r.Int(1, 19);
  const Quant q{{Scale(r, 0.01f)}, {r.Int(-128, 127)}};
  const int in = b.AddTensor(TensorType::kInt8, {1, h, w, d}, q);
  const int out = b.AddTensor(TensorType::kInt8, {1, OutSize(same, h, fh, sh, 1), OutSize(same, w, fw, sw, 1), d}, q);
  auto o = tflite::CreatePool2DOptions(b.fbb(), same ? tflite::Padding_SAME : tflite::Padding_VALID, sw, sh, fw, fh, Act(r));
  b.AddOp(tflite::BuiltinOperator_AVERAGE_POOL_2D, {in}, {out}, tflite::BuiltinOptions_Pool2DOptions, o.Union(), 2);
  b.SetInputs({in});
  b.SetOutputs({out});
  *name = "average_pool " + std::to_string(h) + "x" + std::to_string(w) + "x" + std::to_string(d) + " f" + std::to_string(fh) + "x" +
          std::to_string(fw) + " s" + std::to_string(sh) + std::to_string(sw);
  return b.Finish();
}

// RELU over [1, h, w, in_d], then a pointwise CONV_2D of its output to out_d channels (which the
// planner may run in place); `activation` draws the convolution's fused activation.
template <typename ActivationFn>
tinyrt::host::AlignedBuffer ReluThenPointwise(Rng& r, int32_t h, int32_t w, int32_t in_d, int32_t out_d, ActivationFn activation) {
  ModelBuilder b;
  const float in_scale = Scale(r, 0.005f);
  const Quant q{{in_scale}, {r.Int(-128, 0)}};
  const int in = b.AddTensor(TensorType::kInt8, {1, h, w, in_d}, q);
  const int mid = b.AddTensor(TensorType::kInt8, {1, h, w, in_d}, q);
  b.AddOp(tflite::BuiltinOperator_RELU, {in}, {mid}, tflite::BuiltinOptions_NONE, 0, 1);
  Quant wq;
  for (int32_t o = 0; o < out_d; ++o) wq.scales.push_back(Scale(r, 0.0002f));
  wq.zero_points.assign(wq.scales.size(), 0);
  wq.axis = 0;
  const int wt = b.AddConstant<int8_t>(TensorType::kInt8, {out_d, 1, 1, in_d}, Bytes(r, static_cast<size_t>(out_d) * in_d), wq);
  Quant bq;
  for (float s : wq.scales) bq.scales.push_back(s * in_scale);
  bq.zero_points.assign(bq.scales.size(), 0);
  const int bias = b.AddConstant<int32_t>(TensorType::kInt32, {out_d}, Bias(r, out_d), bq);
  const int out = b.AddTensor(TensorType::kInt8, {1, h, w, out_d}, Quant{{Scale(r, 0.01f)}, {r.Int(-128, 127)}});
  const tflite::ActivationFunctionType act = activation();
  auto o = tflite::CreateConv2DOptions(b.fbb(), tflite::Padding_VALID, 1, 1, act, 1, 1);
  b.AddOp(tflite::BuiltinOperator_CONV_2D, {mid, wt, bias}, {out}, tflite::BuiltinOptions_Conv2DOptions, o.Union(), 3);
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

// RELU, then a pointwise convolution of its output (which the planner may run in place).
tinyrt::host::AlignedBuffer ReluPointwise(Rng& r, std::string* name) {
  const int32_t h = r.Int(1, 6), w = r.Int(1, 7), in_d = r.Int(1, 21), out_d = r.Int(1, 21);
  *name = "relu + pointwise " + std::to_string(h) + "x" + std::to_string(w) + "x" + std::to_string(in_d) + " -> " + std::to_string(out_d);
  return ReluThenPointwise(r, h, w, in_d, out_d, [&] { return Act(r); });
}

// Wider and deeper CONV_2D / FULLY_CONNECTED layers than Conv() and FullyConnected() draw (many
// pixels per row, depths past 64, output scales that need a left shift): the optimized GEMMs'
// many-column paths. `kind` 0: pointwise, 1: 3x3 im2col, 2: fully connected, 3: RELU + pointwise.
tinyrt::host::AlignedBuffer WideLayer(Rng& r, int kind, std::string* name) {
  ModelBuilder b;
  const bool fc = kind == 2;
  const int32_t f = kind == 1 ? 3 : 1;
  const int32_t h = fc ? 1 : r.Int(1, 3) + f - 1, w = fc ? 1 : r.Int(8, 20) + f - 1;
  const int32_t batches = fc ? r.Int(1, 20) : 1;
  const int32_t in_d = r.Int(1, 4) == 1 ? r.Int(1, 16) : r.Int(17, 140), out_d = r.Int(1, 24);
  const float in_scale = Scale(r, 0.005f);
  // One case in three has an output scale below the accumulator's: multipliers above 1.
  const float out_scale = r.Int(0, 2) == 0 ? Scale(r, 0.0000002f) : Scale(r, 0.01f);
  const bool per_channel = r.Int(0, 2) != 0;
  Quant wq;
  for (int32_t o = 0; o < (per_channel ? out_d : 1); ++o) wq.scales.push_back(Scale(r, 0.0002f));
  wq.zero_points.assign(wq.scales.size(), 0);
  wq.axis = 0;
  const Quant in_q{{in_scale}, {r.Int(-128, 127)}};
  int in = fc ? b.AddTensor(TensorType::kInt8, {batches, in_d}, in_q) : b.AddTensor(TensorType::kInt8, {1, h, w, in_d}, in_q);
  const int first = in;
  if (kind == 3) {
    const int mid = b.AddTensor(TensorType::kInt8, {1, h, w, in_d}, in_q);
    b.AddOp(tflite::BuiltinOperator_RELU, {in}, {mid}, tflite::BuiltinOptions_NONE, 0, 1);
    in = mid;
  }
  const std::vector<int32_t> w_shape = fc ? std::vector<int32_t>{out_d, in_d} : std::vector<int32_t>{out_d, f, f, in_d};
  const int wt = b.AddConstant<int8_t>(TensorType::kInt8, w_shape, Bytes(r, static_cast<size_t>(out_d) * f * f * in_d), wq);
  Quant bq;
  for (float s : wq.scales) bq.scales.push_back(s * in_scale);
  bq.zero_points.assign(bq.scales.size(), 0);
  const int bias = b.AddConstant<int32_t>(TensorType::kInt32, {out_d}, Bias(r, out_d), bq);
  const Quant out_q{{out_scale}, {r.Int(-128, 127)}};
  const int32_t oh = h - f + 1, ow = w - f + 1;
  const int out = fc ? b.AddTensor(TensorType::kInt8, {batches, out_d}, out_q) : b.AddTensor(TensorType::kInt8, {1, oh, ow, out_d}, out_q);
  if (fc) {
    auto o = tflite::CreateFullyConnectedOptions(b.fbb(), Act(r));
    b.AddOp(tflite::BuiltinOperator_FULLY_CONNECTED, {in, wt, bias}, {out}, tflite::BuiltinOptions_FullyConnectedOptions, o.Union(), 4);
  } else {
    auto o = tflite::CreateConv2DOptions(b.fbb(), tflite::Padding_VALID, 1, 1, Act(r), 1, 1);
    b.AddOp(tflite::BuiltinOperator_CONV_2D, {in, wt, bias}, {out}, tflite::BuiltinOptions_Conv2DOptions, o.Union(), 3);
  }
  b.SetInputs({first});
  b.SetOutputs({out});
  static const char* const kNames[] = {"wide pointwise ", "wide conv3x3 ", "wide fc ", "wide relu + pointwise "};
  *name = std::string(kNames[kind]) + std::to_string(fc ? batches : h) + "x" + std::to_string(w) + "x" + std::to_string(in_d) + " -> " +
          std::to_string(out_d);
  return b.Finish();
}

// RELU, then a pointwise convolution over 16, 32, 48 or 64 input channels of its output (in place
// when the planner shares the buffers), mostly without an activation: the Helium GEMM over eight
// copied pixels (GemmEight), forward and backward.
tinyrt::host::AlignedBuffer ReluPointwiseDeep(Rng& r, std::string* name) {
  const int32_t h = r.Int(1, 4), w = r.Int(2, 12), in_d = 16 * r.Int(1, 4), out_d = r.Int(0, 1) == 0 ? r.Int(1, in_d) : r.Int(in_d + 1, 96);
  *name =
      "relu + deep pointwise " + std::to_string(h) + "x" + std::to_string(w) + "x" + std::to_string(in_d) + " -> " + std::to_string(out_d);
  return ReluThenPointwise(r, h, w, in_d, out_d, [&] { return r.Int(0, 3) == 0 ? Act(r) : tflite::ActivationFunctionType_NONE; });
}

// DEPTHWISE_CONV_2D 3x3 over multiples of 8 channels (sometimes plus a few), mostly without an
// activation: the Helium whole-window assembly, narrow padded rows and their borders.
tinyrt::host::AlignedBuffer Depthwise3x3(Rng& r, std::string* name) {
  ModelBuilder b;
  const int32_t s = r.Int(1, 2), dh = r.Int(0, 3) == 0 ? 2 : 1;
  const bool same = r.Int(0, 2) != 0;
  const int32_t d = 8 * r.Int(1, 8) + (r.Int(0, 3) == 0 ? r.Int(1, 7) : 0);
  const int32_t h = 2 * dh + r.Int(1, 8), w = 2 + r.Int(1, 20);
  const int32_t oh = OutSize(same, h, 3, s, dh), ow = OutSize(same, w, 3, s, 1);
  const bool per_channel = r.Int(0, 3) != 0;
  const float in_scale = Scale(r, 0.005f);
  Quant wq;
  for (int32_t o = 0; o < (per_channel ? d : 1); ++o) wq.scales.push_back(Scale(r, 0.0002f));
  wq.zero_points.assign(wq.scales.size(), 0);
  wq.axis = 3;
  const int in = b.AddTensor(TensorType::kInt8, {1, h, w, d}, Quant{{in_scale}, {r.Int(-128, 127)}});
  const int wt = b.AddConstant<int8_t>(TensorType::kInt8, {1, 3, 3, d}, Bytes(r, static_cast<size_t>(d) * 9), wq);
  Quant bq;
  for (float sc : wq.scales) bq.scales.push_back(sc * in_scale);
  bq.zero_points.assign(bq.scales.size(), 0);
  const int bias = b.AddConstant<int32_t>(TensorType::kInt32, {d}, Bias(r, d), bq);
  const int out = b.AddTensor(TensorType::kInt8, {1, oh, ow, d}, Quant{{Scale(r, 0.01f)}, {r.Int(-128, 127)}});
  const tflite::ActivationFunctionType act = r.Int(0, 3) == 0 ? Act(r) : tflite::ActivationFunctionType_NONE;
  auto o = tflite::CreateDepthwiseConv2DOptions(b.fbb(), same ? tflite::Padding_SAME : tflite::Padding_VALID, s, s, 1, act, 1, dh);
  b.AddOp(tflite::BuiltinOperator_DEPTHWISE_CONV_2D, {in, wt, bias}, {out}, tflite::BuiltinOptions_DepthwiseConv2DOptions, o.Union(), 3);
  b.SetInputs({in});
  b.SetOutputs({out});
  *name = "depthwise 3x3 " + std::to_string(h) + "x" + std::to_string(w) + "x" + std::to_string(d) + " s" + std::to_string(s) + " d" +
          std::to_string(dh) + (same ? " same" : " valid");
  return b.Finish();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: equivalence_cases OUT.cc [COUNT] [SEED]\n");
    return 2;
  }
  const int count = argc > 2 ? std::atoi(argv[2]) : 200;
  Rng r(argc > 3 ? static_cast<uint32_t>(std::atoi(argv[3])) : 1u);
  std::string out = "// Generated by tools/equivalence_cases: random one-op int8 models.\n#include \"equivalence_cases.h\"\n\n";
  std::string table = "const EquivalenceCase kEquivalenceCases[] = {\n";
  for (int i = 0; i < count; ++i) {
    std::string name;
    const int kind = i % 6;
    tinyrt::host::AlignedBuffer model = kind == 0   ? Conv(r, false, &name)
                                        : kind == 1 ? Conv(r, true, &name)
                                        : kind == 2 ? FullyConnected(r, &name)
                                        : kind == 3 ? Add(r, &name)
                                        : kind == 4 ? AveragePool(r, &name)
                                                    : ReluPointwise(r, &name);
    out += "alignas(16) static const unsigned char kModel" + std::to_string(i) + "[] = {";
    for (size_t k = 0; k < model.size(); ++k) out += (k % 24 == 0 ? "\n  " : "") + std::to_string(model.data()[k]) + ",";
    out += "\n};\n";
    table += "    {\"" + name + "\", kModel" + std::to_string(i) + ", " + std::to_string(model.size()) + "},\n";
  }
  // Then the wide layers, from their own stream (the cases above stay the same).
  constexpr int kWide = 24;
  Rng wide_rng(argc > 3 ? static_cast<uint32_t>(std::atoi(argv[3])) + 7919u : 7920u);
  for (int i = count; i < count + kWide; ++i) {
    std::string name;
    tinyrt::host::AlignedBuffer model = WideLayer(wide_rng, i % 4, &name);
    out += "alignas(16) static const unsigned char kModel" + std::to_string(i) + "[] = {";
    for (size_t k = 0; k < model.size(); ++k) out += (k % 24 == 0 ? "\n  " : "") + std::to_string(model.data()[k]) + ",";
    out += "\n};\n";
    table += "    {\"" + name + "\", kModel" + std::to_string(i) + ", " + std::to_string(model.size()) + "},\n";
  }
  // Then deep in-place pointwise layers and 3x3 depthwise layers, from a third stream.
  constexpr int kDeep = 32;
  Rng deep_rng(argc > 3 ? static_cast<uint32_t>(std::atoi(argv[3])) + 104729u : 104730u);
  for (int i = count + kWide; i < count + kWide + kDeep; ++i) {
    std::string name;
    tinyrt::host::AlignedBuffer model = i % 2 == 0 ? ReluPointwiseDeep(deep_rng, &name) : Depthwise3x3(deep_rng, &name);
    out += "alignas(16) static const unsigned char kModel" + std::to_string(i) + "[] = {";
    for (size_t k = 0; k < model.size(); ++k) out += (k % 24 == 0 ? "\n  " : "") + std::to_string(model.data()[k]) + ",";
    out += "\n};\n";
    table += "    {\"" + name + "\", kModel" + std::to_string(i) + ", " + std::to_string(model.size()) + "},\n";
  }
  // Then recurrent layers (LSTM and SVDF, stateful: the firmware invokes them several times), from
  // a fourth stream.
  constexpr int kRecurrent = 24;
  Rng recurrent_rng(argc > 3 ? static_cast<uint32_t>(std::atoi(argv[3])) + 1299709u : 1299710u);
  const int first_recurrent = count + kWide + kDeep;
  for (int i = first_recurrent; i < first_recurrent + kRecurrent; ++i) {
    std::string name;
    tinyrt::host::AlignedBuffer model =
        i % 2 == 0 ? tinyrt::testing::RandomLstmInt8(recurrent_rng, &name) : tinyrt::testing::RandomSvdfInt8(recurrent_rng, &name);
    out += "alignas(16) static const unsigned char kModel" + std::to_string(i) + "[] = {";
    for (size_t k = 0; k < model.size(); ++k) out += (k % 24 == 0 ? "\n  " : "") + std::to_string(model.data()[k]) + ",";
    out += "\n};\n";
    table += "    {\"" + name + "\", kModel" + std::to_string(i) + ", " + std::to_string(model.size()) + "},\n";
  }
  out += table + "};\nconst unsigned kNumEquivalenceCases = " + std::to_string(first_recurrent + kRecurrent) + ";\n";
  if (!tinyrt::host::WriteFile(argv[1], out.data(), out.size())) {
    std::fprintf(stderr, "error: cannot write %s\n", argv[1]);
    return 1;
  }
  return 0;
}
