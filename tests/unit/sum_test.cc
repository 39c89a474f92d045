// SPDX-License-Identifier: Apache-2.0
// SUM: float sums computed in the test in input order; quantized sums worked out by hand as
// round(sum of real values / scale_out) + zp_out, saturated (no rounding ties).
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(Sum, FloatSpatialKeepDims) {
  Runner r(OneOp(tflite::BuiltinOperator_SUM, {Act(TensorType::kFloat32, {1, 3, 2, 2}), Const<int32_t>(TensorType::kInt32, {2}, {1, 2})},
                 {Act(TensorType::kFloat32, {1, 1, 1, 2})}, tflite::BuiltinOptions_ReducerOptions, Keep(true)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  std::vector<float> in(12);
  for (size_t i = 0; i < in.size(); ++i) in[i] = 0.1f * static_cast<float>(i) - 0.37f;
  r.SetInput<float>(0, in);
  ASSERT_TRUE(r.Invoke().ok());
  float s0 = 0.0f, s1 = 0.0f;
  for (size_t i = 0; i < 12; i += 2) {
    s0 += in[i];
    s1 += in[i + 1];
  }
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{s0, s1}));
}

TEST(Sum, Int8Requantized) {
  // In scale 0.5 zp 2, out scale 1 zp -1, sum over axis 1 of [3, 3].
  Runner r(OneOp(tflite::BuiltinOperator_SUM, {Act(TensorType::kInt8, {3, 3}, Q(0.5f, 2)), Const<int32_t>(TensorType::kInt32, {}, {-1})},
                 {Act(TensorType::kInt8, {3}, Q(1.0f, -1))}, tflite::BuiltinOptions_ReducerOptions, Keep(false)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  // Rows: real (1 + 2 + 0) = 3 -> 2; (-6 + 0.5 + 3.5) = -2 -> -3; (62.5 + 62.5 + 62) = 187 -> saturates at 127.
  r.SetInput<int8_t>(0, {4, 6, 2, -10, 3, 9, 127, 127, 126});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{2, -3, 127}));
}

TEST(Sum, Int16AndInt32) {
  Runner r(OneOp(tflite::BuiltinOperator_SUM, {Act(TensorType::kInt16, {3}, Q(0.25f, 0)), Const<int32_t>(TensorType::kInt32, {1}, {0})},
                 {Act(TensorType::kInt16, {}, Q(0.5f, 0))}, tflite::BuiltinOptions_ReducerOptions, Keep(false)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int16_t>(0, {100, 200, -50});  // real 62.5 -> 125
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{125}));
  Runner i(OneOp(tflite::BuiltinOperator_SUM, {Act(TensorType::kInt32, {2, 2}), Const<int32_t>(TensorType::kInt32, {1}, {0})},
                 {Act(TensorType::kInt32, {2})}, tflite::BuiltinOptions_ReducerOptions, Keep(false)));
  ASSERT_TRUE(i.ok()) << AllocateMessage(i);
  i.SetInput<int32_t>(0, {100000, -7, 23, 8});
  ASSERT_TRUE(i.Invoke().ok());
  EXPECT_EQ(i.Output<int32_t>(0), (std::vector<int32_t>{100023, 1}));
}

TEST(Sum, Errors) {
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_SUM, {Act(TensorType::kBool, {2}), Const<int32_t>(TensorType::kInt32, {1}, {0})},
                           {Act(TensorType::kBool, {})}, tflite::BuiltinOptions_ReducerOptions, Keep(false)),
                     "input type bool is not supported (supported: float32, int8, int16, int32)");
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_SUM, {Act(TensorType::kFloat32, {2}), Act(TensorType::kInt32, {1})},
                           {Act(TensorType::kFloat32, {})}, tflite::BuiltinOptions_ReducerOptions, Keep(false)),
                     "axis must be a constant tensor");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
