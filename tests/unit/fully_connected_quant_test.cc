// SPDX-License-Identifier: Apache-2.0
// FULLY_CONNECTED int8 and int16x8, per-tensor and per-channel, with int32, int64 or no bias, on
// every kernel variant this build has (reference, portable optimized, AVX2). The expected
// outputs are TFLM's reference arithmetic worked out in the test (tests/unit/tflm_arith.h):
// per-channel weights ignore the filter zero point and take one multiplier per output channel
// from double(input) * double(filter[c]) / double(output); per-tensor weights take the float
// product input * filter before the double division (GetQuantizedConvolutionMultipler); int8
// accumulates in int32; int16 accumulates in the bias type (int32 or int64) or, without a bias,
// in int32 only when the options' quantized_bias_type says INT32, else in int64.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "src/kernels/opt/x86_avx2.h"
#include "tests/test_util.h"
#include "tests/unit/tflm_arith.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;

enum class Bias { kNone, kInt32, kInt64 };

struct FcCase {
  TensorType type = TensorType::kInt8;
  Bias bias = Bias::kInt32;
  tflite::TensorType quantized_bias_type = tflite::TensorType_FLOAT32;  // FLOAT32: option absent (0)
  int32_t batches = 2, depth = 16, channels = 8;
  float in_scale = 1.0f / 128.0f;
  int32_t in_zp = 0;
  std::vector<float> w_scales = {0.004f};  // one: per-tensor; channels: per-channel
  int32_t w_zp = 0;                        // per-tensor only
  float out_scale = 0.009f;
  int32_t out_zp = -95;
  tflite::ActivationFunctionType act = tflite::ActivationFunctionType_RELU;
  uint32_t seed = 1;
  // Filled by Generate().
  std::vector<int32_t> input, weights;
  std::vector<int64_t> bias_values;

  void Generate() {
    uint32_t s = seed * 2654435761u + 7u;
    auto next = [&s]() {
      s ^= s << 13;
      s ^= s >> 17;
      s ^= s << 5;
      return s;
    };
    const bool int8 = type == TensorType::kInt8;
    input.clear();
    weights.clear();
    bias_values.clear();
    for (int32_t i = 0; i < batches * depth; ++i)
      input.push_back(int8 ? static_cast<int8_t>(next() >> 24) : static_cast<int16_t>(next() >> 16));
    for (int32_t i = 0; i < channels * depth; ++i) weights.push_back(static_cast<int8_t>(next() >> 24));
    for (int32_t o = 0; o < channels; ++o) {
      const int32_t r = static_cast<int32_t>(next() >> 12) - (1 << 19);  // about +-5e5
      bias_values.push_back(int8 ? r / 64 : r);
    }
  }

  bool per_channel() const { return w_scales.size() > 1; }

  host::AlignedBuffer Build() const {
    ModelBuilder b;
    const int in = b.AddTensor(type, {batches, depth}, Quant{{in_scale}, {in_zp}});
    Quant wq;
    wq.scales = w_scales;
    wq.zero_points.assign(w_scales.size(), per_channel() ? 0 : w_zp);
    std::vector<int8_t> w8(weights.begin(), weights.end());
    const int w = b.AddConstant<int8_t>(TensorType::kInt8, {channels, depth}, w8, wq);
    std::vector<int32_t> ids = {in, w};
    if (bias != Bias::kNone) {
      Quant bq;
      for (float ws : w_scales) bq.scales.push_back(in_scale * ws);
      bq.zero_points.assign(bq.scales.size(), 0);
      if (bias == Bias::kInt32) {
        ids.push_back(
            b.AddConstant<int32_t>(TensorType::kInt32, {channels}, std::vector<int32_t>(bias_values.begin(), bias_values.end()), bq));
      } else {
        ids.push_back(b.AddConstant<int64_t>(TensorType::kInt64, {channels}, bias_values, bq));
      }
    }
    const int out = b.AddTensor(type, {batches, channels}, Quant{{out_scale}, {out_zp}});
    auto opts = tflite::CreateFullyConnectedOptions(b.fbb(), act, tflite::FullyConnectedOptionsWeightsFormat_DEFAULT, false, false,
                                                    quantized_bias_type);
    b.AddOp(tflite::BuiltinOperator_FULLY_CONNECTED, ids, {out}, tflite::BuiltinOptions_FullyConnectedOptions, opts.Union(),
            type == TensorType::kInt16 ? 7 : 4);
    b.SetInputs({in});
    b.SetOutputs({out});
    return b.Finish();
  }

