// SPDX-License-Identifier: Apache-2.0
// The integer QuantizeMultiplier variants on hand-worked values (tests/exhaustive compares them
// with the double versions on millions of inputs).
#include <cstring>
#include <limits>

#include <gtest/gtest.h>

#include "src/math/fixed_point.h"
#include "src/math/quantization.h"

namespace tinyrt {
namespace math {
namespace {

TEST(QuantizeMultiplierExact, HandWorked) {
  int32_t m = 0;
  int s = 0;
  // 0.25 = 0.5 * 2^-1: Q31 of 0.5 is 2^30.
  QuantizeMultiplierFromScales(0.5f, 0.5f, 1.0f, &m, &s);
  EXPECT_EQ(m, 1 << 30);
  EXPECT_EQ(s, -1);
  // 1/3 = 0.666... * 2^-1; round(0.666... * 2^31) = 1431655765 (the fraction .33 rounds down).
  QuantizeMultiplierFromScales(1.0f, 1.0f, 3.0f, &m, &s);
  EXPECT_EQ(m, 1431655765);
  EXPECT_EQ(s, -1);
  // 2/3 = 0.666... * 2^0.
  QuantizeMultiplierFromScales(2.0f, 1.0f, 3.0f, &m, &s);
  EXPECT_EQ(m, 1431655765);
  EXPECT_EQ(s, 0);
  // 6 = 0.75 * 2^3.
  QuantizeMultiplierFromScales(3.0f, 4.0f, 2.0f, &m, &s);
  EXPECT_EQ(m, 3 << 29);
  EXPECT_EQ(s, 3);
  // (2^53 - 1) / 1: the fraction rounds up to 1.0, so the multiplier becomes 2^30 at shift + 1.
  QuantizeMultiplierExact((1ull << 53) - 1, 1, 0, &m, &s);
  EXPECT_EQ(m, 1 << 30);
  EXPECT_EQ(s, 54);
  // Below 2^-31 * 0.5: zero, as TFLite.
  QuantizeMultiplierExact(1, 1, -40, &m, &s);
  EXPECT_EQ(m, 0);
  EXPECT_EQ(s, 0);
}

TEST(QuantizeMultiplierExact, SpecialValuesFollowTheDoubleArithmetic) {
  const float inf = std::numeric_limits<float>::infinity();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  int32_t m = 7;
  int s = 7;
  QuantizeMultiplierFromScales(-1.0f, 1.0f, 1.0f, &m, &s);  // negative
  EXPECT_EQ(m, 0);
  EXPECT_EQ(s, 0);
  QuantizeMultiplierFromScales(nan, 1.0f, 1.0f, &m, &s);
  EXPECT_EQ(m, 0);
  QuantizeMultiplierFromScales(0.0f, inf, 1.0f, &m, &s);  // 0 * inf = NaN
  EXPECT_EQ(m, 0);
  QuantizeMultiplierFromScales(1.0f, 1.0f, inf, &m, &s);  // 1 / inf = 0
  EXPECT_EQ(m, 0);
  // +inf (x / 0): QuantizeMultiplier(double) splits it as 0.5 * 2^1025.
  QuantizeMultiplierFromScales(1.0f, 1.0f, 0.0f, &m, &s);
  EXPECT_EQ(m, 1 << 30);
  EXPECT_EQ(s, 1025);
  QuantizeMultiplierFromScales(1.0f, 1.0f, -0.0f, &m, &s);  // -inf
  EXPECT_EQ(m, 0);
  // The smallest subnormal squared, over the largest float: 2^-426, far below 2^-31.
  QuantizeMultiplierFromScales(1e-45f, 1e-45f, 3.4e38f, &m, &s);
  EXPECT_EQ(m, 0);
}

TEST(QuantizeMultiplierExact, TenOver65535Bits) {
  const double d = 10.0 / 65535.0;
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof(bits));
  EXPECT_EQ(bits, kTenOver65535DoubleBits);
}

TEST(PreprocessSoftmaxScalingExact, HandWorked) {
  int32_t m = 0;
  int shift = 0;
  // beta 1, scale 1/16, 5 integer bits: 2^-4 * 2^26 = 2^22 = 0.5 * 2^23.
  ASSERT_TRUE(PreprocessSoftmaxScalingFromScales(1.0f, 1.0f / 16, 5, &m, &shift));
  EXPECT_EQ(m, 1 << 30);
  EXPECT_EQ(shift, 23);
  // Huge: clamped to 2^31 - 1 = (1 - 2^-31) * 2^31.
  ASSERT_TRUE(PreprocessSoftmaxScalingFromScales(1e30f, 1.0f, 5, &m, &shift));
  EXPECT_EQ(m, 2147483647);
  EXPECT_EQ(shift, 31);
  // Not above 1: 2^-26 * 2^26 = 1.
  EXPECT_FALSE(PreprocessSoftmaxScalingFromScales(1.0f, 1.0f / 67108864, 5, &m, &shift));
  EXPECT_FALSE(PreprocessSoftmaxScalingFromScales(-1.0f, 1.0f, 5, &m, &shift));
}

}  // namespace
}  // namespace math
}  // namespace tinyrt
