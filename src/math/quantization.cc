#include "src/math/quantization.h"

#include <string.h>

namespace tinyrt {
namespace math {

float RoundHalfAway(float x) {
  // |x| >= 2^23 is already integral (and covers inf/nan).
  const float ax = x < 0 ? -x : x;
  if (!(ax < 8388608.0f)) return x;
  const float r = static_cast<float>(static_cast<int32_t>(ax + 0.5f));
  // ax + 0.5 can round up in float when ax is just below a half (0.49999997f): undo that.
  const float fixed = (r - ax > 0.5f) ? r - 1.0f : r;
  return x < 0 ? -fixed : fixed;
}

double RoundHalfAway(double x) {
  const double ax = x < 0 ? -x : x;
  if (!(ax < 4503599627370496.0)) return x;
  const double r = static_cast<double>(static_cast<int64_t>(ax + 0.5));
  const double fixed = (r - ax > 0.5) ? r - 1.0 : r;
  return x < 0 ? -fixed : fixed;
}

double Frexp(double x, int* exponent) {
  uint64_t bits;
  memcpy(&bits, &x, sizeof(bits));
  int biased = static_cast<int>((bits >> 52) & 0x7FF);
  if (biased == 0) {  // subnormal: scale into the normal range first
    x *= 18014398509481984.0;  // 2^54
    memcpy(&bits, &x, sizeof(bits));
    biased = static_cast<int>((bits >> 52) & 0x7FF) - 54;
  }
  *exponent = biased - 1022;
  bits = (bits & ~(static_cast<uint64_t>(0x7FF) << 52)) | (static_cast<uint64_t>(1022) << 52);
  double fraction;
  memcpy(&fraction, &bits, sizeof(fraction));
  return fraction;
}

void QuantizeMultiplier(double real_multiplier, int32_t* quantized_multiplier, int* shift) {
  if (!(real_multiplier > 0.0)) {
    *quantized_multiplier = 0;
    *shift = 0;
    return;
  }
  const double q = Frexp(real_multiplier, shift);
  int64_t q_fixed = static_cast<int64_t>(RoundHalfAway(q * 2147483648.0));
  if (q_fixed == (1LL << 31)) {
    q_fixed /= 2;
    ++*shift;
  }
  if (*shift < -31) {
    *shift = 0;
    q_fixed = 0;
  }
  *quantized_multiplier = static_cast<int32_t>(q_fixed);
}

void QuantizeSignedMultiplier(double real_multiplier, int32_t* quantized_multiplier, int* shift) {
  if (!(real_multiplier < 0.0)) {
    QuantizeMultiplier(real_multiplier, quantized_multiplier, shift);
    return;
  }
  const double q = Frexp(-real_multiplier, shift);
  // RoundHalfAway is symmetric, so rounding -q equals negating the rounded q.
  const int64_t q_fixed = -static_cast<int64_t>(RoundHalfAway(q * 2147483648.0));
  if (*shift < -31) {
    *shift = 0;
    *quantized_multiplier = 0;
    return;
  }
  *quantized_multiplier = static_cast<int32_t>(q_fixed);
}

int32_t QuantizedMin(TensorType type) {
  switch (type) {
    case TensorType::kInt8: return -128;
    case TensorType::kUInt8: return 0;
    case TensorType::kInt16: return -32768;
    default: return INT32_MIN;
  }
}

int32_t QuantizedMax(TensorType type) {
  switch (type) {
    case TensorType::kInt8: return 127;
    case TensorType::kUInt8: return 255;
    case TensorType::kInt16: return 32767;
    default: return INT32_MAX;
  }
}

bool QuantizedActivationRange(Activation activation, TensorType type, float scale, int32_t zero_point, int32_t* act_min,
                              int32_t* act_max) {
  const int32_t qmin = QuantizedMin(type);
  const int32_t qmax = QuantizedMax(type);
  // The clamp only matters for absurd scales (a float beyond int32 cannot be converted).
  auto quantize = [&](float f) { return zero_point + static_cast<int32_t>(Clamp(RoundHalfAway(f / scale), -1e9f, 1e9f)); };
  switch (activation) {
    case Activation::kNone:
      *act_min = qmin;
      *act_max = qmax;
      return true;
    case Activation::kRelu:
      *act_min = quantize(0.0f) > qmin ? quantize(0.0f) : qmin;
      *act_max = qmax;
      return true;
    case Activation::kRelu6:
      *act_min = quantize(0.0f) > qmin ? quantize(0.0f) : qmin;
      *act_max = quantize(6.0f) < qmax ? quantize(6.0f) : qmax;
      return true;
    case Activation::kReluN1To1:
      *act_min = quantize(-1.0f) > qmin ? quantize(-1.0f) : qmin;
      *act_max = quantize(1.0f) < qmax ? quantize(1.0f) : qmax;
      return true;
    default:
      return false;
  }
}

bool FloatActivationRange(Activation activation, float* act_min, float* act_max) {
  constexpr float kMax = 3.4028234e38f;
  switch (activation) {
    case Activation::kNone: *act_min = -kMax; *act_max = kMax; return true;
    case Activation::kRelu: *act_min = 0.0f; *act_max = kMax; return true;
    case Activation::kRelu6: *act_min = 0.0f; *act_max = 6.0f; return true;
    case Activation::kReluN1To1: *act_min = -1.0f; *act_max = 1.0f; return true;
    default: return false;
  }
}

}  // namespace math
}  // namespace tinyrt
