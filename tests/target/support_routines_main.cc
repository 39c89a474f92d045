// SPDX-License-Identifier: Apache-2.0
// On-target check of the compiler-support routines a core without divider or FPU calls (on the
// Xtensa LX106: targets/common/xtensa/libgcc_extra.c, through the real calling convention):
// float/double add, subtract, multiply, divide, the conversions, 32/64-bit integer division and
// 64-bit multiplication, each computed at run time on volatile operands and compared bit for bit
// with the compiler's own correctly rounded constant evaluation of the same expression (constexpr
// tables: GCC folds IEEE arithmetic exactly, independently of the target's routines). Operands: a
// hand-picked list (ties, cancellation, subnormals, near-overflow) and pseudo-random ones made at
// compile time. Prints the first mismatches and exits 1 on any.
#include <stdint.h>
#include <string.h>

#include "board.h"
#include "put_number.h"

namespace {

// ---- compile-time operands -------------------------------------------------------------------
constexpr uint64_t Next(uint64_t& state) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}
template <typename T>
constexpr T Pow2(int exponent) {
  T v = 1;
  for (; exponent > 0; --exponent) v *= 2;
  for (; exponent < 0; ++exponent) v /= 2;
  return v;
}
// A random value: a significand of `bits` random bits (sometimes only two bits set, for exact
// results and ties), scaled by 2^[lo, hi), random sign. The tables' ranges keep every result
// finite (an overflow is not a constant expression) while products reach the subnormals.
template <typename T>
constexpr T RandomValue(uint64_t& state, int bits, int lo, int hi) {
  const uint64_t r = Next(state);
  uint64_t m = (r >> 11) & ((uint64_t{1} << bits) - 1);
  if (r & 2) m = (uint64_t{1} << (bits - 1)) | (uint64_t{1} << ((r >> 3) % (bits - 1)));
  m |= uint64_t{1} << (bits - 1);
  const int exponent = lo + static_cast<int>((r >> 40) % static_cast<uint64_t>(hi - lo)) - (bits - 1);
  const T v = static_cast<T>(m) * Pow2<T>(exponent);
  return (r & 1) ? -v : v;
}

template <typename T>
struct FloatCase {
  T a, b, sum, difference, product, quotient;
};
template <typename T>
constexpr FloatCase<T> MakeFloatCase(T a, T b) {
  return {a, b, a + b, a - b, a * b, a / b};
}

constexpr int kRandomCases = 160;

template <typename T, int kHand, int kBits, int kMinExp, int kMaxExp>
struct FloatTable {
  FloatCase<T> cases[kHand + kRandomCases];
  constexpr explicit FloatTable(const T (&hand)[kHand][2], uint64_t seed) : cases() {
    for (int i = 0; i < kHand; ++i) cases[i] = MakeFloatCase(hand[i][0], hand[i][1]);
    uint64_t state = seed;
    for (int i = 0; i < kRandomCases; ++i) {
      const T a = RandomValue<T>(state, kBits, kMinExp, kMaxExp);
      // Half of the pairs with nearby exponents (rounding, cancellation), half anywhere.
      const T b = (i & 1) ? RandomValue<T>(state, kBits, kMinExp, kMaxExp) : a * RandomValue<T>(state, kBits, -3, 4);
      cases[kHand + i] = MakeFloatCase(a, b);
    }
  }
};

constexpr float kF32Hand[][2] = {{1.0f, 3.0f},
                                 {0.1f, 0.2f},
                                 {1.0f, -1.0f},
                                 {16777216.0f, 1.0f},
                                 {16777216.0f, 3.0f},
                                 {1.0f, 5.9604645e-8f},
                                 {1.0000001f, -1.0f},
                                 {3.4028235e38f, 1.0f},
                                 {1.7014117e38f, 1.9999999f},
                                 {1.1754944e-38f, 0.5f},
                                 {1.1754944e-38f, -1.1754942e-38f},
                                 {1.4e-45f, 0.5f},
                                 {1.4e-45f, 3.0f},
                                 {2.3509887e-38f, 0.75f},
                                 {-0.0f, 1.0f},
                                 {0.0f, -3.0f},
                                 {1.0e-20f, 1.0e-20f},
                                 {1.8e19f, 1.8e19f},
                                 {123456.7f, -123456.6f},
                                 {0.33333334f, 3.0f},
                                 {7.0f, 0.1f}};
