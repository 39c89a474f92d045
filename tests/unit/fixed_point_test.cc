// SPDX-License-Identifier: Apache-2.0
// Fixed-point building blocks (src/math/fixed_point.h) and int16 lookup tables (src/math/lut.h):
// exact values worked out by hand, and accuracy against libm.
#include <gtest/gtest.h>

#include <cmath>

#include "src/math/fixed_point.h"
#include "src/math/lut.h"
#include "src/math/quantization.h"

namespace tinyrt {
namespace math {
namespace {

TEST(FixedPoint, CountLeadingZeros) {
  EXPECT_EQ(CountLeadingZeros(0u), 32);
  EXPECT_EQ(CountLeadingZeros(1u), 31);
  EXPECT_EQ(CountLeadingZeros(0x00010000u), 15);
  EXPECT_EQ(CountLeadingZeros(0x80000000u), 0);
}

TEST(FixedPoint, SaturatingRoundingMultiplyByPOT) {
  EXPECT_EQ(SaturatingRoundingMultiplyByPOT(42, 0), 42);
  EXPECT_EQ(SaturatingRoundingMultiplyByPOT(5, 2), 20);
  EXPECT_EQ(SaturatingRoundingMultiplyByPOT(-5, 2), -20);
  EXPECT_EQ(SaturatingRoundingMultiplyByPOT((1 << 29) - 1, 2), 2147483644);
  EXPECT_EQ(SaturatingRoundingMultiplyByPOT(1 << 29, 2), INT32_MAX);  // 2^31 does not fit
  EXPECT_EQ(SaturatingRoundingMultiplyByPOT(-(1 << 29) - 1, 2), INT32_MIN);
  // Right shifts round half away from zero.
  EXPECT_EQ(SaturatingRoundingMultiplyByPOT(5, -1), 3);    // 2.5
  EXPECT_EQ(SaturatingRoundingMultiplyByPOT(-5, -1), -3);  // -2.5
  EXPECT_EQ(SaturatingRoundingMultiplyByPOT(6, -2), 2);    // 1.5
  EXPECT_EQ(SaturatingRoundingMultiplyByPOT(-6, -2), -2);  // -1.5
  EXPECT_EQ(SaturatingRoundingMultiplyByPOT(5, -2), 1);    // 1.25
  EXPECT_EQ(SaturatingRoundingMultiplyByPOT(7, -2), 2);    // 1.75
}

TEST(FixedPoint, RoundingHalfSum) {
  EXPECT_EQ(RoundingHalfSum(1, 2), 2);     // 1.5
  EXPECT_EQ(RoundingHalfSum(-1, -2), -2);  // -1.5
  EXPECT_EQ(RoundingHalfSum(-1, 0), -1);   // -0.5
  EXPECT_EQ(RoundingHalfSum(4, 6), 5);
  EXPECT_EQ(RoundingHalfSum(INT32_MAX, INT32_MAX), INT32_MAX);  // no overflow
  EXPECT_EQ(RoundingHalfSum(INT32_MIN, INT32_MIN), INT32_MIN);
}

TEST(FixedPoint, OneAndRescale) {
  EXPECT_EQ(FixedOne(0), INT32_MAX);
  EXPECT_EQ(FixedOne(2), 1 << 29);
  EXPECT_EQ(FixedOne(5), 1 << 26);
  EXPECT_EQ(FixedRescale(1 << 26, 5, 12), 1 << 19);  // 1.0 stays 1.0
  EXPECT_EQ(FixedRescale(INT32_MAX, 0, 12), 1 << 19);
  EXPECT_EQ(FixedRescale(1 << 29, 2, 0), INT32_MAX);  // 1.0 saturates in Q0
  EXPECT_EQ(FixedRescale(-(1 << 29), 2, 0), INT32_MIN);
}

TEST(FixedPoint, ExpOnNegativeValuesStructure) {
  // exp(0) is the largest Q0 value.
  EXPECT_EQ(ExpOnNegativeValues(0, 5), INT32_MAX);
  // -1/4 in Q5.26 is exactly one "quarter": only the polynomial runs, on -1/4 in Q0.
  EXPECT_EQ(ExpOnNegativeValues(-(1 << 24), 5), ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(-(1 << 29)));
  // -1 = -1/4 + (-1/4 - 1/2): the polynomial, then exp(-1/4) and exp(-1/2) from the barrel shifter.
  const int32_t expected = FixedMul(FixedMul(ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(-(1 << 29)), 1672461947), 1302514674);
  EXPECT_EQ(ExpOnNegativeValues(-(1 << 26), 5), expected);
  // With 6 integer bits, anything below -32 is 0.
  EXPECT_EQ(ExpOnNegativeValues(-(1 << 30) - 1, 6), 0);
}

TEST(FixedPoint, ExpOnNegativeValuesIsAccurate) {
  double worst = 0;
  for (int32_t raw = 0; raw > -(31 << 26); raw -= 1234567) {
    const double x = raw / static_cast<double>(1 << 26);
    const double got = ExpOnNegativeValues(raw, 5) / 2147483648.0;
    worst = std::fmax(worst, std::fabs(got - std::exp(x)));
  }
  // The Taylor polynomial around -1/8 is 4th order: its remainder at distance 1/8 is about
  // (1/8)^5 / 120 = 2.5e-7, the accuracy gemmlowp's exp has.
  EXPECT_LT(worst, 3e-7);
  for (int32_t raw = 0; raw > INT32_MIN + 4096; raw -= 4096) {  // the whole Q0 range [-1, 0)
    const double got = ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(raw / 4) / 2147483648.0;
    ASSERT_NEAR(got, std::exp(raw / 4 / 2147483648.0), 3e-7) << raw;
  }
}

TEST(FixedPoint, OneOverOnePlusX) {
  for (int32_t raw = 0; raw < INT32_MAX - 99999; raw += 99999) {
    const double x = raw / 2147483648.0;
    ASSERT_NEAR(OneOverOnePlusXForXIn01(raw) / 2147483648.0, 1.0 / (1.0 + x), 1e-8) << raw;
  }
}

TEST(FixedPoint, GetReciprocal) {
  // 5.0 in Q12.19 = 1.25 * 2^2: 1/5 = 0.8 * 2^-2.
  int bits = 0;
  const int32_t m = GetReciprocal(5 << 19, 12, &bits);
  EXPECT_EQ(bits, 2);
  EXPECT_NEAR(m, 0.8 * 2147483648.0, 8);  // three Newton-Raphson steps: a few Q0 units
  // 1.0: mantissa ~1 (saturated Q0), no extra bits.
  EXPECT_NEAR(GetReciprocal(1 << 19, 12, &bits), 2147483647.0, 4);
  EXPECT_EQ(bits, 0);
}

TEST(FixedPoint, MultiplyByQuantizedMultiplierGreaterThanOne) {
  EXPECT_EQ(MultiplyByQuantizedMultiplierGreaterThanOne(3, 1 << 30, 2), 6);  // 3 * 0.5 * 4
  EXPECT_EQ(MultiplyByQuantizedMultiplierGreaterThanOne(-3, 1 << 30, 2), -6);
  EXPECT_EQ(MultiplyByQuantizedMultiplierGreaterThanOne(-15, 1 << 30, 27), -15 * (1 << 26));  // -15.0 in Q5.26
}

TEST(Quantization, QuantizeSignedMultiplier) {
  int32_t m = 0;
  int shift = 0;
  // Positive values are QuantizeMultiplier's.
  QuantizeSignedMultiplier(0.75, &m, &shift);
  EXPECT_EQ(m, 1610612736);  // 0.75 * 2^31
  EXPECT_EQ(shift, 0);
  QuantizeSignedMultiplier(0.0, &m, &shift);
  EXPECT_EQ(m, 0);
  EXPECT_EQ(shift, 0);
  // Negative: frexp keeps the sign in the fraction.
  QuantizeSignedMultiplier(-0.5, &m, &shift);
  EXPECT_EQ(m, -(1 << 30));
  EXPECT_EQ(shift, 0);
  QuantizeSignedMultiplier(-0.75 * 8, &m, &shift);  // -6 = -0.75 * 2^3
  EXPECT_EQ(m, -1610612736);
  EXPECT_EQ(shift, 3);
  QuantizeSignedMultiplier(-1.0, &m, &shift);  // -0.5 * 2^1
  EXPECT_EQ(m, -(1 << 30));
  EXPECT_EQ(shift, 1);
  // A fraction that rounds to -2^31 stays there (it fits), where the positive side would halve
  // it and bump the shift: (2^30, 1) for the positive value.
  const double almost_one = 1.0 - 1.0 / (1LL << 40);
  QuantizeSignedMultiplier(-almost_one, &m, &shift);
  EXPECT_EQ(m, INT32_MIN);
  EXPECT_EQ(shift, 0);
  QuantizeSignedMultiplier(almost_one, &m, &shift);
  EXPECT_EQ(m, 1 << 30);
  EXPECT_EQ(shift, 1);
  // Too small to represent: zero.
  QuantizeSignedMultiplier(-1e-12, &m, &shift);
  EXPECT_EQ(m, 0);
  EXPECT_EQ(shift, 0);
}

TEST(FixedPoint, PreprocessSoftmaxScalingAndRadius) {
  int32_t multiplier = 0;
  int shift = 0;
  // beta 1, scale 1/256: 2^-8 * 2^26 = 2^18 = 0.5 * 2^19.
  ASSERT_TRUE(PreprocessSoftmaxScaling(1.0, 1.0 / 256, 5, &multiplier, &shift));
  EXPECT_EQ(multiplier, 1 << 30);
  EXPECT_EQ(shift, 19);
  EXPECT_EQ(CalculateInputRadius(5, 19), 31 * 128);  // 31 * 2^26 / 2^19
  // 0.1 * 2^26 = 0.8 * 2^23.
  ASSERT_TRUE(PreprocessSoftmaxScaling(1.0, 0.1, 5, &multiplier, &shift));
  EXPECT_EQ(multiplier, 1717986918);  // round(0.8 * 2^31)
  EXPECT_EQ(shift, 23);
  EXPECT_EQ(CalculateInputRadius(5, 23), 248);
  // Capped at 2^31 - 1.
  ASSERT_TRUE(PreprocessSoftmaxScaling(1e10, 1.0, 5, &multiplier, &shift));
  EXPECT_EQ(multiplier, INT32_MAX);
  EXPECT_EQ(shift, 31);
  // Too small to be a multiplier > 1.
  EXPECT_FALSE(PreprocessSoftmaxScaling(1e-9, 1e-9, 5, &multiplier, &shift));
}

TEST(Int16Lut, LookupInterpolates) {
  int16_t lut[kInt16LutSize];
  for (int i = 0; i < kInt16LutSize; ++i) lut[i] = static_cast<int16_t>(64 * i - 16384);  // ~ value / 2
  EXPECT_EQ(LookupInt16Lut(0, lut), 0);
  EXPECT_EQ(LookupInt16Lut(1, lut), 1);  // 0.5 rounds up
  EXPECT_EQ(LookupInt16Lut(3, lut), 2);  // 1.5
  EXPECT_EQ(LookupInt16Lut(100, lut), 50);
  EXPECT_EQ(LookupInt16Lut(-1, lut), 0);  // entry 255 (-64) + 127/128 of 64
  EXPECT_EQ(LookupInt16Lut(-128, lut), -64);
  EXPECT_EQ(LookupInt16Lut(32767, lut), 16384);  // interpolates towards the extra entry 512
  EXPECT_EQ(LookupInt16Lut(-32768, lut), -16384);
}

float Exp(float x) { return std::exp(x); }

TEST(Int16Lut, PopulateSoftmaxExpTable) {
  // exp on [-10, 0] onto [-1, 1], as softmax builds it.
  int16_t lut[kInt16LutSize];
  PopulateInt16Lut(Exp, 10.0f / 65535, 32767, 2.0f / 65535, 0, lut);
  // Entry 0: exp(-10) * 32768 = 1.49 -> 1; interpolated midpoint round((1.52 + 1) / 2) = 1 but
  // true midpoint round(1.50) = 2: bias round(-1 / 2) = -1, so the entry is 1 + 1 = 2.
  EXPECT_EQ(lut[0], 2);
  EXPECT_EQ(lut[512], 32767);  // exp(0) * 32768 saturates
  for (int i = 0; i < kInt16LutSize; ++i) {
    ASSERT_NEAR(lut[i], std::exp(-10.0 + i * 10.0 / 512) * 32768, 1.5) << i;
  }
}

}  // namespace
}  // namespace math
}  // namespace tinyrt
