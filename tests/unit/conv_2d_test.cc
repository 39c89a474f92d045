// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tests/unit/conv_test_util.h"

namespace tinyrt {
namespace {

using conv_test::ConvCase;
using conv_test::ConvRun;
using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

// One CONV_2D node over constant filter/bias; returns the model.
host::AlignedBuffer FloatConv(const std::vector<int32_t>& in_shape, const std::vector<int32_t>& w_shape, const std::vector<float>& w,
                              const std::vector<float>& bias, const std::vector<int32_t>& out_shape, tflite::Padding padding,
                              int32_t stride, int32_t dilation, tflite::ActivationFunctionType act) {
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kFloat32, in_shape);
  const int wt = b.AddConstant<float>(TensorType::kFloat32, w_shape, w);
  std::vector<int32_t> inputs = {in, wt};
  if (!bias.empty()) inputs.push_back(b.AddConstant<float>(TensorType::kFloat32, {w_shape[0]}, bias));
  const int out = b.AddTensor(TensorType::kFloat32, out_shape);
  auto opts = tflite::CreateConv2DOptions(b.fbb(), padding, stride, stride, act, dilation, dilation);
  b.AddOp(tflite::BuiltinOperator_CONV_2D, inputs, {out}, tflite::BuiltinOptions_Conv2DOptions, opts.Union());
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

std::vector<float> RunFloat(host::AlignedBuffer model, const std::vector<float>& input) {
  Runner r(std::move(model));
  EXPECT_TRUE(r.ok()) << r.allocate_status().message();
  if (!r.ok()) return {};
  r.SetInput<float>(0, input);
  EXPECT_TRUE(r.Invoke().ok());
  return r.Output<float>(0);
}

TEST(Conv2D, FloatValidWithBiasAndActivations) {
  // 3x3 image 1..9, 2x2 filter [1 2; 3 4]: windows give 37, 47, 67, 77; bias -50.
  const std::vector<float> image = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  auto run = [&](tflite::ActivationFunctionType act) {
    return RunFloat(FloatConv({1, 3, 3, 1}, {1, 2, 2, 1}, {1, 2, 3, 4}, {-50}, {1, 2, 2, 1}, tflite::Padding_VALID, 1, 1, act), image);
  };
  EXPECT_EQ(run(tflite::ActivationFunctionType_NONE), (std::vector<float>{-13, -3, 17, 27}));
  EXPECT_EQ(run(tflite::ActivationFunctionType_RELU), (std::vector<float>{0, 0, 17, 27}));
  EXPECT_EQ(run(tflite::ActivationFunctionType_RELU6), (std::vector<float>{0, 0, 6, 6}));
  EXPECT_EQ(run(tflite::ActivationFunctionType_RELU_N1_TO_1), (std::vector<float>{-1, -1, 1, 1}));
}

TEST(Conv2D, FloatSamePaddingStride2) {
  // 4x4 image 1..16, 3x3 ones, SAME stride 2: out 2x2, total padding 1 per axis, all of it after
  // the image, so windows start at rows/cols 0 and 2.
  std::vector<float> image(16);
  for (int i = 0; i < 16; ++i) image[i] = static_cast<float>(i + 1);
  const auto out = RunFloat(FloatConv({1, 4, 4, 1}, {1, 3, 3, 1}, std::vector<float>(9, 1.0f), {}, {1, 2, 2, 1}, tflite::Padding_SAME, 2, 1,
                                      tflite::ActivationFunctionType_NONE),
                            image);
  EXPECT_EQ(out, (std::vector<float>{54, 45, 72, 54}));
}

TEST(Conv2D, FloatSamePaddingTwoFilters) {
  // 3x3 ones image, SAME stride 1 (one padding row/column on each side): counting filter gives
  // 4 at corners, 6 at edges, 9 in the middle; the second filter is the negated one.
  std::vector<float> w(18, 1.0f);
  for (int i = 9; i < 18; ++i) w[i] = -1.0f;
  const auto out = RunFloat(
      FloatConv({1, 3, 3, 1}, {2, 3, 3, 1}, w, {0, 1}, {1, 3, 3, 2}, tflite::Padding_SAME, 1, 1, tflite::ActivationFunctionType_NONE),
      std::vector<float>(9, 1.0f));
  EXPECT_EQ(out, (std::vector<float>{4, -3, 6, -5, 4, -3, 6, -5, 9, -8, 6, -5, 4, -3, 6, -5, 4, -3}));
}

TEST(Conv2D, FloatDilation) {
  // 5x5 image v = 5y + x, 2x2 ones filter dilated by 2 (effective 3x3), VALID: taps (y,x),
  // (y,x+2), (y+2,x), (y+2,x+2) sum to 20y + 4x + 24.
  std::vector<float> image(25);
  for (int i = 0; i < 25; ++i) image[i] = static_cast<float>(i);
  const auto out = RunFloat(FloatConv({1, 5, 5, 1}, {1, 2, 2, 1}, {1, 1, 1, 1}, {}, {1, 3, 3, 1}, tflite::Padding_VALID, 1, 2,
                                      tflite::ActivationFunctionType_NONE),
                            image);
  EXPECT_EQ(out, (std::vector<float>{24, 28, 32, 44, 48, 52, 64, 68, 72}));
}

TEST(Conv2D, Int8PerChannelSamePaddingSkipsPaddedTaps) {
  // Input scale 0.5, zero point -1: real [1 2; 3 4] is q [1 3; 5 7]. Filters (3x3 SAME, per
  // channel): channel 0 all q=4 at scale 0.25 (real 1), channel 1 only the centre q=2 at scale
  // 0.5 (real 1). Output scale 1, zero point 3. Padded taps must contribute nothing (not
  // filter * input_offset).
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kInt8, {1, 2, 2, 1}, Quant{{0.5f}, {-1}});
  std::vector<int8_t> w(18, 0);
  for (int i = 0; i < 9; ++i) w[i] = 4;
  w[9 + 4] = 2;
  const int wt = b.AddConstant<int8_t>(TensorType::kInt8, {2, 3, 3, 1}, w, Quant{{0.25f, 0.5f}, {0, 0}, 0});
  // Bias: channel 0 q=4 at scale 0.125 (real 0.5); channel 1 q=-2 at scale 0.25 (real -0.5).
  const int bias = b.AddConstant<int32_t>(TensorType::kInt32, {2}, {4, -2}, Quant{{0.125f, 0.25f}, {0, 0}, 0});
  const int out = b.AddTensor(TensorType::kInt8, {1, 2, 2, 2}, Quant{{1.0f}, {3}});
  auto opts = tflite::CreateConv2DOptions(b.fbb(), tflite::Padding_SAME, 1, 1);
  b.AddOp(tflite::BuiltinOperator_CONV_2D, {in, wt, bias}, {out}, tflite::BuiltinOptions_Conv2DOptions, opts.Union(), 3);
  b.SetInputs({in});
  b.SetOutputs({out});
  Runner r(b.Finish());
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int8_t>(0, {1, 3, 5, 7});
  ASSERT_TRUE(r.Invoke().ok());
  // Channel 0: every window covers the whole image: 10 + 0.5 = 10.5 -> 11 (acc 84 * 1/8), +3.
  // Channel 1: the pixel itself - 0.5: 0.5, 1.5, 2.5, 3.5 -> 1, 2, 3, 4 (half away), +3.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{14, 4, 14, 5, 14, 6, 14, 7}));
}

TEST(Conv2D, Int8ClampsToActivationRange) {
  // 1x1 conv, scale 1 everywhere, output zero point -10: RELU6 clamps to [-10, -4].
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kInt8, {1, 1, 4, 1}, Quant{{1.0f}, {0}});
  const int wt = b.AddConstant<int8_t>(TensorType::kInt8, {1, 1, 1, 1}, {1}, Quant{{1.0f}, {0}});
  const int out = b.AddTensor(TensorType::kInt8, {1, 1, 4, 1}, Quant{{1.0f}, {-10}});
  auto opts = tflite::CreateConv2DOptions(b.fbb(), tflite::Padding_VALID, 1, 1, tflite::ActivationFunctionType_RELU6);
  b.AddOp(tflite::BuiltinOperator_CONV_2D, {in, wt}, {out}, tflite::BuiltinOptions_Conv2DOptions, opts.Union());
  b.SetInputs({in});
  b.SetOutputs({out});
  Runner r(b.Finish());
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int8_t>(0, {-3, 2, 5, 9});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{-10, -8, -5, -4}));
}

