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

TEST(DepthwiseConv2D, FloatDepthMultiplierHandComputed) {
  // 2x2 image with 2 channels: channel 0 = [1 2; 3 4], channel 1 = [10 20; 30 40]. 2x2 VALID
  // filter, depth multiplier 2: output channel c*2+m uses input channel c.
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kFloat32, {1, 2, 2, 2});
  // filter[0, fy, fx, oc]: oc0 = ones, oc1 = [1 0; 0 0], oc2 = [0 0; 0 1], oc3 = [1 -1; -1 1].
  const int wt =
      b.AddConstant<float>(TensorType::kFloat32, {1, 2, 2, 4}, {1, 1, 0, 1, /**/ 1, 0, 0, -1, /**/ 1, 0, 0, -1, /**/ 1, 0, 1, 1});
  const int bias = b.AddConstant<float>(TensorType::kFloat32, {4}, {0.5f, 0, 0, -1});
  const int out = b.AddTensor(TensorType::kFloat32, {1, 1, 1, 4});
  auto opts = tflite::CreateDepthwiseConv2DOptions(b.fbb(), tflite::Padding_VALID, 1, 1, 2);
  b.AddOp(tflite::BuiltinOperator_DEPTHWISE_CONV_2D, {in, wt, bias}, {out}, tflite::BuiltinOptions_DepthwiseConv2DOptions, opts.Union());
  b.SetInputs({in});
  b.SetOutputs({out});
  Runner r(b.Finish());
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<float>(0, {1, 10, 2, 20, 3, 30, 4, 40});
  ASSERT_TRUE(r.Invoke().ok());
  // oc0: 1+2+3+4 + 0.5; oc1: 1; oc2: 40; oc3: 10-20-30+40 - 1.
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{10.5f, 1, 40, -1}));
}

TEST(DepthwiseConv2D, Int8SingleInputChannelMultiplier8) {
  // micro_speech's layout: one input channel, depth multiplier 8. 1x1 filter q = oc+1 (scale
  // 0.5), input scale 1 zero point 2, output scale 1 zero point -1, RELU.
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kInt8, {1, 1, 2, 1}, Quant{{1.0f}, {2}});
  const int wt = b.AddConstant<int8_t>(TensorType::kInt8, {1, 1, 1, 8}, {1, 2, 3, 4, 5, 6, 7, 8},
                                       Quant{std::vector<float>(8, 0.5f), std::vector<int64_t>(8, 0), 3});
  const int out = b.AddTensor(TensorType::kInt8, {1, 1, 2, 8}, Quant{{1.0f}, {-1}});
  auto opts = tflite::CreateDepthwiseConv2DOptions(b.fbb(), tflite::Padding_SAME, 1, 1, 8, tflite::ActivationFunctionType_RELU);
  b.AddOp(tflite::BuiltinOperator_DEPTHWISE_CONV_2D, {in, wt}, {out}, tflite::BuiltinOptions_DepthwiseConv2DOptions, opts.Union(), 3);
  b.SetInputs({in});
  b.SetOutputs({out});
  Runner r(b.Finish());
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int8_t>(0, {5, -1});  // real 3 and -3
  ASSERT_TRUE(r.Invoke().ok());
  // Pixel 0: 3 * (oc+1)/2 = 1.5, 3, 4.5, ... -> 2, 3, 5, 6, 8, 9, 11, 12 (half away), -1.
  // Pixel 1: negative, clamped by RELU to the zero point -1.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{1, 2, 4, 5, 7, 8, 10, 11, -1, -1, -1, -1, -1, -1, -1, -1}));
}

std::vector<ConvCase> Variants(ConvCase base) {
  base.depthwise = true;
  std::vector<ConvCase> cases;
  ConvCase c = base;
  c.in_d = 3, c.out_d = 3;
  cases.push_back(c);
  c = base, c.in_d = 2, c.out_d = 4, c.padding = tflite::Padding_SAME, c.act = tflite::ActivationFunctionType_RELU, c.seed = 2;
  cases.push_back(c);
  c = base, c.batches = 2, c.in_h = 7, c.in_w = 6, c.in_d = 2, c.out_d = 6, c.stride_h = 2, c.stride_w = 3,
  c.padding = tflite::Padding_SAME, c.seed = 3;
  cases.push_back(c);
  c = base, c.in_h = 8, c.in_w = 7, c.in_d = 3, c.out_d = 3, c.dil_h = 2, c.dil_w = 3, c.padding = tflite::Padding_SAME,
  c.act = tflite::ActivationFunctionType_RELU6, c.seed = 4;
  cases.push_back(c);
  c = base, c.in_h = 9, c.in_w = 8, c.in_d = 2, c.out_d = 2, c.f_h = 2, c.f_w = 4, c.stride_h = 2, c.dil_w = 2,
  c.act = tflite::ActivationFunctionType_RELU_N1_TO_1, c.seed = 5;
  cases.push_back(c);
  c = base, c.in_h = 10, c.in_w = 4, c.in_d = 1, c.out_d = 8, c.f_h = 10, c.f_w = 8, c.stride_h = 2, c.stride_w = 2,
  c.padding = tflite::Padding_SAME, c.has_bias = false, c.seed = 6;  // micro_speech-like: 1 channel x 8
  cases.push_back(c);
  c = base, c.in_h = 4, c.in_w = 4, c.f_h = 4, c.f_w = 4, c.in_d = 4, c.out_d = 4, c.padding = tflite::Padding_SAME, c.batches = 3,
  c.seed = 7;  // even filter: the odd padding goes after the image
  cases.push_back(c);
  return cases;
}

