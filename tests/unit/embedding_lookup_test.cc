// EMBEDDING_LOOKUP: expected rows by hand.
#include "tests/unit/one_op_test_util.h"

namespace tinyrt {
namespace testing {
namespace {

TEST(EmbeddingLookup, FloatAndInt8) {
  // ids [2, 0, 2] into value [3, 2] -> rows 2, 0, 2.
  Runner r(OneOp(tflite::BuiltinOperator_EMBEDDING_LOOKUP, {Const<int32_t>(TensorType::kInt32, {3}, {2, 0, 2}), Act(TensorType::kFloat32, {3, 2})},
                 {Act(TensorType::kFloat32, {3, 2})}));
  ASSERT_TRUE(r.ok()) << AllocateMessage(r);
  r.SetInput<float>(0, {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{5, 6, 1, 2, 5, 6}));
  Runner q(OneOp(tflite::BuiltinOperator_EMBEDDING_LOOKUP, {Const<int32_t>(TensorType::kInt32, {1}, {1}), Act(TensorType::kInt8, {2, 2}, Q(0.1f, 2))},
                 {Act(TensorType::kInt8, {1, 2}, Q(0.1f, 2))}));
  ASSERT_TRUE(q.ok()) << AllocateMessage(q);
  q.SetInput<int8_t>(0, {1, 2, -3, 4});
  ASSERT_TRUE(q.Invoke().ok());
  EXPECT_EQ(q.Output<int8_t>(0), (std::vector<int8_t>{-3, 4}));
}

TEST(EmbeddingLookup, Errors) {
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_EMBEDDING_LOOKUP, {Const<int32_t>(TensorType::kInt32, {1}, {1}), Act(TensorType::kInt8, {2, 2}, Q(0.1f, 0))},
                           {Act(TensorType::kFloat32, {1, 2})}),
                     "hybrid lookups");
  ExpectPrepareError(OneOp(tflite::BuiltinOperator_EMBEDDING_LOOKUP, {Const<int32_t>(TensorType::kInt32, {1}, {-1}), Act(TensorType::kInt8, {2, 2})},
                           {Act(TensorType::kInt8, {1, 2})}),
                     "index -1 is out of range [0, 2)");
}

}  // namespace
}  // namespace testing
}  // namespace tinyrt
