// SPDX-License-Identifier: Apache-2.0
// DIV int8: quotients worked out by hand (values chosen away from rounding ties, so the
// fixed-point reciprocal gives the exactly rounded quotient).
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

host::AlignedBuffer BuildDivInt8(const Quant& q1, const Quant& q2, const Quant& qo, const std::vector<int32_t>& shape2) {
  ModelBuilder b;
  const int a = b.AddTensor(TensorType::kInt8, {4}, q1);
  const int d = b.AddTensor(TensorType::kInt8, shape2, q2);
  const int out = b.AddTensor(TensorType::kInt8, {4}, qo);
  b.AddOp(tflite::BuiltinOperator_DIV, {a, d}, {out});
  b.SetInputs({a, d});
  b.SetOutputs({out});
  return b.Finish();
}

TEST(DivInt8, QuotientsByHand) {
  Runner r(BuildDivInt8(Quant{{1.0f}, {0}}, Quant{{1.0f}, {0}}, Quant{{1.0f}, {0}}, {4}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8");
  r.SetInput<int8_t>(0, {100, 10, 127, -90});
  r.SetInput<int8_t>(1, {4, 3, -5, 7});
  ASSERT_TRUE(r.Invoke().ok());
  // 25, 3.33 -> 3, -25.4 -> -25, -12.86 -> -13.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{25, 3, -25, -13}));
}

TEST(DivInt8, ScalesZeroPointsBroadcastAndZeroDivisor) {
  // Real a = (q - 1) * 0.5, real divisor = (q + 2) * 0.25 (broadcast), output q = real / 0.125 - 3.
  Runner r(BuildDivInt8(Quant{{0.5f}, {1}}, Quant{{0.25f}, {-2}}, Quant{{0.125f}, {-3}}, {1}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int8_t>(0, {9, -7, 1, 21});  // real 4, -4, 0, 10
  r.SetInput<int8_t>(1, {6});             // real 2
  ASSERT_TRUE(r.Invoke().ok());
  // Quotients 2, -2, 0, 5 -> 16 - 3, -16 - 3, -3, 40 - 3.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{13, -19, -3, 37}));
  r.SetInput<int8_t>(1, {-2});  // real 0: saturates by the dividend's sign (0 / 0 gives 0)
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{127, -128, -3, 127}));
}

TEST(DivInt8, ScaleRatioOf2To24Saturates) {
  // input1 / (input2 * output) = 1 / (2^-12 * 2^-12) = 2^24: QuantizeMultiplier gives shift 25,
  // beyond the 23 bits of headroom of a dividend of 255 (TFLM then shifts by a negative count).
  // Real dividend q + 128 = 255, 0, 1, 2; divisor q * 2^-12 = +-2^-12; output q = quotient * 2^12
  // = dividend * 2^24: every non-zero quotient saturates, a zero dividend gives the zero point 0.
  Runner r(BuildDivInt8(Quant{{1.0f}, {-128}}, Quant{{1.0f / 4096}, {0}}, Quant{{1.0f / 4096}, {0}}, {1}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int8_t>(0, {127, -128, -127, -126});
  r.SetInput<int8_t>(1, {1});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{127, 0, 127, 127}));
  r.SetInput<int8_t>(1, {-1});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{-128, 0, -128, -128}));
}

}  // namespace
}  // namespace tinyrt
