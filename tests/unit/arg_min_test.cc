// SPDX-License-Identifier: Apache-2.0
// ARG_MIN: expected indices computed by hand (the first minimum wins); int64 output is beyond
// TFLM (REJECTED.md: arg_min__int8_i64).
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(ArgMin, FloatAndInt16ToInt64) {
  Runner r(OneOp(tflite::BuiltinOperator_ARG_MIN, {Act(TensorType::kFloat32, {2, 3}), Const<int32_t>(TensorType::kInt32, {}, {1})},
                 {Act(TensorType::kInt32, {2})}, tflite::BuiltinOptions_ArgMinOptions, MinType(TensorType::kInt32)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<float>(0, {4, -2, -2, 1, 0, -0.5f});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{1, 2}));
  Runner s(OneOp(tflite::BuiltinOperator_ARG_MIN, {Act(TensorType::kInt8, {4}), Const<int32_t>(TensorType::kInt32, {}, {0})},
                 {Act(TensorType::kInt64, {})}, tflite::BuiltinOptions_ArgMinOptions, MinType(TensorType::kInt64)));
  ASSERT_TRUE(s.ok()) << AllocateMessage(s);
  s.SetInput<int8_t>(0, {5, -7, 3, -7});
  ASSERT_TRUE(s.Invoke().ok());
  EXPECT_EQ(s.Output<int64_t>(0), (std::vector<int64_t>{1}));
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
