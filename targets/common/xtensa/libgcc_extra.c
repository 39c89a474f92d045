// SPDX-License-Identifier: Apache-2.0
/* Compiler-support routines that Debian's libgcc for xtensa-lx106-elf lacks. The LX106 has a
 * 32-bit multiplier but no divider and no FPU; GCC calls these for integer division, 64-bit
 * multiplication and division, and float/double arithmetic and conversions. On the ESP8266 they
 * live in the boot ROM; Debian's libgcc leaves them out (its xtensa assembly part is not built),
 * so a firmware for this core has to bring them.
 *
 * Written from the IEEE 754 definitions: binary32/binary64, round to nearest even, subnormal
 * inputs and results, infinities; a NaN operand gives a quiet NaN (payload kept), an invalid
 * operation the default NaN. Float-to-integer conversions truncate and saturate out-of-range
 * values (NaN gives 0). Only what libgcc.a does not already have is defined (libgcc has, e.g.,
 * __divsf3, __modsi3, __moddi3, the comparisons and the 64-bit integer conversions, which call the
 * routines below).
 *
 * The arithmetic is in static functions on bit patterns (uint32_t / uint64_t), so the host test
 * (tests/unit/xtensa_libgcc_test.cc) includes this file and checks them against the host's
 * hardware floating point; the symbols GCC calls are thin wrappers, compiled for Xtensa only.
 * Nothing here may use an operation that compiles to one of these routines (no division, no
 * 64-bit multiplication, no floating point arithmetic). */
#include <stdint.h>

/* ---- integer helpers --------------------------------------------------------------------- */
static inline int xt_clz32(uint32_t x) { return x ? __builtin_clz(x) : 32; }
static inline int xt_clz64(uint64_t x) {
  const uint32_t hi = (uint32_t)(x >> 32);
  return hi ? xt_clz32(hi) : 32 + xt_clz32((uint32_t)x);
}

/* a * b, full 64-bit product, from four 16 x 16 -> 32 products (no MUL32_HIGH on the LX106). */
static inline uint64_t xt_mul32x32(uint32_t a, uint32_t b) {
  const uint32_t a0 = a & 0xFFFFu, a1 = a >> 16, b0 = b & 0xFFFFu, b1 = b >> 16;
  const uint32_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const uint32_t mid = p01 + (p00 >> 16);      /* < 2^32: (2^16-1)^2 + 2^16-1 */
  const uint32_t mid2 = p10 + (mid & 0xFFFFu); /* likewise */
  const uint32_t hi = p11 + (mid >> 16) + (mid2 >> 16);
  const uint32_t lo = (mid2 << 16) | (p00 & 0xFFFFu);
  return ((uint64_t)hi << 32) | lo;
}

static uint64_t xt_mul64(uint64_t a, uint64_t b) {
  const uint32_t al = (uint32_t)a, ah = (uint32_t)(a >> 32), bl = (uint32_t)b, bh = (uint32_t)(b >> 32);
  return xt_mul32x32(al, bl) + ((uint64_t)(al * bh + ah * bl) << 32);
}

/* Shift-subtract division, one quotient bit per step from the divisor's aligned position.
 * Division by zero (undefined in C) gives an all-ones quotient and the dividend as remainder. */
static uint32_t xt_udivmod32(uint32_t n, uint32_t d, uint32_t* remainder) {
  if (d == 0) {
    *remainder = n;
    return 0xFFFFFFFFu;
  }
  if (d > n) {
    *remainder = n;
    return 0;
  }
  const int shift = xt_clz32(d) - xt_clz32(n);
  uint32_t q = 0;
  d <<= shift;
  for (int i = 0; i <= shift; ++i) {
    q <<= 1;
    if (n >= d) {
      n -= d;
      q |= 1;
    }
    d >>= 1;
  }
  *remainder = n;
  return q;
}

static uint64_t xt_udivmod64(uint64_t n, uint64_t d, uint64_t* remainder) {
  if ((n >> 32) == 0 && (d >> 32) == 0) {
    uint32_t r;
    const uint32_t q = xt_udivmod32((uint32_t)n, (uint32_t)d, &r);
    *remainder = r;
    return d == 0 ? ~(uint64_t)0 : q;
  }
  if (d == 0) {
    *remainder = n;
    return ~(uint64_t)0;
  }
  if (d > n) {
    *remainder = n;
    return 0;
  }
  const int shift = xt_clz64(d) - xt_clz64(n);
  uint64_t q = 0;
  d <<= shift;
  for (int i = 0; i <= shift; ++i) {
    q <<= 1;
    if (n >= d) {
      n -= d;
      q |= 1;
    }
    d >>= 1;
  }
  *remainder = n;
  return q;
}

