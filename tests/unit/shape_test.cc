// SPDX-License-Identifier: Apache-2.0
// SHAPE: the input's dimensions, as int32 or int64.
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

OptionsFn OutType(TensorType t) {
  return [t](flatbuffers::FlatBufferBuilder& fbb) { return tflite::CreateShapeOptions(fbb, static_cast<tflite::TensorType>(t)).Union(); };
}

TEST(Shape, Int32AndInt64) {
  Runner r32(OneOp(tflite::BuiltinOperator_SHAPE, {Act(TensorType::kInt8, {1, 5, 2, 3})}, {Act(TensorType::kInt32, {4})},
                   tflite::BuiltinOptions_ShapeOptions, OutType(TensorType::kInt32)));
  ASSERT_TRUE(r32.ok()) << AllocateMessage(r32);
  ASSERT_TRUE(r32.Invoke().ok());
  EXPECT_EQ(r32.Output<int32_t>(0), (std::vector<int32_t>{1, 5, 2, 3}));
  Runner r64(OneOp(tflite::BuiltinOperator_SHAPE, {Act(TensorType::kFloat32, {7, 2})}, {Act(TensorType::kInt64, {2})},
                   tflite::BuiltinOptions_ShapeOptions, OutType(TensorType::kInt64)));
  ASSERT_TRUE(r64.ok()) << AllocateMessage(r64);
  ASSERT_TRUE(r64.Invoke().ok());
  EXPECT_EQ(r64.Output<int64_t>(0), (std::vector<int64_t>{7, 2}));
}

TEST(Shape, Errors) {
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_SHAPE, {Act(TensorType::kInt8, {1, 5})}, {Act(TensorType::kInt32, {3})}),
                     "output 0 dimension 0 is 3, expected 2");
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_SHAPE, {Act(TensorType::kInt8, {1, 5})}, {Act(TensorType::kFloat32, {2})}),
                     "output type float32 is not supported");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
