// SPDX-License-Identifier: Apache-2.0
// Op versions TFLM's kernels run are accepted (docs/operators.md lists them per op): PACK
// version 2 (int8) and 3 (int16), UNPACK 4 (int16), as the TFLite converter writes them, run
// with values checked by direct indexing; a version beyond the list is refused by name.
#include <string>
#include <vector>

#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(OpVersions, PackVersion2Int8Runs) {
  const Quant q = Q(0.5f, -1);
  Runner r(OneOp(tflite::BuiltinOperator_PACK, {Act(TensorType::kInt8, {3}, q), Act(TensorType::kInt8, {3}, q)},
                 {Act(TensorType::kInt8, {2, 3}, q)}, tflite::BuiltinOptions_PackOptions, PackOpts(2, 0), /*version=*/2));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int8_t>(0, {1, -2, 3});
  r.SetInput<int8_t>(1, {-128, 0, 127});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{1, -2, 3, -128, 0, 127}));
}

TEST(OpVersions, PackVersion3Int16Runs) {
  const Quant q = Q(0.25f, 0);
  Runner r(OneOp(tflite::BuiltinOperator_PACK, {Act(TensorType::kInt16, {2}, q), Act(TensorType::kInt16, {2}, q)},
                 {Act(TensorType::kInt16, {2, 2}, q)}, tflite::BuiltinOptions_PackOptions, PackOpts(2, 1), /*version=*/3));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int16_t>(0, {1000, -32768});
  r.SetInput<int16_t>(1, {32767, 7});
  ASSERT_TRUE(r.Invoke().ok());
  // Axis 1: out[a, i] = input_i[a].
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{1000, 32767, -32768, 7}));
}

TEST(OpVersions, UnpackVersion4Int16Runs) {
  Runner r(OneOp(tflite::BuiltinOperator_UNPACK, {Act(TensorType::kInt16, {2, 2}, Q(1.0f, 0))},
                 {Act(TensorType::kInt16, {2}, Q(1.0f, 0)), Act(TensorType::kInt16, {2}, Q(1.0f, 0))}, tflite::BuiltinOptions_UnpackOptions,
                 UnpackOpts(2, 0), /*version=*/4));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<int16_t>(0, {5, -6, 7, -8});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{5, -6}));
  EXPECT_EQ(r.Output<int16_t>(1), (std::vector<int16_t>{7, -8}));
}

// PACK version 4 adds uint32, which neither TFLM nor tinyrt has: refused with the version named.
TEST(OpVersions, VersionBeyondTheListIsRefused) {
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_PACK, {Act(TensorType::kInt8, {3}, Q(1.0f, 0))},
                           {Act(TensorType::kInt8, {1, 3}, Q(1.0f, 0))}, tflite::BuiltinOptions_PackOptions, PackOpts(1, 0), /*version=*/4),
                     "op version 4 is not supported; tinyrt's kernel runs versions 1 to 3");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
