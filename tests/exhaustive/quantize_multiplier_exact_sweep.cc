// SPDX-License-Identifier: Apache-2.0
// The integer QuantizeMultiplier variants equal the double computations they replace, bit for bit:
// millions of random scale triples (random bit patterns over every float class, and realistic
// scales), constructed Q31 rounding ties, special values, the double-constant denominator, and
// softmax's input scaling. Its own binary: too slow for valgrind, run by ctest in every build.
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "src/math/fixed_point.h"
#include "src/math/quantization.h"

namespace tinyrt {
namespace math {
namespace {

class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {  // splitmix64
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint32_t Bits32() { return static_cast<uint32_t>(Next() >> 32); }
  int Uniform(int lo, int hi) { return lo + static_cast<int>(Next() % static_cast<uint64_t>(hi - lo + 1)); }

 private:
  uint64_t state_;
};

float FromBits(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof(f));
  return f;
}
double DoubleFromBits(uint64_t bits) {
  double d;
  std::memcpy(&d, &bits, sizeof(d));
  return d;
}

// A positive scale as models have them: a random mantissa, exponent in [lo, hi].
float RealisticScale(Random& r, int lo, int hi) {
  return FromBits((static_cast<uint32_t>(r.Uniform(lo, hi) + 127) << 23) | (r.Bits32() & 0x7FFFFFu));
}

::testing::AssertionResult SameAsDouble(float a, float b, float c) {
  int32_t m_double = 0, m_exact = 0;
  int s_double = 0, s_exact = 0;
  QuantizeMultiplier(static_cast<double>(a) * static_cast<double>(b) / static_cast<double>(c), &m_double, &s_double);
  QuantizeMultiplierFromScales(a, b, c, &m_exact, &s_exact);
  if (m_double == m_exact && s_double == s_exact) return ::testing::AssertionSuccess();
  uint32_t bits[3];
  std::memcpy(&bits[0], &a, 4);
  std::memcpy(&bits[1], &b, 4);
  std::memcpy(&bits[2], &c, 4);
  return ::testing::AssertionFailure() << std::hex << "a=0x" << bits[0] << " b=0x" << bits[1] << " c=0x" << bits[2] << std::dec
                                       << ": double " << m_double << "/" << s_double << ", exact " << m_exact << "/" << s_exact;
}

TEST(QuantizeMultiplierExactSweep, RandomBitPatterns) {
  Random r(1);
  for (int i = 0; i < 2000000; ++i) {
    ASSERT_TRUE(SameAsDouble(FromBits(r.Bits32()), FromBits(r.Bits32()), FromBits(r.Bits32())));
  }
}

TEST(QuantizeMultiplierExactSweep, RealisticScales) {
  // input * filter / output scales of int8 conv/fc layers, and wider.
  Random r(2);
  for (int i = 0; i < 2000000; ++i) {
    const int spread = i % 2 == 0 ? 12 : 60;
    ASSERT_TRUE(SameAsDouble(RealisticScale(r, -spread, 4), RealisticScale(r, -spread, 4), RealisticScale(r, -spread, 4)));
  }
}

TEST(QuantizeMultiplierExactSweep, RoundingTiesOfTheQ31Step) {
  // a*b with 48 significant bits whose lowest 17 are exactly 2^16: the Q31 rounding is a tie
  // (half away from zero) when the quotient is exact (c a power of two).
  Random r(3);
  int ties = 0;
  for (int i = 0; i < 200000; ++i) {
    const uint32_t ma = (0x800000u | (r.Bits32() & 0x7FFFFFu)) | 1u;
    const uint32_t mb = static_cast<uint32_t>(r.Uniform(64, 127) * 2 + 1) << 16;
    ties += ((static_cast<uint64_t>(ma) * mb) >> 47) != 0;
    const float a = FromBits((static_cast<uint32_t>(r.Uniform(100, 140)) << 23) | (ma & 0x7FFFFFu));
    const float b = FromBits((static_cast<uint32_t>(r.Uniform(100, 140)) << 23) | (mb & 0x7FFFFFu));
    const float c = FromBits(static_cast<uint32_t>(r.Uniform(100, 150)) << 23);
    ASSERT_TRUE(SameAsDouble(a, b, c));
  }
  EXPECT_GT(ties, 50000);
}

TEST(QuantizeMultiplierExactSweep, SpecialValues) {
  const float inf = std::numeric_limits<float>::infinity();
  const std::vector<float> values = {0.0f,
                                     -0.0f,
                                     1e-45f,
                                     -1e-45f,
                                     1.1754942e-38f,
                                     1.1754944e-38f,
                                     1e-10f,
                                     0.00390625f,
                                     0.5f,
                                     1.0f,
                                     -1.0f,
                                     3.0f,
                                     1.0000001f,
                                     0.99999994f,
                                     65535.0f,
                                     3.4028235e38f,
                                     -3.4028235e38f,
                                     inf,
                                     -inf,
                                     std::numeric_limits<float>::quiet_NaN(),
                                     FromBits(0xFFC00001u),
                                     FromBits(0x7F800001u)};
  for (float a : values) {
    for (float b : values) {
      for (float c : values) ASSERT_TRUE(SameAsDouble(a, b, c));
    }
  }
}

TEST(QuantizeMultiplierExactSweep, ExactAgainstDoubleDivision) {
  // num, den < 2^53 convert to double exactly, so num / den * 2^e rounds once in double too.
  Random r(4);
  for (int i = 0; i < 1000000; ++i) {
    const uint64_t num = (r.Next() >> r.Uniform(11, 63)) | 1u;
    const uint64_t den = (r.Next() >> r.Uniform(11, 63)) | 1u;
    const int e = r.Uniform(-200, 200);
    int32_t m1 = 0, m2 = 0;
    int s1 = 0, s2 = 0;
    double value = static_cast<double>(num) / static_cast<double>(den);
    for (int k = 0; k < (e < 0 ? -e : e); ++k) value = e < 0 ? value / 2 : value * 2;  // exact scaling
    QuantizeMultiplier(value, &m1, &s1);
    QuantizeMultiplierExact(num, den, e, &m2, &s2);
    ASSERT_TRUE(m1 == m2 && s1 == s2) << num << "/" << den << " * 2^" << e << ": " << m1 << "/" << s1 << " vs " << m2 << "/" << s2;
  }
  for (uint64_t num : {(1ull << 53) - 1, (1ull << 53) - (1ull << 21), (1ull << 53) - (1ull << 21) - 1, (1ull << 52) + (1ull << 21)}) {
    int32_t m1 = 0, m2 = 0;
    int s1 = 0, s2 = 0;
    QuantizeMultiplier(static_cast<double>(num), &m1, &s1);
    QuantizeMultiplierExact(num, 1, 0, &m2, &s2);
    EXPECT_TRUE(m1 == m2 && s1 == s2) << num;
  }
}

TEST(QuantizeMultiplierExactSweep, DoubleConstantDenominator) {
  Random r(5);
  for (int i = 0; i < 1000000; ++i) {
    const float a = i % 4 == 0 ? FromBits(r.Bits32()) : RealisticScale(r, -20, 4);
    const float b = i % 4 == 0 ? FromBits(r.Bits32()) : RealisticScale(r, -4, 4);
    // int16 softmax's 10/65535, and random positive normal doubles.
    const uint64_t d_bits = i % 2 == 0 ? kTenOver65535DoubleBits : ((static_cast<uint64_t>(r.Uniform(900, 1150)) << 52) | (r.Next() >> 12));
    int32_t m1 = 0, m2 = 0;
    int s1 = 0, s2 = 0;
    QuantizeMultiplier(static_cast<double>(a) * static_cast<double>(b) / DoubleFromBits(d_bits), &m1, &s1);
    QuantizeMultiplierFromScales(a, b, d_bits, &m2, &s2);
    ASSERT_TRUE(m1 == m2 && s1 == s2) << a << " * " << b << " / " << DoubleFromBits(d_bits);
  }
}

TEST(PreprocessSoftmaxScalingExactSweep, SameAsDouble) {
  Random r(6);
  for (int i = 0; i < 1000000; ++i) {
    const float beta = i % 3 == 0 ? FromBits(r.Bits32()) : (i % 3 == 1 ? 1.0f : RealisticScale(r, -10, 10));
    const float scale = i % 5 == 0 ? FromBits(r.Bits32()) : RealisticScale(r, -40, 8);
    const int bits = i % 7 == 0 ? r.Uniform(1, 30) : 5;  // 0 overflows 1 << 31 in the original
    int32_t m1 = 0, m2 = 0;
    int s1 = 0, s2 = 0;
    const bool ok1 = PreprocessSoftmaxScaling(static_cast<double>(beta), static_cast<double>(scale), bits, &m1, &s1);
    const bool ok2 = PreprocessSoftmaxScalingFromScales(beta, scale, bits, &m2, &s2);
    ASSERT_EQ(ok1, ok2) << beta << " " << scale << " " << bits;
    if (ok1) {
      ASSERT_TRUE(m1 == m2 && s1 == s2) << beta << " " << scale << " " << bits;
    }
  }
}

::testing::AssertionResult ScalesSameAsDouble(float a, float b) {
  const double d = static_cast<double>(a) - static_cast<double>(b);
  const bool expected = (d < 0 ? -d : d) <= 1.0e-6;
  if (ScalesWithinOneMillionth(a, b) == expected) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << std::hexfloat << a << " " << b << ": double says " << expected;
}

TEST(ScalesWithinOneMillionthSweep, SameAsDouble) {
  Random r(8);
  const float kMillionth = 1e-6f;
  int near[2] = {0, 0};  // differences near 1e-6: judged outside, inside
  for (int i = 0; i < 2000000; ++i) {
    float a, b;
    switch (i % 4) {
      case 0:  // any positive finite floats
        a = FromBits(r.Bits32() % 0x7F800000u);
        b = FromBits(r.Bits32() % 0x7F800000u);
        if (a == 0 || b == 0) continue;
        break;
      case 1:  // equal, or a few ulps apart
        a = RealisticScale(r, -30, 10);
        uint32_t bits;
        std::memcpy(&bits, &a, sizeof(bits));
        b = FromBits(bits + static_cast<uint32_t>(r.Uniform(0, 6)) - 3u);
        break;
      case 2: {  // differences near 1e-6: b = a -+ (1e-6 + a few ulps of 1e-6)
        a = RealisticScale(r, -22, -8);
        const float delta = FromBits(0x358637BDu + static_cast<uint32_t>(r.Uniform(0, 6)) - 3u);
        b = i % 8 == 2 ? a - delta : a + delta;
        if (!(b > 0)) continue;
        ++near[ScalesWithinOneMillionth(a, b) ? 1 : 0];
        break;
      }
      default:  // very different exponents, around 1e-6
        a = FromBits(0x358637BDu + static_cast<uint32_t>(r.Uniform(0, 8)) - 4u);
        b = RealisticScale(r, -149 + 24, -30);
        break;
    }
    ASSERT_TRUE(ScalesSameAsDouble(a, b));
    ASSERT_TRUE(ScalesSameAsDouble(b, a));
  }
  EXPECT_GT(near[0], 10000);  // the boundary is exercised from both sides
  EXPECT_GT(near[1], 10000);
  EXPECT_TRUE(ScalesWithinOneMillionth(kMillionth, kMillionth));
  EXPECT_FALSE(ScalesWithinOneMillionth(0.0f, 1.0f));  // outside the domain: false
  EXPECT_FALSE(ScalesWithinOneMillionth(-1.0f, -1.0f));
}

TEST(CalculateInputRadiusSweep, SameAsDouble) {
  for (int bits = 0; bits <= 31; ++bits) {
    for (int shift = 0; shift <= 31; ++shift) {
      const double expected =
          1.0 * static_cast<double>((1ll << bits) - 1) * static_cast<double>(1ll << (31 - bits)) / static_cast<double>(1ll << shift);
      EXPECT_EQ(CalculateInputRadius(bits, shift), static_cast<int>(expected)) << bits << " " << shift;
    }
  }
}

}  // namespace
}  // namespace math
}  // namespace tinyrt