// 16x8 with input and filter scale 1, output scale 3 (multiplier 1/3 = 1431655765 * 2^-32) and
// accumulator 2*30000 + 1*1 = 60001 (real 20000.33). TFLM's 32-bit path rounds twice
// (40000.67 -> 40001, then /2 -> 20000.5 -> 20001); its 64-bit path uses a 16-bit multiplier
// 21845 and gives (60001*21845 + 2^15) >> 16 = 20000.
std::vector<int16_t> Run16x8(TensorType bias_type, bool has_bias, tflite::TensorType quantized_bias_type = tflite::TensorType_FLOAT32) {
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kInt16, {1, 1, 1, 2}, Quant{{1.0f}, {0}});
  const int wt = b.AddConstant<int8_t>(TensorType::kInt8, {1, 1, 1, 2}, {2, 1}, Quant{{1.0f}, {0}});
  std::vector<int32_t> inputs = {in, wt};
  if (has_bias && bias_type == TensorType::kInt64)
    inputs.push_back(b.AddConstant<int64_t>(TensorType::kInt64, {1}, {0}, Quant{{1.0f}, {0}}));
  if (has_bias && bias_type == TensorType::kInt32)
    inputs.push_back(b.AddConstant<int32_t>(TensorType::kInt32, {1}, {0}, Quant{{1.0f}, {0}}));
  const int out = b.AddTensor(TensorType::kInt16, {1, 1, 1, 1}, Quant{{3.0f}, {0}});
  auto opts =
      tflite::CreateConv2DOptions(b.fbb(), tflite::Padding_VALID, 1, 1, tflite::ActivationFunctionType_NONE, 1, 1, quantized_bias_type);
  b.AddOp(tflite::BuiltinOperator_CONV_2D, inputs, {out}, tflite::BuiltinOptions_Conv2DOptions, opts.Union(), 8);
  b.SetInputs({in});
  b.SetOutputs({out});
  Runner r(b.Finish());
  EXPECT_TRUE(r.ok()) << r.allocate_status().message();
  if (!r.ok()) return {};
  r.SetInput<int16_t>(0, {30000, 1});
  EXPECT_TRUE(r.Invoke().ok());
  return r.Output<int16_t>(0);
}

