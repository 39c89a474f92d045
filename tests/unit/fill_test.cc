// SPDX-License-Identifier: Apache-2.0
// FILL: every element is the scalar value; int16 and int64 are beyond TFLM (REJECTED.md).
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(Fill, Int16) {
  Runner r(OneOp(tflite::BuiltinOperator_FILL, {Const<int32_t>(TensorType::kInt32, {3}, {2, 2, 2}), Act(TensorType::kInt16, {})},
                 {Act(TensorType::kInt16, {2, 2, 2})}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference 2-byte");
  r.SetInput<int16_t>(0, {-12345});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), std::vector<int16_t>(8, -12345));
}

TEST(Fill, Int64WithInt64Dims) {
  Runner r(OneOp(tflite::BuiltinOperator_FILL, {Const<int64_t>(TensorType::kInt64, {1}, {5}), Act(TensorType::kInt64, {})},
                 {Act(TensorType::kInt64, {5})}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int64_t>(0, {-(int64_t{1} << 40) - 3});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int64_t>(0), std::vector<int64_t>(5, -(int64_t{1} << 40) - 3));
}

TEST(Fill, Float) {
  Runner r(OneOp(tflite::BuiltinOperator_FILL, {Const<int32_t>(TensorType::kInt32, {2}, {2, 3}), Act(TensorType::kFloat32, {})},
                 {Act(TensorType::kFloat32, {2, 3})}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<float>(0, {-0.75f});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), std::vector<float>(6, -0.75f));
}

TEST(Fill, Errors) {
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_FILL, {Const<int32_t>(TensorType::kInt32, {2}, {2, 3}), Act(TensorType::kInt8, {})},
                           {Act(TensorType::kInt8, {3, 2})}),
                     "output 0 dimension 0 is 3, expected 2");
  ExpectPrepareError(
      OneOp(tflite::BuiltinOperator_FILL, {Act(TensorType::kInt32, {2}), Act(TensorType::kInt8, {})}, {Act(TensorType::kInt8, {3, 2})}),
      "dims must be a constant tensor");
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_FILL, {Const<int32_t>(TensorType::kInt32, {1}, {2}), Act(TensorType::kFloat16, {})},
                           {Act(TensorType::kFloat16, {2})}),
                     "value type float16 is not supported");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
