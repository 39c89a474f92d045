// SPDX-License-Identifier: Apache-2.0
// TRANSPOSE_CONV: two cases worked out by hand, then sweeps over types, padding, strides, bias
// and activation checked against a naive "gather" reference written from the definition: output
// (y, x, o) sums input(iy, ix, c) * filter(o, y + pad - iy*stride, x + pad - ix*stride, c) over
// every tap that lands in the filter (the kernel scatters instead; the float sums visit inputs in
// the same (iy, ix, c) order).
#include <gtest/gtest.h>

#include <cmath>

#include "src/math/quantization.h"
#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

struct TConvCase {
  TensorType type = TensorType::kFloat32;
  TensorType bias_type = TensorType::kFloat32;
  bool has_bias = true;
  bool per_channel = true;
  int32_t batches = 1, in_h = 3, in_w = 3, in_d = 2;
  int32_t f_h = 3, f_w = 3, out_d = 2;
  int32_t out_h = 0, out_w = 0;  // 0: TFLite's natural size for the padding
  tflite::Padding padding = tflite::Padding_SAME;
  int32_t stride_h = 2, stride_w = 2;
  tflite::ActivationFunctionType act = tflite::ActivationFunctionType_NONE;
  float in_scale = 0.05f, out_scale = 0.1f;
  int32_t in_zp = 3, out_zp = -5;  // int8 only
  uint32_t seed = 1;
};

class Lcg {
 public:
  explicit Lcg(uint32_t seed) : state_(seed * 2654435761u + 777u) {}
  uint32_t Next() {
    state_ = state_ * 1664525u + 1013904223u;
    return state_ >> 8;
  }
  int32_t Int(int32_t lo, int32_t hi) { return lo + static_cast<int32_t>(Next() % static_cast<uint32_t>(hi - lo + 1)); }
  float Float() { return static_cast<float>(Next() % 2001u) / 1000.0f - 1.0f; }

 private:
  uint32_t state_;
};

int32_t PadBefore(tflite::Padding padding, int32_t out, int32_t filter, int32_t stride) {
  // The forward conv from the output back to the input size.
  const int32_t forward = padding == tflite::Padding_SAME ? (out + stride - 1) / stride : (out - filter + stride) / stride;
  const int32_t total = (forward - 1) * stride + filter - out;
  return total > 0 ? total / 2 : 0;
}

struct TConvRun {
  TConvCase c;
  std::vector<float> in_f, w_f, bias_f;
  std::vector<int32_t> in_q;
  std::vector<int8_t> w_q;
  std::vector<int64_t> bias_q;
  std::vector<float> filter_scales;

  explicit TConvRun(const TConvCase& cc) : c(cc) {
    if (c.type == TensorType::kInt16) c.in_zp = c.out_zp = 0;
    if (c.out_h == 0) c.out_h = c.padding == tflite::Padding_SAME ? c.in_h * c.stride_h : (c.in_h - 1) * c.stride_h + c.f_h;
    if (c.out_w == 0) c.out_w = c.padding == tflite::Padding_SAME ? c.in_w * c.stride_w : (c.in_w - 1) * c.stride_w + c.f_w;
    Lcg rng(c.seed);
    const size_t in_n = static_cast<size_t>(c.batches * c.in_h * c.in_w * c.in_d);
    const size_t w_n = static_cast<size_t>(c.out_d * c.f_h * c.f_w * c.in_d);
    const int32_t qmin = c.type == TensorType::kInt8 ? -128 : -32768;
    const int32_t qmax = c.type == TensorType::kInt8 ? 127 : 32767;
    for (size_t i = 0; i < in_n; ++i) {
      in_f.push_back(rng.Float());
      in_q.push_back(rng.Int(qmin, qmax));
    }
    for (size_t i = 0; i < w_n; ++i) {
      w_f.push_back(rng.Float());
      w_q.push_back(static_cast<int8_t>(rng.Int(-127, 127)));
    }
    for (int32_t o = 0; o < c.out_d; ++o) {
      bias_f.push_back(rng.Float());
      // int8: a few output steps; 16x8: beyond int16 (int32/int64 biases), or int16's own range.
      bias_q.push_back(c.type == TensorType::kInt8
                           ? rng.Int(-20000, 20000)
                           : (c.bias_type == TensorType::kInt16 ? rng.Int(-30000, 30000) : rng.Int(-20000, 20000) * 37));
      filter_scales.push_back(0.002f + 0.001f * static_cast<float>(o % 5));
    }
    if (!c.per_channel) filter_scales.assign(1, 0.003f);
  }

