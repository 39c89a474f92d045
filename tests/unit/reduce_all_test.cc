// SPDX-License-Identifier: Apache-2.0
// REDUCE_ALL: logical AND computed in the test.
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(ReduceAll, BoolAxis0KeepDims) {
  Runner r(OneOp(tflite::BuiltinOperator_REDUCE_ALL, {Act(TensorType::kBool, {2, 3}), Const<int32_t>(TensorType::kInt32, {1}, {0})},
                 {Act(TensorType::kBool, {1, 3})}, tflite::BuiltinOptions_ReducerOptions, Keep(true)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<uint8_t>(0, {1, 0, 1, 1, 1, 0});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<uint8_t>(0), (std::vector<uint8_t>{1, 0, 0}));
}

TEST(ReduceAll, Errors) {
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_REDUCE_ALL, {Act(TensorType::kInt8, {2}), Const<int32_t>(TensorType::kInt32, {1}, {0})},
                           {Act(TensorType::kInt8, {})}, tflite::BuiltinOptions_ReducerOptions, Keep(false)),
                     "input type int8 is not supported (supported: bool)");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
