// SPDX-License-Identifier: Apache-2.0
// SPLIT_V: expected values by direct indexing in the test.
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(SplitV, Int32MinusOneSize) {
  // [5, 2] sizes [2, -1] along axis 0 (int64 axis).
  Runner r(OneOp(
      tflite::BuiltinOperator_SPLIT_V,
      {Act(TensorType::kInt32, {5, 2}), Const<int32_t>(TensorType::kInt32, {2}, {2, -1}), Const<int64_t>(TensorType::kInt64, {}, {0})},
      {Act(TensorType::kInt32, {2, 2}), Act(TensorType::kInt32, {3, 2})}, tflite::BuiltinOptions_SplitVOptions, SplitVOpts(2)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int32_t>(0, Iota<int32_t>(10, 100));
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{100, 101, 102, 103}));
  EXPECT_EQ(r.Output<int32_t>(1), (std::vector<int32_t>{104, 105, 106, 107, 108, 109}));
}

TEST(SplitV, Int16NegativeAxis) {
  Runner r(OneOp(
      tflite::BuiltinOperator_SPLIT_V,
      {Act(TensorType::kInt16, {2, 3}), Const<int32_t>(TensorType::kInt32, {2}, {1, 2}), Const<int32_t>(TensorType::kInt32, {}, {-1})},
      {Act(TensorType::kInt16, {2, 1}), Act(TensorType::kInt16, {2, 2})}, tflite::BuiltinOptions_SplitVOptions, SplitVOpts(2)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int16_t>(0, {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{1, 4}));
  EXPECT_EQ(r.Output<int16_t>(1), (std::vector<int16_t>{2, 3, 5, 6}));
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
