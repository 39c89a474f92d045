// SPDX-License-Identifier: Apache-2.0
// UNPACK: expected values by direct indexing in the test.
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(Unpack, Int8Axis1) {
  // [2, 3] on axis 1 -> 3 x [2]: output_i[a] = in[a, i].
  Runner r(OneOp(tflite::BuiltinOperator_UNPACK, {Act(TensorType::kInt8, {2, 3})},
                 {Act(TensorType::kInt8, {2}), Act(TensorType::kInt8, {2}), Act(TensorType::kInt8, {2})},
                 tflite::BuiltinOptions_UnpackOptions, UnpackOpts(3, -1)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int8_t>(0, {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{1, 4}));
  EXPECT_EQ(r.Output<int8_t>(1), (std::vector<int8_t>{2, 5}));
  EXPECT_EQ(r.Output<int8_t>(2), (std::vector<int8_t>{3, 6}));
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
