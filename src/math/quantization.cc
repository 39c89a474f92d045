// SPDX-License-Identifier: Apache-2.0
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
  if (biased == 0) {           // subnormal: scale into the normal range first
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

namespace {

int BitLength(uint64_t x) { return x == 0 ? 0 : 64 - __builtin_clzll(x); }

// Bits [low, low + 8) of num * 2^k (k >= 0).
uint32_t ByteOfShifted(uint64_t num, int k, int low) {
  const int p = low - k;  // where those bits are in num
  if (p >= 64 || p <= -8) return 0;
  return static_cast<uint32_t>((p >= 0 ? num >> p : num << -p) & 0xFFu);
}

// The 54 significant bits of num / den (num < 2^48, 0 < den < 2^24: the product of two float
// mantissas over a third) eight bits at a time with 32-bit divisions (one UDIV each on Cortex-M,
// where the bit loop below costs about 5x more: per-channel requantization is computed at every
// Invoke, requant_table.h). *position: the weight 2^position of the last bit; *sticky: anything
// non-zero below it.
uint64_t Quotient54(uint64_t num, uint32_t den, int* position, bool* sticky) {
  const int k = 54 - BitLength(num) + BitLength(den);  // num * 2^k / den lies in [2^53, 2^55)
  uint32_t remainder = 0;
  uint64_t quotient = 0;
  for (int low = (BitLength(num) + k - 1) / 8 * 8; low >= 0; low -= 8) {
    const uint32_t current = (remainder << 8) | ByteOfShifted(num, k, low);  // remainder < den < 2^24
    const uint32_t digit = current / den;
    remainder = current - digit * den;
    quotient = (quotient << 8) | digit;
  }
  *sticky = remainder != 0;
  *position = -k;
  if (quotient >> 54) {
    *sticky = *sticky || (quotient & 1) != 0;
    quotient >>= 1;
    ++*position;
  }
  return quotient;
}

}  // namespace

void QuantizeMultiplierExact(uint64_t num, uint64_t den, int exponent, int32_t* quantized_multiplier, int* shift) {
  uint64_t remainder = 0, quotient = 0;
  int position = 63;  // weight 2^position of the last quotient bit
  if (num != 0 && num < (static_cast<uint64_t>(1) << 48) && den != 0 && den < (1u << 24)) {
    bool sticky = false;
    quotient = Quotient54(num, static_cast<uint32_t>(den), &position, &sticky);
    remainder = sticky ? 1 : 0;
  } else {
    // Long division one bit at a time: 54 significant quotient bits (53 + the rounding bit); the
    // remainder says whether anything non-zero lies below. r < den <= 2^63, so 2r + 1 fits.
    int bits = 0;
    for (;; --position) {
      remainder = (remainder << 1) | (position >= 0 ? (num >> position) & 1u : 0u);
      const bool one = remainder >= den;
      if (one) remainder -= den;
      if (quotient != 0 || one) {
        quotient = (quotient << 1) | (one ? 1u : 0u);
        if (++bits == 54) break;
      }
    }
  }
  // To 53 bits, ties to even: the double nearest to the quotient is mantissa * 2^e.
  uint64_t mantissa = quotient >> 1;
  if ((quotient & 1) != 0 && (remainder != 0 || (mantissa & 1) != 0)) ++mantissa;
  int e = position + 1 + exponent;
  if (mantissa == (static_cast<uint64_t>(1) << 53)) {
    mantissa >>= 1;
    ++e;
  }
  // frexp: fraction mantissa / 2^53 in [0.5, 1), exponent e + 53; then round(fraction * 2^31)
  // half away from zero (the value is positive: half up).
  int s = e + 53;
  int64_t q_fixed = static_cast<int64_t>((mantissa + (static_cast<uint64_t>(1) << 21)) >> 22);
  if (q_fixed == (1LL << 31)) {
    q_fixed /= 2;
    ++s;
  }
  if (s < -31) {
    s = 0;
    q_fixed = 0;
  }
  *quantized_multiplier = static_cast<int32_t>(q_fixed);
  *shift = s;
}

namespace {

// A float or double taken apart: value = (-1)^negative * mantissa * 2^exponent.
struct Unpacked {
  enum Kind : uint8_t { kZero, kFinite, kInfinite, kNaN } kind;
  bool negative;
  uint64_t mantissa;
  int exponent;
};

Unpacked UnpackFloat(float x) {
  uint32_t bits;
  memcpy(&bits, &x, sizeof(bits));
  const bool negative = (bits >> 31) != 0;
  const int biased = static_cast<int>((bits >> 23) & 0xFF);
  const uint32_t fraction = bits & 0x7FFFFFu;
  if (biased == 0xFF) return Unpacked{fraction != 0 ? Unpacked::kNaN : Unpacked::kInfinite, negative, 0, 0};
  if (biased == 0) return Unpacked{fraction != 0 ? Unpacked::kFinite : Unpacked::kZero, negative, fraction, -149};
  return Unpacked{Unpacked::kFinite, negative, fraction | 0x800000u, biased - 150};
}

Unpacked UnpackDouble(uint64_t bits) {
  const bool negative = (bits >> 63) != 0;
  const int biased = static_cast<int>((bits >> 52) & 0x7FF);
  const uint64_t fraction = bits & ((static_cast<uint64_t>(1) << 52) - 1);
  if (biased == 0x7FF) return Unpacked{fraction != 0 ? Unpacked::kNaN : Unpacked::kInfinite, negative, 0, 0};
  if (biased == 0) return Unpacked{fraction != 0 ? Unpacked::kFinite : Unpacked::kZero, negative, fraction, -1074};
  return Unpacked{Unpacked::kFinite, negative, fraction | (static_cast<uint64_t>(1) << 52), biased - 1075};
}

// a * b / c as IEEE arithmetic would give it, then QuantizeMultiplier's split.
void ProductOverQuotient(const Unpacked& a, const Unpacked& b, const Unpacked& c, int32_t* quantized_multiplier, int* shift) {
  *quantized_multiplier = 0;
  *shift = 0;
  // NaN, a zero factor (0 * x = 0, 0 * inf = NaN), x / inf (0 or NaN), or a negative result:
  // not > 0, so QuantizeMultiplier returns 0, 0.
  if (a.kind == Unpacked::kNaN || b.kind == Unpacked::kNaN || c.kind == Unpacked::kNaN) return;
  if (a.kind == Unpacked::kZero || b.kind == Unpacked::kZero || c.kind == Unpacked::kInfinite) return;
  if (a.negative ^ b.negative ^ c.negative) return;
  if (a.kind == Unpacked::kInfinite || b.kind == Unpacked::kInfinite || c.kind == Unpacked::kZero) {
    // +infinity: frexp of its bits gives 0.5 * 2^1025 in QuantizeMultiplier(double).
    *quantized_multiplier = 1 << 30;
    *shift = 1025;
    return;
  }
  // Finite and positive. The double product of two floats is exact; for a double factor the
  // caller passes a float (products of a double and a float are not used here).
  QuantizeMultiplierExact(a.mantissa * b.mantissa, c.mantissa, a.exponent + b.exponent - c.exponent, quantized_multiplier, shift);
}

}  // namespace

void QuantizeMultiplierFromScales(float a, float b, float c, int32_t* quantized_multiplier, int* shift) {
  ProductOverQuotient(UnpackFloat(a), UnpackFloat(b), UnpackFloat(c), quantized_multiplier, shift);
}

void QuantizeMultiplierFromScales(float a, float b, uint64_t d_bits, int32_t* quantized_multiplier, int* shift) {
  ProductOverQuotient(UnpackFloat(a), UnpackFloat(b), UnpackDouble(d_bits), quantized_multiplier, shift);
}

namespace {

// x * 2^ex <= y * 2^ey for x, y > 0 (or x == 0), exactly.
bool LessOrEqual(uint64_t x, int ex, uint64_t y, int ey) {
  if (x == 0) return true;
  const int zx = __builtin_clzll(x), zy = __builtin_clzll(y);
  const int lx = 64 - zx + ex, ly = 64 - zy + ey;  // x * 2^ex lies in [2^(lx-1), 2^lx)
  if (lx != ly) return lx < ly;
  return (x << zx) <= (y << zy);
}

}  // namespace

bool ScalesWithinOneMillionth(float a, float b) {
  Unpacked x = UnpackFloat(a), y = UnpackFloat(b);
  if (x.kind != Unpacked::kFinite || y.kind != Unpacked::kFinite || x.negative || y.negative) return false;
  Unpacked* both[2] = {&x, &y};
  for (Unpacked* u : both) {  // 24-bit mantissas (subnormals too)
    while (u->mantissa < 0x800000u) {
      u->mantissa <<= 1;
      --u->exponent;
    }
  }
  if (x.exponent < y.exponent || (x.exponent == y.exponent && x.mantissa < y.mantissa)) {
    const Unpacked t = x;
    x = y;
    y = t;
  }
  // The double 1e-6 = 0x10c6f7a0b5ed8d * 2^-72.
  constexpr uint64_t kMantissa = 0x10c6f7a0b5ed8dull;
  constexpr int kExponent = -72;
  const int gap = x.exponent - y.exponent;
  // a - b is exact in double while the exponents are within 29; beyond, double rounding could
  // only matter for a difference within 2^-28 (relative) above 1e-6, which needs a float in
  // (1e-6, 1e-6 * (1 + 2^-28)]: there is none (the next float is 1.1e-7 above, relative). So the
  // exact difference decides; beyond a gap of 40 it is within 2^-39 of x, so x alone decides.
  if (gap > 40) return LessOrEqual(x.mantissa, x.exponent, kMantissa, kExponent);
  return LessOrEqual((x.mantissa << gap) - y.mantissa, y.exponent, kMantissa, kExponent);
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

bool QuantizedActivationRange(Activation activation, TensorType type, float scale, int32_t zero_point, int32_t* act_min, int32_t* act_max) {
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
    default: return false;
  }
}

bool FloatActivationRange(Activation activation, float* act_min, float* act_max) {
  constexpr float kMax = 3.4028234e38f;
  switch (activation) {
    case Activation::kNone:
      *act_min = -kMax;
      *act_max = kMax;
      return true;
    case Activation::kRelu:
      *act_min = 0.0f;
      *act_max = kMax;
      return true;
    case Activation::kRelu6:
      *act_min = 0.0f;
      *act_max = 6.0f;
      return true;
    case Activation::kReluN1To1:
      *act_min = -1.0f;
      *act_max = 1.0f;
      return true;
    default: return false;
  }
}

}  // namespace math
}  // namespace tinyrt
