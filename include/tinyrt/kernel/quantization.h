// SPDX-License-Identifier: Apache-2.0
// Public kernel API (docs/custom_kernels.md): the fixed-point arithmetic shared by every quantized
// kernel, tinyrt's own and an application's. Bit-exactness with TFLM lives here:
// each function reproduces TFLite's (gemmlowp's) rounding exactly, including its quirks.
#pragma once

#include <stdint.h>

#include "tinyrt/tensor.h"

namespace tinyrt {
namespace math {

// frexp without libm: x = fraction * 2^exponent, fraction in [0.5, 1), for positive finite x.
double Frexp(double x, int* exponent);

// Splits a positive real multiplier into a Q31 multiplier and a power-of-two exponent, as
// TFLite's QuantizeMultiplier does (from a double: computing it in float changes the result).
void QuantizeMultiplier(double real_multiplier, int32_t* quantized_multiplier, int* shift);

// The same split without floating point, for firmware on cores without a double-precision FPU
// (no soft-double library). Bit for bit what QuantizeMultiplier(double) gives for the double
// nearest to num / den * 2^exponent (num, den > 0, den <= 2^63, the quotient in double's normal
// range): long division yields the correctly rounded 53-bit mantissa, then the Q31 rounding.
void QuantizeMultiplierExact(uint64_t num, uint64_t den, int exponent, int32_t* quantized_multiplier, int* shift);

// QuantizeMultiplier(double(a) * double(b) / double(c)) bit for bit (the product of two floats is
// exact in double, the quotient rounds once), for every float input including zeros, negative,
// subnormal, infinite and NaN values. The effective scale of conv/fc-like ops.
void QuantizeMultiplierFromScales(float a, float b, float c, int32_t* quantized_multiplier, int* shift);
// QuantizeMultiplier(double(a) * double(b) / d) for the double d whose bit pattern is d_bits.
void QuantizeMultiplierFromScales(float a, float b, uint64_t d_bits, int32_t* quantized_multiplier, int* shift);
// Bit pattern of the double 10.0 / 65535.0 (int16 softmax's input rescaling).
constexpr uint64_t kTenOver65535DoubleBits = 0x3f24001400140014ull;

// |double(a) - double(b)| <= 1e-6 (the pooling kernels' test that input and output share their
// scale), bit for bit, in integer arithmetic, for positive finite floats (quantization scales,
// which the model verifier guarantees); false for any other input.
bool ScalesWithinOneMillionth(float a, float b);

// QuantizeMultiplier that also accepts negative multipliers (LEAKY_RELU with alpha < 0), as
// TFLite's does through frexp: a negative fraction rounds to [-2^31, -2^30] and, unlike the
// positive side, -2^31 stays as it is (it fits in int32), so it is not the negated positive result.
void QuantizeSignedMultiplier(double real_multiplier, int32_t* quantized_multiplier, int* shift);

// round(a*b / 2^31) with saturation: gemmlowp's SaturatingRoundingDoublingHighMul.
inline int32_t SaturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
  if (a == b && a == INT32_MIN) return INT32_MAX;
  const int64_t ab = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  const int32_t nudge = ab >= 0 ? (1 << 30) : (1 - (1 << 30));
  return static_cast<int32_t>((ab + nudge) / (1LL << 31));  // truncating division, not a shift
}

// x / 2^exponent rounded half away from zero: gemmlowp's RoundingDivideByPOT.
inline int32_t RoundingDivideByPOT(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((1LL << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

// x * multiplier * 2^shift, TFLite's MultiplyByQuantizedMultiplier (double rounding variant).
// Shifts are clamped to the range valid models produce, so a crafted scale cannot cause an
// undefined shift; results for valid models are unchanged.
inline int32_t MultiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int shift) {
  const int left_shift = shift > 0 ? (shift < 31 ? shift : 31) : 0;
  const int right_shift = shift > 0 ? 0 : (-shift < 31 ? -shift : 31);
  return RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(static_cast<int32_t>(static_cast<uint32_t>(x) << left_shift), multiplier),
                             right_shift);
}

// MultiplyByQuantizedMultiplier for a non-negative multiplier (every multiplier of a valid model:
// scales are positive), bit for bit, in fewer instructions (the optimized kernels'
// requantization). With b >= 0 the saturating case of SaturatingRoundingDoublingHighMul cannot
// occur and its truncating division equals t = floor((a*b + 2^30) / 2^31), which is never
// INT32_MIN. RoundingDivideByPOT(t, e), half away from zero, is floor((t - [t < 0] + 2^(e-1)) / 2^e)
// = ceil(v / 2) = v - (v >> 1) with v = (t - [t < 0]) >> (e - 1): three 32-bit operations.
inline int32_t MultiplyByQuantizedMultiplierNonNegative(int32_t x, int32_t multiplier, int shift) {
  const int left_shift = shift > 0 ? (shift < 31 ? shift : 31) : 0;
  const int right_shift = shift > 0 ? 0 : (-shift < 31 ? -shift : 31);
  const int64_t ab = static_cast<int64_t>(static_cast<int32_t>(static_cast<uint32_t>(x) << left_shift)) * multiplier;
  const int32_t t = static_cast<int32_t>((ab + (static_cast<int64_t>(1) << 30)) >> 31);
  if (right_shift == 0) return t;
  const int32_t v = (t + (t >> 31)) >> (right_shift - 1);
  return v - (v >> 1);
}

// The 64-bit accumulator variant used by 16x8 kernels (TFLite reference_integer_ops). |x| is
// clamped below 2^47 so the product cannot overflow (no valid model comes near).
inline int32_t MultiplyByQuantizedMultiplier(int64_t x, int32_t multiplier, int shift) {
  constexpr int64_t kLimit = (static_cast<int64_t>(1) << 47) - 1;
  x = x > kLimit ? kLimit : (x < -kLimit ? -kLimit : x);
  const int32_t reduced = multiplier < 0x7FFF0000 ? ((multiplier + (1 << 15)) >> 16) : 0x7FFF;
  int total_shift = 15 - shift;
  total_shift = total_shift < 1 ? 1 : (total_shift > 62 ? 62 : total_shift);
  const int64_t rounded = x * static_cast<int64_t>(reduced) + (static_cast<int64_t>(1) << (total_shift - 1));
  return static_cast<int32_t>(rounded >> total_shift);
}

// TFLite's fused activation function codes (ActivationFunctionType).
enum class Activation : uint8_t { kNone = 0, kRelu = 1, kReluN1To1 = 2, kRelu6 = 3, kTanh = 4, kSignBit = 5 };

// Output clamp range of a quantized op with a fused activation (CalculateActivationRangeQuantized).
// Returns false for activations that cannot be fused into a quantized op.
bool QuantizedActivationRange(Activation activation, TensorType type, float scale, int32_t zero_point, int32_t* act_min, int32_t* act_max);
// Same for float ops.
bool FloatActivationRange(Activation activation, float* act_min, float* act_max);

// Type limits of a quantized type.
int32_t QuantizedMin(TensorType type);
int32_t QuantizedMax(TensorType type);

inline int32_t Clamp(int32_t v, int32_t lo, int32_t hi) { return v < lo ? lo : (v > hi ? hi : v); }
inline float Clamp(float v, float lo, float hi) { return v < lo ? lo : (v > hi ? hi : v); }

// Round half away from zero, as std::round/TfLiteRound, without libm.
float RoundHalfAway(float x);
double RoundHalfAway(double x);

}  // namespace math
}  // namespace tinyrt
