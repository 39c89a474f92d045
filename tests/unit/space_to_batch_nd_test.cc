// SPDX-License-Identifier: Apache-2.0
// SPACE_TO_BATCH_ND: expected values from the definition (ToBatch in the test util).
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(SpaceToBatchNd, FloatWithPadding) {
  // [1, 5, 2, 2], block [3, 2], paddings [[1, 0], [2, 0]] -> [6, 2, 2, 2].
  Runner r(OneOp(tflite::BuiltinOperator_SPACE_TO_BATCH_ND,
                 {Act(TensorType::kFloat32, {1, 5, 2, 2}), Const<int32_t>(TensorType::kInt32, {2}, {3, 2}),
                  Const<int32_t>(TensorType::kInt32, {2, 2}, {1, 0, 2, 0})},
                 {Act(TensorType::kFloat32, {6, 2, 2, 2})}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  const std::vector<float> in = Iota<float>(20, 1.0f);
  r.SetInput<float>(0, in);
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), ToBatch(in, 1, 5, 2, 2, 3, 2, 1, 2, 0, 0, 0.0f));
}

TEST(SpaceToBatchNd, Int8PadsWithTheZeroPoint) {
  // 3-D [2, 3, 1], block [2], paddings [[0, 1]] -> [4, 2, 1]; zero point -5 is real 0.
  Runner r(OneOp(tflite::BuiltinOperator_SPACE_TO_BATCH_ND,
                 {Act(TensorType::kInt8, {2, 3, 1}, Q(0.5f, -5)), Const<int32_t>(TensorType::kInt32, {1}, {2}),
                  Const<int32_t>(TensorType::kInt32, {1, 2}, {0, 1})},
                 {Act(TensorType::kInt8, {4, 2, 1}, Q(0.5f, -5))}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  const std::vector<int8_t> in = {1, 2, 3, 4, 5, 6};
  r.SetInput<int8_t>(0, in);
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), ToBatch<int8_t>(in, 2, 3, 1, 1, 2, 1, 0, 0, 1, 0, -5));
}

TEST(SpaceToBatchNd, Errors) {
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_SPACE_TO_BATCH_ND,
                           {Act(TensorType::kFloat32, {1, 5, 2, 1}), Const<int32_t>(TensorType::kInt32, {2}, {2, 2}),
                            Const<int32_t>(TensorType::kInt32, {2, 2}, {0, 0, 0, 0})},
                           {Act(TensorType::kFloat32, {4, 2, 1, 1})}),
                     "padded spatial size is not a multiple of block_shape");
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_BATCH_TO_SPACE_ND,
                           {Act(TensorType::kFloat16, {4, 1, 1, 1}), Const<int32_t>(TensorType::kInt32, {2}, {2, 2}),
                            Const<int32_t>(TensorType::kInt32, {2, 2}, {0, 0, 0, 0})},
                           {Act(TensorType::kFloat16, {1, 2, 2, 1})}),
                     "input type float16 is not supported");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
