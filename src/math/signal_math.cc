// SPDX-License-Identifier: Apache-2.0
#include "src/math/signal_math.h"

namespace tinyrt {
namespace math {
namespace {

// Correction of the linear log2 mantissa approximation, Q16, at 128 segments plus one guard
// entry (the table TFLM's log.cc and the micro frontend share).
const uint16_t kLog2Correction[130] = {
    0,    224,  442,  654,  861,  1063, 1259, 1450, 1636, 1817, 1992, 2163, 2329, 2490, 2646, 2797, 2944, 3087, 3224, 3358, 3487, 3611,
    3732, 3848, 3960, 4068, 4172, 4272, 4368, 4460, 4549, 4633, 4714, 4791, 4864, 4934, 5001, 5063, 5123, 5178, 5231, 5280, 5326, 5368,
    5408, 5444, 5477, 5507, 5533, 5557, 5578, 5595, 5610, 5622, 5631, 5637, 5640, 5641, 5638, 5633, 5626, 5615, 5602, 5586, 5568, 5547,
    5524, 5498, 5470, 5439, 5406, 5370, 5332, 5291, 5249, 5203, 5156, 5106, 5054, 5000, 4944, 4885, 4825, 4762, 4697, 4630, 4561, 4490,
    4416, 4341, 4264, 4184, 4103, 4020, 3935, 3848, 3759, 3668, 3575, 3481, 3384, 3286, 3186, 3084, 2981, 2875, 2768, 2659, 2549, 2437,
    2323, 2207, 2090, 1971, 1851, 1729, 1605, 1480, 1353, 1224, 1094, 963,  830,  695,  559,  421,  282,  142,  0,    0};

constexpr int kLogSegmentsLog2 = 7;
constexpr int kLogScaleLog2 = 16;
constexpr uint32_t kLogScale = 1u << kLogScaleLog2;
constexpr uint32_t kLn2Q16 = 45426;  // round(ln(2) * 2^16)

// The Q16 fractional part of log2(x), x in [2^log2x, 2^(log2x+1)).
uint32_t Log2Fraction(uint32_t x, uint32_t log2x) {
  int32_t frac = static_cast<int32_t>(static_cast<int64_t>(x) - (static_cast<int64_t>(1) << log2x));
  if (log2x < static_cast<uint32_t>(kLogScaleLog2)) {
    frac = static_cast<int32_t>(static_cast<uint32_t>(frac) << (kLogScaleLog2 - log2x));
  } else {
    frac >>= log2x - kLogScaleLog2;
  }
  const uint32_t segment = static_cast<uint32_t>(frac) >> (kLogScaleLog2 - kLogSegmentsLog2);
  const int32_t c0 = kLog2Correction[segment];
  const int32_t c1 = kLog2Correction[segment + 1];
  const int32_t segment_start = static_cast<int32_t>((kLogScale >> kLogSegmentsLog2) * segment);
  // TFLM divides by 2^16, not by the segment width (2^9), so this term stays tiny; kept for
  // bit-exactness. Arithmetic shift of a possibly negative product.
  const int32_t interpolated = ((c1 - c0) * (frac - segment_start)) >> kLogScaleLog2;
  return static_cast<uint32_t>(frac + c0 + interpolated);
}

// fdlibm's split of pi/2 (33 + 33 bits and a tail) and its minimax kernels on
// [-pi/4, pi/4]: standard published constants.
constexpr double kInvPio2 = 6.36619772367581382433e-01;
constexpr double kPio2_1 = 1.57079632673412561417e+00;
constexpr double kPio2_2 = 6.07710050630396597660e-11;
constexpr double kPio2_2t = 2.02226624879595063154e-21;

constexpr double kS1 = -1.66666666666666324348e-01;
constexpr double kS2 = 8.33333333332248946124e-03;
constexpr double kS3 = -1.98412698298579493134e-04;
constexpr double kS4 = 2.75573137070700676789e-06;
constexpr double kS5 = -2.50507602534068634195e-08;
constexpr double kS6 = 1.58969099521155010221e-10;

constexpr double kC1 = 4.16666666666666019037e-02;
constexpr double kC2 = -1.38888888888741095749e-03;
constexpr double kC3 = 2.48015872894767294178e-05;
constexpr double kC4 = -2.75573143513906633035e-07;
constexpr double kC5 = 2.08757232129817482790e-09;
constexpr double kC6 = -1.13596475577881948265e-11;

// sin(x + y) for |x + y| <= pi/4, y a tiny tail of x.
double KernelSin(double x, double y) {
  const double z = x * x;
  const double v = z * x;
  const double r = kS2 + z * (kS3 + z * (kS4 + z * (kS5 + z * kS6)));
  return x - ((z * (0.5 * y - v * r) - y) - v * kS1);
}

// cos(x + y) for |x + y| <= pi/4.
double KernelCos(double x, double y) {
  const double z = x * x;
  const double r = z * (kC1 + z * (kC2 + z * (kC3 + z * (kC4 + z * (kC5 + z * kC6)))));
  const double hz = 0.5 * z;
  const double w = 1.0 - hz;
  return w + (((1.0 - w) - hz) + (z * r - x * y));
}

// x = n * pi/2 + (y0 + y1), |y0 + y1| <= ~pi/4; returns n. Two-part reduction, good to about
// 118 bits of x: ample for |x| <= 8, where y0 is never closer to 0 than about 2^-60.
int ReducePio2(double x, double* y0, double* y1) {
  const double scaled = x * kInvPio2;
  const int n = static_cast<int>(scaled >= 0 ? scaled + 0.5 : scaled - 0.5);
  const double fn = static_cast<double>(n);
  const double t = x - fn * kPio2_1;  // exact: fn * kPio2_1 has at most 36 bits and |t| < 1
  double w = fn * kPio2_2;
  const double r = t - w;
  w = fn * kPio2_2t - ((t - r) - w);
  *y0 = r - w;
  *y1 = (r - *y0) - w;
  return n;
}

}  // namespace

uint16_t Sqrt32(uint32_t x) {
  if (x == 0) return 0;
  uint32_t result = 0;
  const int top = static_cast<int>(32 - BitLength32(x)) | 1;  // leading zeros, made odd
  uint32_t bit = 1u << (31 - top);
  for (int i = (31 - top) / 2 + 1; i > 0; --i) {
    if (x >= result + bit) {
      x -= result + bit;
      result = (result >> 1) + bit;
    } else {
      result >>= 1;
    }
    bit >>= 2;
  }
  if (x > result && result != 0xFFFF) ++result;
  return static_cast<uint16_t>(result);
}

uint32_t Sqrt64(uint64_t x) {
  if ((x >> 32) == 0) return Sqrt32(static_cast<uint32_t>(x));
  uint64_t result = 0;
  const int top = static_cast<int>(64 - BitLength64(x)) | 1;
  uint64_t bit = static_cast<uint64_t>(1) << (63 - top);
  for (int i = (63 - top) / 2 + 1; i > 0; --i) {
    if (x >= result + bit) {
      x -= result + bit;
      result = (result >> 1) + bit;
    } else {
      result >>= 1;
    }
    bit >>= 2;
  }
  if (x > result && result != 0xFFFFFFFFu) ++result;
  return static_cast<uint32_t>(result);
}

uint32_t Log32(uint32_t x, uint32_t out_scale) {
  const uint32_t integer = BitLength32(x) - 1;
  const uint32_t log2 = (integer << kLogScaleLog2) + Log2Fraction(x, integer);
  const uint32_t round = kLogScale / 2;
  const uint32_t ln = static_cast<uint32_t>((static_cast<uint64_t>(kLn2Q16) * log2 + round) >> kLogScaleLog2);
  return (out_scale * ln + round) >> kLogScaleLog2;  // 32-bit wrap-around as TFLM's
}

int16_t PcanGain(uint32_t x, const int16_t* lut) {
  if (x <= 2) return lut[x];
  const int32_t interval = static_cast<int32_t>(BitLength32(x));
  lut += 4 * interval - 6;
  const uint32_t shifted = interval < 11 ? (x << (11 - interval)) : (x >> (interval - 11));
  const int32_t frac = static_cast<int32_t>(shifted & 0x3FF);
  // Wrapping 32-bit arithmetic, as the reference computes it in int32.
  uint32_t result = static_cast<uint32_t>((static_cast<int32_t>(lut[2]) * frac) >> 5);
  result += static_cast<uint32_t>(static_cast<int32_t>(lut[1])) << 5;
  result *= static_cast<uint32_t>(frac);
  const int32_t rounded = static_cast<int32_t>(result + (1u << 14)) >> 15;
  return static_cast<int16_t>(rounded + lut[0]);
}

uint32_t PcanShrink(uint32_t x) {
  if (x < (2u << kPcanSnrBits)) return (x * x) >> (2 + 2 * kPcanSnrBits - kPcanOutputBits);  // x^2 / 4
  return (x >> (kPcanSnrBits - kPcanOutputBits)) - (1u << kPcanOutputBits);                  // x - 1
}

double FloorSmall(double x) {
  double t = static_cast<double>(static_cast<int64_t>(x));
  if (t > x) t -= 1.0;
  return t;
}

double SinSmall(double x) {
  double y0 = 0, y1 = 0;
  switch (ReducePio2(x, &y0, &y1) & 3) {
    case 0: return KernelSin(y0, y1);
    case 1: return KernelCos(y0, y1);
    case 2: return -KernelSin(y0, y1);
    default: return -KernelCos(y0, y1);
  }
}

double CosSmall(double x) {
  double y0 = 0, y1 = 0;
  switch (ReducePio2(x, &y0, &y1) & 3) {
    case 0: return KernelCos(y0, y1);
    case 1: return -KernelSin(y0, y1);
    case 2: return -KernelCos(y0, y1);
    default: return KernelSin(y0, y1);
  }
}

}  // namespace math
}  // namespace tinyrt