TEST(Conv2D, Int16x8AccumulatorFollowsBiasType) {
  EXPECT_EQ(Run16x8(TensorType::kInt64, true), (std::vector<int16_t>{20000}));
  EXPECT_EQ(Run16x8(TensorType::kInt32, true), (std::vector<int16_t>{20001}));
}

// Without a bias TFLM sums in 64 bits unless the options' quantized_bias_type is INT32 (the
// differential run's off-by-one: tinyrt used 32 bits).
TEST(Conv2D, Int16NoBiasAccumulatesIn64BitsUnlessInt32) {
  EXPECT_EQ(Run16x8(TensorType::kInt32, false), (std::vector<int16_t>{20000}));
  EXPECT_EQ(Run16x8(TensorType::kInt32, false, tflite::TensorType_INT64), (std::vector<int16_t>{20000}));
  EXPECT_EQ(Run16x8(TensorType::kInt32, false, tflite::TensorType_INT32), (std::vector<int16_t>{20001}));
}

// Against the naive reference: every type, padding, stride, dilation, activation, batch and group.
ConvCase Case(TensorType type, TensorType bias_type) {
  ConvCase c;
  c.type = type;
  c.bias_type = bias_type;
  return c;
}

std::vector<ConvCase> Variants(ConvCase base) {
  std::vector<ConvCase> cases;
  ConvCase c = base;
  cases.push_back(c);  // 5x5x2 3x3 -> 3, VALID
  c = base, c.padding = tflite::Padding_SAME, c.act = tflite::ActivationFunctionType_RELU, c.seed = 2;
  cases.push_back(c);
  c = base, c.batches = 2, c.in_h = 7, c.in_w = 6, c.stride_h = 2, c.stride_w = 3, c.padding = tflite::Padding_SAME, c.seed = 3;
  cases.push_back(c);
  c = base, c.in_h = 8, c.in_w = 7, c.dil_h = 2, c.dil_w = 3, c.padding = tflite::Padding_SAME,
  c.act = tflite::ActivationFunctionType_RELU6, c.seed = 4;
  cases.push_back(c);
  c = base, c.in_h = 9, c.in_w = 8, c.f_h = 2, c.f_w = 4, c.stride_h = 2, c.dil_w = 2, c.act = tflite::ActivationFunctionType_RELU_N1_TO_1,
  c.seed = 5;
  cases.push_back(c);
  c = base, c.in_d = 4, c.filter_depth = 2, c.out_d = 6, c.padding = tflite::Padding_SAME, c.seed = 6;  // 2 groups
  cases.push_back(c);
  c = base, c.in_d = 6, c.filter_depth = 2, c.out_d = 3, c.batches = 2, c.has_bias = false, c.seed = 7;  // 3 groups, no bias
  cases.push_back(c);
  c = base, c.in_h = 4, c.in_w = 4, c.f_h = 4, c.f_w = 4, c.in_d = 8, c.out_d = 5, c.padding = tflite::Padding_SAME, c.stride_h = 3,
  c.stride_w = 3, c.seed = 8;  // even filter: the odd padding goes after the image
  cases.push_back(c);
  c = base, c.f_h = 1, c.f_w = 1, c.in_d = 3, c.out_d = 4, c.batches = 3, c.seed = 9;
  cases.push_back(c);
  return cases;
}