TEST(DepthwiseConv2D, FloatMatchesNaiveReference) {
  ConvCase base;
  for (const ConvCase& c : Variants(base)) {
    SCOPED_TRACE(c.seed);
    ConvRun(c).Check();
  }
}

TEST(DepthwiseConv2D, Int8PerChannelMatchesNaiveReference) {
  ConvCase base;
  base.type = TensorType::kInt8;
  base.bias_type = TensorType::kInt32;
  for (const ConvCase& c : Variants(base)) {
    SCOPED_TRACE(c.seed);
    ConvRun(c).Check();
  }
}

TEST(DepthwiseConv2D, Int8PerTensorMatchesNaiveReference) {
  ConvCase base;
  base.type = TensorType::kInt8;
  base.bias_type = TensorType::kInt32;
  base.per_channel = false;
  base.in_zp = 127;
  base.out_zp = -128;
  for (const ConvCase& c : Variants(base)) {
    SCOPED_TRACE(c.seed);
    ConvRun(c).Check();
  }
}

TEST(DepthwiseConv2D, Int16x8MatchesNaiveReference) {
  ConvCase base;
  base.type = TensorType::kInt16;
  base.bias_type = TensorType::kInt64;
  base.in_scale = 0.001f;
  base.out_scale = 0.01f;
  for (const ConvCase& c : Variants(base)) {
    SCOPED_TRACE(c.seed);
    ConvRun(c).Check();
  }
}

// ---- Rejections ---------------------------------------------------------------------------

std::string DepthwiseError(TensorType type, TensorType w_type, int32_t multiplier, const std::vector<int32_t>& w_shape = {1, 3, 3, 4},
                           TensorType bias_type = TensorType::kFloat32, bool has_bias = false) {
  ModelBuilder b;
  const Quant q{{0.5f}, {0}};
  const int in = b.AddTensor(type, {1, 5, 5, 2}, q);
  const int wt = b.AddConstantBytes(w_type, w_shape, std::vector<uint8_t>(36 * 4).data(), 36 * TensorTypeSize(w_type), q);
  std::vector<int32_t> inputs = {in, wt};
  if (has_bias) inputs.push_back(b.AddConstantBytes(bias_type, {4}, std::vector<uint8_t>(32).data(), 4 * TensorTypeSize(bias_type), q));
  const int out = b.AddTensor(type, {1, 3, 3, 4}, q);
  auto opts = tflite::CreateDepthwiseConv2DOptions(b.fbb(), tflite::Padding_VALID, 1, 1, multiplier);
  b.AddOp(tflite::BuiltinOperator_DEPTHWISE_CONV_2D, inputs, {out}, tflite::BuiltinOptions_DepthwiseConv2DOptions, opts.Union());
  b.SetInputs({in});
  b.SetOutputs({out});
  return conv_test::AllocateError(b.Finish());
}

TEST(DepthwiseConv2D, RejectsUnsupported) {
  std::string e = DepthwiseError(TensorType::kUInt8, TensorType::kUInt8, 2);
  EXPECT_NE(e.find("DEPTHWISE_CONV_2D (node 0)"), std::string::npos) << e;
  EXPECT_NE(e.find("input type uint8 is not supported"), std::string::npos) << e;
  e = DepthwiseError(TensorType::kFloat32, TensorType::kInt8, 2);
  EXPECT_NE(e.find("hybrid"), std::string::npos) << e;
  e = DepthwiseError(TensorType::kInt8, TensorType::kInt8, 1);
  EXPECT_NE(e.find("depth_multiplier 1 does not turn 2 input channels into 4"), std::string::npos) << e;
  e = DepthwiseError(TensorType::kInt8, TensorType::kInt8, 2, {4, 3, 3, 1});
  EXPECT_NE(e.find("is not [1, H, W, 4]"), std::string::npos) << e;
  // TFLM's 16x8 depthwise kernel takes int64 bias only.
  e = DepthwiseError(TensorType::kInt16, TensorType::kInt8, 2, {1, 3, 3, 4}, TensorType::kInt32, true);
  EXPECT_NE(e.find("bias type int32 is not supported with int16 input"), std::string::npos) << e;
}

}  // namespace
}  // namespace tinyrt
