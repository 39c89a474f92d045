// SPDX-License-Identifier: Apache-2.0
// GATHER_ND: expected values by hand; int32 params are beyond TFLM (REJECTED.md: gather_nd__int32).
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(GatherNd, Int32AndFloat) {
  // params [2, 3, 2], indices [[1, 2], [0, 0]] -> [2, 2] = p[1, 2, :], p[0, 0, :].
  Runner r(OneOp(tflite::BuiltinOperator_GATHER_ND,
                 {Act(TensorType::kInt32, {2, 3, 2}), Const<int32_t>(TensorType::kInt32, {2, 2}, {1, 2, 0, 0})},
                 {Act(TensorType::kInt32, {2, 2})}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int32_t>(0, Iota<int32_t>(12, 1000));
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{1010, 1011, 1000, 1001}));
  // Full index vectors pick elements: params [3, 4], indices [[0, 1], [2, 3]] -> [2].
  Runner f(OneOp(tflite::BuiltinOperator_GATHER_ND,
                 {Act(TensorType::kFloat32, {3, 4}), Const<int64_t>(TensorType::kInt64, {2, 2}, {0, 1, 2, 3})},
                 {Act(TensorType::kFloat32, {2})}));
  ASSERT_TRUE(f.ok()) << AllocateMessage(f);
  f.SetInput<float>(0, Iota<float>(12));
  ASSERT_TRUE(f.Invoke().ok());
  EXPECT_EQ(f.Output<float>(0), (std::vector<float>{1, 11}));
}

TEST(GatherNd, Errors) {
  ExpectPrepareError(
      OneOp(tflite::BuiltinOperator_GATHER_ND, {Act(TensorType::kInt8, {2, 3}), Const<int32_t>(TensorType::kInt32, {1, 2}, {1, 3})},
            {Act(TensorType::kInt8, {1})}),
      "index 3 is out of range [0, 3)");
  ExpectPrepareError(
      OneOp(tflite::BuiltinOperator_GATHER_ND, {Act(TensorType::kFloat16, {2}), Const<int32_t>(TensorType::kInt32, {1, 1}, {1})},
            {Act(TensorType::kFloat16, {1})}),
      "params type float16 is not supported");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
