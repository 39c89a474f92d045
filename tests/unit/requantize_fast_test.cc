// SPDX-License-Identifier: Apache-2.0
// math::MultiplyByQuantizedMultiplierNonNegative (the optimized kernels' requantization) against
// math::MultiplyByQuantizedMultiplier, TFLite's double-rounding form, on random and edge inputs.
#include <gtest/gtest.h>

#include <cstdint>

#include "src/math/quantization.h"

namespace tinyrt {
namespace {

uint64_t Next(uint64_t* s) {
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

TEST(RequantizeFast, MatchesReferenceOnRandomInputs) {
  uint64_t s = 0x9E3779B97F4A7C15ull;
  for (int i = 0; i < 2000000; ++i) {
    const uint64_t r = Next(&s);
    int32_t x = static_cast<int32_t>(r);
    // Mostly accumulator-sized values, some full-range ones.
    if ((r >> 32) % 4 != 0) x >>= static_cast<int>((r >> 40) % 31);
    const int32_t multiplier =
        (r >> 36) % 16 == 0 ? static_cast<int32_t>((r >> 33) & 0x7FFFFFFF) : static_cast<int32_t>((1u << 30) | ((r >> 34) & 0x3FFFFFFF));
    const int shift = static_cast<int>((r >> 50) % 62) - 31;
    ASSERT_EQ(math::MultiplyByQuantizedMultiplierNonNegative(x, multiplier, shift),
              math::MultiplyByQuantizedMultiplier(x, multiplier, shift))
        << "x " << x << " multiplier " << multiplier << " shift " << shift;
  }
}

TEST(RequantizeFast, EdgeCases) {
  const int32_t xs[] = {0, 1, -1, 2, -2, 3, -3, 1 << 30, -(1 << 30), INT32_MAX, INT32_MIN, INT32_MIN + 1, 12345, -12345};
  const int32_t ms[] = {0, 1, 1 << 30, (1 << 30) + 1, INT32_MAX, INT32_MAX - 1, 1518500250};
  for (int32_t x : xs) {
    for (int32_t m : ms) {
      for (int shift = -35; shift <= 35; ++shift) {
        ASSERT_EQ(math::MultiplyByQuantizedMultiplierNonNegative(x, m, shift), math::MultiplyByQuantizedMultiplier(x, m, shift))
            << "x " << x << " multiplier " << m << " shift " << shift;
      }
    }
  }
  // Ties of the doubling high multiply round up (1.5 -> 2, -1.5 -> -1: gemmlowp's nudge), those of
  // the power-of-two division away from zero (3 / 2 -> 2, -3 / 2 -> -2).
  EXPECT_EQ(math::MultiplyByQuantizedMultiplierNonNegative(3, 1 << 30, 0), 2);
  EXPECT_EQ(math::MultiplyByQuantizedMultiplierNonNegative(-3, 1 << 30, 0), -1);
  EXPECT_EQ(math::MultiplyByQuantizedMultiplierNonNegative(6, 1 << 30, -1), 2);    // 3 / 2 = 1.5 -> 2
  EXPECT_EQ(math::MultiplyByQuantizedMultiplierNonNegative(-6, 1 << 30, -1), -2);  // -1.5 -> -2
  EXPECT_EQ(math::MultiplyByQuantizedMultiplierNonNegative(10, 1 << 30, -2), 1);   // 5 / 4 = 1.25 -> 1
}

}  // namespace
}  // namespace tinyrt
