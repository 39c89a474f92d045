// SPDX-License-Identifier: Apache-2.0
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

#include "src/kernels/opt/isa_select.h"

#if defined(TINYRT_ISA_MVE)
#include <arm_mve.h>
#elif defined(TINYRT_ISA_DSP)
#include <arm_acle.h>
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
  int32_t v;
  if (__builtin_expect(shift < 0 && shift > -32, 1)) {
    // The usual case (scale ratio below 1): MultiplyByQuantizedMultiplierNonNegative without its
    // left shift and range clamps, laid out straight.
    const int32_t t = static_cast<int32_t>((static_cast<int64_t>(acc) * multiplier + (static_cast<int64_t>(1) << 30)) >> 31);
    const int32_t u = (t + (t >> 31)) >> (-shift - 1);
    v = u - (u >> 1);
  } else {
    v = math::MultiplyByQuantizedMultiplierNonNegative(acc, multiplier, shift);
  }
  v += r.output_offset;
  v = v < r.act_min ? r.act_min : v;
  v = v > r.act_max ? r.act_max : v;
  return static_cast<int8_t>(v);
}

#if defined(TINYRT_ISA_MVE)
// Requantize on four lanes at once, bit for bit as Requantize: VQRDMULH is floor((a*b + 2^30) /
// 2^31) for a multiplier in [0, 2^31) (it never saturates), then the same three-step rounding
// division; lanes without a right shift keep the product (VPSEL).
inline int32x4_t RequantizeVec(int32x4_t acc, int32x4_t multiplier, int32x4_t shift, const Requant& r) {
  const int32x4_t zero = vdupq_n_s32(0);
  const int32x4_t limit = vdupq_n_s32(31);
  const int32x4_t left = vminq_s32(vmaxq_s32(shift, zero), limit);
  const int32x4_t right = vminq_s32(vmaxq_s32(vnegq_s32(shift), zero), limit);
  const int32x4_t t = vqrdmulhq_s32(vshlq_s32(acc, left), multiplier);
  const int32x4_t u = vaddq_s32(t, vshrq_n_s32(t, 31));
  const int32x4_t v = vshlq_s32(u, vsubq_s32(vdupq_n_s32(1), right));  // VSHL by a negative count: >> (right - 1)
  const int32x4_t rounded = vsubq_s32(v, vshrq_n_s32(v, 1));
  int32x4_t result = vpselq_s32(rounded, t, vcmpgtq_n_s32(right, 0));
  result = vaddq_n_s32(result, r.output_offset);
  result = vmaxq_s32(result, vdupq_n_s32(r.act_min));
  return vminq_s32(result, vdupq_n_s32(r.act_max));
}
#endif

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

// ---- Dot products of int8 columns (input pixels or im2col windows) with int8 weight rows ----------
// acc += sum_k w[k] * (x[k] + offset). Padding taps of an im2col column hold the input zero point
// (-offset), so they add nothing, as the reference's skipped taps.
//  - DSP: SXTAB16 adds the offset while splitting 4 input bytes into two halfword pairs (bytes
//    0, 2 and 1, 3), SXTB16 splits the weights the same way, SMLAD multiplies pairs.
//  - MVE: 16 bytes per VMLADAVA; the offset enters once per row as offset * sum(w) (VADDVA).
//  - portable: plain loops the compiler vectorizes.

#if defined(TINYRT_ISA_DSP)
inline int32_t Offset2(int32_t offset) {
  return static_cast<int32_t>((static_cast<uint32_t>(offset) & 0xFFFFu) | (static_cast<uint32_t>(offset) << 16));
}
#endif

// acc[2*p + o] += column p . weight row o, for columns c0, c1 and rows w0, w1.
inline void Dot2x2(const int8_t* c0, const int8_t* c1, const int8_t* w0, const int8_t* w1, int32_t n, int32_t offset, int32_t* acc) {
  int32_t a00 = acc[0], a01 = acc[1], a10 = acc[2], a11 = acc[3];
  int32_t k = 0;
#if defined(TINYRT_ISA_MVE)
  int32_t s0 = 0, s1 = 0;  // weight sums
  for (; k < n; k += 16) {
    const mve_pred16_t p = vctp8q(static_cast<uint32_t>(n - k));
    const int8x16_t x0 = vldrbq_z_s8(c0 + k, p);
    const int8x16_t x1 = vldrbq_z_s8(c1 + k, p);
    const int8x16_t v0 = vldrbq_z_s8(w0 + k, p);
    const int8x16_t v1 = vldrbq_z_s8(w1 + k, p);
    a00 = vmladavaq_s8(a00, x0, v0);
    a01 = vmladavaq_s8(a01, x0, v1);
    a10 = vmladavaq_s8(a10, x1, v0);
    a11 = vmladavaq_s8(a11, x1, v1);
    s0 = vaddvaq_s8(s0, v0);
    s1 = vaddvaq_s8(s1, v1);
  }
  a00 += offset * s0;
  a10 += offset * s0;
  a01 += offset * s1;
  a11 += offset * s1;
#else
#if defined(TINYRT_ISA_DSP)
  const int32_t offset2 = Offset2(offset);
  for (; k + 4 <= n; k += 4) {
    const int32_t x0 = Read32(c0 + k), x1 = Read32(c1 + k);
    const int32_t x0e = __sxtab16(offset2, x0), x0o = Sxtab16Ror8(offset2, x0);
    const int32_t x1e = __sxtab16(offset2, x1), x1o = Sxtab16Ror8(offset2, x1);
    const int32_t wa = Read32(w0 + k);
    const int32_t wa_e = __sxtb16(wa), wa_o = Sxtb16Ror8(wa);
    a00 = __smlad(wa_e, x0e, a00);
    a00 = __smlad(wa_o, x0o, a00);
    a10 = __smlad(wa_e, x1e, a10);
    a10 = __smlad(wa_o, x1o, a10);
    const int32_t wb = Read32(w1 + k);
    const int32_t wb_e = __sxtb16(wb), wb_o = Sxtb16Ror8(wb);
    a01 = __smlad(wb_e, x0e, a01);
    a01 = __smlad(wb_o, x0o, a01);
    a11 = __smlad(wb_e, x1e, a11);
    a11 = __smlad(wb_o, x1o, a11);
  }
#endif
  for (; k < n; ++k) {
    const int32_t x0 = c0[k] + offset, x1 = c1[k] + offset, v0 = w0[k], v1 = w1[k];
    a00 += x0 * v0;
    a01 += x0 * v1;
    a10 += x1 * v0;
    a11 += x1 * v1;
  }
#endif
  acc[0] = a00;
  acc[1] = a01;
  acc[2] = a10;
  acc[3] = a11;
}