  float FilterScale(int32_t o) const { return filter_scales[c.per_channel ? static_cast<size_t>(o) : 0]; }
  size_t InIndex(int32_t b, int32_t y, int32_t x, int32_t ch) const {
    return static_cast<size_t>(((b * c.in_h + y) * c.in_w + x) * c.in_d + ch);
  }
  size_t WIndex(int32_t o, int32_t y, int32_t x, int32_t ch) const {
    return static_cast<size_t>(((o * c.f_h + y) * c.f_w + x) * c.in_d + ch);
  }

  host::AlignedBuffer Build() const {
    ModelBuilder b;
    const std::vector<int32_t> out_shape = {c.batches, c.out_h, c.out_w, c.out_d};
    const int shape = b.AddConstant<int32_t>(TensorType::kInt32, {4}, out_shape);
    const std::vector<int32_t> w_shape = {c.out_d, c.f_h, c.f_w, c.in_d};
    int filter, in, out, bias = -1;
    if (c.type == TensorType::kFloat32) {
      filter = b.AddConstant<float>(TensorType::kFloat32, w_shape, w_f);
      in = b.AddTensor(TensorType::kFloat32, {c.batches, c.in_h, c.in_w, c.in_d});
      if (c.has_bias) bias = b.AddConstant<float>(TensorType::kFloat32, {c.out_d}, bias_f);
      out = b.AddTensor(TensorType::kFloat32, out_shape);
    } else {
      Quant wq{filter_scales, std::vector<int64_t>(filter_scales.size(), 0), 0};
      filter = b.AddConstant<int8_t>(TensorType::kInt8, w_shape, w_q, wq);
      in = b.AddTensor(c.type, {c.batches, c.in_h, c.in_w, c.in_d}, Quant{{c.in_scale}, {c.in_zp}});
      if (c.has_bias) {
        std::vector<float> bscales;
        for (int32_t o = 0; o < c.out_d; ++o) bscales.push_back(c.in_scale * FilterScale(o));
        Quant bq{bscales, std::vector<int64_t>(bscales.size(), 0), 0};
        if (c.bias_type == TensorType::kInt64) {
          bias = b.AddConstant<int64_t>(TensorType::kInt64, {c.out_d}, bias_q, bq);
        } else if (c.bias_type == TensorType::kInt32) {
          bias = b.AddConstant<int32_t>(TensorType::kInt32, {c.out_d}, std::vector<int32_t>(bias_q.begin(), bias_q.end()), bq);
        } else {
          bias = b.AddConstant<int16_t>(TensorType::kInt16, {c.out_d}, std::vector<int16_t>(bias_q.begin(), bias_q.end()), bq);
        }
      }
      out = b.AddTensor(c.type, out_shape, Quant{{c.out_scale}, {c.out_zp}});
    }
    auto opts = tflite::CreateTransposeConvOptions(b.fbb(), c.padding, c.stride_w, c.stride_h, c.act);
    std::vector<int32_t> inputs = {shape, filter, in};
    if (c.has_bias) inputs.push_back(bias);
    b.AddOp(tflite::BuiltinOperator_TRANSPOSE_CONV, inputs, {out}, tflite::BuiltinOptions_TransposeConvOptions, opts.Union());
    b.SetInputs({in});
    b.SetOutputs({out});
    return b.Finish();
  }

  // Calls tap(b, y, x, o, input index, filter index) for every contribution, per output in
  // (iy, ix, c) order.
  template <typename Begin, typename Tap, typename End>
  void Gather(Begin begin, Tap tap, End end) const {
    const int32_t pad_h = PadBefore(c.padding, c.out_h, c.f_h, c.stride_h);
    const int32_t pad_w = PadBefore(c.padding, c.out_w, c.f_w, c.stride_w);
    for (int32_t b = 0; b < c.batches; ++b)
      for (int32_t y = 0; y < c.out_h; ++y)
        for (int32_t x = 0; x < c.out_w; ++x)
          for (int32_t o = 0; o < c.out_d; ++o) {
            begin();
            for (int32_t iy = 0; iy < c.in_h; ++iy)
              for (int32_t ix = 0; ix < c.in_w; ++ix)
                for (int32_t ch = 0; ch < c.in_d; ++ch) {
                  const int32_t fy = y + pad_h - iy * c.stride_h;
                  const int32_t fx = x + pad_w - ix * c.stride_w;
                  if (fy < 0 || fy >= c.f_h || fx < 0 || fx >= c.f_w) continue;
                  tap(InIndex(b, iy, ix, ch), WIndex(o, fy, fx, ch));
                }
            end(o);
          }
  }

