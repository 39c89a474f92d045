// SPDX-License-Identifier: Apache-2.0
// SPACE_TO_DEPTH: expected values from the definition
// out[n, y, x, (i * b + j) * c + k] = in[n, y * b + i, x * b + j, k].
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(SpaceToDepth, FloatAndInt8) {
  const Layout L{2, 4, 6, 2, 2};
  const std::vector<float> in = Iota<float>(2 * 4 * 6 * 2);
  std::vector<float> expected(in.size());
  for (int n = 0; n < L.n; ++n)
    for (int y = 0; y < L.h / L.b; ++y)
      for (int x = 0; x < L.w / L.b; ++x)
        for (int i = 0; i < L.b; ++i)
          for (int j = 0; j < L.b; ++j)
            for (int k = 0; k < L.c; ++k) expected[L.Depth(n, y, x, (i * L.b + j) * L.c + k)] = in[L.Space(n, y * L.b + i, x * L.b + j, k)];
  Runner r(OneOp(tflite::BuiltinOperator_SPACE_TO_DEPTH, {Act(TensorType::kFloat32, {2, 4, 6, 2})},
                 {Act(TensorType::kFloat32, {2, 2, 3, 8})}, tflite::BuiltinOptions_SpaceToDepthOptions, S2D(2)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<float>(0, in);
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), expected);

  Runner q(OneOp(tflite::BuiltinOperator_SPACE_TO_DEPTH, {Act(TensorType::kInt8, {1, 2, 2, 1}, Q(0.1f, 3))},
                 {Act(TensorType::kInt8, {1, 1, 1, 4}, Q(0.1f, 3))}, tflite::BuiltinOptions_SpaceToDepthOptions, S2D(2)));
  ASSERT_TRUE(q.ok()) << AllocateMessage(q);
  q.SetInput<int8_t>(0, {-1, 2, -3, 4});
  ASSERT_TRUE(q.Invoke().ok());
  EXPECT_EQ(q.Output<int8_t>(0), (std::vector<int8_t>{-1, 2, -3, 4}));
}

TEST(SpaceToDepth, Errors) {
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_SPACE_TO_DEPTH, {Act(TensorType::kFloat32, {1, 3, 4, 1})},
                           {Act(TensorType::kFloat32, {1, 1, 2, 4})}, tflite::BuiltinOptions_SpaceToDepthOptions, S2D(2)),
                     "input height 3 and width 4 must be multiples of block_size 2");
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_DEPTH_TO_SPACE, {Act(TensorType::kFloat16, {1, 1, 1, 4})},
                           {Act(TensorType::kFloat16, {1, 2, 2, 1})}, tflite::BuiltinOptions_DepthToSpaceOptions, D2S(2)),
                     "input type float16 is not supported");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
