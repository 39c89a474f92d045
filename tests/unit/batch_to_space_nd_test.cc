// SPDX-License-Identifier: Apache-2.0
// BATCH_TO_SPACE_ND: the inverse of SPACE_TO_BATCH_ND's definition (ToBatch in the test util):
// the space tensor comes back from its batch form, crops removing the padding.
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(BatchToSpaceNd, FloatWithCrops) {
  // The inverse of the padded case: [6, 2, 2, 2], crops [[1, 0], [2, 0]] -> [1, 5, 2, 2].
  const std::vector<float> space = Iota<float>(20, 1.0f);
  const std::vector<float> batch = ToBatch(space, 1, 5, 2, 2, 3, 2, 1, 2, 0, 0, -99.0f);
  Runner r(OneOp(tflite::BuiltinOperator_BATCH_TO_SPACE_ND,
                 {Act(TensorType::kFloat32, {6, 2, 2, 2}), Const<int32_t>(TensorType::kInt32, {2}, {3, 2}),
                  Const<int32_t>(TensorType::kInt32, {2, 2}, {1, 0, 2, 0})},
                 {Act(TensorType::kFloat32, {1, 5, 2, 2})}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<float>(0, batch);
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), space);
}

TEST(BatchToSpaceNd, Int16NoCrop) {
  const std::vector<int16_t> space = Iota<int16_t>(2 * 4 * 4 * 1, -300);
  Runner r(OneOp(tflite::BuiltinOperator_BATCH_TO_SPACE_ND,
                 {Act(TensorType::kInt16, {8, 2, 2, 1}), Const<int32_t>(TensorType::kInt32, {2}, {2, 2}),
                  Const<int32_t>(TensorType::kInt32, {2, 2}, {0, 0, 0, 0})},
                 {Act(TensorType::kInt16, {2, 4, 4, 1})}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int16_t>(0, ToBatch<int16_t>(space, 2, 4, 4, 1, 2, 2, 0, 0, 0, 0, 0));
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), space);
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
