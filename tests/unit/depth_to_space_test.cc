// SPDX-License-Identifier: Apache-2.0
// DEPTH_TO_SPACE: expected values from the definition (the inverse of SPACE_TO_DEPTH):
// out[n, y * b + i, x * b + j, k] = in[n, y, x, (i * b + j) * c + k].
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(DepthToSpace, FloatInverseOfTheDefinition) {
  const Layout L{1, 6, 3, 2, 3};  // space [1, 6, 3, 2] <- depth [1, 2, 1, 18]
  const std::vector<float> in = Iota<float>(36);
  std::vector<float> expected(in.size());
  for (int y = 0; y < 2; ++y)
    for (int x = 0; x < 1; ++x)
      for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
          for (int k = 0; k < 2; ++k) expected[L.Space(0, y * 3 + i, x * 3 + j, k)] = in[L.Depth(0, y, x, (i * 3 + j) * 2 + k)];
  Runner r(OneOp(tflite::BuiltinOperator_DEPTH_TO_SPACE, {Act(TensorType::kFloat32, {1, 2, 1, 18})},
                 {Act(TensorType::kFloat32, {1, 6, 3, 2})}, tflite::BuiltinOptions_DepthToSpaceOptions, D2S(3)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<float>(0, in);
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), expected);
}

TEST(DepthToSpace, Int16Small) {
  // [1, 1, 1, 4] block 2 -> [1, 2, 2, 1]: depth order is (row, column).
  Runner r(OneOp(tflite::BuiltinOperator_DEPTH_TO_SPACE, {Act(TensorType::kInt16, {1, 1, 1, 4})}, {Act(TensorType::kInt16, {1, 2, 2, 1})},
                 tflite::BuiltinOptions_DepthToSpaceOptions, D2S(2)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int16_t>(0, {10, 20, 30, 40});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{10, 20, 30, 40}));
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
