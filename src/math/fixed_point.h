// SPDX-License-Identifier: Apache-2.0
// gemmlowp-style fixed-point arithmetic on raw int32 values, as TFLite's quantized softmax (and
// later logistic/tanh/LSTM) use it. A value in format Qm has m integer bits and 31-m fractional
// bits: real = raw / 2^(31-m). Every function reproduces gemmlowp's fixedpoint.h rounding
// exactly, so results are bit-identical to TFLM's reference kernels.
#pragma once

#include <stdint.h>

#include "src/math/quantization.h"

namespace tinyrt {
namespace math {

inline int CountLeadingZeros(uint32_t x) {
#if defined(__GNUC__)
  return x == 0 ? 32 : __builtin_clz(x);
#else
  int n = 0;
  for (uint32_t bit = 0x80000000u; bit != 0 && (x & bit) == 0; bit >>= 1) ++n;
  return n;
#endif
}

// Plain two's-complement add/sub (gemmlowp's Add/Sub), without signed-overflow UB.
inline int32_t WrappingAdd(int32_t a, int32_t b) { return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b)); }
inline int32_t WrappingSub(int32_t a, int32_t b) { return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b)); }

// x * 2^exponent: a saturating left shift for exponent > 0, a round-half-away right shift for
// exponent < 0 (gemmlowp's SaturatingRoundingMultiplyByPOT).
inline int32_t SaturatingRoundingMultiplyByPOT(int32_t x, int exponent) {
  if (exponent == 0) return x;
  if (exponent < 0) return RoundingDivideByPOT(x, -exponent);
  const int32_t threshold = static_cast<int32_t>((1u << (31 - exponent)) - 1u);
  if (x > threshold) return INT32_MAX;
  if (x < -threshold) return INT32_MIN;
  return static_cast<int32_t>(static_cast<uint32_t>(x) << exponent);
}

// (a + b) / 2 rounded half away from zero, without overflow (gemmlowp's RoundingHalfSum).
inline int32_t RoundingHalfSum(int32_t a, int32_t b) {
  const int64_t sum = static_cast<int64_t>(a) + static_cast<int64_t>(b);
  return static_cast<int32_t>((sum + (sum >= 0 ? 1 : -1)) / 2);
}

// Fixed-point product of raw values: Qa * Qb = Q(a+b).
inline int32_t FixedMul(int32_t a, int32_t b) { return SaturatingRoundingDoublingHighMul(a, b); }

// 1.0 in format Q(integer_bits); Q0 cannot hold 1.0 and saturates to its largest value.
inline int32_t FixedOne(int integer_bits) { return integer_bits == 0 ? INT32_MAX : static_cast<int32_t>(1u << (31 - integer_bits)); }

// Converts raw between formats Q(src) and Q(dst) (gemmlowp's Rescale).
inline int32_t FixedRescale(int32_t raw, int src_integer_bits, int dst_integer_bits) {
  return SaturatingRoundingMultiplyByPOT(raw, src_integer_bits - dst_integer_bits);
}

// exp(a) for a in [-1/4, 0), Q0 in and out: a 4th-order Taylor expansion around -1/8.
inline int32_t ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(int32_t a) {
  constexpr int32_t kExpMinusOneEighth = 1895147668;  // exp(-1/8) in Q0
  constexpr int32_t kOneThird = 715827883;            // 1/3 in Q0
  const int32_t x = WrappingAdd(a, 1 << 28);          // x = a + 1/8
  const int32_t x2 = FixedMul(x, x);
  const int32_t x3 = FixedMul(x2, x);
  const int32_t x4 = FixedMul(x2, x2);
  const int32_t x4_over_4 = SaturatingRoundingMultiplyByPOT(x4, -2);
  const int32_t x4_over_24_plus_x3_over_6_plus_x2_over_2 =
      SaturatingRoundingMultiplyByPOT(WrappingAdd(FixedMul(WrappingAdd(x4_over_4, x3), kOneThird), x2), -1);
  return WrappingAdd(kExpMinusOneEighth, FixedMul(kExpMinusOneEighth, WrappingAdd(x, x4_over_24_plus_x3_over_6_plus_x2_over_2)));
}

