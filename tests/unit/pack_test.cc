// SPDX-License-Identifier: Apache-2.0
// PACK: expected values by direct indexing in the test.
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(Pack, FloatAxis1) {
  // 3 x [2, 2] on axis 1 -> [2, 3, 2]: out[a, i, b] = input_i[a, b].
  Runner r(OneOp(tflite::BuiltinOperator_PACK,
                 {Act(TensorType::kFloat32, {2, 2}), Act(TensorType::kFloat32, {2, 2}), Act(TensorType::kFloat32, {2, 2})},
                 {Act(TensorType::kFloat32, {2, 3, 2})}, tflite::BuiltinOptions_PackOptions, PackOpts(3, 1)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  std::vector<std::vector<float>> in = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}};
  for (int i = 0; i < 3; ++i) r.SetInput<float>(i, in[static_cast<size_t>(i)]);
  ASSERT_TRUE(r.Invoke().ok());
  std::vector<float> expected;
  for (int a = 0; a < 2; ++a)
    for (int i = 0; i < 3; ++i)
      for (int b = 0; b < 2; ++b) expected.push_back(in[static_cast<size_t>(i)][static_cast<size_t>(a * 2 + b)]);
  EXPECT_EQ(r.Output<float>(0), expected);
}

TEST(Pack, Int64NegativeAxis) {
  Runner r(OneOp(tflite::BuiltinOperator_PACK, {Act(TensorType::kInt64, {3}), Act(TensorType::kInt64, {3})},
                 {Act(TensorType::kInt64, {3, 2})}, tflite::BuiltinOptions_PackOptions, PackOpts(2, -1)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int64_t>(0, {1, 2, 3});
  r.SetInput<int64_t>(1, {-(int64_t{1} << 40), 5, 6});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int64_t>(0), (std::vector<int64_t>{1, -(int64_t{1} << 40), 2, 5, 3, 6}));
}

TEST(PackUnpack, Errors) {
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_PACK, {Act(TensorType::kInt8, {2}), Act(TensorType::kInt8, {3})},
                           {Act(TensorType::kInt8, {2, 2})}, tflite::BuiltinOptions_PackOptions, PackOpts(2, 0)),
                     "input 1 has another shape than input 0");
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_PACK, {Act(TensorType::kFloat16, {2})}, {Act(TensorType::kFloat16, {1, 2})},
                           tflite::BuiltinOptions_PackOptions, PackOpts(1, 0)),
                     "input type float16 is not supported");
  ExpectPrepareError(
      OneOp(tflite::BuiltinOperator_UNPACK, {Act(TensorType::kInt8, {2, 3})}, {Act(TensorType::kInt8, {2}), Act(TensorType::kInt8, {2})},
            tflite::BuiltinOptions_UnpackOptions, UnpackOpts(2, 0)),
      "output 0 dimension 0 is 2, expected 3");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
