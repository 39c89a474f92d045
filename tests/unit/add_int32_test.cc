// SPDX-License-Identifier: Apache-2.0
// ADD on int32 (TFLM: wrapping int32 sum, fused activation ignored).
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Runner;

TEST(AddInt32, WrapsAndBroadcastsAScalar) {
  ModelBuilder b;
  const int in1 = b.AddTensor(TensorType::kInt32, {4});
  const int in2 = b.AddConstant<int32_t>(TensorType::kInt32, {}, {-100});
  const int out = b.AddTensor(TensorType::kInt32, {4});
  auto opts = tflite::CreateAddOptions(b.fbb(), tflite::ActivationFunctionType_RELU);
  b.AddOp(tflite::BuiltinOperator_ADD, {in1, in2}, {out}, tflite::BuiltinOptions_AddOptions, opts.Union());
  b.SetInputs({in1});
  b.SetOutputs({out});
  Runner r(b.Finish());
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int32 broadcast");
  r.SetInput<int32_t>(0, {0, 150, INT32_MIN, 7});
  ASSERT_TRUE(r.Invoke().ok());
  // RELU is ignored for int32, as in TFLM; INT32_MIN - 100 wraps.
  EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{-100, 50, INT32_MAX - 99, -93}));
}

}  // namespace
}  // namespace tinyrt