// exp(a) for a <= 0 given in Q(integer_bits), result in Q0 (gemmlowp's exp_on_negative_values):
// exp of a's remainder modulo 1/4, then one multiplication by exp(-2^k) per set bit of the rest.
inline int32_t ExpOnNegativeValues(int32_t a, int integer_bits) {
  const int fractional_bits = 31 - integer_bits;
  const int32_t one_quarter = static_cast<int32_t>(1u << (fractional_bits - 2));
  const int32_t a_mod_quarter_minus_one_quarter = WrappingSub(a & (one_quarter - 1), one_quarter);
  int32_t result = ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(FixedRescale(a_mod_quarter_minus_one_quarter, integer_bits, 0));
  const int32_t remainder = WrappingSub(a_mod_quarter_minus_one_quarter, a);
  // exp(-2^k) in Q0 for k = -2 .. 4.
  constexpr int32_t kExpMinusPowerOfTwo[7] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
  for (int k = -2; k <= 4; ++k) {
    if (integer_bits > k && (remainder & static_cast<int32_t>(1u << (fractional_bits + k))) != 0) {
      result = FixedMul(result, kExpMinusPowerOfTwo[k + 2]);
    }
  }
  // Below -32 the product above would be meaningless: exp is 0 there.
  if (integer_bits > 5 && a < -static_cast<int32_t>(1u << (36 - integer_bits))) result = 0;
  if (a == 0) result = FixedOne(0);
  return result;
}

// 2 / (1 + a) for a in [0, 1), Q0 in, Q2 out: three Newton-Raphson steps on the half
// denominator (1 + a) / 2, starting from gemmlowp's 48/17 - 32/17 * d estimate.
inline int32_t TwoOverOnePlusXForXIn01(int32_t a) {
  constexpr int32_t k48Over17 = 1515870810;      // Q2
  constexpr int32_t kNeg32Over17 = -1010580540;  // Q2
  const int32_t half_denominator = RoundingHalfSum(a, FixedOne(0));
  int32_t x = WrappingAdd(k48Over17, FixedMul(half_denominator, kNeg32Over17));  // Q2
  for (int i = 0; i < 3; ++i) {
    const int32_t half_denominator_times_x = FixedMul(half_denominator, x);  // Q2
    const int32_t one_minus_half_denominator_times_x = WrappingSub(FixedOne(2), half_denominator_times_x);
    x = WrappingAdd(x, FixedRescale(FixedMul(x, one_minus_half_denominator_times_x), 4, 2));
  }
  return x;
}

// 1 / (1 + a) for a in [0, 1), Q0 in and out (gemmlowp's one_over_one_plus_x_for_x_in_0_1).
inline int32_t OneOverOnePlusXForXIn01(int32_t a) {
  return FixedRescale(TwoOverOnePlusXForXIn01(a), 1, 0);  // x/2 (reinterpreted as Q1) converted to Q0
}

// (1 - a) / (1 + a) for a in [0, 1), Q0 in and out (gemmlowp's
// one_minus_x_over_one_plus_x_for_x_in_0_1): 2 / (1 + a) - 1.
inline int32_t OneMinusXOverOnePlusXForXIn01(int32_t a) { return FixedRescale(WrappingSub(TwoOverOnePlusXForXIn01(a), FixedOne(2)), 2, 0); }

// logistic(a) = 1 / (1 + exp(-a)) for a in Q(integer_bits), result in Q0 (gemmlowp's logistic):
// computed on -|a| and mirrored, exactly 1/2 at 0.
inline int32_t FixedLogistic(int32_t a, int integer_bits) {
  if (a == 0) return 1 << 30;
  const int32_t minus_abs = a > 0 ? WrappingSub(0, a) : a;
  const int32_t positive = OneOverOnePlusXForXIn01(ExpOnNegativeValues(minus_abs, integer_bits));
  return a > 0 ? positive : WrappingSub(FixedOne(0), positive);
}

// tanh(a) for a in Q(integer_bits), result in Q0 (gemmlowp's tanh): (1 - e) / (1 + e) with
// e = exp(-2|a|); the doubling reads the same raw value with one more integer bit.
inline int32_t FixedTanh(int32_t a, int integer_bits) {
  if (a == 0) return 0;
  const int32_t minus_abs = a < 0 ? a : WrappingSub(0, a);
  const int32_t magnitude = OneMinusXOverOnePlusXForXIn01(ExpOnNegativeValues(minus_abs, integer_bits + 1));
  return a < 0 ? WrappingSub(0, magnitude) : magnitude;
}

// 1/x for positive x in Q(x_integer_digits): returns the Q0 mantissa m with
// 1/x = m * 2^-num_bits_over_unit (TFLite's GetReciprocal).
inline int32_t GetReciprocal(int32_t x, int x_integer_digits, int* num_bits_over_unit) {
  const int headroom_plus_one = CountLeadingZeros(static_cast<uint32_t>(x));
  *num_bits_over_unit = x_integer_digits - headroom_plus_one;
  const int32_t shifted_sum_minus_one = static_cast<int32_t>((static_cast<uint32_t>(x) << headroom_plus_one) - (1u << 31));
  return OneOverOnePlusXForXIn01(shifted_sum_minus_one);
}

