// SPDX-License-Identifier: Apache-2.0
// GATHER: expected values by direct indexing in the test; int32 params are beyond TFLM
// (REJECTED.md: gather__int32_neg_axis).
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(Gather, Int32NegativeAxis) {
  // params [3, 4], indices [3, 0, 3] on axis -1 -> [3, 3]: out[i, j] = p[i, idx[j]].
  Runner r(OneOp(tflite::BuiltinOperator_GATHER, {Act(TensorType::kInt32, {3, 4}), Const<int32_t>(TensorType::kInt32, {3}, {3, 0, 3})},
                 {Act(TensorType::kInt32, {3, 3})}, tflite::BuiltinOptions_GatherOptions, GatherOpts(-1, 0)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  const std::vector<int32_t> p = Iota<int32_t>(12, -5);
  r.SetInput<int32_t>(0, p);
  ASSERT_TRUE(r.Invoke().ok());
  const int idx[3] = {3, 0, 3};
  std::vector<int32_t> expected;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) expected.push_back(p[static_cast<size_t>(i * 4 + idx[j])]);
  EXPECT_EQ(r.Output<int32_t>(0), expected);
}

TEST(Gather, FloatBatchDimsRuntimeIndices) {
  // params [2, 4, 3], indices [2, 2] (int64, graph input), axis 1, batch_dims 1: out[b, c, k] = p[b, idx[b, c], k].
  Runner r(OneOp(tflite::BuiltinOperator_GATHER, {Act(TensorType::kFloat32, {2, 4, 3}), Act(TensorType::kInt64, {2, 2})},
                 {Act(TensorType::kFloat32, {2, 2, 3})}, tflite::BuiltinOptions_GatherOptions, GatherOpts(1, 1)));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  const std::vector<float> p = Iota<float>(24);
  const std::vector<int64_t> idx = {3, 1, 0, 2};
  r.SetInput<float>(0, p);
  r.SetInput<int64_t>(1, idx);
  ASSERT_TRUE(r.Invoke().ok());
  std::vector<float> expected;
  for (int b = 0; b < 2; ++b)
    for (int c = 0; c < 2; ++c)
      for (int k = 0; k < 3; ++k) expected.push_back(p[static_cast<size_t>((b * 4 + idx[static_cast<size_t>(b * 2 + c)]) * 3 + k)]);
  EXPECT_EQ(r.Output<float>(0), expected);
  // An index out of range at run time fails the Invoke.
  r.SetInput<int64_t>(1, {0, 4, 0, 0});
  EXPECT_FALSE(r.Invoke().ok());
}

TEST(Gather, Errors) {
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_GATHER, {Act(TensorType::kInt8, {4}), Const<int32_t>(TensorType::kInt32, {1}, {4})},
                           {Act(TensorType::kInt8, {1})}, tflite::BuiltinOptions_GatherOptions, GatherOpts(0, 0)),
                     "index 4 is out of range [0, 4)");
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_GATHER, {Act(TensorType::kFloat16, {4}), Const<int32_t>(TensorType::kInt32, {1}, {0})},
                           {Act(TensorType::kFloat16, {1})}, tflite::BuiltinOptions_GatherOptions, GatherOpts(0, 0)),
                     "params type float16 is not supported");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