static int32_t xt_div32(int32_t a, int32_t b) {
  const uint32_t ua = a < 0 ? 0u - (uint32_t)a : (uint32_t)a;
  const uint32_t ub = b < 0 ? 0u - (uint32_t)b : (uint32_t)b;
  uint32_t r;
  const uint32_t q = xt_udivmod32(ua, ub, &r);
  return (int32_t)(((a < 0) != (b < 0)) ? 0u - q : q);
}

static int64_t xt_div64(int64_t a, int64_t b) {
  const uint64_t ua = a < 0 ? 0u - (uint64_t)a : (uint64_t)a;
  const uint64_t ub = b < 0 ? 0u - (uint64_t)b : (uint64_t)b;
  uint64_t r;
  const uint64_t q = xt_udivmod64(ua, ub, &r);
  return (int64_t)(((a < 0) != (b < 0)) ? 0u - q : q);
}

/* ---- binary32 -------------------------------------------------------------------------------
 * Working form: a significand `sig` whose leading 1 is at bit 26 (23 fraction bits, then guard,
 * round and sticky bits) and a biased exponent `exp`: value = sig / 2^26 * 2^(exp - 127). */
#define XT_F32_SIGN 0x80000000u
#define XT_F32_INF 0x7F800000u
#define XT_F32_DEFAULT_NAN 0x7FC00000u
#define XT_F32_QUIET 0x00400000u

static inline uint32_t xt_shift_right_sticky32(uint32_t x, int n) {
  if (n <= 0) return x;
  if (n >= 32) return x != 0;
  return (x >> n) | ((x << (32 - n)) != 0);
}

static inline int xt_f32_is_nan(uint32_t a) { return (a << 1) > (XT_F32_INF << 1); }

/* Rounds (to nearest, ties to even) and packs; handles overflow to infinity and subnormal or
 * zero results. `sig` is normalized (bit 26 the leading 1) unless exp is 1 (subnormal operands). */
static uint32_t xt_f32_round_pack(uint32_t sign, int32_t exp, uint32_t sig) {
  if (exp >= 0xFF) return sign | XT_F32_INF;
  uint32_t field = 0;
  if (exp <= 0) {
    sig = xt_shift_right_sticky32(sig, 1 - exp); /* as a subnormal: exponent field 0 */
  } else {
    field = (uint32_t)(exp - 1); /* the leading 1 (bit 23 after the shift) adds the last 1 */
  }
  const uint32_t round_bits = sig & 7u;
  sig >>= 3;
  if (round_bits > 4u || (round_bits == 4u && (sig & 1u))) ++sig;
  /* A carry out of the significand moves into the exponent field (up to infinity): that is the
   * correctly rounded result. */
  return sign | ((field << 23) + sig);
}

/* Unpacks a finite non-zero operand's significand (leading 1 at bit 23) and exponent. */
static inline uint32_t xt_f32_unpack(uint32_t a, int32_t* exp) {
  uint32_t m = a & 0x007FFFFFu;
  int32_t e = (int32_t)((a >> 23) & 0xFFu);
  if (e == 0) {
    const int s = xt_clz32(m) - 8;
    m <<= s;
    e = 1 - s;
  } else {
    m |= 0x00800000u;
  }
  *exp = e;
  return m;
}

static uint32_t xt_f32_add(uint32_t a, uint32_t b) {
  const uint32_t ea0 = (a >> 23) & 0xFFu, eb0 = (b >> 23) & 0xFFu;
  if (ea0 == 0xFFu || eb0 == 0xFFu) {
    if (xt_f32_is_nan(a)) return a | XT_F32_QUIET;
    if (xt_f32_is_nan(b)) return b | XT_F32_QUIET;
    if (ea0 == 0xFFu && eb0 == 0xFFu && ((a ^ b) & XT_F32_SIGN)) return XT_F32_DEFAULT_NAN;
    return ea0 == 0xFFu ? a : b;
  }
  if ((a & ~XT_F32_SIGN) < (b & ~XT_F32_SIGN)) {
    const uint32_t t = a;
    a = b;
    b = t;
  }
  const uint32_t sign = a & XT_F32_SIGN;
  int32_t ea = (int32_t)((a >> 23) & 0xFFu), eb = (int32_t)((b >> 23) & 0xFFu);
  uint32_t ma = a & 0x007FFFFFu, mb = b & 0x007FFFFFu;
  if (ea)
    ma |= 0x00800000u;
  else
    ea = 1;
  if (eb)
    mb |= 0x00800000u;
  else
    eb = 1;
  ma <<= 3;
  mb = xt_shift_right_sticky32(mb << 3, ea - eb);
  int32_t exp = ea;
  uint32_t m;
  if ((a ^ b) & XT_F32_SIGN) {
    m = ma - mb;
    if (m == 0) return 0; /* x - x is +0 when rounding to nearest */
    const int shift = xt_clz32(m) - 5;
    m <<= shift;
    exp -= shift;
  } else {
    m = ma + mb;
    if (m & (1u << 27)) {
      m = (m >> 1) | (m & 1u);
      ++exp;
    }
  }
  return xt_f32_round_pack(sign, exp, m);
}