  // TFLM's CalculateActivationRangeQuantized for NONE / RELU / RELU6.
  void ActRange(int32_t* lo, int32_t* hi) const {
    const bool int8 = type == TensorType::kInt8;
    *lo = int8 ? -128 : -32768;
    *hi = int8 ? 127 : 32767;
    auto quantize = [this](float v) { return out_zp + static_cast<int32_t>(std::round(v / out_scale)); };
    if (act == tflite::ActivationFunctionType_RELU || act == tflite::ActivationFunctionType_RELU6) *lo = std::max(*lo, quantize(0.0f));
    if (act == tflite::ActivationFunctionType_RELU6) *hi = std::min(*hi, quantize(6.0f));
  }

  std::vector<int32_t> Expected() const {
    int32_t lo = 0, hi = 0;
    ActRange(&lo, &hi);
    const bool wide =
        type == TensorType::kInt16 && (bias == Bias::kInt64 || (bias == Bias::kNone && quantized_bias_type != tflite::TensorType_INT32));
    std::vector<int32_t> out;
    for (int32_t b = 0; b < batches; ++b) {
      for (int32_t o = 0; o < channels; ++o) {
        double real = 0.0;
        if (per_channel()) {
          real = static_cast<double>(in_scale) * static_cast<double>(w_scales[static_cast<size_t>(o)]) / static_cast<double>(out_scale);
        } else {
          real = static_cast<double>(in_scale * w_scales[0]) / static_cast<double>(out_scale);
        }
        int32_t q = 0;
        int shift = 0;
        tflm_arith::QuantizeMultiplier(real, &q, &shift);
        const int32_t filter_offset = per_channel() ? 0 : -w_zp;
        int64_t acc = 0;
        for (int32_t d = 0; d < depth; ++d) {
          acc += static_cast<int64_t>(weights[static_cast<size_t>(o * depth + d)] + filter_offset) *
                 (input[static_cast<size_t>(b * depth + d)] - in_zp);
        }
        if (bias != Bias::kNone) acc += bias_values[static_cast<size_t>(o)];
        const int32_t scaled = wide ? tflm_arith::Mbqm64(acc, q, shift) : tflm_arith::Mbqm32(static_cast<int32_t>(acc), q, shift);
        out.push_back(std::min(std::max(scaled + out_zp, lo), hi));
      }
    }
    return out;
  }
};

enum class Mode { kReference, kPortable, kDefault };

std::vector<int32_t> Run(const FcCase& c, Mode mode, std::string* variant) {
#if defined(TINYRT_ISA_X86_AVX2)
  kernels::SetX86Avx2Allowed(mode != Mode::kPortable);
#endif
  const host::AlignedBuffer bytes = c.Build();
  Model model;
  std::vector<int32_t> result;
  const Status load = model.Load(bytes.data(), bytes.size());
  EXPECT_TRUE(load.ok()) << load.message();
  AllOpsResolver resolver;
  host::AlignedBuffer arena;
  arena.Resize(1 << 16);
  MicroInterpreter interpreter(model, resolver, arena.data(), arena.size());
  interpreter.UseReferenceKernels(mode == Mode::kReference);
  const Status status = interpreter.AllocateTensors();
  EXPECT_TRUE(status.ok()) << status.message();
  if (status.ok()) {
    *variant = interpreter.node(0).variant;
    TensorView in = interpreter.input(0);
    for (size_t i = 0; i < c.input.size(); ++i) {
      if (c.type == TensorType::kInt8) {
        in.data<int8_t>()[i] = static_cast<int8_t>(c.input[i]);
      } else {
        in.data<int16_t>()[i] = static_cast<int16_t>(c.input[i]);
      }
    }
    EXPECT_TRUE(interpreter.Invoke().ok());
    const TensorView out = interpreter.output(0);
    for (size_t i = 0; i < out.elements(); ++i)
      result.push_back(c.type == TensorType::kInt8 ? out.data<int8_t>()[i] : out.data<int16_t>()[i]);
  }
#if defined(TINYRT_ISA_X86_AVX2)
  kernels::SetX86Avx2Allowed(true);
#endif
  return result;
}

