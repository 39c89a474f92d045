// SPDX-License-Identifier: Apache-2.0
// AVERAGE_POOL_2D: expectations worked out by hand (window sums over in-bounds elements only).
#include <gtest/gtest.h>

#include <string>

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

host::AlignedBuffer BuildPool(const PoolSpec& s, int32_t builtin = tflite::BuiltinOperator_AVERAGE_POOL_2D) {
  ModelBuilder b;
  const int in = b.AddTensor(s.type, s.in_shape, s.in_quant);
  const int out = b.AddTensor(s.type, s.out_shape, s.out_quant);
  auto opts = tflite::CreatePool2DOptions(b.fbb(), s.padding, s.stride_w, s.stride_h, s.filter_w, s.filter_h, s.activation);
  b.AddOp(builtin, {in}, {out}, tflite::BuiltinOptions_Pool2DOptions, opts.Union());
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

TEST(AveragePool2D, FloatValid2x2Stride2) {
  Runner r(BuildPool({{1, 4, 4, 1}, {1, 2, 2, 1}, 2, 2, 2, 2, tflite::Padding_VALID}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference float32");
  r.SetInput<float>(0, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
  ASSERT_TRUE(r.Invoke().ok());
  // (1+2+5+6)/4, (3+4+7+8)/4, (9+10+13+14)/4, (11+12+15+16)/4
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{3.5f, 5.5f, 11.5f, 13.5f}));
}

TEST(AveragePool2D, FloatSameCountsOnlyInBoundsElements) {
  // 3x3 input 1..9, 3x3 filter, stride 1, SAME: one padding row/column on each side.
  Runner r(BuildPool({{1, 3, 3, 1}, {1, 3, 3, 1}, 3, 3, 1, 1, tflite::Padding_SAME}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<float>(0, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  ASSERT_TRUE(r.Invoke().ok());
  // Corner (0,0) averages {1,2,4,5}; edge (0,1) {1..6}; centre all nine.
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{3.0f, 3.5f, 4.0f, 4.5f, 5.0f, 5.5f, 6.0f, 6.5f, 7.0f}));
}

TEST(AveragePool2D, FloatSameOddPaddingGoesAfter) {
  // Width 5, filter 2, stride 2, SAME: 3 outputs, total padding 1, placed after the last column.
  Runner r(BuildPool({{1, 1, 5, 1}, {1, 1, 3, 1}, 1, 2, 1, 2, tflite::Padding_SAME}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<float>(0, {1, 2, 3, 4, 5});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{1.5f, 3.5f, 5.0f}));
}

TEST(AveragePool2D, FloatChannelsBatchesAndRelu6) {
  // 2 batches, 2x2 image, 2 channels, global 2x2 pool; RELU6 clamps.
  PoolSpec s{{2, 2, 2, 2}, {2, 1, 1, 2}, 2, 2, 1, 1, tflite::Padding_VALID, tflite::ActivationFunctionType_RELU6};
  Runner r(BuildPool(s));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<float>(0, {1, -1, 3, -3, 5, -5, 7, -7,    // batch 0: channel 0 {1,3,5,7}, channel 1 negated
                        10, 2, 10, 2, 10, 2, 10, 2});  // batch 1: 10 clamps to 6
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{4.0f, 0.0f, 6.0f, 2.0f}));
}

TEST(AveragePool2D, Int8RoundsHalfAwayFromZero) {
  // Pairs along the width: sums 3, -3, -1, 1, 6 over 2 -> 1.5, -1.5, -0.5, 0.5, 3.
  PoolSpec s{{1, 1, 10, 1}, {1, 1, 5, 1}, 1, 2, 1, 2, tflite::Padding_VALID};
  s.type = TensorType::kInt8;
  s.in_quant = s.out_quant = Quant{{0.5f}, {0}};
  Runner r(BuildPool(s));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  // The optimized variant where built (tests/kernels/int8_equivalence_test.cc compares it with the reference one).
  EXPECT_NE(std::string(r.interpreter().node(0).variant).find("int8"), std::string::npos);
  r.SetInput<int8_t>(0, {1, 2, -1, -2, -1, 0, 1, 0, 127, -121});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{2, -2, -1, 1, 3}));
}

