// SPDX-License-Identifier: Apache-2.0
// SPLIT: expected values by direct indexing in the test.
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(Split, FloatAxis1) {
  // [2, 6] into 3 along axis 1: output_k[a, b] = in[a, 2 k + b].
  Runner r(OneOp(tflite::BuiltinOperator_SPLIT, {Const<int32_t>(TensorType::kInt32, {}, {1}), Act(TensorType::kFloat32, {2, 6})},
                 {Act(TensorType::kFloat32, {2, 2}), Act(TensorType::kFloat32, {2, 2}), Act(TensorType::kFloat32, {2, 2})},
                 tflite::BuiltinOptions_SplitOptions, SplitOpts(3)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  const std::vector<float> in = Iota<float>(12);
  r.SetInput<float>(0, in);
  ASSERT_TRUE(r.Invoke().ok());
  for (int k = 0; k < 3; ++k) {
    std::vector<float> expected;
    for (int a = 0; a < 2; ++a)
      for (int b = 0; b < 2; ++b) expected.push_back(in[static_cast<size_t>(a * 6 + 2 * k + b)]);
    EXPECT_EQ(r.Output<float>(k), expected) << k;
  }
}

TEST(Split, Errors) {
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_SPLIT, {Const<int32_t>(TensorType::kInt32, {}, {0}), Act(TensorType::kInt8, {3})},
                           {Act(TensorType::kInt8, {1}), Act(TensorType::kInt8, {1})}, tflite::BuiltinOptions_SplitOptions, SplitOpts(2)),
                     "dimension 3 does not split into 2 equal parts");
  ExpectPrepareError(
      OneOp(tflite::BuiltinOperator_SPLIT, {Const<int32_t>(TensorType::kInt32, {}, {0}), Act(TensorType::kFloat16, {2})},
            {Act(TensorType::kFloat16, {1}), Act(TensorType::kFloat16, {1})}, tflite::BuiltinOptions_SplitOptions, SplitOpts(2)),
      "input type float16 is not supported");
  ExpectPrepareError(
      OneOp(tflite::BuiltinOperator_SPLIT_V,
            {Act(TensorType::kInt8, {4}), Const<int32_t>(TensorType::kInt32, {2}, {1, 2}), Const<int32_t>(TensorType::kInt32, {}, {0})},
            {Act(TensorType::kInt8, {1}), Act(TensorType::kInt8, {3})}, tflite::BuiltinOptions_SplitVOptions, SplitVOpts(2)),
      "output 1 must have size 2 along axis 0");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
