// SPDX-License-Identifier: Apache-2.0
// BROADCAST_TO: expected values by indexing the input with broadcast rules in the test.
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(BroadcastTo, Int8RankUp) {
  // [3, 1] -> [2, 3, 4]: out[a, b, c] = in[b].
  Runner r(OneOp(tflite::BuiltinOperator_BROADCAST_TO,
                 {Act(TensorType::kInt8, {3, 1}, Q(0.5f, 1)), Const<int32_t>(TensorType::kInt32, {3}, {2, 3, 4})},
                 {Act(TensorType::kInt8, {2, 3, 4}, Q(0.5f, 1))}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int8_t>(0, {-128, 5, 127});
  ASSERT_TRUE(r.Invoke().ok());
  std::vector<int8_t> expected;
  const int8_t in[3] = {-128, 5, 127};
  for (int a = 0; a < 2; ++a)
    for (int b = 0; b < 3; ++b)
      for (int c = 0; c < 4; ++c) expected.push_back(in[b]);
  EXPECT_EQ(r.Output<int8_t>(0), expected);
}

TEST(BroadcastTo, FloatMiddleAxisInt64Shape) {
  // [2, 1, 3] -> [2, 2, 3]: out[a, b, c] = in[a, 0, c].
  Runner r(OneOp(tflite::BuiltinOperator_BROADCAST_TO,
                 {Act(TensorType::kFloat32, {2, 1, 3}), Const<int64_t>(TensorType::kInt64, {3}, {2, 2, 3})},
                 {Act(TensorType::kFloat32, {2, 2, 3})}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  const std::vector<float> in = {1, 2, 3, 4, 5, 6};
  r.SetInput<float>(0, in);
  ASSERT_TRUE(r.Invoke().ok());
  std::vector<float> expected;
  for (int a = 0; a < 2; ++a)
    for (int b = 0; b < 2; ++b)
      for (int c = 0; c < 3; ++c) expected.push_back(in[static_cast<size_t>(a * 3 + c)]);
  EXPECT_EQ(r.Output<float>(0), expected);
}

TEST(BroadcastTo, Errors) {
  ExpectPrepareError(
      OneOp(tflite::BuiltinOperator_BROADCAST_TO, {Act(TensorType::kInt8, {3}), Const<int32_t>(TensorType::kInt32, {2}, {2, 4})},
            {Act(TensorType::kInt8, {2, 4})}),
      "input dimension 3 does not broadcast to 4");
  ExpectPrepareError(
      OneOp(tflite::BuiltinOperator_BROADCAST_TO, {Act(TensorType::kFloat16, {1}), Const<int32_t>(TensorType::kInt32, {1}, {2})},
            {Act(TensorType::kFloat16, {2})}),
      "input type float16 is not supported");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
