// SPDX-License-Identifier: Apache-2.0
// ARG_MAX: expected indices computed by hand (the first maximum wins); int64 output is beyond
// TFLM (REJECTED.md: arg_max__int8_i64).
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(ArgMax, Int8ToInt64WithTies) {
  Runner r(OneOp(tflite::BuiltinOperator_ARG_MAX,
                 {Act(TensorType::kInt8, {2, 4}, Q(0.5f, 0)), Const<int32_t>(TensorType::kInt32, {}, {-1})}, {Act(TensorType::kInt64, {2})},
                 tflite::BuiltinOptions_ArgMaxOptions, MaxType(TensorType::kInt64)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8->int64");
  r.SetInput<int8_t>(0, {3, 9, 9, -1, -128, -128, -128, -128});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int64_t>(0), (std::vector<int64_t>{1, 0}));
}

TEST(ArgMax, FloatAxis0) {
  Runner r(OneOp(tflite::BuiltinOperator_ARG_MAX, {Act(TensorType::kFloat32, {3, 2}), Const<int64_t>(TensorType::kInt64, {1}, {0})},
                 {Act(TensorType::kInt32, {2})}, tflite::BuiltinOptions_ArgMaxOptions, MaxType(TensorType::kInt32)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<float>(0, {0.5f, -1, 0.25f, 7, 2, -3});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{2, 1}));
}

TEST(ArgMaxMin, Errors) {
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_ARG_MAX, {Act(TensorType::kBool, {4}), Const<int32_t>(TensorType::kInt32, {}, {0})},
                           {Act(TensorType::kInt32, {})}, tflite::BuiltinOptions_ArgMaxOptions, MaxType(TensorType::kInt32)),
                     "input type bool is not supported");
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_ARG_MIN, {Act(TensorType::kInt8, {4}), Const<int32_t>(TensorType::kInt32, {}, {0})},
                           {Act(TensorType::kInt16, {})}, tflite::BuiltinOptions_ArgMinOptions, MinType(TensorType::kInt16)),
                     "output type int16 is not supported");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
