// SPDX-License-Identifier: Apache-2.0
// SQUEEZE: values unchanged, shape without the listed (or all) size-1 dimensions.
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

OptionsFn Dims(std::vector<int32_t> dims) {
  return [dims](flatbuffers::FlatBufferBuilder& fbb) { return tflite::CreateSqueezeOptions(fbb, fbb.CreateVector(dims)).Union(); };
}

TEST(Squeeze, ListedDimsInt16) {
  Runner r(OneOp(tflite::BuiltinOperator_SQUEEZE, {Act(TensorType::kInt16, {1, 3, 1, 2})}, {Act(TensorType::kInt16, {3, 1, 2})},
                 tflite::BuiltinOptions_SqueezeOptions, Dims({0})));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int16_t>(0, {-32768, 1, 2, 3, 4, 32767});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{-32768, 1, 2, 3, 4, 32767}));
}

TEST(Squeeze, AllSizeOneDimsAndNegative) {
  Runner all(OneOp(tflite::BuiltinOperator_SQUEEZE, {Act(TensorType::kFloat32, {1, 2, 1})}, {Act(TensorType::kFloat32, {2})}));
  ASSERT_TRUE(all.ok()) << AllocateMessage(all);
  all.SetInput<float>(0, {0.5f, -7.0f});
  ASSERT_TRUE(all.Invoke().ok());
  EXPECT_EQ(all.Output<float>(0), (std::vector<float>{0.5f, -7.0f}));
  Runner neg(OneOp(tflite::BuiltinOperator_SQUEEZE, {Act(TensorType::kBool, {2, 1})}, {Act(TensorType::kBool, {2})},
                   tflite::BuiltinOptions_SqueezeOptions, Dims({-1})));
  ASSERT_TRUE(neg.ok()) << AllocateMessage(neg);
}

TEST(Squeeze, Errors) {
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_SQUEEZE, {Act(TensorType::kInt8, {2, 3})}, {Act(TensorType::kInt8, {3})},
                           tflite::BuiltinOptions_SqueezeOptions, Dims({0})),
                     "dimension 0 has size 2, not 1");
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_SQUEEZE, {Act(TensorType::kFloat16, {1, 3})}, {Act(TensorType::kFloat16, {3})}),
                     "input type float16 is not supported");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
