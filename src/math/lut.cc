// SPDX-License-Identifier: Apache-2.0
#include "src/math/lut.h"

#include "src/math/quantization.h"

namespace tinyrt {
namespace math {

namespace {
float ClampToInt16Range(float v) { return v < -32768.0f ? -32768.0f : (v > 32767.0f ? 32767.0f : v); }
}  // namespace

void PopulateInt16Lut(float (*transform)(float), float input_scale, int32_t input_zero_point, float output_scale, int32_t output_zero_point,
                      int16_t* lut) {
  // Every expression below is float, in TFLite's order: a different order changes entries.
  const float input_min = input_scale * static_cast<float>(-32768 - input_zero_point);
  const float input_max = input_scale * static_cast<float>(32767 - input_zero_point);
  const float output_min = output_scale * static_cast<float>(-32768 - output_zero_point);
  const float output_max = output_scale * static_cast<float>(32767 - output_zero_point);
  constexpr int kSteps = kInt16LutSize - 1;
  const float step = (input_max - input_min) / static_cast<float>(kSteps);
  const float half_step = step / 2.0f;
  const float output_scaling_inv = 65536.0f / (output_max - output_min);
  for (int i = 0; i < kSteps; ++i) {
    const float val = transform(input_min + static_cast<float>(i) * step);
    const float val_midpoint = transform(input_min + static_cast<float>(i) * step + half_step);
    const float val_next = transform(input_min + static_cast<float>(i + 1) * step);
    const float sample_val = RoundHalfAway(val * output_scaling_inv);
    const float midpoint_interp_val = RoundHalfAway((val_next * output_scaling_inv + RoundHalfAway(val * output_scaling_inv)) / 2.0f);
    const float midpoint_val = RoundHalfAway(val_midpoint * output_scaling_inv);
    const float midpoint_err = midpoint_interp_val - midpoint_val;
    const float bias = RoundHalfAway(midpoint_err / 2.0f);
    lut[i] = static_cast<int16_t>(ClampToInt16Range(sample_val - bias));
  }
  lut[kSteps] = static_cast<int16_t>(ClampToInt16Range(RoundHalfAway(transform(input_max) * output_scaling_inv)));
}

}  // namespace math
}  // namespace tinyrt
