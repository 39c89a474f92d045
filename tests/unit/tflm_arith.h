// SPDX-License-Identifier: Apache-2.0
// TFLM's requantization arithmetic written out again for the tests, independently of src/math:
// QuantizeMultiplier with the host's std::frexp and std::round on doubles (the product, not
// tinyrt's integer long division), the two MultiplyByQuantizedMultiplier overloads of TFLite's
// double-rounding build (tensorflow/lite/kernels/internal/common.cc) in 64-bit integers, and
// gemmlowp's RoundingDivideByPOT on int16 values (its mask is an int16, so exponents of 16 and
// more behave differently from the int32 version). Expected outputs of the kernel tests are
// computed with these, so a slip in src/math shows up as a mismatch rather than being copied.
#pragma once

#include <cmath>
#include <cstdint>

namespace tinyrt {
namespace tflm_arith {

// tflite::QuantizeMultiplier (double-rounding build): q in [2^30, 2^31), shift; 0 for tiny values.
inline void QuantizeMultiplier(double m, int32_t* q, int* shift) {
  if (m == 0.0) {
    *q = 0;
    *shift = 0;
    return;
  }
  const double fraction = std::frexp(m, shift);
  int64_t fixed = static_cast<int64_t>(std::round(fraction * 2147483648.0));
  if (fixed == (int64_t{1} << 31)) {
    fixed /= 2;
    ++*shift;
  }
  if (*shift < -31) {
    *shift = 0;
    fixed = 0;
  }
  *q = static_cast<int32_t>(fixed);
}

// gemmlowp::SaturatingRoundingDoublingHighMul on int32.
inline int32_t HighMul(int32_t a, int32_t b) {
  if (a == INT32_MIN && b == INT32_MIN) return INT32_MAX;
  const int64_t ab = static_cast<int64_t>(a) * b;
  const int64_t nudge = ab >= 0 ? (int64_t{1} << 30) : 1 - (int64_t{1} << 30);
  return static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));
}

// gemmlowp::RoundingDivideByPOT for an integer type T (int32_t or int16_t), exponent in [0, 31].
template <typename T>
T RoundingDivideByPOT(T x, int exponent) {
  const T mask = static_cast<T>((1LL << exponent) - 1);
  const T remainder = static_cast<T>(x & mask);
  const T threshold = static_cast<T>((mask >> 1) + (x < 0 ? 1 : 0));
  return static_cast<T>((x >> exponent) + (remainder > threshold ? 1 : 0));
}

// MultiplyByQuantizedMultiplier(int32 x): x * 2^left wraps in 32 bits as TFLM's x * (1 << left).
inline int32_t Mbqm32(int32_t x, int32_t q, int shift) {
  const int left = shift > 0 ? shift : 0;
  const int right = shift > 0 ? 0 : -shift;
  const auto shifted = static_cast<int32_t>(static_cast<uint32_t>(x) * (uint32_t{1} << left));
  return RoundingDivideByPOT<int32_t>(HighMul(shifted, q), right);
}

// MultiplyByQuantizedMultiplier(int64 x): the multiplier reduced to 16 bits, one rounding shift
// of 15 - shift, truncated to int32 (shift <= 14 here).
inline int32_t Mbqm64(int64_t x, int32_t q, int shift) {
  const int64_t reduced = q < 0x7FFF0000 ? (q + (1 << 15)) >> 16 : 0x7FFF;
  const int total = 15 - shift;
  const int64_t rounded = x * reduced + (int64_t{1} << (total - 1));
  return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(rounded >> total)));
}

// gemmlowp's int16 SaturatingRoundingDoublingHighMul and TFLite's hard_swish.h
// SaturatingDoublingHighMul (truncating) and SaturatingLeftShift.
inline int16_t HighMul16(int16_t a, int16_t b) {
  if (a == INT16_MIN && b == INT16_MIN) return INT16_MAX;
  const int32_t ab = static_cast<int32_t>(a) * b;
  const int32_t nudge = ab >= 0 ? (1 << 14) : 1 - (1 << 14);
  return static_cast<int16_t>((ab + nudge) / (1 << 15));
}
inline int16_t TruncHighMul16(int16_t a, int16_t b) {
  if (a == INT16_MIN && b == INT16_MIN) return INT16_MAX;
  return static_cast<int16_t>(static_cast<int32_t>(a) * b / (1 << 15));
}
inline int16_t SatLeftShift16(int16_t v, int amount) {
  const int64_t r = static_cast<int64_t>(v) * (int64_t{1} << amount);
  return static_cast<int16_t>(r > INT16_MAX ? INT16_MAX : (r < INT16_MIN ? INT16_MIN : r));
}
// tflite::DownScaleInt32ToInt16Multiplier.
inline int16_t DownScale16(int32_t q) { return q >= INT32_MAX - (1 << 15) ? INT16_MAX : static_cast<int16_t>((q + (1 << 15)) >> 16); }

// TFLM's int8 HARD_SWISH (hard_swish_common.cc Prepare, reference_ops::HardSwish) for one value.
struct HardSwishInt8 {
  int32_t in_zp, out_zp;
  int16_t out_mult, reluish_mult;
  int out_exp, reluish_exp;
  HardSwishInt8(float in_scale, int32_t in_zero, float out_scale, int32_t out_zero) : in_zp(in_zero), out_zp(out_zero) {
    const float hires = (1.0f / 128.0f) * in_scale;
    int32_t q = 0;
    QuantizeMultiplier(static_cast<double>(hires / out_scale), &q, &out_exp);
    out_mult = DownScale16(q);
    QuantizeMultiplier(static_cast<double>(hires / (3.0f / 32768.0f)), &q, &reluish_exp);
    reluish_mult = DownScale16(q);
  }
  int8_t operator()(int8_t x) const {
    const auto input = static_cast<int16_t>(x - in_zp);
    const auto hires = static_cast<int16_t>(input * (1 << 7));
    const int16_t preshift = HighMul16(hires, out_mult);
    int16_t reluish = hires;
    if (reluish_exp > 0) reluish = SatLeftShift16(reluish, reluish_exp - 1);
    reluish = HighMul16(reluish, reluish_mult);
    if (reluish_exp > 0) reluish = SatLeftShift16(reluish, 1);
    if (reluish_exp < 0) reluish = RoundingDivideByPOT<int16_t>(reluish, -reluish_exp);
    reluish = static_cast<int16_t>((reluish + (1 << 15)) >> 1);
    const int16_t product = TruncHighMul16(reluish, preshift);
    auto out = static_cast<int16_t>(RoundingDivideByPOT<int16_t>(product, -out_exp) + out_zp);
    return static_cast<int8_t>(out < -128 ? -128 : (out > 127 ? 127 : out));
  }
};

}  // namespace tflm_arith
}  // namespace tinyrt
