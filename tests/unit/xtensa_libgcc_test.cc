// SPDX-License-Identifier: Apache-2.0
// The compiler-support routines of the Xtensa LX106 target (targets/common/xtensa/libgcc_extra.c:
// integer division, 64-bit multiply/divide, soft float) against the host's integer unit and IEEE
// 754 hardware floating point (round to nearest even, subnormals on): bit-exact on special values
// and on random operands chosen to hit rounding ties, cancellation, overflow and underflow.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "targets/common/xtensa/libgcc_extra.c"

namespace {

uint32_t Bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}
uint64_t Bits(double d) {
  uint64_t u;
  std::memcpy(&u, &d, 8);
  return u;
}
float F32(uint32_t u) {
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}
double F64(uint64_t u) {
  double d;
  std::memcpy(&d, &u, 8);
  return d;
}

// Equal bits, or both NaN (NaN payloads and signs differ between implementations).
::testing::AssertionResult SameF32(uint32_t got, float expected, const char* what, uint32_t a, uint32_t b) {
  if (std::isnan(expected) ? std::isnan(F32(got)) : got == Bits(expected)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << what << std::hex << "(0x" << a << ", 0x" << b << ") = 0x" << got << ", hardware 0x"
                                       << Bits(expected);
}
::testing::AssertionResult SameF64(uint64_t got, double expected, const char* what, uint64_t a, uint64_t b) {
  if (std::isnan(expected) ? std::isnan(F64(got)) : got == Bits(expected)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << what << std::hex << "(0x" << a << ", 0x" << b << ") = 0x" << got << ", hardware 0x"
                                       << Bits(expected);
}

// Operands: all special values, plus random ones of three kinds: any bit pattern; numbers of
// nearby exponents (sums that cancel, carries, ties); small ones (subnormal results).
std::vector<uint32_t> SpecialF32() {
  return {0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x007FFFFF, 0x00800000, 0x00800001, 0x3F800000,
          0xBF800000, 0x3F800001, 0x3FFFFFFF, 0x4B000000, 0x4B800000, 0x33800000, 0x34000000, 0x7F7FFFFF,
          0xFF7FFFFF, 0x7F000000, 0x7F800000, 0xFF800000, 0x7FC00000, 0x7F800001, 0xFFC00001, 0x00400000,
          0x4F000000, 0xCF000000, 0x4F800000, 0x4EFFFFFF, 0x3EFFFFFF, 0x3F000000, 0x3F400000, 0x1F800000};
}
std::vector<uint64_t> SpecialF64() {
  return {0x0ull,
          0x8000000000000000ull,
          0x1ull,
          0x8000000000000001ull,
          0x000FFFFFFFFFFFFFull,
          0x0010000000000000ull,
          0x0010000000000001ull,
          0x3FF0000000000000ull,
          0xBFF0000000000000ull,
          0x3FF0000000000001ull,
          0x3FFFFFFFFFFFFFFFull,
          0x4330000000000000ull,
          0x3CA0000000000000ull,
          0x7FEFFFFFFFFFFFFFull,
          0xFFEFFFFFFFFFFFFFull,
          0x7FE0000000000000ull,
          0x7FF0000000000000ull,
          0xFFF0000000000000ull,
          0x7FF8000000000000ull,
          0x7FF0000000000001ull,
          0x41E0000000000000ull,
          0xC1E0000000000000ull,
          0x41DFFFFFFFC00000ull,
          0x41EFFFFFFFE00000ull,
          0x41F0000000000000ull,
          0xC1E0000000100000ull,
          0x3FE0000000000000ull,
          0x47EFFFFFE0000000ull,
          0x47EFFFFFF0000000ull,
          0x36A0000000000000ull,
          0x3690000000000000ull,
          0x380FFFFFFFFFFFFFull,
          0x3810000000000000ull};
}

class Operands {
 public:
  explicit Operands(uint32_t seed) : rng_(seed) {}
  uint32_t F32Any() { return static_cast<uint32_t>(rng_()); }
  uint32_t F32Near(uint32_t other) {  // exponent within +-26 of other's, random sign and fraction
    const int32_t e = static_cast<int32_t>((other >> 23) & 0xFF) + static_cast<int32_t>(rng_() % 53) - 26;
    const uint32_t field = static_cast<uint32_t>(e < 0 ? 0 : (e > 254 ? 254 : e));
    return (static_cast<uint32_t>(rng_()) & 0x807FFFFFu) | (field << 23);
  }
  uint64_t F64Any() { return rng_(); }
  uint64_t F64Near(uint64_t other) {
    const int64_t e = static_cast<int64_t>((other >> 52) & 0x7FF) + static_cast<int64_t>(rng_() % 111) - 55;
    const uint64_t field = static_cast<uint64_t>(e < 0 ? 0 : (e > 2046 ? 2046 : e));
    return (rng_() & 0x800FFFFFFFFFFFFFull) | (field << 52);
  }
  // Significands with few bits set make exact ties and exact results common.
  uint32_t F32Sparse() { return (static_cast<uint32_t>(rng_()) & 0xFF800000u) | (1u << (rng_() % 23)) | (1u << (rng_() % 23)); }
  uint64_t F64Sparse() { return (rng_() & 0xFFF0000000000000ull) | (1ull << (rng_() % 52)) | (1ull << (rng_() % 52)); }
  uint64_t U64() { return rng_() >> (rng_() % 64); }
  std::mt19937_64& rng() { return rng_; }

 private:
  std::mt19937_64 rng_;
};

constexpr int kRandomPairs = 300000;

TEST(XtensaLibgcc, Float32AddSubMul) {
  const auto special = SpecialF32();
  for (uint32_t a : special) {
    for (uint32_t b : special) {
      ASSERT_TRUE(SameF32(xt_f32_add(a, b), F32(a) + F32(b), "add", a, b));
      ASSERT_TRUE(SameF32(xt_f32_add(a, b ^ 0x80000000u), F32(a) - F32(b), "sub", a, b));
      ASSERT_TRUE(SameF32(xt_f32_mul(a, b), F32(a) * F32(b), "mul", a, b));
    }
  }
  Operands r(1);
  for (int i = 0; i < kRandomPairs; ++i) {
    const uint32_t a = i % 3 == 2 ? r.F32Sparse() : r.F32Any();
    const uint32_t b = i % 3 == 0 ? r.F32Any() : (i % 3 == 1 ? r.F32Near(a) : r.F32Sparse());
    ASSERT_TRUE(SameF32(xt_f32_add(a, b), F32(a) + F32(b), "add", a, b));
    ASSERT_TRUE(SameF32(xt_f32_mul(a, b), F32(a) * F32(b), "mul", a, b));
    // Products near the subnormal range: exponents summing to about 127.
    const uint32_t c = (a & 0x807FFFFFu) | ((static_cast<uint32_t>(r.rng()() % 40) + 30) << 23);
    const uint32_t d = (b & 0x807FFFFFu) | ((static_cast<uint32_t>(r.rng()() % 40) + 30) << 23);
    ASSERT_TRUE(SameF32(xt_f32_mul(c, d), F32(c) * F32(d), "mul", c, d));
  }
}

TEST(XtensaLibgcc, Float64AddSubMulDiv) {
  const auto special = SpecialF64();
  for (uint64_t a : special) {
    for (uint64_t b : special) {
      ASSERT_TRUE(SameF64(xt_f64_add(a, b), F64(a) + F64(b), "add", a, b));
      ASSERT_TRUE(SameF64(xt_f64_add(a, b ^ 0x8000000000000000ull), F64(a) - F64(b), "sub", a, b));
      ASSERT_TRUE(SameF64(xt_f64_mul(a, b), F64(a) * F64(b), "mul", a, b));
      ASSERT_TRUE(SameF64(xt_f64_div(a, b), F64(a) / F64(b), "div", a, b));
    }
  }
  Operands r(2);
  for (int i = 0; i < kRandomPairs; ++i) {
    const uint64_t a = i % 3 == 2 ? r.F64Sparse() : r.F64Any();
    const uint64_t b = i % 3 == 0 ? r.F64Any() : (i % 3 == 1 ? r.F64Near(a) : r.F64Sparse());
    ASSERT_TRUE(SameF64(xt_f64_add(a, b), F64(a) + F64(b), "add", a, b));
    ASSERT_TRUE(SameF64(xt_f64_mul(a, b), F64(a) * F64(b), "mul", a, b));
    ASSERT_TRUE(SameF64(xt_f64_div(a, b), F64(a) / F64(b), "div", a, b));
    const uint64_t c = (a & 0x800FFFFFFFFFFFFFull) | ((r.rng()() % 80 + 470) << 52);
    const uint64_t d = (b & 0x800FFFFFFFFFFFFFull) | ((r.rng()() % 80 + 470) << 52);
    ASSERT_TRUE(SameF64(xt_f64_mul(c, d), F64(c) * F64(d), "mul", c, d));
    ASSERT_TRUE(SameF64(xt_f64_div(c, b), F64(c) / F64(b), "div", c, b));
  }
}

TEST(XtensaLibgcc, Conversions) {
  Operands r(3);
  std::vector<uint32_t> ints = {0,           1,          2,          3,          0x7FFFFFFF, 0x80000000u, 0x80000001u,
                                0xFFFFFFFFu, 0x00FFFFFF, 0x01000001, 0x01000003, 0x7FFFFFC0, 0x7FFFFF80};
  for (int i = 0; i < kRandomPairs; ++i) ints.push_back(static_cast<uint32_t>(r.U64()));
  for (uint32_t u : ints) {
    const int32_t s = static_cast<int32_t>(u);
    const uint32_t neg = s < 0 ? 0u - u : u;
    ASSERT_TRUE(SameF32(xt_u32_to_f32(s < 0 ? 0x80000000u : 0, neg), static_cast<float>(s), "i32->f32", u, 0));
    ASSERT_TRUE(SameF32(xt_u32_to_f32(0, u), static_cast<float>(u), "u32->f32", u, 0));
    ASSERT_TRUE(SameF64(xt_u32_to_f64(s < 0 ? 0x8000000000000000ull : 0, neg), static_cast<double>(s), "i32->f64", u, 0));
    ASSERT_TRUE(SameF64(xt_u32_to_f64(0, u), static_cast<double>(u), "u32->f64", u, 0));
  }
  std::vector<uint32_t> floats = SpecialF32();
  for (int i = 0; i < kRandomPairs; ++i) floats.push_back(r.F32Any());
  for (uint32_t a : floats) {
    ASSERT_TRUE(SameF64(xt_f32_to_f64(a), static_cast<double>(F32(a)), "f32->f64", a, 0));
    const float f = F32(a);
    if (!std::isnan(f) && f > -1.0f && f < 4294967296.0f) {
      ASSERT_EQ(xt_f32_to_u32(a), static_cast<uint32_t>(f)) << std::hex << a;
    }
  }
  std::vector<uint64_t> doubles = SpecialF64();
  for (int i = 0; i < kRandomPairs; ++i) {
    doubles.push_back(r.F64Any());
    // Doubles in and around binary32's range (normal, subnormal, overflowing).
    doubles.push_back((r.rng()() & 0x800FFFFFFFFFFFFFull) | ((r.rng()() % 320 + 1023 - 160) << 52));
    // Halfway cases between two binary32 values.
    doubles.push_back((r.rng()() & 0x800FFFFFE0000000ull) | 0x10000000ull | ((r.rng()() % 320 + 1023 - 160) << 52));
    // Integers and fractions in int32's range.
    doubles.push_back(Bits(static_cast<double>(static_cast<int64_t>(r.rng()()) >> (r.rng()() % 64)) / 8.0));
  }
  for (uint64_t a : doubles) {
    const double d = F64(a);
    ASSERT_TRUE(SameF32(xt_f64_to_f32(a), static_cast<float>(d), "f64->f32", static_cast<uint32_t>(a >> 32), static_cast<uint32_t>(a)));
    if (!std::isnan(d) && d > -2147483649.0 && d < 2147483648.0) {
      ASSERT_EQ(xt_f64_to_i32(a), static_cast<int32_t>(d)) << std::hex << a;
    }
    if (!std::isnan(d) && d > -1.0 && d < 4294967296.0) {
      ASSERT_EQ(xt_f64_to_u32(a), static_cast<uint32_t>(d)) << std::hex << a;
    }
  }
  // Out of range: saturation, NaN -> 0.
  EXPECT_EQ(xt_f64_to_i32(Bits(3e9)), INT32_MAX);
  EXPECT_EQ(xt_f64_to_i32(Bits(-3e9)), INT32_MIN);
  EXPECT_EQ(xt_f64_to_i32(Bits(std::numeric_limits<double>::quiet_NaN())), 0);
  EXPECT_EQ(xt_f64_to_u32(Bits(5e9)), UINT32_MAX);
  EXPECT_EQ(xt_f64_to_u32(Bits(-5.0)), 0u);
  EXPECT_EQ(xt_f32_to_u32(Bits(5e9f)), UINT32_MAX);
}

TEST(XtensaLibgcc, IntegerDivisionAndMultiplication) {
  Operands r(4);
  std::vector<uint64_t> values = {0,
                                  1,
                                  2,
                                  3,
                                  7,
                                  0xFFFFFFFFu,
                                  0x80000000u,
                                  0x7FFFFFFFu,
                                  0x100000000ull,
                                  0xFFFFFFFFFFFFFFFFull,
                                  0x8000000000000000ull,
                                  0x7FFFFFFFFFFFFFFFull};
  for (int i = 0; i < 2000; ++i) values.push_back(r.U64());
  for (uint64_t a : values) {
    for (int j = 0; j < 50; ++j) {
      const uint64_t b = j < 12 ? values[j] : r.U64();
      const uint32_t a32 = static_cast<uint32_t>(a), b32 = static_cast<uint32_t>(b);
      ASSERT_EQ(xt_mul64(a, b), a * b);
      ASSERT_EQ(xt_mul32x32(a32, b32), static_cast<uint64_t>(a32) * b32);
      if (b32 != 0) {
        uint32_t rem32;
        ASSERT_EQ(xt_udivmod32(a32, b32, &rem32), a32 / b32) << a32 << " / " << b32;
        ASSERT_EQ(rem32, a32 % b32);
        const int32_t sa = static_cast<int32_t>(a32), sb = static_cast<int32_t>(b32);
        if (!(sa == INT32_MIN && sb == -1)) {
          ASSERT_EQ(xt_div32(sa, sb), sa / sb) << sa << " / " << sb;
        }
      }
      if (b != 0) {
        uint64_t rem;
        ASSERT_EQ(xt_udivmod64(a, b, &rem), a / b) << a << " / " << b;
        ASSERT_EQ(rem, a % b);
        const int64_t sa = static_cast<int64_t>(a), sb = static_cast<int64_t>(b);
        if (!(sa == INT64_MIN && sb == -1)) {
          ASSERT_EQ(xt_div64(sa, sb), sa / sb) << sa << " / " << sb;
        }
      }
    }
  }
}

}  // namespace
