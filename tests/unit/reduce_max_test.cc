// SPDX-License-Identifier: Apache-2.0
// REDUCE_MAX: expected maxima computed in the test; int16 and requantized int8 are beyond TFLM
// (REJECTED.md), worked out by hand: round(real / scale_out) + zp_out, saturated.
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(ReduceMax, FloatMiddleAxis) {
  Runner r(OneOp(tflite::BuiltinOperator_REDUCE_MAX, {Act(TensorType::kFloat32, {2, 3, 2}), Const<int32_t>(TensorType::kInt32, {1}, {1})},
                 {Act(TensorType::kFloat32, {2, 2})}, tflite::BuiltinOptions_ReducerOptions, Keep(false)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  const std::vector<float> in = {-1, -5, -0.5f, -7, -3, -9, 4, 0, 2, 8, 6, -1};
  r.SetInput<float>(0, in);
  ASSERT_TRUE(r.Invoke().ok());
  std::vector<float> expected;
  for (int a = 0; a < 2; ++a)
    for (int c = 0; c < 2; ++c) {
      float m = in[static_cast<size_t>(a * 6 + c)];
      for (int b = 1; b < 3; ++b) m = std::max(m, in[static_cast<size_t>(a * 6 + b * 2 + c)]);
      expected.push_back(m);
    }
  EXPECT_EQ(r.Output<float>(0), expected);
}

TEST(ReduceMax, Int8Requantized) {
  // In scale 0.5 zp 0, out scale 0.25 zp 5: out = 2 * max + 5, saturated.
  Runner r(OneOp(tflite::BuiltinOperator_REDUCE_MAX,
                 {Act(TensorType::kInt8, {3, 2}, Q(0.5f, 0)), Const<int32_t>(TensorType::kInt32, {1}, {1})},
                 {Act(TensorType::kInt8, {3}, Q(0.25f, 5))}, tflite::BuiltinOptions_ReducerOptions, Keep(false)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int8_t>(0, {3, -4, -100, -90, 60, 70});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{11, -128, 127}));
}

TEST(ReduceMax, Int16SameQuantization) {
  Runner r(OneOp(tflite::BuiltinOperator_REDUCE_MAX,
                 {Act(TensorType::kInt16, {2, 3}, Q(0.01f, 0)), Const<int32_t>(TensorType::kInt32, {1}, {1})},
                 {Act(TensorType::kInt16, {2, 1}, Q(0.01f, 0))}, tflite::BuiltinOptions_ReducerOptions, Keep(true)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int16_t>(0, {-32768, -32767, -32000, 5, 32767, 7});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{-32000, 32767}));
}

TEST(ReduceMaxMin, Errors) {
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_REDUCE_MAX, {Act(TensorType::kBool, {2}), Const<int32_t>(TensorType::kInt32, {1}, {0})},
                           {Act(TensorType::kBool, {})}, tflite::BuiltinOptions_ReducerOptions, Keep(false)),
                     "input type bool is not supported");
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_REDUCE_MIN, {Act(TensorType::kInt8, {2}), Const<int32_t>(TensorType::kInt32, {1}, {1})},
                           {Act(TensorType::kInt8, {})}, tflite::BuiltinOptions_ReducerOptions, Keep(false)),
                     "axis 1 is out of range for rank 1");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