// Every variant gives the expected output; int8 per-channel also runs an optimized variant.
void Check(FcCase c, const std::string& what) {
  if (c.input.empty()) c.Generate();
  const std::vector<int32_t> expected = c.Expected();
  for (Mode mode : {Mode::kReference, Mode::kPortable, Mode::kDefault}) {
    std::string variant;
    const std::vector<int32_t> got = Run(c, mode, &variant);
    EXPECT_EQ(got, expected) << what << " on " << variant;
#if TINYRT_OPT_KERNELS
    if (mode != Mode::kReference && c.type == TensorType::kInt8) {
      EXPECT_EQ(variant.find("reference"), std::string::npos) << what << ": " << variant;
    }
#endif
  }
}

std::vector<float> ChannelScales(int32_t n, float lo, float hi) {
  std::vector<float> s;
  for (int32_t i = 0; i < n; ++i) s.push_back(lo + (hi - lo) * static_cast<float>((i * 7) % n) / static_cast<float>(n));
  return s;
}

// Worked by hand: two channels with weight scales 0.5 and 0.25, input scale 1, output scale 1:
// channel 0 = (1*2 + 2*3) * 0.5 = 4, channel 1 = (1*4 + 2*(-2) + bias 8) * 0.25 = 2 (the
// first scale used for both channels would give 4 for channel 1).
TEST(FullyConnectedQuant, Int8PerChannelHandWorked) {
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kInt8, {1, 2}, Quant{{1.0f}, {0}});
  const int w = b.AddConstant<int8_t>(TensorType::kInt8, {2, 2}, {2, 3, 4, -2}, Quant{{0.5f, 0.25f}, {0, 0}});
  const int bias = b.AddConstant<int32_t>(TensorType::kInt32, {2}, {0, 8}, Quant{{0.5f, 0.25f}, {0, 0}});
  const int out = b.AddTensor(TensorType::kInt8, {1, 2}, Quant{{1.0f}, {0}});
  b.AddOp(tflite::BuiltinOperator_FULLY_CONNECTED, {in, w, bias}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  testing::Runner r(b.Finish());
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int8_t>(0, {1, 2});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{4, 2}));
}

// The issue's model: input [2,16] scale 1/128, weights [8,16] scales 0.0033..0.0043, output
// scale 0.009 zero point -95, fused ReLU.
TEST(FullyConnectedQuant, Int8PerChannelIssueModel) {
  for (uint32_t seed = 1; seed <= 4; ++seed) {
    FcCase c;
    c.w_scales = ChannelScales(8, 0.0033f, 0.0043f);
    c.seed = seed;
    Check(c, "seed " + std::to_string(seed));
  }
}

TEST(FullyConnectedQuant, Int8PerChannelVariedShapes) {
  const int32_t shapes[][3] = {{1, 1, 1}, {3, 5, 7}, {4, 32, 16}, {1, 64, 3}, {5, 17, 33}, {2, 100, 24}};
  uint32_t seed = 10;
  for (const auto& s : shapes) {
    for (int32_t in_zp : {0, -7, 40}) {
      FcCase c;
      c.batches = s[0];
      c.depth = s[1];
      c.channels = s[2];
      c.in_zp = in_zp;
      c.w_scales = ChannelScales(c.channels, 0.001f, 0.02f);
      c.out_scale = 0.05f;
      c.out_zp = 3;
      c.act = seed % 2 ? tflite::ActivationFunctionType_NONE : tflite::ActivationFunctionType_RELU6;
      c.bias = seed % 3 ? Bias::kInt32 : Bias::kNone;
      c.seed = ++seed;
      Check(c, "shape " + std::to_string(s[0]) + "x" + std::to_string(s[1]) + "x" + std::to_string(s[2]) + " zp " + std::to_string(in_zp));
    }
  }
}

