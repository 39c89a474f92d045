// SPDX-License-Identifier: Apache-2.0
// ZEROS_LIKE: zeros of the input's type and shape, whatever the input holds.
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(ZerosLike, Int64AndFloat) {
  Runner r(OneOp(tflite::BuiltinOperator_ZEROS_LIKE, {Act(TensorType::kInt64, {3})}, {Act(TensorType::kInt64, {3})}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int64_t>(0, {5, -6, 7});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int64_t>(0), std::vector<int64_t>(3, 0));
  Runner f(OneOp(tflite::BuiltinOperator_ZEROS_LIKE, {Act(TensorType::kFloat32, {2, 2})}, {Act(TensorType::kFloat32, {2, 2})}));
  ASSERT_TRUE(f.ok()) << AllocateMessage(f);
  f.SetInput<float>(0, {1, 2, 3, 4});
  ASSERT_TRUE(f.Invoke().ok());
  EXPECT_EQ(f.Output<float>(0), std::vector<float>(4, 0.0f));
}

TEST(ZerosLike, Errors) {
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_ZEROS_LIKE, {Act(TensorType::kFloat16, {3})}, {Act(TensorType::kFloat16, {3})}),
                     "input type float16 is not supported");
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_ZEROS_LIKE, {Act(TensorType::kInt8, {3})}, {Act(TensorType::kInt8, {4})}),
                     "output shape differs from the input shape");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
