// SPDX-License-Identifier: Apache-2.0
// EXPAND_DIMS: the output holds the input's values unchanged under the new shape; int32 is beyond
// TFLM (REJECTED.md: expand_dims__int32).
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(ExpandDims, Int32AxisZero) {
  Runner r(OneOp(tflite::BuiltinOperator_EXPAND_DIMS, {Act(TensorType::kInt32, {6}), Const<int32_t>(TensorType::kInt32, {1}, {0})},
                 {Act(TensorType::kInt32, {1, 6})}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int32_t>(0, {-5, 7, 100000, 3, -2147483647, 9});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{-5, 7, 100000, 3, -2147483647, 9}));
}

TEST(ExpandDims, FloatNegativeAxisInt64) {
  Runner r(OneOp(tflite::BuiltinOperator_EXPAND_DIMS, {Act(TensorType::kFloat32, {2, 2}), Const<int64_t>(TensorType::kInt64, {}, {-1})},
                 {Act(TensorType::kFloat32, {2, 2, 1})}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<float>(0, {1.5f, -2.0f, 3.25f, 0.0f});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{1.5f, -2.0f, 3.25f, 0.0f}));
}

TEST(ExpandDims, Errors) {
  // Output shape that does not match the axis.
  ExpectPrepareError(
      OneOp(tflite::BuiltinOperator_EXPAND_DIMS, {Act(TensorType::kInt8, {3, 4}), Const<int32_t>(TensorType::kInt32, {1}, {0})},
            {Act(TensorType::kInt8, {3, 1, 4})}),
      "output 0 dimension 0 is 3, expected 1");
  ExpectPrepareError(
      OneOp(tflite::BuiltinOperator_EXPAND_DIMS, {Act(TensorType::kFloat16, {3}), Const<int32_t>(TensorType::kInt32, {1}, {0})},
            {Act(TensorType::kFloat16, {1, 3})}),
      "input type float16 is not supported");
  // A run-time axis.
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_EXPAND_DIMS, {Act(TensorType::kInt8, {3}), Act(TensorType::kInt32, {1})},
                           {Act(TensorType::kInt8, {1, 3})}),
                     "axis must be a constant tensor");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