// x * multiplier * 2^left_shift for a multiplier known to be >= 1 (left_shift >= 0); the
// caller guarantees x * 2^left_shift fits in int32.
inline int32_t MultiplyByQuantizedMultiplierGreaterThanOne(int32_t x, int32_t multiplier, int left_shift) {
  return SaturatingRoundingDoublingHighMul(static_cast<int32_t>(static_cast<uint32_t>(x) << left_shift), multiplier);
}

// 16-bit fixed point (gemmlowp's int16 overloads, as TFLite's quantized HARD_SWISH uses them).
// round(a * b / 2^15), saturating the one overflow (-2^15 * -2^15).
inline int16_t SaturatingRoundingDoublingHighMul16(int16_t a, int16_t b) {
  if (a == b && a == INT16_MIN) return INT16_MAX;
  const int32_t ab = static_cast<int32_t>(a) * b;
  const int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
  return static_cast<int16_t>((ab + nudge) / (1 << 15));  // truncating division
}
// a * b / 2^15 truncated toward zero (ARM's SQDMULH), saturating the same overflow.
inline int16_t SaturatingDoublingHighMul16(int16_t a, int16_t b) {
  if (a == b && a == INT16_MIN) return INT16_MAX;
  return static_cast<int16_t>(static_cast<int32_t>(a) * b / (1 << 15));
}
// value * 2^amount clamped to int16 (amount >= 0).
inline int16_t SaturatingLeftShift16(int16_t value, int amount) {
  const int64_t shifted = static_cast<int64_t>(value) * (static_cast<int64_t>(1) << amount);
  return static_cast<int16_t>(shifted > INT16_MAX ? INT16_MAX : (shifted < INT16_MIN ? INT16_MIN : shifted));
}
// gemmlowp's RoundingDivideByPOT on an int16 (exponent in [0, 31]), as TFLite's quantized
// HARD_SWISH calls it: the mask (2^exponent - 1) is itself an int16, so from exponent 16 on it is
// -1 (all ones) and the result is 1 for x >= 0 and -1 for x < 0, not the int32 version's 0.
inline int16_t RoundingDivideByPOT16(int16_t x, int exponent) {
  const auto mask = static_cast<int16_t>(static_cast<uint16_t>((static_cast<uint64_t>(1) << exponent) - 1));
  const auto remainder = static_cast<int16_t>(x & mask);
  const int32_t threshold = static_cast<int16_t>((mask >> 1) + (x < 0 ? 1 : 0));
  return static_cast<int16_t>((static_cast<int32_t>(x) >> exponent) + (remainder > threshold ? 1 : 0));
}
// A Q31 multiplier rounded to Q15 (TFLite's DownScaleInt32ToInt16Multiplier), for multipliers >= 0.
inline int16_t DownScaleMultiplierToInt16(int32_t multiplier) {
  if (multiplier >= INT32_MAX - (1 << 15)) return INT16_MAX;
  return static_cast<int16_t>((multiplier + (1 << 15)) >> 16);
}

// 1/sqrt(input) for input >= 0 as TFLite's GetInvSqrtQuantizedMultiplierExp with
// reverse_shift -1: a Q31 multiplier and a shift such that MultiplyByQuantizedMultiplier(x,
// multiplier, shift) ~= x / sqrt(input). Inputs 0 and 1 give (INT32_MAX, 0). Five
// Newton-Raphson steps in Q3, bit for bit.
void InvSqrtMultiplier(int32_t input, int32_t* multiplier, int* shift);

// log(x) for x >= 1 in Q(input_integer_bits), result in Q(output_integer_bits): TFLite's
// log_x_for_x_greater_than_or_equal_to_1_impl, bit for bit.
int32_t LogXForXGreaterThanOrEqualTo1(int32_t x, int input_integer_bits, int output_integer_bits);

// Softmax input scaling (TFLite's PreprocessSoftmaxScaling, double-rounding build): the
// multiplier taking an input difference to Q(input_integer_bits), capped at 2^31 - 1.
// Returns false when beta * input_scale is too small to give a multiplier > 1.
bool PreprocessSoftmaxScaling(double beta, double input_scale, int input_integer_bits, int32_t* quantized_multiplier, int* left_shift);
// The same for float beta and scale (as softmax passes them; input_integer_bits in [1, 30]), bit
// for bit, in integer arithmetic:
// no soft-double library on cores without a double-precision FPU.
bool PreprocessSoftmaxScalingFromScales(float beta, float input_scale, int input_integer_bits, int32_t* quantized_multiplier,
                                        int* left_shift);

// Largest input difference whose rescaling by 2^input_left_shift cannot overflow (TFLite's
// CalculateInputRadius, computed exactly in integers); softmax ignores differences below its
// negative. input_left_shift in [0, 62].
int CalculateInputRadius(int input_integer_bits, int input_left_shift, int total_signed_bits = 31);

}  // namespace math
}  // namespace tinyrt