// The per-tensor multiplier comes from the float product input x filter scale (then a double
// division), which is not the double product: for these scales the two Q31 multipliers differ.
// The test searches for a bias (the whole accumulator: input 0) on which the two requantize
// differently, then expects the float-product result on every variant.
TEST(FullyConnectedQuant, PerTensorMultiplierFromFloatProduct) {
  for (TensorType type : {TensorType::kInt8, TensorType::kInt16}) {
    FcCase c;
    c.type = type;
    c.batches = c.depth = c.channels = 1;
    c.in_scale = 0.001f;
    c.w_scales = {0.0013f};
    c.out_scale = type == TensorType::kInt8 ? 0.1f : 0.003f;
    c.out_zp = 0;
    c.act = tflite::ActivationFunctionType_NONE;
    c.quantized_bias_type = tflite::TensorType_INT32;
    int32_t q_float = 0, q_double = 0;
    int shift_float = 0, shift_double = 0;
    tflm_arith::QuantizeMultiplier(static_cast<double>(c.in_scale * c.w_scales[0]) / static_cast<double>(c.out_scale), &q_float,
                                   &shift_float);
    tflm_arith::QuantizeMultiplier(static_cast<double>(c.in_scale) * static_cast<double>(c.w_scales[0]) / static_cast<double>(c.out_scale),
                                   &q_double, &shift_double);
    ASSERT_EQ(shift_float, shift_double);
    ASSERT_NE(q_float, q_double);
    const int32_t limit = type == TensorType::kInt8 ? 127 : 32767;
    int64_t bias = -1;
    for (int32_t acc = 1; bias < 0 && tflm_arith::Mbqm32(acc, q_float, shift_float) < limit; ++acc) {
      if (tflm_arith::Mbqm32(acc, q_float, shift_float) != tflm_arith::Mbqm32(acc, q_double, shift_double)) bias = acc;
    }
    ASSERT_GE(bias, 0) << "no accumulator tells the two multipliers apart";
    c.input = {0};
    c.weights = {1};
    c.bias_values = {bias};
    Check(c, std::string(TensorTypeName(type)) + " bias " + std::to_string(bias));
  }
}

// int16 activations with int8 weights: per-tensor and per-channel, every bias kind.
TEST(FullyConnectedQuant, Int16x8AllBiasKinds) {
  uint32_t seed = 100;
  for (bool per_channel : {false, true}) {
    for (Bias bias : {Bias::kNone, Bias::kInt32, Bias::kInt64}) {
      for (tflite::TensorType qbt : {tflite::TensorType_FLOAT32, tflite::TensorType_INT32, tflite::TensorType_INT64}) {
        if (bias != Bias::kNone && qbt != tflite::TensorType_FLOAT32) continue;
        FcCase c;
        c.type = TensorType::kInt16;
        c.bias = bias;
        c.quantized_bias_type = qbt;
        c.batches = 50;
        c.depth = 12;
        c.channels = 10;
        c.in_scale = 0.0003f;
        c.w_scales = per_channel ? ChannelScales(10, 0.002f, 0.03f) : std::vector<float>{0.011f};
        c.out_scale = 0.00021f;
        c.out_zp = 0;
        c.act = tflite::ActivationFunctionType_NONE;
        c.seed = ++seed;
        Check(c, std::string(per_channel ? "per-channel" : "per-tensor") + " bias " + std::to_string(static_cast<int>(bias)) + " qbt " +
                     std::to_string(static_cast<int>(qbt)));
      }
    }
  }
}

// Effective multipliers of 128 and more (left shifts of 8 and more): the 32-bit accumulator's
// left shift wraps as in TFLM, the 64-bit one shifts less.
TEST(FullyConnectedQuant, Int16x8LargeMultiplier) {
  uint32_t seed = 200;
  for (float ratio : {130.0f, 200.0f, 1000.0f, 5000.0f}) {
    for (Bias bias : {Bias::kNone, Bias::kInt32, Bias::kInt64}) {
      FcCase c;
      c.type = TensorType::kInt16;
      c.bias = bias;
      c.batches = 3;
      c.depth = 4;
      c.channels = 5;
      c.in_scale = 0.5f;
      c.w_scales = {0.25f};
      c.out_scale = 0.125f / ratio;
      c.out_zp = 0;
      c.act = tflite::ActivationFunctionType_NONE;
      c.seed = ++seed;
      c.Generate();
      for (auto& v : c.bias_values) v /= 4096;  // keep some outputs inside int16
      Check(c, "ratio " + std::to_string(ratio) + " bias " + std::to_string(static_cast<int>(bias)));
    }
  }
}

}  // namespace
}  // namespace tinyrt
