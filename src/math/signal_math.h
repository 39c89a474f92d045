// SPDX-License-Identifier: Apache-2.0
// Integer and table math of TFLM's signal library (signal/src/*.cc), reproduced bit for bit:
// bit lengths, integer square roots, the fixed-point natural log and PCAN's gain curve. Plus
// double-precision sine/cosine without libm, used once in Prepare to build FFT twiddles.
#pragma once

#include <stdint.h>

namespace tinyrt {
namespace math {

// Number of significant bits of x (1 for x == 1). TFLM, built with GCC, returns 32 (64) for
// zero, not 0; callers rely on that (FFT auto scale of an all-zero frame).
inline uint32_t BitLength32(uint32_t x) { return x != 0 ? 32u - static_cast<uint32_t>(__builtin_clz(x)) : 32u; }
inline uint32_t BitLength64(uint64_t x) { return x != 0 ? 64u - static_cast<uint32_t>(__builtin_clzll(x)) : 64u; }

// Rounded integer square roots (TFLM's Sqrt32/Sqrt64). Sqrt64 takes the 32-bit path when the
// high word is zero, and both cap rounding at the type's maximum.
uint16_t Sqrt32(uint32_t x);
uint32_t Sqrt64(uint64_t x);

// ln(x) * out_scale with 16 fractional bits dropped, as TFLM's Log32: a 128-segment table of
// the log2 mantissa correction, then a Q16 ln(2) factor. x must be > 0.
uint32_t Log32(uint32_t x, uint32_t out_scale);

// PCAN: the gain curve lookup (WideDynamicFunction) and the shrink function. The lut needs
// kPcanGainLutSize entries (TFLM reads up to index 4*32-6+2 for x near 2^32).
constexpr int kPcanGainLutSize = 125;
constexpr int kPcanSnrBits = 12;
constexpr int kPcanOutputBits = 6;
int16_t PcanGain(uint32_t x, const int16_t* lut);
uint32_t PcanShrink(uint32_t x);

// floor(x) for |x| < 2^52.
double FloorSmall(double x);
// sin and cos of x, |x| <= 8, accurate to about half an ulp (fdlibm-style reduction by pi/2 in
// three parts and minimax kernels), so twiddles rounded from them match ones made with libm.
double SinSmall(double x);
double CosSmall(double x);

}  // namespace math
}  // namespace tinyrt