static uint32_t xt_f32_mul(uint32_t a, uint32_t b) {
  const uint32_t sign = (a ^ b) & XT_F32_SIGN;
  const uint32_t ea0 = (a >> 23) & 0xFFu, eb0 = (b >> 23) & 0xFFu;
  if (xt_f32_is_nan(a)) return a | XT_F32_QUIET;
  if (xt_f32_is_nan(b)) return b | XT_F32_QUIET;
  if (ea0 == 0xFFu) return (b << 1) == 0 ? XT_F32_DEFAULT_NAN : sign | XT_F32_INF;
  if (eb0 == 0xFFu) return (a << 1) == 0 ? XT_F32_DEFAULT_NAN : sign | XT_F32_INF;
  if ((a << 1) == 0 || (b << 1) == 0) return sign;
  int32_t ea, eb;
  const uint32_t ma = xt_f32_unpack(a, &ea), mb = xt_f32_unpack(b, &eb);
  const uint64_t p = xt_mul32x32(ma, mb); /* in [2^46, 2^48) */
  int32_t exp = ea + eb - 127;
  int shift = 20;
  if (p >> 47) {
    shift = 21;
    ++exp;
  }
  const uint32_t sig = (uint32_t)(p >> shift) | ((p & (((uint64_t)1 << shift) - 1)) != 0);
  return xt_f32_round_pack(sign, exp, sig);
}

/* ---- binary64: the same with sig's leading 1 at bit 55 ------------------------------------ */
#define XT_F64_SIGN 0x8000000000000000ull
#define XT_F64_INF 0x7FF0000000000000ull
#define XT_F64_DEFAULT_NAN 0x7FF8000000000000ull
#define XT_F64_QUIET 0x0008000000000000ull
#define XT_F64_FRAC 0x000FFFFFFFFFFFFFull

static inline uint64_t xt_shift_right_sticky64(uint64_t x, int n) {
  if (n <= 0) return x;
  if (n >= 64) return x != 0;
  return (x >> n) | ((x << (64 - n)) != 0);
}

static inline int xt_f64_is_nan(uint64_t a) { return (a << 1) > (XT_F64_INF << 1); }

static uint64_t xt_f64_round_pack(uint64_t sign, int32_t exp, uint64_t sig) {
  if (exp >= 0x7FF) return sign | XT_F64_INF;
  uint64_t field = 0;
  if (exp <= 0) {
    sig = xt_shift_right_sticky64(sig, 1 - exp);
  } else {
    field = (uint64_t)(exp - 1);
  }
  const uint32_t round_bits = (uint32_t)sig & 7u;
  sig >>= 3;
  if (round_bits > 4u || (round_bits == 4u && (sig & 1u))) ++sig;
  return sign | ((field << 52) + sig);
}

static inline uint64_t xt_f64_unpack(uint64_t a, int32_t* exp) {
  uint64_t m = a & XT_F64_FRAC;
  int32_t e = (int32_t)((a >> 52) & 0x7FFu);
  if (e == 0) {
    const int s = xt_clz64(m) - 11;
    m <<= s;
    e = 1 - s;
  } else {
    m |= XT_F64_FRAC + 1;
  }
  *exp = e;
  return m;
}

