// SPDX-License-Identifier: Apache-2.0
// REDUCE_MIN: expected minima by hand; int16 and requantized int8 are beyond TFLM (REJECTED.md),
// worked out as round(real / scale_out) + zp_out, saturated.
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(ReduceMin, FloatAllAxes) {
  Runner r(OneOp(tflite::BuiltinOperator_REDUCE_MIN, {Act(TensorType::kFloat32, {2, 2}), Const<int32_t>(TensorType::kInt32, {2}, {0, -1})},
                 {Act(TensorType::kFloat32, {})}, tflite::BuiltinOptions_ReducerOptions, Keep(false)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<float>(0, {3, -2.5f, 7, -2});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{-2.5f}));
}

TEST(ReduceMin, Int16AndInt8Requantized) {
  // int16 in scale 1 zp 0, out scale 2 zp 0: out = min / 2 (odd minima avoided).
  Runner r(OneOp(tflite::BuiltinOperator_REDUCE_MIN,
                 {Act(TensorType::kInt16, {2, 2}, Q(1.0f, 0)), Const<int32_t>(TensorType::kInt32, {1}, {1})},
                 {Act(TensorType::kInt16, {2}, Q(2.0f, 0))}, tflite::BuiltinOptions_ReducerOptions, Keep(false)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int16_t>(0, {100, -300, 8, 4000});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{-150, 4}));
  // int8 in scale 0.5 zp -10, out scale 0.5 zp 0: out = min + 10.
  Runner q(OneOp(tflite::BuiltinOperator_REDUCE_MIN,
                 {Act(TensorType::kInt8, {2, 2}, Q(0.5f, -10)), Const<int32_t>(TensorType::kInt32, {1}, {0})},
                 {Act(TensorType::kInt8, {2}, Q(0.5f, 0))}, tflite::BuiltinOptions_ReducerOptions, Keep(false)));
  ASSERT_TRUE(q.ok()) << AllocateMessage(q);
  q.SetInput<int8_t>(0, {120, -20, 127, 3});
  ASSERT_TRUE(q.Invoke().ok());
  EXPECT_EQ(q.Output<int8_t>(0), (std::vector<int8_t>{127, -10}));
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
