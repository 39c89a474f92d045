// SPDX-License-Identifier: Apache-2.0
// DYNAMIC_UPDATE_SLICE: hand-written results, start indices clamped so the update fits.
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(DynamicUpdateSlice, FloatClampedStart) {
  // operand 3x4 of zeros, update 2x2, start [2, 3] clamps to [1, 2].
  Runner r(OneOp(tflite::BuiltinOperator_DYNAMIC_UPDATE_SLICE,
                 {Act(TensorType::kFloat32, {3, 4}), Act(TensorType::kFloat32, {2, 2}), Act(TensorType::kInt32, {2})},
                 {Act(TensorType::kFloat32, {3, 4})}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<float>(0, std::vector<float>(12, 0.0f));
  r.SetInput<float>(1, {1, 2, 3, 4});
  r.SetInput<int32_t>(2, {2, 3});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4}));
  // A negative start clamps to 0.
  r.SetInput<int32_t>(2, {-1, 1});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0}));
}

TEST(DynamicUpdateSlice, Int16Int64ConstantStart) {
  Runner r(OneOp(tflite::BuiltinOperator_DYNAMIC_UPDATE_SLICE,
                 {Act(TensorType::kInt16, {2, 3}), Act(TensorType::kInt16, {2, 1}), Const<int64_t>(TensorType::kInt64, {2}, {0, 1})},
                 {Act(TensorType::kInt16, {2, 3})}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int16_t>(0, {1, 2, 3, 4, 5, 6});
  r.SetInput<int16_t>(1, {-7, -8});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{1, -7, 3, 4, -8, 6}));
}

TEST(DynamicUpdateSlice, Errors) {
  ExpectPrepareError(
      OneOp(tflite::BuiltinOperator_DYNAMIC_UPDATE_SLICE,
            {Act(TensorType::kInt8, {2}), Act(TensorType::kInt8, {3}), Act(TensorType::kInt32, {1})}, {Act(TensorType::kInt8, {2})}),
      "update dimension 0 is larger than the operand's");
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_DYNAMIC_UPDATE_SLICE,
                           {Act(TensorType::kFloat16, {2}), Act(TensorType::kFloat16, {1}), Act(TensorType::kInt32, {1})},
                           {Act(TensorType::kFloat16, {2})}),
                     "operand type float16 is not supported");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
