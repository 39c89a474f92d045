// SPDX-License-Identifier: Apache-2.0
// MAX_POOL_2D: expectations worked out by hand.
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

struct PoolSpec {
  std::vector<int32_t> in_shape, out_shape;
  int filter_h, filter_w, stride_h, stride_w;
  tflite::Padding padding;
  tflite::ActivationFunctionType activation = tflite::ActivationFunctionType_NONE;
  TensorType type = TensorType::kFloat32;
  Quant in_quant = {}, out_quant = {};
};

host::AlignedBuffer BuildMaxPool(const PoolSpec& s) {
  ModelBuilder b;
  const int in = b.AddTensor(s.type, s.in_shape, s.in_quant);
  const int out = b.AddTensor(s.type, s.out_shape, s.out_quant);
  auto opts = tflite::CreatePool2DOptions(b.fbb(), s.padding, s.stride_w, s.stride_h, s.filter_w, s.filter_h, s.activation);
  b.AddOp(tflite::BuiltinOperator_MAX_POOL_2D, {in}, {out}, tflite::BuiltinOptions_Pool2DOptions, opts.Union());
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

TEST(MaxPool2D, FloatValid) {
  Runner r(BuildMaxPool({{1, 4, 4, 1}, {1, 2, 2, 1}, 2, 2, 2, 2, tflite::Padding_VALID}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference float32");
  r.SetInput<float>(0, {1, 9, 3, 4, 5, 6, -7, 8, -9, -10, 11, 12, -13, -14, 15, -16});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{9, 8, -9, 15}));
}

TEST(MaxPool2D, FloatSamePaddingIsNotZero) {
  // All-negative input: padded positions must not contribute zeros to the maximum.
  Runner r(BuildMaxPool({{1, 3, 3, 1}, {1, 2, 2, 1}, 3, 3, 2, 2, tflite::Padding_SAME}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<float>(0, {-1, -2, -3, -4, -5, -6, -7, -8, -9});
  ASSERT_TRUE(r.Invoke().ok());
  // Padding 1 on each side: windows at origins (-1,-1), (-1,1), (1,-1), (1,1).
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{-1, -2, -4, -5}));
}

TEST(MaxPool2D, FloatReluAndStride1Overlap) {
  PoolSpec s{{1, 1, 4, 2}, {1, 1, 3, 2}, 1, 2, 1, 1, tflite::Padding_VALID, tflite::ActivationFunctionType_RELU_N1_TO_1};
  Runner r(BuildMaxPool(s));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  // Channel 0: 0.5, -3, -2, 4; channel 1: -5, -6, -0.25, -7.
  r.SetInput<float>(0, {0.5f, -5, -3, -6, -2, -0.25f, 4, -7});
  ASSERT_TRUE(r.Invoke().ok());
  // Maxima per window: ch0 0.5, -2, 4; ch1 -5, -0.25, -0.25; then clamped to [-1, 1].
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{0.5f, -1, -1, -0.25f, 1, -0.25f}));
}

TEST(MaxPool2D, Int8WithActivation) {
  PoolSpec s{{1, 2, 4, 1}, {1, 1, 2, 1}, 2, 2, 2, 2, tflite::Padding_VALID, tflite::ActivationFunctionType_RELU6};
  s.type = TensorType::kInt8;
  s.in_quant = s.out_quant = Quant{{0.1f}, {-10}};  // RELU6 range: [-10, -10 + 60]
  Runner r(BuildMaxPool(s));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8");
  r.SetInput<int8_t>(0, {-128, -100, 127, 3, -50, -20, 0, 1});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{-10, 50}));  // -20 -> -10, 127 -> 50
  PoolSpec plain = s;
  plain.activation = tflite::ActivationFunctionType_NONE;
  Runner r2(BuildMaxPool(plain));
  ASSERT_TRUE(r2.ok()) << r2.allocate_status().message();
  r2.SetInput<int8_t>(0, {-128, -128, -128, 3, -128, -128, 0, 1});
  ASSERT_TRUE(r2.Invoke().ok());
  EXPECT_EQ(r2.Output<int8_t>(0), (std::vector<int8_t>{-128, 3}));
}

TEST(MaxPool2D, Int16) {
  PoolSpec s{{1, 1, 4, 1}, {1, 1, 2, 1}, 1, 2, 1, 2, tflite::Padding_VALID};
  s.type = TensorType::kInt16;
  s.in_quant = s.out_quant = Quant{{1.0f / 32768}, {0}};
  Runner r(BuildMaxPool(s));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int16");
  r.SetInput<int16_t>(0, {-32768, -32767, 32767, 1000});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{-32767, 32767}));
}

TEST(MaxPool2D, RejectsUnsupportedType) {
  PoolSpec s{{1, 2, 2, 1}, {1, 1, 1, 1}, 2, 2, 1, 1, tflite::Padding_VALID};
  s.type = TensorType::kInt32;
  Runner r(BuildMaxPool(s));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("MAX_POOL_2D (node 0): input type int32 is not supported"), std::string::npos)
      << r.allocate_status().message();
}

TEST(MaxPool2D, RejectsMissingOptionsAndNon4D) {
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kFloat32, {1, 2, 2, 1});
  const int out = b.AddTensor(TensorType::kFloat32, {1, 1, 1, 1});
  b.AddOp(tflite::BuiltinOperator_MAX_POOL_2D, {in}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  Runner r(b.Finish());
  EXPECT_NE(std::string(r.allocate_status().message()).find("has no Pool2DOptions"), std::string::npos) << r.allocate_status().message();

  Runner r2(BuildMaxPool({{2, 2, 1}, {1, 1, 1}, 2, 2, 1, 1, tflite::Padding_VALID}));
  EXPECT_NE(std::string(r2.allocate_status().message()).find("must be 4-D"), std::string::npos) << r2.allocate_status().message();
}

}  // namespace
}  // namespace tinyrt
