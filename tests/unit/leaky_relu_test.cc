// SPDX-License-Identifier: Apache-2.0
// LEAKY_RELU: float cases and quantized ones worked out by hand with power-of-two scale ratios and
// alphas (one fixed-point multiplier for inputs >= the zero point, one times alpha below it).
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

host::AlignedBuffer BuildLeakyRelu(TensorType type, const std::vector<int32_t>& shape, float alpha, const Quant& in_quant = {},
                                   const Quant& out_quant = {}) {
  ModelBuilder b;
  const int in = b.AddTensor(type, shape, in_quant);
  const int out = b.AddTensor(type, shape, out_quant);
  auto opts = tflite::CreateLeakyReluOptions(b.fbb(), alpha);
  b.AddOp(tflite::BuiltinOperator_LEAKY_RELU, {in}, {out}, tflite::BuiltinOptions_LeakyReluOptions, opts.Union());
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

std::string Message(const Runner& r) { return std::string(r.allocate_status().message()); }

TEST(LeakyRelu, Float) {
  Runner r(BuildLeakyRelu(TensorType::kFloat32, {5}, 0.25f));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference float32");
  r.SetInput<float>(0, {-1, 0, 2, -10, 0.5f});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{-0.25f, 0, 2, -2.5f, 0.5f}));

  // Alpha may be negative or above 1.
  Runner neg(BuildLeakyRelu(TensorType::kFloat32, {2}, -0.5f));
  ASSERT_TRUE(neg.ok()) << Message(neg);
  neg.SetInput<float>(0, {-2, 3});
  ASSERT_TRUE(neg.Invoke().ok());
  EXPECT_EQ(neg.Output<float>(0), (std::vector<float>{1, 3}));
  Runner big(BuildLeakyRelu(TensorType::kFloat32, {1}, 2.0f));
  ASSERT_TRUE(big.ok()) << Message(big);
  big.SetInput<float>(0, {-1.5f});
  ASSERT_TRUE(big.Invoke().ok());
  EXPECT_EQ(big.Output<float>(0), (std::vector<float>{-3}));
}

TEST(LeakyRelu, Int8) {
  // Scales 0.5 -> 0.5: identity ratio 1 (2^30, shift 1); alpha 0.25 (2^30, shift -1).
  Runner r(BuildLeakyRelu(TensorType::kInt8, {6}, 0.25f, Quant{{0.5f}, {3}}, Quant{{0.5f}, {-1}}));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8");
  r.SetInput<int8_t>(0, {3, 10, 127, -1, -9, -128});
  ASSERT_TRUE(r.Invoke().ok());
  // q - 3 = 0, 7, 124, -4, -12, -131; negatives times 0.25 = -1, -3, -32.75 -> -33; then - 1.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{-1, 6, 123, -2, -4, -34}));
}

TEST(LeakyRelu, Int16) {
  // Equal scales, alpha 0.125 (2^30, shift -2): -1.5 rounds half away from zero to -2.
  Runner r(BuildLeakyRelu(TensorType::kInt16, {7}, 0.125f, Quant{{1.0f / 1024}, {0}}, Quant{{1.0f / 1024}, {0}}));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int16");
  r.SetInput<int16_t>(0, {0, 1000, 32767, -8, -1000, -32768, -12});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{0, 1000, 32767, -1, -125, -4096, -2}));

  // A larger output scale: identity 0.5, alpha 0.5 * 0.5.
  Runner r2(BuildLeakyRelu(TensorType::kInt16, {4}, 0.5f, Quant{{0.5f}, {0}}, Quant{{1.0f}, {0}}));
  ASSERT_TRUE(r2.ok()) << Message(r2);
  r2.SetInput<int16_t>(0, {10, 32767, -40, -32768});
  ASSERT_TRUE(r2.Invoke().ok());
  EXPECT_EQ(r2.Output<int16_t>(0), (std::vector<int16_t>{5, 16384, -10, -8192}));  // 16383.5 rounds up
}

TEST(LeakyRelu, ScaleRatioBeyondTheRescaleIsRefusedWithTheRatio) {
  // Ratio 2^31 (seed 6042886 of the differential campaign had 1.1e9): TFLM's rescale would shift
  // an int32 by 32; refused in Prepare, the message names the ratio and why.
  Runner r(BuildLeakyRelu(TensorType::kInt8, {2}, 0.25f, Quant{{2147483648.0f}, {0}}, Quant{{1.0f}, {0}}));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(Message(r).find("input/output scale ratio 2.147"), std::string::npos) << Message(r);
  EXPECT_NE(Message(r).find("(times alpha: 5.36871e+8) is out of range (its fixed-point multiplier needs a shift outside -31..30"),
            std::string::npos)
      << Message(r);
}

TEST(LeakyRelu, Int8NegativeAlpha) {
  // Alpha -0.5: multiplier -2^30 with shift 0, so negative inputs map to -x / 2.
  Runner r(BuildLeakyRelu(TensorType::kInt8, {4}, -0.5f, Quant{{1.0f}, {0}}, Quant{{1.0f}, {0}}));
  ASSERT_TRUE(r.ok()) << Message(r);
  r.SetInput<int8_t>(0, {-4, -10, -128, 5});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{2, 5, 64, 5}));
}

TEST(LeakyRelu, Rejects) {
  Runner r(BuildLeakyRelu(TensorType::kInt32, {2}, 0.1f));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(Message(r).find("LEAKY_RELU (node 0): input type int32 is not supported"), std::string::npos) << Message(r);
  Runner r2(BuildLeakyRelu(TensorType::kInt8, {2}, 0.1f));
  EXPECT_NE(Message(r2).find("quantization scales"), std::string::npos) << Message(r2);
}

}  // namespace
}  // namespace tinyrt
