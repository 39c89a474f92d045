#include "src/math/fixed_point.h"

#include <string.h>

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

}  // namespace math
}  // namespace tinyrt