  std::vector<float> ExpectedFloat() const {
    float lo = -3.4e38f, hi = 3.4e38f;
    if (c.act == tflite::ActivationFunctionType_RELU) lo = 0;
    if (c.act == tflite::ActivationFunctionType_RELU6) lo = 0, hi = 6;
    std::vector<float> out;
    float acc = 0;
    Gather([&] { acc = 0; }, [&](size_t i, size_t w) { acc += in_f[i] * w_f[w]; },
           [&](int32_t o) {
             if (c.has_bias) acc += bias_f[static_cast<size_t>(o)];
             out.push_back(acc < lo ? lo : (acc > hi ? hi : acc));
           });
    return out;
  }

  std::vector<int32_t> ExpectedQuantized() const {
    const int32_t qmin = c.type == TensorType::kInt8 ? -128 : -32768;
    const int32_t qmax = c.type == TensorType::kInt8 ? 127 : 32767;
    int32_t lo = qmin, hi = qmax;
    if (c.act == tflite::ActivationFunctionType_RELU) lo = std::max(qmin, c.out_zp);
    std::vector<int32_t> out;
    int64_t acc = 0;
    Gather([&] { acc = 0; }, [&](size_t i, size_t w) { acc += static_cast<int64_t>(in_q[i] - c.in_zp) * w_q[w]; },
           [&](int32_t o) {
             if (c.has_bias) acc += bias_q[static_cast<size_t>(o)];
             int32_t m = 0;
             int shift = 0;
             math::QuantizeMultiplier(
                 static_cast<double>(c.in_scale) * static_cast<double>(FilterScale(o)) / static_cast<double>(c.out_scale), &m, &shift);
             int32_t v = c.type == TensorType::kInt8 ? math::MultiplyByQuantizedMultiplier(static_cast<int32_t>(acc), m, shift) + c.out_zp
                                                     : math::MultiplyByQuantizedMultiplier(acc, m, shift);
             out.push_back(v < lo ? lo : (v > hi ? hi : v));
           });
    return out;
  }

  void RunAndCheck(const char* variant) {
    Runner r(Build());
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    EXPECT_STREQ(r.interpreter().node(0).variant, variant);
    if (c.type == TensorType::kFloat32) {
      r.SetInput<float>(0, in_f);
      ASSERT_TRUE(r.Invoke().ok());
      const std::vector<float> got = r.Output<float>(0);
      const std::vector<float> want = ExpectedFloat();
      ASSERT_EQ(got.size(), want.size());
      for (size_t i = 0; i < got.size(); ++i) ASSERT_NEAR(got[i], want[i], 1e-5f * std::max(1.0f, std::fabs(want[i]))) << i;
    } else {
      std::vector<int32_t> got;
      if (c.type == TensorType::kInt8) {
        r.SetInput<int8_t>(0, std::vector<int8_t>(in_q.begin(), in_q.end()));
        ASSERT_TRUE(r.Invoke().ok());
        for (int8_t v : r.Output<int8_t>(0)) got.push_back(v);
      } else {
        r.SetInput<int16_t>(0, std::vector<int16_t>(in_q.begin(), in_q.end()));
        ASSERT_TRUE(r.Invoke().ok());
        for (int16_t v : r.Output<int16_t>(0)) got.push_back(v);
      }
      const std::vector<int32_t> want = ExpectedQuantized();
      EXPECT_EQ(got, want);
      // Not degenerate: the outputs are not all saturated.
      size_t saturated = 0;
      for (int32_t v : got) saturated += (v == -128 || v == 127 || v == -32768 || v == 32767) ? 1 : 0;
      EXPECT_LT(saturated, got.size() / 2);
    }
  }
};

std::string Message(const Runner& r) { return std::string(r.allocate_status().message()); }

