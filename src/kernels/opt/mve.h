// SPDX-License-Identifier: Apache-2.0
// Cortex-M55 Helium (MVE) kernels of the optimized int8 variants (CONV_2D, FULLY_CONNECTED,
// DEPTHWISE_CONV_2D), dispatched from the shared Eval functions under TINYRT_ISA_MVE.
//
// The input offset enters the GEMM through the bias: sum_k w[k] * (x[k] + offset) =
// sum_k w[k] * x[k] + offset * sum_k w[k], with the weight sums taken once per Invoke per output
// channel (on the stack), so the inner loop is one column load, four weight loads and four
// VMLADAVA.S8 (64 MACs). Requantization runs on four lanes: VQRDMULH, then TFLite's
// round-half-away-from-zero division by 2^n as a rounding shift (VRSHL) of t - (t < 0).
#pragma once

#include "src/kernels/op_data.h"
#include "src/kernels/opt/isa.h"

#if defined(TINYRT_ISA_MVE)

namespace tinyrt {
namespace kernels {
namespace opt {
namespace mve {

// Requantization parameters of four channels, prepared once per channel block.
struct QuantBlock {
  int32x4_t multiplier;
  int32x4_t left;        // left shift, 0..31
  int32x4_t neg_right;   // minus the right shift, -31..0 (VRSHL count)
  int32x4_t round_mask;  // -1 where there is a right shift, else 0
};

inline QuantBlock MakeQuantBlock(int32x4_t multiplier, int32x4_t shift) {
  QuantBlock q;
  q.multiplier = multiplier;
  q.left = vminq_s32(vmaxq_s32(shift, vdupq_n_s32(0)), vdupq_n_s32(31));
  q.neg_right = vmaxq_s32(vminq_s32(shift, vdupq_n_s32(0)), vdupq_n_s32(-31));
  q.round_mask = vshrq_n_s32(q.neg_right, 31);
  return q;
}

// Bit for bit Requantize() on four lanes (TFLite's MultiplyByQuantizedMultiplier, offset, clamp).
inline int32x4_t RequantizeBlock(int32x4_t acc, const QuantBlock& q, int32_t output_offset, int32x4_t act_min, int32x4_t act_max) {
  const int32x4_t t = vqrdmulhq_s32(vshlq_s32(acc, q.left), q.multiplier);
  const int32x4_t u = vaddq_s32(t, vandq_s32(vshrq_n_s32(t, 31), q.round_mask));
  int32x4_t v = vaddq_n_s32(vrshlq_s32(u, q.neg_right), output_offset);
  v = vmaxq_s32(v, act_min);
  return vminq_s32(v, act_max);
}

// Four int32 scalars as one vector (two VMOVs).
inline int32x4_t Vector4(int32_t a0, int32_t a1, int32_t a2, int32_t a3) {
  int32x4_t v;
  __asm__("vmov %q0[2], %q0[0], %1, %3\n\tvmov %q0[3], %q0[1], %2, %4" : "=&w"(v) : "r"(a0), "r"(a1), "r"(a2), "r"(a3));
  return v;
}

// CopyBytes: dst[0, n) = src[0, n); FillBytes: dst[0, n) = value, in 16-byte predicated vector steps.
inline void CopyBytes(int8_t* dst, const int8_t* src, int32_t n) {
  if (n <= 0) return;
  // A tail-predicated low-overhead loop: three instructions per 16 bytes.
  __asm__ volatile(
      "dlstp.8 lr, %[n]\n"
      "1:\n\t"
      "vldrb.8 q0, [%[s]], #16\n\t"
      "vstrb.8 q0, [%[d]], #16\n\t"
      "letp lr, 1b\n"
      : [d] "+r"(dst), [s] "+r"(src)
      : [n] "r"(n)
      : "q0", "lr", "memory");
}
inline void FillBytes(int8_t* dst, int8x16_t value, int32_t n) {
  for (int32_t k = 0; k < n; k += 16) vstrbq_p_s8(dst + k, value, vctp8q(static_cast<uint32_t>(n - k)));
}

// sum_k w[k] over one weight row.
inline int32_t RowSum(const int8_t* w, int32_t depth) {
  int32_t s = 0;
  int32_t k = 0;
  for (; k + 16 <= depth; k += 16) s = vaddvaq_s8(s, vldrbq_s8(w + k));
  if (k < depth)
    s = vaddvaq_p_s8(s, vldrbq_z_s8(w + k, vctp8q(static_cast<uint32_t>(depth - k))), vctp8q(static_cast<uint32_t>(depth - k)));
  return s;
}

// ebias[o] = bias[o] + offset * sum_k weights[o][k] for o in [0, channels).
void EffectiveBias(const int8_t* weights, int32_t depth, int32_t channels, const int32_t* bias, int32_t offset, int32_t* ebias);

// out[p * out_stride + o] = requantized(ebias[o] + sum_k weights[o][k] * col_p[k]) for the n
// columns col_p = cols + p * col_stride and output channels o in [0, channels). Without ebias
// (nullptr), each call sums the weights itself (bias may be nullptr).
void Gemm(const int8_t* cols, int32_t col_stride, int32_t n, int32_t depth, int32_t offset, const int8_t* weights, int32_t channels,
          const int32_t* ebias, const int32_t* bias, const int32_t* multipliers, const int8_t* shifts, bool per_channel, const Requant& r,
          int8_t* out, int32_t out_stride);

// The same product, one channel against four columns at a time (mve_gemm_pixels.cc): for n >= 4.
void GemmPixels(const int8_t* cols, int32_t col_stride, int32_t n, int32_t depth, int32_t offset, const int8_t* weights, int32_t channels,
                const int32_t* ebias, const int32_t* bias, const int32_t* multipliers, const int8_t* shifts, bool per_channel,
                const Requant& r, int8_t* out, int32_t out_stride);

// Eight contiguous columns of depth taps (16, 32, 48 or 64; cols 4-byte aligned) against every
// output channel (mve_pointwise.cc): out[p * out_stride + o] for p < 8, o < channels, with the
// effective biases ebias, requantized to the full int8 range; when GemmEightApplies (depth as
// above, act range the full int8 range, every shift a right shift of 1..31).
bool GemmEightApplies(int32_t depth, int32_t channels, const int8_t* shifts, const Requant& r);
void GemmEight(const int8_t* cols, int32_t depth, const int8_t* weights, int32_t channels, const int32_t* ebias, const int32_t* multipliers,
               const int8_t* shifts, int32_t output_offset, int8_t* out, int32_t out_stride);

// BuildColumn (im2col.h) with vector copies and fills.
void BuildColumnMve(const WindowRows<int8_t>& rows, int32_t fy_begin, int32_t fy_end, const ConvGeometry& g, int32_t ox, int8_t zero_point,
                    int8_t* col);

// BuildColumnMve for n pixels from ox (columns taps apart); whole windows copied row by row
// without the padding arithmetic.
void Columns(const WindowRows<int8_t>& rows, int32_t fy_begin, int32_t fy_end, const ConvGeometry& g, int32_t ox, int32_t n,
             int8_t zero_point, int8_t* col);

// The Helium Eval functions (EvalConv2DInt8Mve and EvalFullyConnectedInt8Mve of opt/variants.h
// call them).
Status EvalConv2D(const EvalContext& ctx);
Status EvalFullyConnected(const EvalContext& ctx);

// Channels the stack holds effective biases for; wider layers compute them per channel block.
constexpr int32_t kMaxStackChannels = 256;

}  // namespace mve
}  // namespace opt
}  // namespace kernels
}  // namespace tinyrt

#endif  // TINYRT_ISA_MVE