static uint64_t xt_f64_add(uint64_t a, uint64_t b) {
  const uint32_t ea0 = (uint32_t)(a >> 52) & 0x7FFu, eb0 = (uint32_t)(b >> 52) & 0x7FFu;
  if (ea0 == 0x7FFu || eb0 == 0x7FFu) {
    if (xt_f64_is_nan(a)) return a | XT_F64_QUIET;
    if (xt_f64_is_nan(b)) return b | XT_F64_QUIET;
    if (ea0 == 0x7FFu && eb0 == 0x7FFu && ((a ^ b) & XT_F64_SIGN)) return XT_F64_DEFAULT_NAN;
    return ea0 == 0x7FFu ? a : b;
  }
  if ((a & ~XT_F64_SIGN) < (b & ~XT_F64_SIGN)) {
    const uint64_t t = a;
    a = b;
    b = t;
  }
  const uint64_t sign = a & XT_F64_SIGN;
  int32_t ea = (int32_t)((a >> 52) & 0x7FFu), eb = (int32_t)((b >> 52) & 0x7FFu);
  uint64_t ma = a & XT_F64_FRAC, mb = b & XT_F64_FRAC;
  if (ea)
    ma |= XT_F64_FRAC + 1;
  else
    ea = 1;
  if (eb)
    mb |= XT_F64_FRAC + 1;
  else
    eb = 1;
  ma <<= 3;
  mb = xt_shift_right_sticky64(mb << 3, ea - eb);
  int32_t exp = ea;
  uint64_t m;
  if ((a ^ b) & XT_F64_SIGN) {
    m = ma - mb;
    if (m == 0) return 0;
    const int shift = xt_clz64(m) - 8;
    m <<= shift;
    exp -= shift;
  } else {
    m = ma + mb;
    if (m & (1ull << 56)) {
      m = (m >> 1) | (m & 1u);
      ++exp;
    }
  }
  return xt_f64_round_pack(sign, exp, m);
}

static uint64_t xt_f64_mul(uint64_t a, uint64_t b) {
  const uint64_t sign = (a ^ b) & XT_F64_SIGN;
  const uint32_t ea0 = (uint32_t)(a >> 52) & 0x7FFu, eb0 = (uint32_t)(b >> 52) & 0x7FFu;
  if (xt_f64_is_nan(a)) return a | XT_F64_QUIET;
  if (xt_f64_is_nan(b)) return b | XT_F64_QUIET;
  if (ea0 == 0x7FFu) return (b << 1) == 0 ? XT_F64_DEFAULT_NAN : sign | XT_F64_INF;
  if (eb0 == 0x7FFu) return (a << 1) == 0 ? XT_F64_DEFAULT_NAN : sign | XT_F64_INF;
  if ((a << 1) == 0 || (b << 1) == 0) return sign;
  int32_t ea, eb;
  const uint64_t ma = xt_f64_unpack(a, &ea), mb = xt_f64_unpack(b, &eb);
  /* 53 x 53 -> 106-bit product as hi:lo. */
  const uint32_t al = (uint32_t)ma, ah = (uint32_t)(ma >> 32), bl = (uint32_t)mb, bh = (uint32_t)(mb >> 32);
  const uint64_t ll = xt_mul32x32(al, bl);
  const uint64_t mid = xt_mul32x32(al, bh) + xt_mul32x32(ah, bl); /* < 2^54 */
  const uint64_t lo = ll + (mid << 32);
  const uint64_t hi = xt_mul32x32(ah, bh) + (mid >> 32) + (lo < ll);
  int32_t exp = ea + eb - 1023;
  int shift = 49; /* product's leading 1 at bit 104 (or 105) -> bit 55 */
  if (hi >> 41) {
    shift = 50;
    ++exp;
  }
  const uint64_t sig = (hi << (64 - shift)) | (lo >> shift) | ((lo & (((uint64_t)1 << shift) - 1)) != 0);
  return xt_f64_round_pack(sign, exp, sig);
}

static uint64_t xt_f64_div(uint64_t a, uint64_t b) {
  const uint64_t sign = (a ^ b) & XT_F64_SIGN;
  const uint32_t ea0 = (uint32_t)(a >> 52) & 0x7FFu, eb0 = (uint32_t)(b >> 52) & 0x7FFu;
  if (xt_f64_is_nan(a)) return a | XT_F64_QUIET;
  if (xt_f64_is_nan(b)) return b | XT_F64_QUIET;
  const int a_zero = (a << 1) == 0, b_zero = (b << 1) == 0;
  if (ea0 == 0x7FFu) return eb0 == 0x7FFu ? XT_F64_DEFAULT_NAN : sign | XT_F64_INF;
  if (eb0 == 0x7FFu) return sign;
  if (b_zero) return a_zero ? XT_F64_DEFAULT_NAN : sign | XT_F64_INF;
  if (a_zero) return sign;
  int32_t ea, eb;
  uint64_t ma = xt_f64_unpack(a, &ea);
  const uint64_t mb = xt_f64_unpack(b, &eb);
  int32_t exp = ea - eb + 1023;
  if (ma < mb) {
    ma <<= 1;
    --exp;
  }
  /* ma / mb in [1, 2): 56 quotient bits (leading 1 at bit 55), then the sticky remainder. */
  uint64_t q = 0;
  for (int i = 0; i < 56; ++i) {
    q <<= 1;
    if (ma >= mb) {
      ma -= mb;
      q |= 1;
    }
    ma <<= 1;
  }
  return xt_f64_round_pack(sign, exp, q | (ma != 0));
}

