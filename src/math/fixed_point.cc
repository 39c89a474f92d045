// SPDX-License-Identifier: Apache-2.0
#include "src/math/fixed_point.h"

#include <string.h>

namespace tinyrt {
namespace math {

bool PreprocessSoftmaxScaling(double beta, double input_scale, int input_integer_bits, int32_t* quantized_multiplier, int* left_shift) {
  // Same expression and evaluation order as TFLite, so the double rounds identically.
  double real_multiplier = beta * input_scale * static_cast<double>(1 << (31 - input_integer_bits));
  const double max_real_multiplier = static_cast<double>(1LL << 31) - 1.0;
  if (real_multiplier > max_real_multiplier) real_multiplier = max_real_multiplier;
  if (!(real_multiplier > 1.0)) return false;
  QuantizeMultiplier(real_multiplier, quantized_multiplier, left_shift);
  return *left_shift >= 0;
}

bool PreprocessSoftmaxScalingFromScales(float beta, float input_scale, int input_integer_bits, int32_t* quantized_multiplier,
                                        int* left_shift) {
  uint32_t bits[2];
  memcpy(&bits[0], &beta, sizeof(float));
  memcpy(&bits[1], &input_scale, sizeof(float));
  // The double version's real = beta * scale * 2^(31 - bits) is exact; it is clamped to 2^31 - 1
  // and must be > 1. Negative, zero and NaN products fail that test; infinity is clamped.
  if (((bits[0] ^ bits[1]) >> 31) != 0) return false;  // a negative product
  uint64_t product = 1;
  int exponent = 31 - input_integer_bits;
  bool infinite = false;
  for (uint32_t b : bits) {
    const int biased = static_cast<int>((b >> 23) & 0xFF);
    const uint32_t fraction = b & 0x7FFFFFu;
    if ((biased == 0xFF && fraction != 0) || (b & 0x7FFFFFFFu) == 0) return false;  // NaN or zero
    infinite = infinite || biased == 0xFF;
    product *= biased == 0 ? fraction : (fraction | 0x800000u);
    exponent += biased == 0 ? -149 : biased - 150;
  }
  // real = product * 2^exponent = top * 2^(n - 64), top = product shifted to [2^63, 2^64).
  constexpr uint64_t kMax = (static_cast<uint64_t>(1) << 31) - 1;
  const int leading = __builtin_clzll(product);
  const uint64_t top = product << leading;
  const int n = 64 - leading + exponent;  // real in [2^(n-1), 2^n)
  // > 2^31 - 1: certainly when n > 31; when n == 31, when top > (2^31 - 1) * 2^33.
  if (infinite || n > 31 || (n == 31 && top > (kMax << 33))) {
    QuantizeMultiplierExact(kMax, 1, 0, quantized_multiplier, left_shift);
  } else {
    // > 1: certainly when n > 1; when n == 1 (real in [1, 2)), unless it is exactly 1.
    if (n < 1 || (n == 1 && top == (static_cast<uint64_t>(1) << 63))) return false;
    QuantizeMultiplierExact(product, 1, exponent, quantized_multiplier, left_shift);
  }
  return *left_shift >= 0;
}

int CalculateInputRadius(int input_integer_bits, int input_left_shift, int total_signed_bits) {
  // (2^bits - 1) * 2^(total - bits) / 2^left_shift, floored: every step is exact in double too.
  const uint64_t max_input_rescaled = ((static_cast<uint64_t>(1) << input_integer_bits) - 1) << (total_signed_bits - input_integer_bits);
  return static_cast<int>(max_input_rescaled >> input_left_shift);
}

void InvSqrtMultiplier(int32_t input, int32_t* multiplier, int* shift) {
  if (input <= 1) {  // 0 is treated as 1, as TFLite does
    *multiplier = INT32_MAX;
    *shift = 0;
    return;
  }
  int right_shift = 11;
  while (input >= (1 << 29)) {
    input /= 4;
    ++right_shift;
  }
  // Normalize into [2^27, 2^29) by whole bit pairs, so the square root of the scale is exact.
  const int pairs = (CountLeadingZeros(static_cast<uint32_t>(input)) - 1) / 2 - 1;
  right_shift -= pairs;
  input <<= 2 * pairs;
  // Newton-Raphson on x = 1/sqrt(a) in Q3: x <- 1.5 x - (a/2) x^3, from x = 1.
  const int32_t half_input = RoundingDivideByPOT(input >> 1, 1);
  constexpr int32_t kThreeHalves = (1 << 28) + (1 << 27);
  int32_t x = 1 << 28;
  for (int i = 0; i < 5; ++i) {
    const int32_t x3 = FixedRescale(FixedMul(FixedMul(x, x), x), 9, 3);
    x = FixedRescale(WrappingSub(FixedMul(kThreeHalves, x), FixedMul(half_input, x3)), 6, 3);
  }
  constexpr int32_t kHalfSqrt2 = 1518500250;  // sqrt(2)/2 in Q0
  int32_t result = FixedMul(x, kHalfSqrt2);
  if (right_shift < 0) {
    result = static_cast<int32_t>(static_cast<uint32_t>(result) << -right_shift);
    right_shift = 0;
  }
  *multiplier = result;
  *shift = -right_shift;
}

int32_t LogXForXGreaterThanOrEqualTo1(int32_t x, int input_integer_bits, int output_integer_bits) {
  const int accum_integer_bits = output_integer_bits + 1;  // headroom for the final sum
  constexpr int32_t kLog2 = 1488522236;
  constexpr int32_t kSqrtSqrtHalf = 1805811301;
  constexpr int32_t kSqrtHalf = 1518500250;
  constexpr int32_t kOneQuarter = 536870912;
  constexpr int32_t kAlphaN = 117049297;
  constexpr int32_t kAlphaD = 127690142;
  constexpr int32_t kAlphaI = 1057819769;
  constexpr int32_t kAlphaF = 638450708;
  const int32_t shifted_quarter = FixedRescale(kOneQuarter, 0, accum_integer_bits);
  auto saturating_add = [](int64_t sum) { return static_cast<int32_t>(sum > INT32_MAX ? INT32_MAX : (sum < INT32_MIN ? INT32_MIN : sum)); };

  // Two candidate normalizations of x (as Q0) into [sqrt(1/2), sqrt(2)) ranges; take the
  // smaller mantissa r and the larger power-of-two adjustment.
  const int z_a_headroom_plus_1 = CountLeadingZeros(static_cast<uint32_t>(x));
  const int32_t r_a_tmp = SaturatingRoundingMultiplyByPOT(x, z_a_headroom_plus_1 - 1);
  const int32_t r_a = SaturatingRoundingMultiplyByPOT(FixedMul(r_a_tmp, kSqrtHalf), 1);
  const int32_t z_a_pow_2_adj = saturating_add(
      static_cast<int64_t>(SaturatingRoundingMultiplyByPOT(input_integer_bits - z_a_headroom_plus_1, 31 - accum_integer_bits)) +
      shifted_quarter);
  const int32_t z_b = FixedMul(x, kSqrtHalf);
  const int z_b_headroom = CountLeadingZeros(static_cast<uint32_t>(z_b)) - 1;
  const int32_t r_b = SaturatingRoundingMultiplyByPOT(x, z_b_headroom);
  const int32_t z_b_pow_2_adj = saturating_add(
      static_cast<int64_t>(SaturatingRoundingMultiplyByPOT(input_integer_bits - z_b_headroom, 31 - accum_integer_bits)) - shifted_quarter);
  const int32_t r = r_a < r_b ? r_a : r_b;
  const int32_t z_pow_2_adj = z_a_pow_2_adj > z_b_pow_2_adj ? z_a_pow_2_adj : z_b_pow_2_adj;

  // log(r) by a rational approximation around sqrt(sqrt(1/2)).
  const int32_t p = RoundingHalfSum(r, kSqrtSqrtHalf);
  int32_t q = WrappingSub(r, kSqrtSqrtHalf);
  q = WrappingAdd(q, q);
  const int32_t common_sq = FixedMul(q, q);
  const int32_t num = WrappingAdd(FixedMul(q, r), FixedMul(FixedMul(q, common_sq), kAlphaN));
  const int32_t denom_minus_one =
      WrappingAdd(FixedMul(p, WrappingAdd(WrappingAdd(kAlphaI, q), FixedMul(kAlphaD, common_sq))), FixedMul(kAlphaF, q));
  const int32_t recip_denom = OneOverOnePlusXForXIn01(denom_minus_one);
  const int32_t num_scaled = FixedRescale(num, 0, accum_integer_bits);
  const int32_t sum = WrappingAdd(FixedMul(z_pow_2_adj, kLog2), FixedMul(num_scaled, recip_denom));
  return FixedRescale(sum, accum_integer_bits, output_integer_bits);
}

}  // namespace math
}  // namespace tinyrt