TEST(TransposeConv, FloatHandComputedValid) {
  // 2x2 input {1, 2; 3, 4}, 2x2 filter {1, 2; 3, 4}, stride 1, VALID: the full correlation, 3x3.
  TConvCase c;
  c.in_h = c.in_w = 2;
  c.in_d = 1;
  c.f_h = c.f_w = 2;
  c.out_d = 1;
  c.padding = tflite::Padding_VALID;
  c.stride_h = c.stride_w = 1;
  TConvRun run(c);
  run.in_f = {1, 2, 3, 4};
  run.w_f = {1, 2, 3, 4};
  run.bias_f = {0.5f};
  Runner r(run.Build());
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference float32");
  r.SetInput<float>(0, run.in_f);
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{1.5f, 4.5f, 4.5f, 6.5f, 20.5f, 16.5f, 9.5f, 24.5f, 16.5f}));
}

TEST(TransposeConv, FloatHandComputedStride2) {
  // Stride 2, SAME, 2x2 filter: the input's pixels stamp non-overlapping copies of the filter.
  TConvCase c;
  c.in_h = c.in_w = 2;
  c.in_d = 1;
  c.f_h = c.f_w = 2;
  c.out_d = 1;
  c.has_bias = false;
  TConvRun run(c);
  run.in_f = {1, 2, 3, 4};
  run.w_f = {1, 2, 3, 4};
  Runner r(run.Build());
  ASSERT_TRUE(r.ok()) << Message(r);
  r.SetInput<float>(0, run.in_f);
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{1, 2, 2, 4, 3, 4, 6, 8, 3, 6, 4, 8, 9, 12, 12, 16}));
}

TEST(TransposeConv, FloatSweep) {
  for (int v = 0; v < 4; ++v) {
    TConvCase c;
    c.seed = static_cast<uint32_t>(10 + v);
    switch (v) {
      case 0:  // SAME stride 2, bias, RELU, two batches
        c.batches = 2;
        c.in_d = 3;
        c.act = tflite::ActivationFunctionType_RELU;
        break;
      case 1:  // VALID, mixed strides, no bias
        c.in_h = 4;
        c.f_h = 2;
        c.stride_h = 1;
        c.out_d = 3;
        c.padding = tflite::Padding_VALID;
        c.has_bias = false;
        break;
      case 2:  // SAME stride 1 with an odd filter (padding on both sides), RELU6
        c.stride_h = c.stride_w = 1;
        c.f_h = 3;
        c.f_w = 2;
        c.act = tflite::ActivationFunctionType_RELU6;
        break;
      default:  // stride larger than the filter: gaps of zeros plus bias
        c.stride_h = c.stride_w = 3;
        c.f_h = c.f_w = 2;
        c.padding = tflite::Padding_VALID;
        break;
    }
    SCOPED_TRACE("case " + std::to_string(v));
    TConvRun(c).RunAndCheck("reference float32");
  }
}

TEST(TransposeConv, Int8PerChannelAndPerTensor) {
  TConvCase c;
  c.type = TensorType::kInt8;
  c.bias_type = TensorType::kInt32;
  c.in_d = 3;
  c.out_d = 4;
  TConvRun(c).RunAndCheck("reference int8");

  TConvCase t = c;
  t.per_channel = false;
  t.has_bias = false;
  t.padding = tflite::Padding_VALID;
  t.stride_h = 1;
  t.act = tflite::ActivationFunctionType_RELU;
  t.seed = 7;
  TConvRun(t).RunAndCheck("reference int8");
}

TEST(TransposeConv, Int16x8Biases) {
  TConvCase c;
  c.type = TensorType::kInt16;
  c.bias_type = TensorType::kInt64;
  c.in_scale = 0.001f;
  c.out_scale = 0.002f;
  c.in_d = 4;
  c.out_d = 3;
  TConvRun(c).RunAndCheck("reference int16x8");

  c.bias_type = TensorType::kInt32;
  c.seed = 3;
  TConvRun(c).RunAndCheck("reference int16x8 (int32 bias)");

  c.bias_type = TensorType::kInt16;
  c.seed = 4;
  c.padding = tflite::Padding_VALID;
  TConvRun(c).RunAndCheck("reference int16x8 (int16 bias)");
}

