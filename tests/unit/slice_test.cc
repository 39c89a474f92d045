// SPDX-License-Identifier: Apache-2.0
// SLICE: expected values by direct indexing in the test.
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(Slice, FloatWithMinusOne) {
  // [3, 4, 5], begin [1, 0, 2], size [2, -1, 2] -> [2, 4, 2].
  Runner r(OneOp(tflite::BuiltinOperator_SLICE,
                 {Act(TensorType::kFloat32, {3, 4, 5}), Const<int32_t>(TensorType::kInt32, {3}, {1, 0, 2}),
                  Const<int32_t>(TensorType::kInt32, {3}, {2, -1, 2})},
                 {Act(TensorType::kFloat32, {2, 4, 2})}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  const std::vector<float> in = Iota<float>(60);
  r.SetInput<float>(0, in);
  ASSERT_TRUE(r.Invoke().ok());
  std::vector<float> expected;
  for (int a = 1; a < 3; ++a)
    for (int b = 0; b < 4; ++b)
      for (int c = 2; c < 4; ++c) expected.push_back(in[static_cast<size_t>((a * 4 + b) * 5 + c)]);
  EXPECT_EQ(r.Output<float>(0), expected);
}

TEST(Slice, Int16Int64Indices) {
  Runner r(OneOp(
      tflite::BuiltinOperator_SLICE,
      {Act(TensorType::kInt16, {4, 6}), Const<int64_t>(TensorType::kInt64, {2}, {0, 2}), Const<int64_t>(TensorType::kInt64, {2}, {3, 3})},
      {Act(TensorType::kInt16, {3, 3})}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int16_t>(0, Iota<int16_t>(24, -12));
  ASSERT_TRUE(r.Invoke().ok());
  // Row i, columns 2..4 of -12 + 6 i + j.
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{-10, -9, -8, -4, -3, -2, 2, 3, 4}));
}

TEST(Slice, Errors) {
  ExpectPrepareError(
      OneOp(tflite::BuiltinOperator_SLICE,
            {Act(TensorType::kInt8, {4}), Const<int32_t>(TensorType::kInt32, {1}, {3}), Const<int32_t>(TensorType::kInt32, {1}, {2})},
            {Act(TensorType::kInt8, {2})}),
      "size[0] = 2 from 3 exceeds dimension 4");
  ExpectPrepareError(
      OneOp(tflite::BuiltinOperator_SLICE,
            {Act(TensorType::kFloat16, {4}), Const<int32_t>(TensorType::kInt32, {1}, {0}), Const<int32_t>(TensorType::kInt32, {1}, {2})},
            {Act(TensorType::kFloat16, {2})}),
      "input type float16 is not supported");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
