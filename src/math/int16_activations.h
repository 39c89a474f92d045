// SPDX-License-Identifier: Apache-2.0
// TFLite's int16 logistic and tanh (reference_integer_ops::Logistic / Tanh on int16): a 256-entry
// table of sigmoid(i / 24) in Q0.16 with linear interpolation, using tanh(x) = 2 sigmoid(2x) - 1.
// The input is first rescaled so that 2^12 units are 1/3 (the table spans [0, 10.67)).
#pragma once

#include <stdint.h>

namespace tinyrt {
namespace math {

// sigmoid(i / 24) * 2^16 for i = 0..255, the values TFLite tabulates (within 1.5 of the formula
// but not a fresh rounding of it, so the table is data, not recomputed).
extern const uint16_t kSigmoidTableUint16[256];

// Input rescaling shared by the two functions: (x * multiplier + round) >> right_shift.
inline int32_t RescaleInt16ActivationInput(int16_t x, int32_t multiplier, int right_shift) {
  const int32_t round = right_shift > 0 ? static_cast<int32_t>(1) << (right_shift - 1) : 0;
  return (static_cast<int32_t>(x) * multiplier + round) >> right_shift;
}

// The same rescaling exact in 64 bits, clamped to +-(2^31 - 1): for multipliers above 65535 (input
// scales above 5.33), where TFLM's int32 product overflows (undefined) for large |x|. Where it
// does not overflow, the value is TFLM's.
inline int32_t RescaleInt16ActivationInputWide(int16_t x, int32_t multiplier, int right_shift) {
  const int64_t round = right_shift > 0 ? static_cast<int64_t>(1) << (right_shift - 1) : 0;
  const int64_t v = (static_cast<int64_t>(x) * multiplier + round) >> right_shift;
  return static_cast<int32_t>(v > INT32_MAX ? INT32_MAX : (v < -INT32_MAX ? -INT32_MAX : v));
}

// logistic of `in` / (3 * 2^12) (the rescaled input), output in Q0.15.
inline int16_t LogisticInt16Rescaled(int32_t in) {
  const uint32_t abs_in = static_cast<uint32_t>(in < 0 ? -in : in);
  const uint32_t index = abs_in >> 9;  // 2^9 units per table step (1/24)
  uint32_t result;
  if (index >= 255) {
    result = 0x7FFFu << 10;
  } else {
    const uint32_t a = kSigmoidTableUint16[index];
    const uint32_t b = kSigmoidTableUint16[index + 1];
    result = (a << 9) + (abs_in & 0x1FFu) * (b - a);  // Q0.25
  }
  // sigmoid(-x) = 1 - sigmoid(x); both rounded back to Q0.15.
  result = in >= 0 ? result + (1u << 9) : (1u << 25) - result + (1u << 9) - 1u;
  return static_cast<int16_t>(result >> 10);
}

// logistic of x * multiplier / 2^right_shift / (3 * 2^12), output in Q0.15.
inline int16_t LogisticInt16(int16_t x, int32_t multiplier, int right_shift) {
  return LogisticInt16Rescaled(RescaleInt16ActivationInput(x, multiplier, right_shift));
}

// tanh of `in` / (3 * 2^12) (the rescaled input), output in Q0.15.
inline int16_t TanhInt16Rescaled(int32_t in) {
  const uint32_t abs_in = static_cast<uint32_t>(in < 0 ? -in : in);
  const uint32_t index = abs_in >> 8;  // tanh(x) reads sigmoid at 2x: half the step
  int32_t result;
  if (index >= 255) {
    result = 0xFFFF << 8;
  } else {
    const uint32_t a = kSigmoidTableUint16[index];
    const uint32_t b = kSigmoidTableUint16[index + 1];
    result = static_cast<int32_t>((a << 8) + (abs_in & 0xFFu) * (b - a));  // sigmoid(2|x|) in Q0.24
  }
  // 2 sigmoid - 1, mirrored for negative inputs, rounded to Q0.15.
  result = in >= 0 ? result - (1 << 23) + (1 << 7) : -result + (1 << 23) + (1 << 7) - 1;
  return static_cast<int16_t>(result >> 8);
}

// tanh of x * multiplier / 2^right_shift / (3 * 2^12), output in Q0.15.
inline int16_t TanhInt16(int16_t x, int32_t multiplier, int right_shift) {
  return TanhInt16Rescaled(RescaleInt16ActivationInput(x, multiplier, right_shift));
}

// Input rescaling for an input whose scale is a power of two: `shift` is the number of bits the
// input has beyond the functions' 12 fraction bits (15 + log2(scale) - 3). The factor 3 makes
// 2^12 units one third, as the table expects; a negative shift becomes a rounding right shift.
void PowerOfTwoActivationRescale(int shift, int32_t* multiplier, int* right_shift);

// log2(x) rounded to the nearest integer, and whether x is a power of two within TFLite's
// tolerance (|log2 x - round| < 1e-3): TFLite's CheckedLog2, without libm. x > 0.
bool CheckedLog2(float x, int* log2_rounded);

}  // namespace math
}  // namespace tinyrt
