// SPDX-License-Identifier: Apache-2.0
// CUMSUM: float sums computed in the test in summation order; int8 worked out by hand
// (round(running real sum / scale_out) + zp_out, no ties), including a nonzero input zero point
// where TFLM's result is offset (see cumsum.cc).
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

OptionsFn Opts(bool exclusive, bool reverse) {
  return [exclusive, reverse](flatbuffers::FlatBufferBuilder& fbb) { return tflite::CreateCumsumOptions(fbb, exclusive, reverse).Union(); };
}

TEST(Cumsum, FloatExclusiveReverseAxis0) {
  Runner r(OneOp(tflite::BuiltinOperator_CUMSUM, {Act(TensorType::kFloat32, {3, 2}), Const<int32_t>(TensorType::kInt32, {}, {0})},
                 {Act(TensorType::kFloat32, {3, 2})}, tflite::BuiltinOptions_CumsumOptions, Opts(true, true)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  const std::vector<float> in = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f};
  r.SetInput<float>(0, in);
  ASSERT_TRUE(r.Invoke().ok());
  std::vector<float> expected(6);
  for (int c = 0; c < 2; ++c) {
    float acc = 0.0f;
    for (int row = 2; row >= 0; --row) {
      expected[static_cast<size_t>(row * 2 + c)] = acc;
      acc += in[static_cast<size_t>(row * 2 + c)];
    }
  }
  EXPECT_EQ(r.Output<float>(0), expected);
}

TEST(Cumsum, Int32Inclusive) {
  Runner r(OneOp(tflite::BuiltinOperator_CUMSUM, {Act(TensorType::kInt32, {2, 3}), Const<int32_t>(TensorType::kInt32, {}, {-1})},
                 {Act(TensorType::kInt32, {2, 3})}, tflite::BuiltinOptions_CumsumOptions, Opts(false, false)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int32_t>(0, {1, 2, 3, -10, 20, -30});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{1, 3, 6, -10, 10, -20}));
}

TEST(Cumsum, Int8) {
  // In scale 0.5 zp 0, out scale 1 zp 0: out = running sum of q / 2 (even sums), saturated.
  Runner r(OneOp(tflite::BuiltinOperator_CUMSUM, {Act(TensorType::kInt8, {2, 4}, Q(0.5f, 0)), Const<int32_t>(TensorType::kInt32, {}, {1})},
                 {Act(TensorType::kInt8, {2, 4}, Q(1.0f, 0))}, tflite::BuiltinOptions_CumsumOptions, Opts(false, false)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int8_t>(0, {2, 4, -6, 10, 126, 126, 126, -128});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{1, 3, 0, 5, 63, 126, 127, 125}));
}

TEST(Cumsum, Int8ExclusiveWithZeroPoint) {
  // In scale 0.5 zp 3, out scale 0.5 zp 0: reals 1, 2, -1 -> exclusive sums 0, 1, 3 -> q 0, 2, 6.
  Runner r(OneOp(tflite::BuiltinOperator_CUMSUM, {Act(TensorType::kInt8, {3}, Q(0.5f, 3)), Const<int32_t>(TensorType::kInt32, {}, {0})},
                 {Act(TensorType::kInt8, {3}, Q(0.5f, 0))}, tflite::BuiltinOptions_CumsumOptions, Opts(true, false)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int8_t>(0, {5, 7, 1});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{0, 2, 6}));
}

TEST(Cumsum, Errors) {
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_CUMSUM, {Act(TensorType::kInt16, {3}), Const<int32_t>(TensorType::kInt32, {}, {0})},
                           {Act(TensorType::kInt16, {3})}, tflite::BuiltinOptions_CumsumOptions, Opts(false, false)),
                     "input type int16 is not supported (supported: float32, int8, int32)");
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_CUMSUM, {Act(TensorType::kFloat32, {3}), Act(TensorType::kInt32, {})},
                           {Act(TensorType::kFloat32, {3})}, tflite::BuiltinOptions_CumsumOptions, Opts(false, false)),
                     "axis must be a constant tensor");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