TEST(AveragePool2D, Int8FourElementRoundingAndRelu) {
  // 2x2 windows: sums 6 -> 1.5 -> 2; -6 -> -2; 5 -> 1.25 -> 1; -5 -> -1. Zero point -3, RELU
  // clamps at the quantized 0.0, i.e. -3.
  PoolSpec s{{1, 2, 8, 1}, {1, 1, 4, 1}, 2, 2, 2, 2, tflite::Padding_VALID, tflite::ActivationFunctionType_RELU};
  s.type = TensorType::kInt8;
  s.in_quant = s.out_quant = Quant{{0.25f}, {-3}};
  Runner r(BuildPool(s));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int8_t>(0, {1, 2, -1, -2, 1, 1, -1, -1,  //
                         1, 2, -1, -2, 2, 1, -2, -1});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{2, -2, 1, -1}));  // all >= -3
  s.activation = tflite::ActivationFunctionType_RELU;
  s.in_quant = s.out_quant = Quant{{0.25f}, {0}};  // now RELU clamps at 0
  Runner r0(BuildPool(s));
  ASSERT_TRUE(r0.ok()) << r0.allocate_status().message();
  r0.SetInput<int8_t>(0, {1, 2, -1, -2, 1, 1, -1, -1, 1, 2, -1, -2, 2, 1, -2, -1});
  ASSERT_TRUE(r0.Invoke().ok());
  EXPECT_EQ(r0.Output<int8_t>(0), (std::vector<int8_t>{2, 0, 1, 0}));
}

TEST(AveragePool2D, Int16) {
  PoolSpec s{{1, 1, 6, 1}, {1, 1, 3, 1}, 1, 2, 1, 2, tflite::Padding_VALID};
  s.type = TensorType::kInt16;
  s.in_quant = s.out_quant = Quant{{1.0f / 32768}, {0}};
  Runner r(BuildPool(s));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int16");
  r.SetInput<int16_t>(0, {30000, 30001, -32768, -32767, 5, -6});
  ASSERT_TRUE(r.Invoke().ok());
  // 30000.5 -> 30001; -32767.5 -> -32768; -0.5 -> -1.
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{30001, -32768, -1}));
}

TEST(AveragePool2D, RejectsUnsupportedType) {
  PoolSpec s{{1, 2, 2, 1}, {1, 1, 1, 1}, 2, 2, 1, 1, tflite::Padding_VALID};
  s.type = TensorType::kUInt8;
  s.in_quant = s.out_quant = Quant{{1.0f}, {0}};
  Runner r(BuildPool(s));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("AVERAGE_POOL_2D (node 0): input type uint8 is not supported"),
            std::string::npos)
      << r.allocate_status().message();
}

TEST(AveragePool2D, RejectsWrongOutputShape) {
  Runner r(BuildPool({{1, 4, 4, 1}, {1, 3, 3, 1}, 2, 2, 2, 2, tflite::Padding_VALID}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("should be [1, 2, 2, 1]"), std::string::npos) << r.allocate_status().message();
}

TEST(AveragePool2D, RejectsDifferentOutputQuantization) {
  PoolSpec s{{1, 2, 2, 1}, {1, 1, 1, 1}, 2, 2, 1, 1, tflite::Padding_VALID};
  s.type = TensorType::kInt8;
  s.in_quant = Quant{{0.5f}, {0}};
  s.out_quant = Quant{{0.25f}, {0}};
  Runner r(BuildPool(s));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("quantization must be equal"), std::string::npos)
      << r.allocate_status().message();
}

}  // namespace
}  // namespace tinyrt