// acc[o] += column . weight row o, for one column and four rows.
inline void Dot1x4(const int8_t* c0, const int8_t* w0, const int8_t* w1, const int8_t* w2, const int8_t* w3, int32_t n, int32_t offset,
                   int32_t* acc) {
  int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
  int32_t k = 0;
#if defined(TINYRT_ISA_MVE)
  int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (; k < n; k += 16) {
    const mve_pred16_t p = vctp8q(static_cast<uint32_t>(n - k));
    const int8x16_t x = vldrbq_z_s8(c0 + k, p);
    const int8x16_t v0 = vldrbq_z_s8(w0 + k, p);
    a0 = vmladavaq_s8(a0, x, v0);
    s0 = vaddvaq_s8(s0, v0);
    const int8x16_t v1 = vldrbq_z_s8(w1 + k, p);
    a1 = vmladavaq_s8(a1, x, v1);
    s1 = vaddvaq_s8(s1, v1);
    const int8x16_t v2 = vldrbq_z_s8(w2 + k, p);
    a2 = vmladavaq_s8(a2, x, v2);
    s2 = vaddvaq_s8(s2, v2);
    const int8x16_t v3 = vldrbq_z_s8(w3 + k, p);
    a3 = vmladavaq_s8(a3, x, v3);
    s3 = vaddvaq_s8(s3, v3);
  }
  a0 += offset * s0;
  a1 += offset * s1;
  a2 += offset * s2;
  a3 += offset * s3;
#else
#if defined(TINYRT_ISA_DSP)
  const int32_t offset2 = Offset2(offset);
  for (; k + 4 <= n; k += 4) {
    const int32_t x = Read32(c0 + k);
    const int32_t xe = __sxtab16(offset2, x), xo = Sxtab16Ror8(offset2, x);
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
    const int32_t x = c0[k] + offset;
    a0 += x * w0[k];
    a1 += x * w1[k];
    a2 += x * w2[k];
    a3 += x * w3[k];
  }
#endif
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}

// acc + column . weight row.
inline int32_t Dot1x1(const int8_t* c0, const int8_t* w0, int32_t n, int32_t offset, int32_t acc) {
  int32_t k = 0;
#if defined(TINYRT_ISA_MVE)
  int32_t s = 0;
  for (; k < n; k += 16) {
    const mve_pred16_t p = vctp8q(static_cast<uint32_t>(n - k));
    const int8x16_t v = vldrbq_z_s8(w0 + k, p);
    acc = vmladavaq_s8(acc, vldrbq_z_s8(c0 + k, p), v);
    s = vaddvaq_s8(s, v);
  }
  return acc + offset * s;
#else
#if defined(TINYRT_ISA_DSP)
  const int32_t offset2 = Offset2(offset);
  for (; k + 4 <= n; k += 4) {
    const int32_t x = Read32(c0 + k), w = Read32(w0 + k);
    acc = __smlad(__sxtb16(w), __sxtab16(offset2, x), acc);
    acc = __smlad(Sxtb16Ror8(w), Sxtab16Ror8(offset2, x), acc);
  }
#endif
  for (; k < n; ++k) acc += (c0[k] + offset) * w0[k];
  return acc;
#endif
}

// out_p[o] = requantized(bias[o] + sum_k weights[o][k] * (col_p[k] + offset)) for the columns'
// pixels (c1 may be nullptr) and every output channel o.
void GemmColumns(const int8_t* c0, const int8_t* c1, int32_t depth, int32_t offset, const int8_t* weights, int32_t channels,
                 const int32_t* bias, const int32_t* multipliers, const int8_t* shifts, bool per_channel, const Requant& r, int8_t* out0,
                 int8_t* out1);

}  // namespace opt
}  // namespace kernels
}  // namespace tinyrt
