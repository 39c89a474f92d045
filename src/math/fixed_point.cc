#include "src/math/fixed_point.h"

namespace tinyrt {
namespace math {

bool PreprocessSoftmaxScaling(double beta, double input_scale, int input_integer_bits, int32_t* quantized_multiplier,
                              int* left_shift) {
  // Same expression and evaluation order as TFLite, so the double rounds identically.
  double real_multiplier = beta * input_scale * static_cast<double>(1 << (31 - input_integer_bits));
  const double max_real_multiplier = static_cast<double>(1LL << 31) - 1.0;
  if (real_multiplier > max_real_multiplier) real_multiplier = max_real_multiplier;
  if (!(real_multiplier > 1.0)) return false;
  QuantizeMultiplier(real_multiplier, quantized_multiplier, left_shift);
  return *left_shift >= 0;
}

int CalculateInputRadius(int input_integer_bits, int input_left_shift, int total_signed_bits) {
  const double max_input_rescaled = 1.0 * static_cast<double>((1 << input_integer_bits) - 1) *
                                    static_cast<double>(1LL << (total_signed_bits - input_integer_bits)) /
                                    static_cast<double>(1LL << input_left_shift);
  // Positive, so truncation is the floor TFLite takes.
  return static_cast<int>(max_input_rescaled);
}

}  // namespace math
}  // namespace tinyrt