constexpr double kF64Hand[][2] = {{1.0, 3.0},
                                  {0.1, 0.2},
                                  {1.0, -1.0},
                                  {9007199254740992.0, 1.0},
                                  {9007199254740992.0, 3.0},
                                  {1.0, 1.1102230246251565e-16},
                                  {1.0000000000000002, -1.0},
                                  {1.7976931348623157e308, 1.0},
                                  {8.98846567431158e307, 1.9999999999999998},
                                  {2.2250738585072014e-308, 0.5},
                                  {4.9406564584124654e-324, 0.5},
                                  {4.9406564584124654e-324, 3.0},
                                  {-0.0, 1.0},
                                  {1.0e-200, 1.0e-200},
                                  {1.0e150, 1.0e150},
                                  {0.3333333333333333, 3.0},
                                  {2147483647.5, 0.5},
                                  {1.0 / 1024, 1048576.0},
                                  {6.103515625e-05, -4.76837158203125e-07},
                                  {0.7071067811865476, 0.7071067811865476},
                                  {2.718281828459045, 3.141592653589793}};

constexpr FloatTable<float, 21, 24, -70, 50> kF32(kF32Hand, 0x9E3779B97F4A7C15ull);
constexpr FloatTable<double, 21, 53, -530, 450> kF64(kF64Hand, 0xD1B54A32D192ED03ull);

struct ConversionCase {
  double d;
  float d_to_f;
  double f_to_d;  // of d_to_f
  int32_t d_to_i;
  uint32_t d_to_u;
  int32_t i;  // from d_to_i
  float i_to_f;
  double i_to_d;
  float u_to_f;
  double u_to_d;
  uint32_t f_to_u;
};
constexpr int kConversionCases = 120;
struct ConversionTable {
  ConversionCase cases[kConversionCases];
  constexpr ConversionTable() : cases() {
    uint64_t state = 0x2545F4914F6CDD1Dull;
    for (int i = 0; i < kConversionCases; ++i) {
      ConversionCase& c = cases[i];
      // Doubles in int32's range (integers, fractions, halfway cases of binary32) and beyond.
      c.d = RandomValue<double>(state, 53, i < 100 ? -4 : -160, i < 100 ? 31 : 127);
      c.d_to_f = static_cast<float>(c.d);
      c.f_to_d = static_cast<double>(c.d_to_f);
      const bool in_i32 = c.d > -2147483648.0 && c.d < 2147483648.0;
      c.d_to_i = in_i32 ? static_cast<int32_t>(c.d) : 0;
      c.d_to_u = (c.d > -1.0 && c.d < 4294967296.0) ? static_cast<uint32_t>(c.d) : 0;
      c.i = c.d_to_i ^ static_cast<int32_t>(Next(state) & 0x7F);
      c.i_to_f = static_cast<float>(c.i);
      c.i_to_d = static_cast<double>(c.i);
      c.u_to_f = static_cast<float>(static_cast<uint32_t>(c.i));
      c.u_to_d = static_cast<double>(static_cast<uint32_t>(c.i));
      c.f_to_u = (c.d_to_f > -1.0f && c.d_to_f < 4294967296.0f) ? static_cast<uint32_t>(c.d_to_f) : 0;
    }
  }
};
constexpr ConversionTable kConversions;

struct IntCase {
  uint64_t a, b, product, quotient, remainder;
  int64_t signed_quotient;
  uint32_t a32, b32, quotient32, remainder32;
  int32_t signed_quotient32;
  uint64_t product32;  // a32 * b32, widened
};
constexpr int kIntCases = 200;
struct IntTable {
  IntCase cases[kIntCases];
  constexpr IntTable() : cases() {
    uint64_t state = 0x853C49E6748FEA9Bull;
    for (int i = 0; i < kIntCases; ++i) {
      IntCase& c = cases[i];
      c.a = Next(state) >> (Next(state) % 64);
      c.b = (Next(state) >> (Next(state) % 64)) | 1;
      c.product = c.a * c.b;
      c.quotient = c.a / c.b;
      c.remainder = c.a % c.b;
      c.signed_quotient = (static_cast<int64_t>(c.b) == -1) ? 0 : static_cast<int64_t>(c.a) / static_cast<int64_t>(c.b);
      c.a32 = static_cast<uint32_t>(c.a ^ (c.a >> 32));
      c.b32 = static_cast<uint32_t>(c.b >> (Next(state) % 32)) | 1;
      c.quotient32 = c.a32 / c.b32;
      c.remainder32 = c.a32 % c.b32;
      c.signed_quotient32 = (static_cast<int32_t>(c.b32) == -1) ? 0 : static_cast<int32_t>(c.a32) / static_cast<int32_t>(c.b32);
      c.product32 = static_cast<uint64_t>(c.a32) * c.b32;
    }
  }
};
constexpr IntTable kInts;

