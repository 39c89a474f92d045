// SPDX-License-Identifier: Apache-2.0
// BROADCAST_ARGS: the broadcast shape of two constant shapes.
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(BroadcastArgs, Int32AndInt64) {
  Runner r(OneOp(tflite::BuiltinOperator_BROADCAST_ARGS,
                 {Const<int32_t>(TensorType::kInt32, {3}, {2, 1, 3}), Const<int32_t>(TensorType::kInt32, {2}, {4, 1})},
                 {Act(TensorType::kInt32, {3})}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{2, 4, 3}));
  Runner r64(OneOp(tflite::BuiltinOperator_BROADCAST_ARGS,
                   {Const<int64_t>(TensorType::kInt64, {2}, {5, 1}), Const<int64_t>(TensorType::kInt64, {3}, {1, 1, 7})},
                   {Act(TensorType::kInt64, {3})}));
  ASSERT_TRUE(r64.ok()) << AllocateMessage(r64);
  ASSERT_TRUE(r64.Invoke().ok());
  EXPECT_EQ(r64.Output<int64_t>(0), (std::vector<int64_t>{1, 5, 7}));
}

TEST(BroadcastArgs, Errors) {
  ExpectPrepareError(
      OneOp(tflite::BuiltinOperator_BROADCAST_ARGS,
            {Const<int32_t>(TensorType::kInt32, {1}, {3}), Const<int32_t>(TensorType::kInt32, {1}, {4})}, {Act(TensorType::kInt32, {1})}),
      "shapes do not broadcast: dimension 3 against 4");
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_BROADCAST_ARGS,
                           {Act(TensorType::kInt32, {1}), Const<int32_t>(TensorType::kInt32, {1}, {4})}, {Act(TensorType::kInt32, {1})}),
                     "shape 0 must be a constant tensor");
  ExpectPrepareError(
      OneOp(tflite::BuiltinOperator_BROADCAST_ARGS,
            {Const<int32_t>(TensorType::kInt32, {1}, {3}), Const<int32_t>(TensorType::kInt32, {1}, {3})}, {Act(TensorType::kInt16, {1})}),
      "both shapes must have the output's type int16");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
