// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

TEST(FullyConnected, FloatWithBiasAndRelu) {
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kFloat32, {2, 3});
  const int w = b.AddConstant<float>(TensorType::kFloat32, {2, 3}, {1, 2, 3, -1, -2, -3});
  const int bias = b.AddConstant<float>(TensorType::kFloat32, {2}, {0.5f, 0.25f});
  const int out = b.AddTensor(TensorType::kFloat32, {2, 2});
  auto opts = tflite::CreateFullyConnectedOptions(b.fbb(), tflite::ActivationFunctionType_RELU);
  b.AddOp(tflite::BuiltinOperator_FULLY_CONNECTED, {in, w, bias}, {out}, tflite::BuiltinOptions_FullyConnectedOptions, opts.Union());
  b.SetInputs({in});
  b.SetOutputs({out});
  Runner r(b.Finish());
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<float>(0, {1, 1, 1, 1, 0, -1});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{6.5f, 0.0f, 0.0f, 2.25f}));
}

TEST(FullyConnected, Int8PerTensorMatchesHandComputed) {
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kInt8, {1, 4}, Quant{{0.5f}, {-1}});
  const int w = b.AddConstant<int8_t>(TensorType::kInt8, {2, 4}, {1, 2, 3, 4, -4, -3, -2, -1}, Quant{{0.25f}, {0}});
  const int bias = b.AddConstant<int32_t>(TensorType::kInt32, {2}, {8, -8}, Quant{{0.125f}, {0}});
  const int out = b.AddTensor(TensorType::kInt8, {1, 2}, Quant{{1.0f}, {3}});
  b.AddOp(tflite::BuiltinOperator_FULLY_CONNECTED, {in, w, bias}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  Runner r(b.Finish());
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  // Real input: (q+1)*0.5 for q = {1,3,5,7} -> {1,2,3,4}; real weights /4.
  r.SetInput<int8_t>(0, {1, 3, 5, 7});
  ASSERT_TRUE(r.Invoke().ok());
  // Row 0: (1+4+9+16)/4 + 1 = 8.5 -> rounds half away to 9, +3 zero point = 12 (acc 68 * 1/8 = 8.5).
  // Row 1: -(4+6+6+4)/4 - 1 = -6 -> -3.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{12, -3}));
}

TEST(FullyConnected, RejectsHybridWeights) {
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kFloat32, {1, 2});
  const int w = b.AddConstant<int8_t>(TensorType::kInt8, {1, 2}, {1, 2}, Quant{{0.5f}, {0}});
  const int out = b.AddTensor(TensorType::kFloat32, {1, 1});
  b.AddOp(tflite::BuiltinOperator_FULLY_CONNECTED, {in, w}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  Runner r(b.Finish());
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("FULLY_CONNECTED (node 0)"), std::string::npos)
      << r.allocate_status().message();
}

}  // namespace
}  // namespace tinyrt