TEST(Conv2D, FloatMatchesNaiveReference) {
  for (const ConvCase& c : Variants(Case(TensorType::kFloat32, TensorType::kFloat32))) {
    SCOPED_TRACE(c.seed);
    ConvRun(c).Check();
  }
}

TEST(Conv2D, Int8PerChannelMatchesNaiveReference) {
  for (const ConvCase& c : Variants(Case(TensorType::kInt8, TensorType::kInt32))) {
    SCOPED_TRACE(c.seed);
    ConvRun(c).Check();
  }
}

TEST(Conv2D, Int8PerTensorMatchesNaiveReference) {
  ConvCase base = Case(TensorType::kInt8, TensorType::kInt32);
  base.per_channel = false;
  base.in_zp = -128;
  base.out_zp = 127;
  for (const ConvCase& c : Variants(base)) {
    SCOPED_TRACE(c.seed);
    ConvRun(c).Check();
  }
}

TEST(Conv2D, Int16x8MatchesNaiveReference) {
  for (TensorType bias_type : {TensorType::kInt64, TensorType::kInt32}) {
    ConvCase base = Case(TensorType::kInt16, bias_type);
    base.in_scale = 0.001f;
    base.out_scale = 0.02f;
    for (const ConvCase& c : Variants(base)) {
      SCOPED_TRACE(c.seed);
      ConvRun(c).Check();
    }
  }
}

// Effective multipliers of 128 and more, every bias kind: the 32-bit path's left shift wraps as
// TFLM's does, the 64-bit path does not (tests/unit/tflm_arith.h works both out).
TEST(Conv2D, Int16NoBiasAndLargeMultiplierMatchNaiveReference) {
  for (bool has_bias : {false, true}) {
    for (TensorType bias_type : {TensorType::kInt64, TensorType::kInt32}) {
      for (tflite::TensorType qbt : {tflite::TensorType_FLOAT32, tflite::TensorType_INT32}) {
        for (float out_scale : {0.02f, 1e-8f}) {  // effective multipliers about 0.1-0.6, and 200-1200
          if (has_bias && qbt != tflite::TensorType_FLOAT32) continue;
          ConvCase base = Case(TensorType::kInt16, bias_type);
          base.has_bias = has_bias;
          base.quantized_bias_type = qbt;
          base.in_scale = 0.001f;
          base.out_scale = out_scale;
          for (const ConvCase& c : Variants(base)) {
            SCOPED_TRACE(c.seed);
            ConvRun(c).Check();
          }
        }
      }
    }
  }
}

// ---- Rejections ---------------------------------------------------------------------------

