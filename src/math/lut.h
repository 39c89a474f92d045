// SPDX-License-Identifier: Apache-2.0
// 513-entry int16 lookup tables with linear interpolation, as TFLite builds and reads them
// (kernels/internal/common.h: LUTPopulate<int16_t> and LUTLookup): the top 9 bits of an int16
// input pick an entry, the low 7 bits interpolate towards the next one.
#pragma once

#include <stdint.h>

namespace tinyrt {
namespace math {

constexpr int kInt16LutSize = 513;

// Fills lut[kInt16LutSize] with transform() sampled over the input range that int16 spans with
// (input_scale, input_zero_point), quantized with (output_scale, output_zero_point). Entries are
// nudged by half the midpoint interpolation error, exactly as TFLite does, in float arithmetic.
void PopulateInt16Lut(float (*transform)(float), float input_scale, int32_t input_zero_point, float output_scale, int32_t output_zero_point,
                      int16_t* lut);

// The interpolated table value at `value`.
inline int16_t LookupInt16Lut(int16_t value, const int16_t* lut) {
  const uint16_t index = static_cast<uint16_t>(256 + (value >> 7));
  const int16_t offset = static_cast<int16_t>(value & 0x7f);
  const int16_t base = lut[index];
  const int16_t slope = static_cast<int16_t>(lut[index + 1] - lut[index]);
  const int delta = (slope * offset + 64) >> 7;  // Q0.(x+7) back to Q0.x, rounded
  return static_cast<int16_t>(base + delta);
}

}  // namespace math
}  // namespace tinyrt
