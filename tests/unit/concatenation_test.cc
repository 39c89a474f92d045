// SPDX-License-Identifier: Apache-2.0
// CONCATENATION with requantization (beyond TFLM, REJECTED.md: concatenation__int8_requant):
// expected values worked out by hand as round(real / scale_out) + zp_out, saturated (no value is
// a rounding tie).
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

OptionsFn Axis(int axis) {
  return [axis](flatbuffers::FlatBufferBuilder& fbb) { return tflite::CreateConcatenationOptions(fbb, axis).Union(); };
}

TEST(Concatenation, Int8Requantizes) {
  // Output scale 0.5, zero point -3.
  Runner r(OneOp(tflite::BuiltinOperator_CONCATENATION,
                 {Act(TensorType::kInt8, {2, 2}, Q(0.5f, 0)), Act(TensorType::kInt8, {2, 2}, Q(0.25f, 10)),
                  Act(TensorType::kInt8, {2, 1}, Q(2.0f, 0))},
                 {Act(TensorType::kInt8, {2, 5}, Q(0.5f, -3))}, tflite::BuiltinOptions_ConcatenationOptions, Axis(1)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8 requantize");
  r.SetInput<int8_t>(0, {4, -6, 127, -128});  // real 2, -3, 63.5, -64 -> 4-3, -6-3, 127-3, -128-3 (saturates)
  r.SetInput<int8_t>(1, {14, 30, 16, -128});  // real 1, 5, 1.5, -34.5 -> 2-3, 10-3, 3-3, -69-3
  r.SetInput<int8_t>(2, {100, -100});         // real 200, -200 -> saturate both ways
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{1, -9, -1, 7, 127, 124, -128, 0, -72, -128}));
}

TEST(Concatenation, Int16RequantizesOneInput) {
  // Input 0 shares the output's quantization (copied); input 1 has scale 0.5 against 0.125.
  Runner r(OneOp(tflite::BuiltinOperator_CONCATENATION,
                 {Act(TensorType::kInt16, {2}, Q(0.125f, 0)), Act(TensorType::kInt16, {2}, Q(0.5f, 0))},
                 {Act(TensorType::kInt16, {4}, Q(0.125f, 0))}, tflite::BuiltinOptions_ConcatenationOptions, Axis(0)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int16_t>(0, {-32768, 77});
  r.SetInput<int16_t>(1, {-300, 10000});  // x 4: -1200, 40000 saturates
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{-32768, 77, -1200, 32767}));
}

TEST(Concatenation, RejectsUnsupportedTypes) {
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_CONCATENATION, {Act(TensorType::kFloat16, {2}), Act(TensorType::kFloat16, {2})},
                           {Act(TensorType::kFloat16, {4})}, tflite::BuiltinOptions_ConcatenationOptions, Axis(0)),
                     "output type float16 is not supported");
  ExpectPrepareError(
      OneOp(tflite::BuiltinOperator_CONCATENATION, {Act(TensorType::kInt8, {2}, Q(0.5f, 0)), Act(TensorType::kInt8, {2}, Q(0.5f, 0))},
            {Act(TensorType::kInt8, {4})}, tflite::BuiltinOptions_ConcatenationOptions, Axis(0)),
      "need positive quantization scales to requantize");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
