// SPDX-License-Identifier: Apache-2.0
// Building blocks of the optimized recurrent kernels (opt/unidirectional_sequence_lstm.cc,
// opt/svdf.cc): int8 matrix-vector products into int32 accumulators and the reference's
// multiplier rescaling, laid out straight.
#pragma once

#include <stddef.h>

#include "src/kernels/opt/isa.h"

#if defined(TINYRT_ISA_DSP) && TINYRT_OPT_KERNELS
// opt/dsp_fully_connected.cc: acc[4q + j] = bias[4q + j] (0 without bias) + sum_k w[4q + j][k] * (x[k]
// + offset) for q < quads, k < 4 * groups, rows `depth` bytes apart.
extern "C" void tinyrt_dsp_fc_quads(const int8_t* x, const int8_t* weights, int32_t depth, int32_t groups, int32_t quads, int32_t* acc,
                                    const int32_t* bias, int32_t offset2);
// opt/dsp_gemm.cc: acc[4o + p] = bias[o] (0 without bias) + column p . row o over 4 * groups taps,
// for o < channels, from four split columns (Split4Columns).
extern "C" void tinyrt_dsp_gemm_4x1(const int32_t* split, const int8_t* weights, int32_t groups, int32_t channels, int32_t* acc,
                                    const int32_t* bias);
#endif

namespace tinyrt {
namespace kernels {
namespace opt {

// acc[o] = (bias ? bias[o] : 0) + sum_k w[o][k] * (x[k] + offset) for o < rows (rows `depth` bytes
// apart). Four weight rows per input load: isa.h's Dot1x4, or on the DSP extension the
// FULLY_CONNECTED microkernel (23 instructions per 16 multiply-accumulates) and Dot1x1 for the
// last depth % 4 taps.
inline void MatVec(const int8_t* x, const int8_t* w, int32_t depth, int32_t rows, const int32_t* bias, int32_t offset, int32_t* acc) {
  int32_t o = 0;
#if defined(TINYRT_ISA_DSP) && TINYRT_OPT_KERNELS
  if (depth >= 4 && rows >= 4) {
    const int32_t quads = rows / 4;
    o = 4 * quads;
    const int32_t whole = depth & ~3;
    if (whole == depth) {
      tinyrt_dsp_fc_quads(x, w, depth, depth / 4, quads, acc, bias, Offset2(offset));
    } else {
      // The microkernel steps from one quad of rows to the next by 4 * depth assuming depth is
      // 4 * groups: with leftover taps, one call per quad.
      for (int32_t q = 0; q < quads; ++q) {
        tinyrt_dsp_fc_quads(x, w + static_cast<size_t>(4 * q) * depth, depth, depth / 4, 1, acc + 4 * q,
                            bias != nullptr ? bias + 4 * q : nullptr, Offset2(offset));
      }
      for (int32_t i = 0; i < o; ++i) acc[i] = Dot1x1(x + whole, w + static_cast<size_t>(i) * depth + whole, depth - whole, offset, acc[i]);
    }
  }
#endif
  for (; o + 4 <= rows; o += 4) {
    const int8_t* w0 = w + static_cast<size_t>(o) * depth;
    for (int32_t i = 0; i < 4; ++i) acc[o + i] = bias != nullptr ? bias[o + i] : 0;
    Dot1x4(x, w0, w0 + depth, w0 + 2 * depth, w0 + 3 * depth, depth, offset, acc + o);
  }
  for (; o < rows; ++o) acc[o] = Dot1x1(x, w + static_cast<size_t>(o) * depth, depth, offset, bias != nullptr ? bias[o] : 0);
}

// math::MultiplyByQuantizedMultiplier for a non-negative multiplier (every multiplier of a valid
// model), the usual right shift laid out straight as in Requantize (isa.h).
inline int32_t Rescale(int32_t acc, int32_t multiplier, int32_t shift) {
  if (__builtin_expect(shift < 0 && shift > -32, 1)) {
    const int32_t t = static_cast<int32_t>((static_cast<int64_t>(acc) * multiplier + (static_cast<int64_t>(1) << 30)) >> 31);
    const int32_t u = (t + (t >> 31)) >> (-shift - 1);
    return u - (u >> 1);
  }
  return math::MultiplyByQuantizedMultiplierNonNegative(acc, multiplier, shift);
}

inline int32_t SaturateInt16(int32_t x) { return x < -32768 ? -32768 : (x > 32767 ? 32767 : x); }

}  // namespace opt
}  // namespace kernels
}  // namespace tinyrt