std::string ConvError(TensorType in_type, TensorType w_type, TensorType out_type, const std::vector<int32_t>& out_shape = {1, 3, 3, 2},
                      tflite::ActivationFunctionType act = tflite::ActivationFunctionType_NONE, int32_t in_depth = 2) {
  ModelBuilder b;
  const Quant q{{0.5f}, {0}};
  const int in = b.AddTensor(in_type, {1, 5, 5, in_depth}, q);
  const int wt = b.AddConstantBytes(w_type, {2, 3, 3, 2}, std::vector<uint8_t>(36 * 4).data(), 36 * TensorTypeSize(w_type), q);
  const int out = b.AddTensor(out_type, out_shape, q);
  auto opts = tflite::CreateConv2DOptions(b.fbb(), tflite::Padding_VALID, 1, 1, act);
  b.AddOp(tflite::BuiltinOperator_CONV_2D, {in, wt}, {out}, tflite::BuiltinOptions_Conv2DOptions, opts.Union());
  b.SetInputs({in});
  b.SetOutputs({out});
  return conv_test::AllocateError(b.Finish());
}

TEST(Conv2D, RejectsUnsupportedTypes) {
  std::string e = ConvError(TensorType::kUInt8, TensorType::kUInt8, TensorType::kUInt8);
  EXPECT_NE(e.find("CONV_2D (node 0)"), std::string::npos) << e;
  EXPECT_NE(e.find("input type uint8 is not supported"), std::string::npos) << e;
  e = ConvError(TensorType::kFloat32, TensorType::kInt8, TensorType::kFloat32);
  EXPECT_NE(e.find("hybrid"), std::string::npos) << e;
  e = ConvError(TensorType::kInt16, TensorType::kInt16, TensorType::kInt16);
  EXPECT_NE(e.find("needs int8 filters, got int16"), std::string::npos) << e;
  e = ConvError(TensorType::kInt8, TensorType::kInt8, TensorType::kInt16);
  EXPECT_NE(e.find("differs from input type"), std::string::npos) << e;
}

TEST(Conv2D, RejectsBadShapesAndActivations) {
  std::string e = ConvError(TensorType::kInt8, TensorType::kInt8, TensorType::kInt8, {1, 2, 3, 2});
  EXPECT_NE(e.find("does not match the computed [1, 3, 3, 2]"), std::string::npos) << e;
  e = ConvError(TensorType::kInt8, TensorType::kInt8, TensorType::kInt8, {1, 3, 3, 2}, tflite::ActivationFunctionType_TANH);
  EXPECT_NE(e.find("fused activation 4 is not supported"), std::string::npos) << e;
  e = ConvError(TensorType::kFloat32, TensorType::kFloat32, TensorType::kFloat32, {1, 3, 3, 2}, tflite::ActivationFunctionType_NONE, 3);
  EXPECT_NE(e.find("filter depth 2 does not divide the input depth 3"), std::string::npos) << e;
}

TEST(Conv2D, RejectsInt8FilterWithZeroPoint) {
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kInt8, {1, 1, 1, 1}, Quant{{1.0f}, {0}});
  const int wt = b.AddConstant<int8_t>(TensorType::kInt8, {1, 1, 1, 1}, {1}, Quant{{1.0f}, {5}});
  const int out = b.AddTensor(TensorType::kInt8, {1, 1, 1, 1}, Quant{{1.0f}, {0}});
  auto opts = tflite::CreateConv2DOptions(b.fbb(), tflite::Padding_VALID, 1, 1);
  b.AddOp(tflite::BuiltinOperator_CONV_2D, {in, wt}, {out}, tflite::BuiltinOptions_Conv2DOptions, opts.Union());
  b.SetInputs({in});
  b.SetOutputs({out});
  const std::string e = conv_test::AllocateError(b.Finish());
  EXPECT_NE(e.find("filter zero point 5 of channel 0 is not 0"), std::string::npos) << e;
}

TEST(Conv2D, RejectsZeroStride) {
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kFloat32, {1, 2, 2, 1});
  const int wt = b.AddConstant<float>(TensorType::kFloat32, {1, 1, 1, 1}, {1});
  const int out = b.AddTensor(TensorType::kFloat32, {1, 2, 2, 1});
  auto opts = tflite::CreateConv2DOptions(b.fbb(), tflite::Padding_VALID, 0, 1);
  b.AddOp(tflite::BuiltinOperator_CONV_2D, {in, wt}, {out}, tflite::BuiltinOptions_Conv2DOptions, opts.Union());
  b.SetInputs({in});
  b.SetOutputs({out});
  const std::string e = conv_test::AllocateError(b.Finish());
  EXPECT_NE(e.find("strides must be positive"), std::string::npos) << e;
}

}  // namespace
}  // namespace tinyrt