/* ---- conversions --------------------------------------------------------------------------- */
static uint32_t xt_u32_to_f32(uint32_t sign, uint32_t u) {
  if (u == 0) return sign;
  const int top = 31 - xt_clz32(u);
  const uint32_t sig = top > 26 ? xt_shift_right_sticky32(u, top - 26) : u << (26 - top);
  return xt_f32_round_pack(sign, 127 + top, sig);
}

static uint64_t xt_u32_to_f64(uint64_t sign, uint32_t u) {
  if (u == 0) return sign;
  const int top = 31 - xt_clz32(u);
  return xt_f64_round_pack(sign, 1023 + top, (uint64_t)u << (55 - top)); /* exact */
}

static uint64_t xt_f32_to_f64(uint32_t a) {
  const uint64_t sign = (uint64_t)(a & XT_F32_SIGN) << 32;
  const uint32_t e = (a >> 23) & 0xFFu;
  if (e == 0xFFu) return sign | XT_F64_INF | ((uint64_t)(a & 0x007FFFFFu) << 29) | (xt_f32_is_nan(a) ? XT_F64_QUIET : 0);
  if ((a << 1) == 0) return sign;
  int32_t exp;
  const uint32_t m = xt_f32_unpack(a, &exp);
  return sign | ((uint64_t)(exp - 127 + 1023) << 52) | ((uint64_t)(m & 0x007FFFFFu) << 29);
}

static uint32_t xt_f64_to_f32(uint64_t a) {
  const uint32_t sign = (uint32_t)(a >> 32) & XT_F32_SIGN;
  const uint32_t e = (uint32_t)(a >> 52) & 0x7FFu;
  if (e == 0x7FFu) return xt_f64_is_nan(a) ? sign | XT_F32_DEFAULT_NAN | (uint32_t)((a & XT_F64_FRAC) >> 29) : sign | XT_F32_INF;
  if ((a << 1) == 0) return sign;
  uint64_t m = a & XT_F64_FRAC;
  int32_t exp = (int32_t)e;
  if (e)
    m |= XT_F64_FRAC + 1;
  else
    exp = 1;
  /* 53-bit significand (leading 1 at bit 52) -> leading 1 at bit 26; subnormal doubles are far
   * below the binary32 range and round to a signed zero. */
  const uint32_t sig = (uint32_t)xt_shift_right_sticky64(m, 26);
  return xt_f32_round_pack(sign, exp - 1023 + 127, sig);
}

/* Truncates |value| = m * 2^(exp - bias - frac_bits) toward zero; saturates at `limit`. */
static uint32_t xt_truncate(uint64_t m, int32_t unbiased, int frac_bits, uint32_t limit) {
  if (unbiased < 0) return 0;
  if (unbiased >= 32) return limit;
  const uint64_t v = unbiased >= frac_bits ? m << (unbiased - frac_bits) : m >> (frac_bits - unbiased);
  return v > limit ? limit : (uint32_t)v;
}

static int32_t xt_f64_to_i32(uint64_t a) {
  if (xt_f64_is_nan(a)) return 0;
  const int32_t e = (int32_t)((a >> 52) & 0x7FFu);
  const uint64_t m = (a & XT_F64_FRAC) | (e ? XT_F64_FRAC + 1 : 0);
  if (a & XT_F64_SIGN) return (int32_t)(0u - xt_truncate(m, e - 1023, 52, 0x80000000u));
  return (int32_t)xt_truncate(m, e - 1023, 52, 0x7FFFFFFFu);
}

static uint32_t xt_f64_to_u32(uint64_t a) {
  if (xt_f64_is_nan(a) || (a & XT_F64_SIGN)) return 0;
  const int32_t e = (int32_t)((a >> 52) & 0x7FFu);
  return xt_truncate((a & XT_F64_FRAC) | (e ? XT_F64_FRAC + 1 : 0), e - 1023, 52, 0xFFFFFFFFu);
}

