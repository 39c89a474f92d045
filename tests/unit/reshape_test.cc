// SPDX-License-Identifier: Apache-2.0
// RESHAPE: the bytes are copied unchanged; the shape comes from the shape input or the options.
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

TEST(Reshape, FloatWithConstantShapeInput) {
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kFloat32, {2, 3});
  const int shape = b.AddConstant<int32_t>(TensorType::kInt32, {2}, {3, -1});
  const int out = b.AddTensor(TensorType::kFloat32, {3, 2});
  b.AddOp(tflite::BuiltinOperator_RESHAPE, {in, shape}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  Runner r(b.Finish());
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<float>(0, {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{1, 2, 3, 4, 5, 6}));
}

TEST(Reshape, Int8WithOptions) {
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kInt8, {1, 2, 2, 1}, Quant{{0.5f}, {1}});
  const int out = b.AddTensor(TensorType::kInt8, {1, 4}, Quant{{0.5f}, {1}});
  auto opts = tflite::CreateReshapeOptions(b.fbb(), b.fbb().CreateVector(std::vector<int32_t>{-1, 4}));
  b.AddOp(tflite::BuiltinOperator_RESHAPE, {in}, {out}, tflite::BuiltinOptions_ReshapeOptions, opts.Union());
  b.SetInputs({in});
  b.SetOutputs({out});
  Runner r(b.Finish());
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int8_t>(0, {-128, 0, 5, 127});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{-128, 0, 5, 127}));
}

TEST(Reshape, Int16WithRuntimeShapeUsesOutputTensor) {
  // The shape tensor is a graph input: only the output tensor's static shape is known.
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kInt16, {4});
  const int shape = b.AddTensor(TensorType::kInt32, {2});
  const int out = b.AddTensor(TensorType::kInt16, {2, 2});
  b.AddOp(tflite::BuiltinOperator_RESHAPE, {in, shape}, {out});
  b.SetInputs({in, shape});
  b.SetOutputs({out});
  Runner r(b.Finish());
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int16_t>(0, {-32768, 1, 2, 32767});
  r.SetInput<int32_t>(1, {2, 2});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{-32768, 1, 2, 32767}));
}

TEST(Reshape, RejectsBadShapes) {
  {
    ModelBuilder b;  // element counts differ
    const int in = b.AddTensor(TensorType::kFloat32, {2, 3});
    const int out = b.AddTensor(TensorType::kFloat32, {4});
    b.AddOp(tflite::BuiltinOperator_RESHAPE, {in}, {out});
    b.SetInputs({in});
    b.SetOutputs({out});
    Runner r(b.Finish());
    EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
    EXPECT_NE(std::string(r.allocate_status().message()).find("RESHAPE (node 0): input has 6 elements, output 4"), std::string::npos)
        << r.allocate_status().message();
  }
  {
    ModelBuilder b;  // the shape input disagrees with the output tensor
    const int in = b.AddTensor(TensorType::kFloat32, {2, 3});
    const int shape = b.AddConstant<int32_t>(TensorType::kInt32, {2}, {2, 3});
    const int out = b.AddTensor(TensorType::kFloat32, {3, 2});
    b.AddOp(tflite::BuiltinOperator_RESHAPE, {in, shape}, {out});
    b.SetInputs({in});
    b.SetOutputs({out});
    Runner r(b.Finish());
    EXPECT_NE(std::string(r.allocate_status().message()).find("output dimension 0 is 3 but the requested shape has 2"), std::string::npos)
        << r.allocate_status().message();
  }
  {
    ModelBuilder b;  // two -1
    const int in = b.AddTensor(TensorType::kFloat32, {2, 3});
    const int shape = b.AddConstant<int32_t>(TensorType::kInt32, {2}, {-1, -1});
    const int out = b.AddTensor(TensorType::kFloat32, {3, 2});
    b.AddOp(tflite::BuiltinOperator_RESHAPE, {in, shape}, {out});
    b.SetInputs({in});
    b.SetOutputs({out});
    Runner r(b.Finish());
    EXPECT_NE(std::string(r.allocate_status().message()).find("more than one -1"), std::string::npos) << r.allocate_status().message();
  }
}

TEST(Reshape, RejectsUnsupportedTypes) {
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kFloat32, {4});
  const int out = b.AddTensor(TensorType::kInt32, {4});
  b.AddOp(tflite::BuiltinOperator_RESHAPE, {in}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  Runner r(b.Finish());
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("RESHAPE (node 0): output type int32 differs from input type float32"),
            std::string::npos)
      << r.allocate_status().message();

  ModelBuilder b2;
  const int in2 = b2.AddTensor(TensorType::kString, {4});
  const int out2 = b2.AddTensor(TensorType::kString, {4});
  b2.AddOp(tflite::BuiltinOperator_RESHAPE, {in2}, {out2});
  b2.SetInputs({in2});
  b2.SetOutputs({out2});
  Runner r2(b2.Finish());
  EXPECT_FALSE(r2.ok());
  const std::string message = r2.load_status().ok() ? r2.allocate_status().message() : r2.load_status().message();
  EXPECT_NE(message.find("string"), std::string::npos) << message;
}

}  // namespace
}  // namespace tinyrt
