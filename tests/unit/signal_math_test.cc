// SPDX-License-Identifier: Apache-2.0
// src/math/signal_math.h: the libm-free sine/cosine that builds FFT twiddles, integer square
// roots, the fixed-point log, checked against independent double-precision computations.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "src/math/kiss_fft.h"
#include "src/math/signal_math.h"

namespace tinyrt {
namespace {

bool Smooth235(int n) {
  while (n % 2 == 0) n /= 2;
  while (n % 3 == 0) n /= 3;
  while (n % 5 == 0) n /= 5;
  return n == 1;
}

// KISS FFT rounds cos/sin(phase) to int16 (Q15), int32 (Q31) or float; computed with libm in
// TFLM. Our twiddles must round to the same values for every phase of every supported length.
TEST(SignalMath, TwiddlesRoundLikeLibm) {
  const double pi = 3.14159265358979323846;
  int checked = 0;
  for (int n = 2; n <= 4096; ++n) {
    if (!Smooth235(n)) continue;
    for (int i = 0; i < n; ++i) {
      const double phases[4] = {-2 * pi * i / n, 2 * pi * i / n, -pi * (static_cast<double>(i + 1) / n + .5),
                                pi * (static_cast<double>(i + 1) / n + .5)};
      for (double p : phases) {
        const double c = math::CosSmall(p), s = math::SinSmall(p);
        const double rc = std::cos(p), rs = std::sin(p);
        ASSERT_EQ(std::floor(.5 + 32767 * c), std::floor(.5 + 32767 * rc)) << n << " " << i;
        ASSERT_EQ(std::floor(.5 + 32767 * s), std::floor(.5 + 32767 * rs)) << n << " " << i;
        ASSERT_EQ(std::floor(.5 + 2147483647.0 * c), std::floor(.5 + 2147483647.0 * rc)) << n << " " << i;
        ASSERT_EQ(std::floor(.5 + 2147483647.0 * s), std::floor(.5 + 2147483647.0 * rs)) << n << " " << i;
        ASSERT_EQ(static_cast<float>(c), static_cast<float>(rc)) << n << " " << i;
        ASSERT_EQ(static_cast<float>(s), static_cast<float>(rs)) << n << " " << i;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 100000);
  // Accurate to about an ulp anywhere in [-8, 8].
  for (double x = -8; x <= 8; x += 0.001) {
    EXPECT_NEAR(math::SinSmall(x), std::sin(x), 2.3e-16) << x;
    EXPECT_NEAR(math::CosSmall(x), std::cos(x), 2.3e-16) << x;
  }
}

TEST(SignalMath, FftLengthsFollowKissFftsRadices) {
  EXPECT_TRUE(math::RealFftLengthSupported(4));
  EXPECT_TRUE(math::RealFftLengthSupported(480));  // 240 = 4 * 4 * 3 * 5
  EXPECT_TRUE(math::RealFftLengthSupported(512));
  EXPECT_FALSE(math::RealFftLengthSupported(2));    // one complex point: KISS FFT's generic radix
  EXPECT_FALSE(math::RealFftLengthSupported(14));   // 7
  EXPECT_FALSE(math::RealFftLengthSupported(510));  // 255 = 3 * 5 * 17
  EXPECT_FALSE(math::RealFftLengthSupported(65));   // odd
}

uint32_t RoundedSqrt(uint64_t x) {
  uint64_t r = static_cast<uint64_t>(std::sqrt(static_cast<long double>(x)));
  while (r * r > x) --r;
  while ((r + 1) * (r + 1) <= x) ++r;
  return static_cast<uint32_t>(x - r * r > r ? r + 1 : r);
}

TEST(SignalMath, SquareRootsRoundToNearest) {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 100000; ++i) {
    const uint64_t x = rng() >> (rng() % 64);
    const uint32_t expected = RoundedSqrt(x);
    if (x < 4294836225ull) {  // below 65535.5^2 rounding never reaches 65536
      ASSERT_EQ(math::Sqrt32(static_cast<uint32_t>(x)), expected) << x;
    }
    if (x < (1ull << 32) && expected == 65536) {
      ASSERT_EQ(math::Sqrt64(x), 65535u) << x;  // the 32-bit path saturates (TFLM's quirk)
    } else if (expected <= 0xFFFFFFFFu) {
      ASSERT_EQ(math::Sqrt64(x), expected) << x;
    }
  }
  EXPECT_EQ(math::Sqrt64(~0ull), 0xFFFFFFFFu);
}

TEST(SignalMath, LogApproximatesNaturalLog) {
  std::mt19937 rng(5);
  for (int i = 0; i < 100000; ++i) {
    const uint32_t x = 1 + (rng() >> (9 + rng() % 23));  // below 2^23, where ln * scale fits 32 bits
    // out_scale 4096: ln(x) with 12 fractional bits. TFLM's table is indexed per segment but
    // its interpolation term is divided by 2^16 instead of the segment width, so within a
    // segment the correction barely moves: up to ~0.0034 in log2 (0.0024 in ln, 10 units here).
    const double expected = std::log(static_cast<double>(x)) * 4096;
    ASSERT_NEAR(static_cast<double>(math::Log32(x, 4096)), expected, 11.0) << x;
  }
  EXPECT_EQ(math::Log32(1, 4096), 0u);
  // The final scaling is a 32-bit product, as in TFLM: large logs times large scales wrap.
  const uint64_t ln_q16 = static_cast<uint64_t>(std::llround(std::log(4e9) * 65536));
  EXPECT_LT(math::Log32(4000000000u, 65536), (ln_q16 * 65536) >> 16);
}

TEST(SignalMath, BitLengthOfZeroIsTheWordSize) {
  EXPECT_EQ(math::BitLength32(0), 32u);  // TFLM's GCC build; FFT auto scale relies on it
  EXPECT_EQ(math::BitLength32(1), 1u);
  EXPECT_EQ(math::BitLength32(0x3333), 14u);
  EXPECT_EQ(math::BitLength64(0), 64u);
  EXPECT_EQ(math::BitLength64(1ull << 40), 41u);
  EXPECT_EQ(math::FloorSmall(-2.5), -3.0);
  EXPECT_EQ(math::FloorSmall(2.5), 2.0);
  EXPECT_EQ(math::FloorSmall(-3.0), -3.0);
}

}  // namespace
}  // namespace tinyrt