// ---- run-time check --------------------------------------------------------------------------
int g_failures = 0;
int g_checks = 0;

void Fail(const char* what, int index) {
  if (++g_failures <= 10) {
    board_puts("MISMATCH: ");
    board_puts(what);
    board_puts(" case ");
    PutNumber(static_cast<unsigned>(index));
    board_puts("\n");
  }
}

template <typename T>
void Check(const char* what, int index, T got, T expected) {
  ++g_checks;
  if (memcmp(&got, &expected, sizeof(T)) != 0) Fail(what, index);
}

template <typename T, typename Table>
void CheckFloats(const char* name, const Table& table) {
  int index = 0;
  for (const FloatCase<T>& c : table.cases) {
    volatile T a = c.a, b = c.b;
    Check(name, index, static_cast<T>(a + b), c.sum);
    Check(name, index, static_cast<T>(a - b), c.difference);
    Check(name, index, static_cast<T>(a * b), c.product);
    Check(name, index, static_cast<T>(a / b), c.quotient);
    ++index;
  }
}

}  // namespace

int main() {
  CheckFloats<float>("float", kF32);
  CheckFloats<double>("double", kF64);
  int index = 0;
  for (const ConversionCase& c : kConversions.cases) {
    volatile double d = c.d;
    volatile float f = c.d_to_f;
    volatile int32_t i = c.i;
    volatile uint32_t u = static_cast<uint32_t>(c.i);
    Check("double->float", index, static_cast<float>(d), c.d_to_f);
    Check("float->double", index, static_cast<double>(f), c.f_to_d);
    if (c.d > -2147483648.0 && c.d < 2147483648.0) Check("double->int32", index, static_cast<int32_t>(d), c.d_to_i);
    if (c.d > -1.0 && c.d < 4294967296.0) Check("double->uint32", index, static_cast<uint32_t>(d), c.d_to_u);
    if (c.d_to_f > -1.0f && c.d_to_f < 4294967296.0f) Check("float->uint32", index, static_cast<uint32_t>(f), c.f_to_u);
    Check("int32->float", index, static_cast<float>(i), c.i_to_f);
    Check("int32->double", index, static_cast<double>(i), c.i_to_d);
    Check("uint32->float", index, static_cast<float>(u), c.u_to_f);
    Check("uint32->double", index, static_cast<double>(u), c.u_to_d);
    ++index;
  }
  index = 0;
  for (const IntCase& c : kInts.cases) {
    volatile uint64_t a = c.a, b = c.b;
    volatile uint32_t a32 = c.a32, b32 = c.b32;
    Check("uint64 *", index, static_cast<uint64_t>(a * b), c.product);
    Check("uint64 /", index, static_cast<uint64_t>(a / b), c.quotient);
    Check("uint64 %", index, static_cast<uint64_t>(a % b), c.remainder);
    if (static_cast<int64_t>(c.b) != -1) {
      Check("int64 /", index, static_cast<int64_t>(static_cast<int64_t>(a) / static_cast<int64_t>(b)), c.signed_quotient);
    }
    Check("uint32 * -> uint64", index, static_cast<uint64_t>(static_cast<uint64_t>(a32) * b32), c.product32);
    Check("uint32 /", index, static_cast<uint32_t>(a32 / b32), c.quotient32);
    Check("uint32 %", index, static_cast<uint32_t>(a32 % b32), c.remainder32);
    if (static_cast<int32_t>(c.b32) != -1) {
      Check("int32 /", index, static_cast<int32_t>(static_cast<int32_t>(a32) / static_cast<int32_t>(b32)), c.signed_quotient32);
    }
    ++index;
  }
  board_puts(TINYRT_TARGET_NAME);
  board_puts(": compiler-support routines: ");
  PutNumber(static_cast<unsigned>(g_checks - g_failures));
  board_puts("/");
  PutNumber(static_cast<unsigned>(g_checks));
  board_puts(" results equal the compiler's constant evaluation\n");
  return g_failures == 0 ? 0 : 1;
}
