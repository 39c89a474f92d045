// SPDX-License-Identifier: Apache-2.0
// MIRROR_PAD: hand-written expected tensors; int32 is beyond TFLM (REJECTED.md:
// mirror_pad__int32_symmetric).
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

OptionsFn Mode(tflite::MirrorPadMode mode) {
  return [mode](flatbuffers::FlatBufferBuilder& fbb) { return tflite::CreateMirrorPadOptions(fbb, mode).Union(); };
}

TEST(MirrorPad, Int32Symmetric) {
  // [[1, 2, 3], [4, 5, 6]] padded [[1, 1], [2, 1]] symmetric.
  Runner r(OneOp(tflite::BuiltinOperator_MIRROR_PAD,
                 {Act(TensorType::kInt32, {2, 3}), Const<int32_t>(TensorType::kInt32, {2, 2}, {1, 1, 2, 1})},
                 {Act(TensorType::kInt32, {4, 6})}, tflite::BuiltinOptions_MirrorPadOptions, Mode(tflite::MirrorPadMode_SYMMETRIC)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int32_t>(0, {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{2, 1, 1, 2, 3, 3,  //
                                                        2, 1, 1, 2, 3, 3,  //
                                                        5, 4, 4, 5, 6, 6,  //
                                                        5, 4, 4, 5, 6, 6}));
}

TEST(MirrorPad, FloatReflect) {
  // [1, 2, 3] padded [2, 2] reflect: 3 2 | 1 2 3 | 2 1.
  Runner r(OneOp(tflite::BuiltinOperator_MIRROR_PAD, {Act(TensorType::kFloat32, {3}), Const<int64_t>(TensorType::kInt64, {1, 2}, {2, 2})},
                 {Act(TensorType::kFloat32, {7})}, tflite::BuiltinOptions_MirrorPadOptions, Mode(tflite::MirrorPadMode_REFLECT)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<float>(0, {1, 2, 3});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{3, 2, 1, 2, 3, 2, 1}));
}

TEST(MirrorPad, Errors) {
  ExpectPrepareError(
      OneOp(tflite::BuiltinOperator_MIRROR_PAD, {Act(TensorType::kInt8, {3}), Const<int32_t>(TensorType::kInt32, {1, 2}, {3, 0})},
            {Act(TensorType::kInt8, {6})}, tflite::BuiltinOptions_MirrorPadOptions, Mode(tflite::MirrorPadMode_REFLECT)),
      "must be in [0, 2]");
  ExpectPrepareError(
      OneOp(tflite::BuiltinOperator_MIRROR_PAD, {Act(TensorType::kFloat16, {3}), Const<int32_t>(TensorType::kInt32, {1, 2}, {1, 0})},
            {Act(TensorType::kFloat16, {4})}, tflite::BuiltinOptions_MirrorPadOptions, Mode(tflite::MirrorPadMode_REFLECT)),
      "input type float16 is not supported");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
