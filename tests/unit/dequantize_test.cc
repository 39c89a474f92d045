// SPDX-License-Identifier: Apache-2.0
// DEQUANTIZE: scale * (q - zero_point) in float, values worked out by hand.
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

host::AlignedBuffer BuildDequantize(TensorType in_type, const std::vector<int32_t>& shape, const Quant& quant,
                                    TensorType out_type = TensorType::kFloat32) {
  ModelBuilder b;
  const int in = b.AddTensor(in_type, shape, quant);
  const int out = b.AddTensor(out_type, shape);
  b.AddOp(tflite::BuiltinOperator_DEQUANTIZE, {in}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

TEST(Dequantize, Int8) {
  Runner r(BuildDequantize(TensorType::kInt8, {2, 2}, Quant{{0.5f}, {-3}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8");
  r.SetInput<int8_t>(0, {-3, -1, 127, -128});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{0.0f, 1.0f, 65.0f, -62.5f}));
}

TEST(Dequantize, UInt8) {
  Runner r(BuildDequantize(TensorType::kUInt8, {3}, Quant{{0.25f}, {128}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference uint8");
  r.SetInput<uint8_t>(0, {128, 0, 255});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{0.0f, -32.0f, 31.75f}));
}

TEST(Dequantize, Int16) {
  const float scale = 0.001f;
  Runner r(BuildDequantize(TensorType::kInt16, {3}, Quant{{scale}, {0}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int16");
  r.SetInput<int16_t>(0, {1000, -32768, 7});
  ASSERT_TRUE(r.Invoke().ok());
  // One float product per element: scale times the exact integer difference.
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{scale * 1000.0f, scale * -32768.0f, scale * 7.0f}));
}

TEST(Dequantize, RejectsUnsupportedTypes) {
  Runner r(BuildDequantize(TensorType::kFloat32, {2}, Quant{{0.5f}, {0}}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("DEQUANTIZE (node 0): input type float32 is not supported"), std::string::npos)
      << r.allocate_status().message();
  Runner r2(BuildDequantize(TensorType::kInt8, {2}, Quant{{0.5f}, {0}}, TensorType::kInt32));
  EXPECT_NE(std::string(r2.allocate_status().message()).find("output type int32 is not float32"), std::string::npos)
      << r2.allocate_status().message();
  Runner r3(BuildDequantize(TensorType::kInt8, {2}, Quant{{0.5f, 0.25f}, {0, 0}, 0}));
  EXPECT_NE(std::string(r3.allocate_status().message()).find("per-channel is not supported"), std::string::npos)
      << r3.allocate_status().message();
}

}  // namespace
}  // namespace tinyrt