static uint32_t xt_f32_to_u32(uint32_t a) {
  if (xt_f32_is_nan(a) || (a & XT_F32_SIGN)) return 0;
  const int32_t e = (int32_t)((a >> 23) & 0xFFu);
  return xt_truncate((a & 0x007FFFFFu) | (e ? 0x00800000u : 0), e - 127, 23, 0xFFFFFFFFu);
}

/* ---- the symbols GCC calls (Xtensa soft-float ABI: floats travel as bits in a-registers) --- */
#if defined(__XTENSA__)
typedef union {
  float f;
  uint32_t u;
} xt_f32_bits;
typedef union {
  double f;
  uint64_t u;
} xt_f64_bits;

static inline uint32_t xt_fb(float x) {
  xt_f32_bits v;
  v.f = x;
  return v.u;
}
static inline float xt_bf(uint32_t x) {
  xt_f32_bits v;
  v.u = x;
  return v.f;
}
static inline uint64_t xt_db(double x) {
  xt_f64_bits v;
  v.f = x;
  return v.u;
}
static inline double xt_bd(uint64_t x) {
  xt_f64_bits v;
  v.u = x;
  return v.f;
}

uint32_t __udivsi3(uint32_t a, uint32_t b) {
  uint32_t r;
  return xt_udivmod32(a, b, &r);
}
uint32_t __umodsi3(uint32_t a, uint32_t b) {
  uint32_t r;
  xt_udivmod32(a, b, &r);
  return r;
}
int32_t __divsi3(int32_t a, int32_t b) { return xt_div32(a, b); }
uint64_t __udivdi3(uint64_t a, uint64_t b) {
  uint64_t r;
  return xt_udivmod64(a, b, &r);
}
uint64_t __umoddi3(uint64_t a, uint64_t b) {
  uint64_t r;
  xt_udivmod64(a, b, &r);
  return r;
}
int64_t __divdi3(int64_t a, int64_t b) { return xt_div64(a, b); }
uint64_t __muldi3(uint64_t a, uint64_t b) { return xt_mul64(a, b); }
uint64_t __umulsidi3(uint32_t a, uint32_t b) { return xt_mul32x32(a, b); } /* libgcc's __udivmoddi4 calls it */

float __addsf3(float a, float b) { return xt_bf(xt_f32_add(xt_fb(a), xt_fb(b))); }
float __subsf3(float a, float b) { return xt_bf(xt_f32_add(xt_fb(a), xt_fb(b) ^ XT_F32_SIGN)); }
float __mulsf3(float a, float b) { return xt_bf(xt_f32_mul(xt_fb(a), xt_fb(b))); }
double __adddf3(double a, double b) { return xt_bd(xt_f64_add(xt_db(a), xt_db(b))); }
double __subdf3(double a, double b) { return xt_bd(xt_f64_add(xt_db(a), xt_db(b) ^ XT_F64_SIGN)); }
double __muldf3(double a, double b) { return xt_bd(xt_f64_mul(xt_db(a), xt_db(b))); }
double __divdf3(double a, double b) { return xt_bd(xt_f64_div(xt_db(a), xt_db(b))); }

float __floatsisf(int32_t i) { return xt_bf(xt_u32_to_f32(i < 0 ? XT_F32_SIGN : 0, i < 0 ? 0u - (uint32_t)i : (uint32_t)i)); }
float __floatunsisf(uint32_t u) { return xt_bf(xt_u32_to_f32(0, u)); }
double __floatsidf(int32_t i) { return xt_bd(xt_u32_to_f64(i < 0 ? XT_F64_SIGN : 0, i < 0 ? 0u - (uint32_t)i : (uint32_t)i)); }
double __floatunsidf(uint32_t u) { return xt_bd(xt_u32_to_f64(0, u)); }
double __extendsfdf2(float a) { return xt_bd(xt_f32_to_f64(xt_fb(a))); }
float __truncdfsf2(double a) { return xt_bf(xt_f64_to_f32(xt_db(a))); }
int32_t __fixdfsi(double a) { return xt_f64_to_i32(xt_db(a)); }
uint32_t __fixunsdfsi(double a) { return xt_f64_to_u32(xt_db(a)); }
uint32_t __fixunssfsi(float a) { return xt_f32_to_u32(xt_fb(a)); }
#endif
