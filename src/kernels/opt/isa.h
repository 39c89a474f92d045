// Building blocks of the optimized int8 kernels, one implementation per instruction set, chosen at
// build time: Cortex-M55 Helium (MVE), Cortex-M4/M7/M33 DSP extension (SMLAD, SXTB16), or portable
// C++ that compilers vectorize (the host). TINYRT_REFERENCE_KERNELS=ON (TINYRT_OPT_KERNELS=0)
// leaves the optimized variants unselected.
//
// int8 products are summed in int32 without overflow (Prepare's CheckAccumulator), so any order
// of summation gives the reference kernel's exact sum; requantization is the reference's.
#pragma once

#include <stdint.h>
#include <string.h>

#include "src/math/quantization.h"

#ifndef TINYRT_OPT_KERNELS
#define TINYRT_OPT_KERNELS 1
#endif

#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
#define TINYRT_ISA_MVE 1
#include <arm_mve.h>
#elif defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP
#define TINYRT_ISA_DSP 1
#include <arm_acle.h>
#else
#define TINYRT_ISA_PORTABLE 1
#endif

namespace tinyrt {
namespace kernels {
namespace opt {

inline int32_t Read32(const void* p) {
  int32_t v;
  memcpy(&v, p, 4);  // one (unaligned) load where the core allows it
  return v;
}

// Output clamp and requantization of one accumulator, as the reference kernels do it.
struct Requant {
  int32_t output_offset;
  int32_t act_min;
  int32_t act_max;
};

inline int8_t Requantize(int32_t acc, int32_t multiplier, int32_t shift, const Requant& r) {
  int32_t v = math::MultiplyByQuantizedMultiplierNonNegative(acc, multiplier, shift) + r.output_offset;
  v = v < r.act_min ? r.act_min : v;
  v = v > r.act_max ? r.act_max : v;
  return static_cast<int8_t>(v);
}

#if defined(TINYRT_ISA_DSP)
// SXTB16 of the value rotated right by 8 (bytes 1 and 3), one instruction (GCC does not fold it).
inline int32_t Sxtb16Ror8(int32_t x) {
  int32_t r;
  __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
  return r;
}
inline int32_t Sxtab16Ror8(int32_t a, int32_t x) {
  int32_t r;
  __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(a), "r"(x));
  return r;
}
#endif

// ---- Columns: int16 (x + input offset) operands of the int8 GEMM ---------------------------------
// Layout: natural order, except on DSP, where each full group of 4 holds (x0, x2, x1, x3) so that
// SXTB16 of 4 weight bytes lines up with two 32-bit column loads. A trailing partial group stays
// in natural order on every ISA.

// dst[i] = src[i] + offset, natural order.
inline void ConvertNatural(const int8_t* src, int32_t n, int32_t offset, int16_t* dst) {
  for (int32_t i = 0; i < n; ++i) dst[i] = static_cast<int16_t>(src[i] + offset);
}

// Converts a whole column piece that starts at a group boundary, in the ISA's column layout.
inline void ConvertColumn(const int8_t* src, int32_t n, int32_t offset, int16_t* dst) {
#if defined(TINYRT_ISA_DSP)
  const int32_t offset2 = static_cast<int32_t>((static_cast<uint32_t>(offset) & 0xFFFFu) | (static_cast<uint32_t>(offset) << 16));
  int32_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const int32_t x = Read32(src + i);
    const int32_t even = __sxtab16(offset2, x);     // x0, x2
    const int32_t odd = Sxtab16Ror8(offset2, x);    // x1, x3
    memcpy(dst + i, &even, 4);
    memcpy(dst + i + 2, &odd, 4);
  }
  ConvertNatural(src + i, n - i, offset, dst + i);
#else
  ConvertNatural(src, n, offset, dst);
#endif
}

// Puts a column built in natural order into the ISA's layout.
inline void FinishColumn(int16_t* col, int32_t n) {
#if defined(TINYRT_ISA_DSP)
  for (int32_t i = 0; i + 4 <= n; i += 4) {
    const int16_t x1 = col[i + 1];
    col[i + 1] = col[i + 2];
    col[i + 2] = x1;
  }
#else
  (void)col;
  (void)n;
#endif
}

// ---- Dot products of columns with int8 weight rows ---------------------------------------------
// acc[2*p + o] += sum_k col_p[k] * w_o[k] for pixels p (columns c0, c1) and channels o (w0, w1).
inline void Dot2x2(const int16_t* c0, const int16_t* c1, const int8_t* w0, const int8_t* w1, int32_t n, int32_t* acc) {
  int32_t a00 = acc[0], a01 = acc[1], a10 = acc[2], a11 = acc[3];
  int32_t k = 0;
#if defined(TINYRT_ISA_MVE)
  for (; k < n; k += 8) {
    const mve_pred16_t p = vctp16q(static_cast<uint32_t>(n - k));
    const int16x8_t x0 = vldrhq_z_s16(c0 + k, p);
    const int16x8_t x1 = vldrhq_z_s16(c1 + k, p);
    const int16x8_t v0 = vldrbq_z_s16(w0 + k, p);
    const int16x8_t v1 = vldrbq_z_s16(w1 + k, p);
    a00 = vmladavaq_s16(a00, x0, v0);
    a01 = vmladavaq_s16(a01, x0, v1);
    a10 = vmladavaq_s16(a10, x1, v0);
    a11 = vmladavaq_s16(a11, x1, v1);
  }
#elif defined(TINYRT_ISA_DSP)
  for (; k + 4 <= n; k += 4) {
    const int32_t wa = Read32(w0 + k), wb = Read32(w1 + k);
    const int32_t wa_e = __sxtb16(wa), wa_o = Sxtb16Ror8(wa);
    const int32_t wb_e = __sxtb16(wb), wb_o = Sxtb16Ror8(wb);
    const int32_t x0e = Read32(c0 + k), x0o = Read32(c0 + k + 2);
    const int32_t x1e = Read32(c1 + k), x1o = Read32(c1 + k + 2);
    a00 = __smlad(wa_e, x0e, a00);
    a00 = __smlad(wa_o, x0o, a00);
    a01 = __smlad(wb_e, x0e, a01);
    a01 = __smlad(wb_o, x0o, a01);
    a10 = __smlad(wa_e, x1e, a10);
    a10 = __smlad(wa_o, x1o, a10);
    a11 = __smlad(wb_e, x1e, a11);
    a11 = __smlad(wb_o, x1o, a11);
  }
#endif
  for (; k < n; ++k) {
    const int32_t x0 = c0[k], x1 = c1[k], v0 = w0[k], v1 = w1[k];
    a00 += x0 * v0;
    a01 += x0 * v1;
    a10 += x1 * v0;
    a11 += x1 * v1;
  }
  acc[0] = a00;
  acc[1] = a01;
  acc[2] = a10;
  acc[3] = a11;
}

// One column against four weight rows: acc[o] += sum_k col[k] * w_o[k].
inline void Dot1x4(const int16_t* c0, const int8_t* w0, const int8_t* w1, const int8_t* w2, const int8_t* w3, int32_t n, int32_t* acc) {
  int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
  int32_t k = 0;
#if defined(TINYRT_ISA_MVE)
  for (; k < n; k += 8) {
    const mve_pred16_t p = vctp16q(static_cast<uint32_t>(n - k));
    const int16x8_t x = vldrhq_z_s16(c0 + k, p);
    a0 = vmladavaq_s16(a0, x, vldrbq_z_s16(w0 + k, p));
    a1 = vmladavaq_s16(a1, x, vldrbq_z_s16(w1 + k, p));
    a2 = vmladavaq_s16(a2, x, vldrbq_z_s16(w2 + k, p));
    a3 = vmladavaq_s16(a3, x, vldrbq_z_s16(w3 + k, p));
  }
#elif defined(TINYRT_ISA_DSP)
  for (; k + 4 <= n; k += 4) {
    const int32_t xe = Read32(c0 + k), xo = Read32(c0 + k + 2);
    int32_t w = Read32(w0 + k);
    a0 = __smlad(__sxtb16(w), xe, a0);
    a0 = __smlad(Sxtb16Ror8(w), xo, a0);
    w = Read32(w1 + k);
    a1 = __smlad(__sxtb16(w), xe, a1);
    a1 = __smlad(Sxtb16Ror8(w), xo, a1);
    w = Read32(w2 + k);
    a2 = __smlad(__sxtb16(w), xe, a2);
    a2 = __smlad(Sxtb16Ror8(w), xo, a2);
    w = Read32(w3 + k);
    a3 = __smlad(__sxtb16(w), xe, a3);
    a3 = __smlad(Sxtb16Ror8(w), xo, a3);
  }
#endif
  for (; k < n; ++k) {
    const int32_t x = c0[k];
    a0 += x * w0[k];
    a1 += x * w1[k];
    a2 += x * w2[k];
    a3 += x * w3[k];
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}

// One column against one weight row.
inline int32_t Dot1x1(const int16_t* c0, const int8_t* w0, int32_t n, int32_t acc) {
  int32_t k = 0;
#if defined(TINYRT_ISA_MVE)
  for (; k < n; k += 8) {
    const mve_pred16_t p = vctp16q(static_cast<uint32_t>(n - k));
    acc = vmladavaq_s16(acc, vldrhq_z_s16(c0 + k, p), vldrbq_z_s16(w0 + k, p));
  }
#elif defined(TINYRT_ISA_DSP)
  for (; k + 4 <= n; k += 4) {
    const int32_t w = Read32(w0 + k);
    acc = __smlad(__sxtb16(w), Read32(c0 + k), acc);
    acc = __smlad(Sxtb16Ror8(w), Read32(c0 + k + 2), acc);
  }
#endif
  for (; k < n; ++k) acc += c0[k] * w0[k];
  return acc;
}

// out_p[o] = requantized(bias[o] + col_p . weights[o]) for the columns' pixels (c1 may be
// nullptr) and every output channel o.
void GemmColumns(const int16_t* c0, const int16_t* c1, int32_t depth, const int8_t* weights, int32_t channels, const int32_t* bias,
                 const int32_t* multipliers, const int8_t* shifts, bool per_channel, const Requant& r, int8_t* out0, int8_t* out1);

}  // namespace opt
}  // namespace kernels
}  // namespace tinyrt
