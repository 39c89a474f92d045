// SPDX-License-Identifier: Apache-2.0
// REVERSE_V2: expected values by mirrored indexing in the test; non-contiguous axes are beyond
// TFLM (REJECTED.md: reverse_v2__f32_2axes).
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(ReverseV2, FloatNonContiguousAxes) {
  Runner r(OneOp(tflite::BuiltinOperator_REVERSE_V2,
                 {Act(TensorType::kFloat32, {2, 3, 4}), Const<int32_t>(TensorType::kInt32, {2}, {0, 2})},
                 {Act(TensorType::kFloat32, {2, 3, 4})}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  const std::vector<float> in = Iota<float>(24);
  r.SetInput<float>(0, in);
  ASSERT_TRUE(r.Invoke().ok());
  std::vector<float> expected;
  for (int a = 0; a < 2; ++a)
    for (int b = 0; b < 3; ++b)
      for (int c = 0; c < 4; ++c) expected.push_back(in[static_cast<size_t>(((1 - a) * 3 + b) * 4 + (3 - c))]);
  EXPECT_EQ(r.Output<float>(0), expected);
}

TEST(ReverseV2, Int8NegativeAxisAndBool) {
  Runner r(OneOp(tflite::BuiltinOperator_REVERSE_V2, {Act(TensorType::kInt8, {2, 3}), Const<int32_t>(TensorType::kInt32, {1}, {-1})},
                 {Act(TensorType::kInt8, {2, 3})}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int8_t>(0, {1, 2, 3, -4, -5, -6});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{3, 2, 1, -6, -5, -4}));
  Runner b(OneOp(tflite::BuiltinOperator_REVERSE_V2, {Act(TensorType::kBool, {3}), Const<int32_t>(TensorType::kInt32, {1}, {0})},
                 {Act(TensorType::kBool, {3})}));
  ASSERT_TRUE(b.ok()) << AllocateMessage(b);
  b.SetInput<uint8_t>(0, {1, 0, 0});
  ASSERT_TRUE(b.Invoke().ok());
  EXPECT_EQ(b.Output<uint8_t>(0), (std::vector<uint8_t>{0, 0, 1}));
}

TEST(ReverseV2, Errors) {
  ExpectPrepareError(
      OneOp(tflite::BuiltinOperator_REVERSE_V2, {Act(TensorType::kInt8, {2, 3}), Const<int32_t>(TensorType::kInt32, {1}, {2})},
            {Act(TensorType::kInt8, {2, 3})}),
      "axis 2 is out of range for rank 2");
  ExpectPrepareError(
      OneOp(tflite::BuiltinOperator_REVERSE_V2, {Act(TensorType::kFloat16, {2}), Const<int32_t>(TensorType::kInt32, {1}, {0})},
            {Act(TensorType::kFloat16, {2})}),
      "input type float16 is not supported");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
