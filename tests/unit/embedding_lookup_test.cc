// SPDX-License-Identifier: Apache-2.0
// EMBEDDING_LOOKUP: expected rows by hand.
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(EmbeddingLookup, FloatAndInt8) {
  // ids [2, 0, 2] into value [3, 2] -> rows 2, 0, 2.
  Runner r(OneOp(tflite::BuiltinOperator_EMBEDDING_LOOKUP,
                 {Const<int32_t>(TensorType::kInt32, {3}, {2, 0, 2}), Act(TensorType::kFloat32, {3, 2})},
                 {Act(TensorType::kFloat32, {3, 2})}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<float>(0, {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{5, 6, 1, 2, 5, 6}));
  Runner q(OneOp(tflite::BuiltinOperator_EMBEDDING_LOOKUP,
                 {Const<int32_t>(TensorType::kInt32, {1}, {1}), Act(TensorType::kInt8, {2, 2}, Q(0.1f, 2))},
                 {Act(TensorType::kInt8, {1, 2}, Q(0.1f, 2))}));
  ASSERT_TRUE(q.ok()) << AllocateMessage(q);
  q.SetInput<int8_t>(0, {1, 2, -3, 4});
  ASSERT_TRUE(q.Invoke().ok());
  EXPECT_EQ(q.Output<int8_t>(0), (std::vector<int8_t>{-3, 4}));
}

TEST(EmbeddingLookup, HybridInt8ToFloat) {
  // value scale 0.25, zero point 0: output = 0.25 * q of the picked rows (exact in float).
  Runner r(OneOp(tflite::BuiltinOperator_EMBEDDING_LOOKUP, {Act(TensorType::kInt32, {2}), Act(TensorType::kInt8, {3, 2}, Q(0.25f, 0))},
                 {Act(TensorType::kFloat32, {2, 2})}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8->float32 (hybrid)");
  r.SetInput<int32_t>(0, {2, 0});
  r.SetInput<int8_t>(1, {1, -2, 3, 4, -128, 127});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{-32.0f, 31.75f, 0.25f, -0.5f}));
  // A run-time id out of range fails the Invoke.
  r.SetInput<int32_t>(0, {3, 0});
  EXPECT_FALSE(r.Invoke().ok());
}

TEST(EmbeddingLookup, Errors) {
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_EMBEDDING_LOOKUP,
                           {Const<int32_t>(TensorType::kInt32, {1}, {1}), Act(TensorType::kInt8, {2, 2}, Q(0.1f, 3))},
                           {Act(TensorType::kFloat32, {1, 2})}),
                     "a hybrid lookup needs an int8 value with one scale and zero point 0");
  ExpectPrepareError(
      OneOp(tflite::BuiltinOperator_EMBEDDING_LOOKUP, {Const<int32_t>(TensorType::kInt32, {1}, {-1}), Act(TensorType::kInt8, {2, 2})},
            {Act(TensorType::kInt8, {1, 2})}),
      "index -1 is out of range [0, 2)");
  ExpectPrepareError(
      OneOp(tflite::BuiltinOperator_EMBEDDING_LOOKUP, {Const<int32_t>(TensorType::kInt32, {1}, {0}), Act(TensorType::kFloat16, {2, 2})},
            {Act(TensorType::kFloat16, {1, 2})}),
      "value type float16 is not supported");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