// An effective scale of 2^14 or more in the 16x8 kernel (here 1.5 * 2^14: multiplier 0.75 * 2^31,
// shift 15): TFLM's rescale shifts by 15 - 15 - 1 = -1 there (undefined); tinyrt gives the exact
// product, acc * 24576, clamped to int16.
TEST(TransposeConv, Int16x8EffectiveScaleBeyondTflmRangeIsExact) {
  for (float out_scale : {1.0f / 24576, 1.0f / (24576.0f * 64)}) {
    ModelBuilder b;
    const int shape = b.AddConstant<int32_t>(TensorType::kInt32, {4}, {1, 2, 2, 1});
    const int filter = b.AddConstant<int8_t>(TensorType::kInt8, {1, 1, 1, 1}, {1}, Quant{{1.0f}, {0}, 0});
    const int in = b.AddTensor(TensorType::kInt16, {1, 2, 2, 1}, Quant{{1.0f}, {0}});
    const int out = b.AddTensor(TensorType::kInt16, {1, 2, 2, 1}, Quant{{out_scale}, {0}});
    auto opts = tflite::CreateTransposeConvOptions(b.fbb(), tflite::Padding_VALID, 1, 1);
    b.AddOp(tflite::BuiltinOperator_TRANSPOSE_CONV, {shape, filter, in}, {out}, tflite::BuiltinOptions_TransposeConvOptions, opts.Union());
    b.SetInputs({in});
    b.SetOutputs({out});
    Runner r(b.Finish());
    ASSERT_TRUE(r.ok()) << Message(r);
    r.SetInput<int16_t>(0, {0, 1, -1, 2});
    ASSERT_TRUE(r.Invoke().ok());
    if (out_scale == 1.0f / 24576) {
      EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{0, 24576, -24576, 32767}));
    } else {  // shift 21: any nonzero accumulator saturates
      EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{0, 32767, -32768, 32767}));
    }
  }
}

TEST(TransposeConv, Rejects) {
  TConvCase hybrid;
  hybrid.type = TensorType::kInt8;
  hybrid.bias_type = TensorType::kInt32;
  TConvRun run(hybrid);
  {
    // Float input with int8 filters: built by hand.
    ModelBuilder b;
    const int shape = b.AddConstant<int32_t>(TensorType::kInt32, {4}, {1, 6, 6, 2});
    const int filter = b.AddConstant<int8_t>(TensorType::kInt8, {2, 3, 3, 2}, run.w_q, Quant{{0.01f}, {0}});
    const int in = b.AddTensor(TensorType::kFloat32, {1, 3, 3, 2});
    const int out = b.AddTensor(TensorType::kFloat32, {1, 6, 6, 2});
    auto opts = tflite::CreateTransposeConvOptions(b.fbb(), tflite::Padding_SAME, 2, 2);
    b.AddOp(tflite::BuiltinOperator_TRANSPOSE_CONV, {shape, filter, in}, {out}, tflite::BuiltinOptions_TransposeConvOptions, opts.Union());
    b.SetInputs({in});
    b.SetOutputs({out});
    Runner r(b.Finish());
    EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
    EXPECT_NE(Message(r).find("TRANSPOSE_CONV (node 0): float32 input needs float32 filters, got int8"), std::string::npos) << Message(r);
  }
  TConvCase bias64 = hybrid;
  bias64.bias_type = TensorType::kInt64;
  Runner r2(TConvRun(bias64).Build());
  EXPECT_NE(Message(r2).find("bias type int64 is not supported with int8 input"), std::string::npos) << Message(r2);

  TConvCase shape = hybrid;
  shape.out_d = 2;
  TConvRun bad(shape);
  {
    // A constant output_shape that disagrees with the output tensor.
    ModelBuilder b;
    const int s = b.AddConstant<int32_t>(TensorType::kInt32, {4}, {1, 7, 6, 2});
    const int filter = b.AddConstant<float>(TensorType::kFloat32, {2, 3, 3, 2}, bad.w_f);
    const int in = b.AddTensor(TensorType::kFloat32, {1, 3, 3, 2});
    const int out = b.AddTensor(TensorType::kFloat32, {1, 6, 6, 2});
    auto opts = tflite::CreateTransposeConvOptions(b.fbb(), tflite::Padding_SAME, 2, 2);
    b.AddOp(tflite::BuiltinOperator_TRANSPOSE_CONV, {s, filter, in}, {out}, tflite::BuiltinOptions_TransposeConvOptions, opts.Union());
    b.SetInputs({in});
    b.SetOutputs({out});
    Runner r3(b.Finish());
    EXPECT_NE(Message(r3).find("output_shape[1] is 7 but the output tensor has 6"), std::string::npos) << Message(r3);
  }
}

}  // namespace
}  // namespace tinyrt
