// SPDX-License-Identifier: Apache-2.0
// The DSP-extension GEMM microkernel: two split columns (dsp.h) against pairs of int8 weight rows,
// 2 pixels x 2 channels per pass, in assembly because it needs all 14 free registers (4
// accumulators, 4 column words, 2 for weights, 4 pointers and counters) and GCC spills them.
// Per group of 4 taps: 1 LDM (both columns), 2 LDR (one word per weight row), 4 SXTB16, 8 SMLAD:
// 15 instructions for 16 multiply-accumulates, unrolled twice.
#include "src/kernels/opt/dsp.h"

#if defined(TINYRT_ISA_DSP) && TINYRT_OPT_KERNELS

extern "C" {
// acc[4*i + {0, 1, 2, 3}] = {c0 . row 2i, c1 . row 2i, c0 . row 2i+1, c1 . row 2i+1} + bias over
// 4*groups taps, for i < pairs (>= 1). Rows are `depth` bytes apart; bias may be null.
void tinyrt_dsp_gemm_2x2(const int32_t* split, const int8_t* weights, int32_t depth, int32_t groups, int32_t pairs, int32_t* acc,
                         const int32_t* bias);
// Requantizes the accumulators of `pairs` (>= 1) channel pairs (tinyrt_dsp_gemm_2x2's layout) to
// out0/out1[2i], [2i + 1]: RequantizeFast, + offset, SSAT, then SSUB8/SEL against
// clamp = {min4, max4}.
void tinyrt_dsp_requant_2x2(const int32_t* acc, const int32_t* multipliers, const int8_t* shifts, int8_t* out0, int8_t* out1, int32_t pairs,
                            int32_t offset, const uint32_t* clamp);
// acc[4*o + p] = bias[o] (0 without bias) + column p . row o over 4*groups taps (rows exactly that
// long), for o < channels (>= 1), from four split columns (Split4Columns).
void tinyrt_dsp_gemm_4x1(const int32_t* split, const int8_t* weights, int32_t groups, int32_t channels, int32_t* acc, const int32_t* bias);
// Requantizes tinyrt_dsp_gemm_4x1's accumulators of `channels` (>= 1) channels into pixels p < 4
// at out + p * stride (+ the channel), as tinyrt_dsp_requant_2x2; clamp = {min4, max4}.
void tinyrt_dsp_requant_4x1(const int32_t* acc, const int32_t* multipliers, const int8_t* shifts, int8_t* out, int32_t stride,
                            int32_t channels, int32_t offset, const uint32_t* clamp);
}

// r0 split, r1 weights (then row b of the pair), r2 depth (then -depth: row a is [r1, r2]),
// r3 groups counter; r4-r7 column words; r9, r10 weights; r8, r11, r12, lr accumulators.
__asm__(R"(
  .syntax unified
  .thumb
  .pushsection .text.tinyrt_dsp_gemm_2x2,"ax",%progbits
  .global tinyrt_dsp_gemm_2x2
  .type tinyrt_dsp_gemm_2x2, %function
  .thumb_func
  .macro TINYRT_GEMM_GROUP
    ldm r0!, {r4, r5, r6, r7}
    ldr r10, [r1, r2]
    sxtb16 r9, r10
    sxtb16 r10, r10, ror #8
    smlad r8, r9, r4, r8
    smlad r8, r10, r5, r8
    smlad r11, r9, r6, r11
    smlad r11, r10, r7, r11
    ldr r10, [r1], #4
    sxtb16 r9, r10
    sxtb16 r10, r10, ror #8
    smlad r12, r9, r4, r12
    smlad r12, r10, r5, r12
    smlad lr, r9, r6, lr
    smlad lr, r10, r7, lr
  .endm
tinyrt_dsp_gemm_2x2:
  push {r4, r5, r6, r7, r8, r9, r10, r11, lr}
  sub sp, sp, #16
  str r0, [sp, #0]
  str r3, [sp, #4]
  lsl r9, r2, #1
  sub r9, r9, r3, lsl #2
  str r9, [sp, #8]          @ from the end of a pair's taps in row b to the next pair's row b
  add r1, r1, r2
  rsb r2, r2, #0
  @ pairs at [sp, #52], acc at [sp, #56], bias at [sp, #60]
1:
  ldr r3, [sp, #60]         @ bias
  cbz r3, 5f
  ldrd r8, r12, [r3], #8
  str r3, [sp, #60]
  mov r11, r8
  mov lr, r12
  b 6f
5:
  mov r8, #0
  mov r11, #0
  mov r12, #0
  mov lr, #0
6:
  ldr r0, [sp, #0]
  ldr r3, [sp, #4]
  lsrs r3, r3, #1
  bcc 2f
  TINYRT_GEMM_GROUP
2:
  beq 4f
3:
  TINYRT_GEMM_GROUP
  TINYRT_GEMM_GROUP
  subs r3, r3, #1
  bne 3b
4:
  ldr r9, [sp, #56]
  stmia r9!, {r8, r11, r12, lr}
  str r9, [sp, #56]
  ldr r9, [sp, #8]
  add r1, r1, r9
  ldr r9, [sp, #52]
  subs r9, r9, #1
  str r9, [sp, #52]
  bne 1b
  add sp, sp, #16
  pop {r4, r5, r6, r7, r8, r9, r10, r11, pc}
  .purgem TINYRT_GEMM_GROUP
  .size tinyrt_dsp_gemm_2x2, .-tinyrt_dsp_gemm_2x2
  .popsection
)");

// r0 acc, r1 multipliers, r2 shifts, r3 out0, r4 out1, r5 pairs left, r6 offset, lr clamp;
// r9-r12 accumulators, r7/r8 multipliers, shifts, then the clamp bytes.
__asm__(TINYRT_DSP_REQUANT_TAIL_MACRO R"(
  .syntax unified
  .thumb
  .pushsection .text.tinyrt_dsp_requant_2x2,"ax",%progbits
  .global tinyrt_dsp_requant_2x2
  .type tinyrt_dsp_requant_2x2, %function
  .thumb_func
tinyrt_dsp_requant_2x2:
  push {r4, r5, r6, r7, r8, r9, r10, r11, lr}
  ldr r4, [sp, #36]
  ldr r5, [sp, #40]
  ldr r6, [sp, #44]
  ldr lr, [sp, #48]
1:
  ldm r0!, {r9, r10, r11, r12}
  ldrd r7, r8, [r1], #8
  lsl r7, r7, #1
  lsl r8, r8, #1
  smmlar r9, r9, r7, r9
  smmlar r10, r10, r7, r10
  smmlar r11, r11, r8, r11
  smmlar r12, r12, r8, r12
  ldrsb r7, [r2], #1
  ldrsb r8, [r2], #1
  mvn r7, r7
  mvn r8, r8
  tinyrt_requant_tail r9, r7, r6
  tinyrt_requant_tail r10, r7, r6
  tinyrt_requant_tail r11, r8, r6
  tinyrt_requant_tail r12, r8, r6
  bfi r9, r11, #8, #8
  bfi r9, r10, #16, #8
  bfi r9, r12, #24, #8
  ldrd r7, r8, [lr]
  ssub8 r10, r9, r7
  sel r9, r9, r7
  ssub8 r10, r9, r8
  sel r9, r8, r9
  strh r9, [r3], #2
  lsr r9, r9, #16
  strh r9, [r4], #2
  subs r5, r5, #1
  bne 1b
  pop {r4, r5, r6, r7, r8, r9, r10, r11, pc}
  .purgem tinyrt_requant_tail
  .size tinyrt_dsp_requant_2x2, .-tinyrt_dsp_requant_2x2
  .popsection
)");

// r0 split, r1 weights (row after row), r2 group counter, r3-r6 accumulators (pixels 0-3), r7-r10
// column words (two pixels at a time), r11/r12 weight halves, lr the split columns' start.
// Per group: 1 LDR, 2 SXTB16, 2 LDM, 8 SMLAD (13 instructions for 16 multiply-accumulates).
__asm__(R"(
  .syntax unified
  .thumb
  .pushsection .text.tinyrt_dsp_gemm_4x1,"ax",%progbits
  .global tinyrt_dsp_gemm_4x1
  .type tinyrt_dsp_gemm_4x1, %function
  .thumb_func
  .macro TINYRT_GEMM4_GROUP
    ldr r12, [r1], #4
    sxtb16 r11, r12
    sxtb16 r12, r12, ror #8
    ldm r0!, {r7, r8, r9, r10}
    smlad r3, r11, r7, r3
    smlad r3, r12, r8, r3
    smlad r4, r11, r9, r4
    smlad r4, r12, r10, r4
    ldm r0!, {r7, r8, r9, r10}
    smlad r5, r11, r7, r5
    smlad r5, r12, r8, r5
    smlad r6, r11, r9, r6
    smlad r6, r12, r10, r6
  .endm
tinyrt_dsp_gemm_4x1:
  push {r4, r5, r6, r7, r8, r9, r10, r11, lr}
  sub sp, sp, #8
  mov lr, r0
  str r2, [sp, #0]          @ groups
  str r3, [sp, #4]          @ channels left
  @ acc at [sp, #44], bias at [sp, #48]
1:
  ldr r3, [sp, #48]
  cbz r3, 5f
  ldr r4, [r3], #4
  str r3, [sp, #48]
  mov r3, r4
  mov r5, r4
  mov r6, r4
  b 6f
5:
  mov r3, #0
  mov r4, #0
  mov r5, #0
  mov r6, #0
6:
  mov r0, lr
  ldr r2, [sp, #0]
  lsrs r2, r2, #1
  bcc 2f
  TINYRT_GEMM4_GROUP
2:
  beq 4f
3:
  TINYRT_GEMM4_GROUP
  TINYRT_GEMM4_GROUP
  subs r2, r2, #1
  bne 3b
4:
  ldr r7, [sp, #44]
  stmia r7!, {r3, r4, r5, r6}
  str r7, [sp, #44]
  ldr r7, [sp, #4]
  subs r7, r7, #1
  str r7, [sp, #4]
  bne 1b
  add sp, sp, #8
  pop {r4, r5, r6, r7, r8, r9, r10, r11, pc}
  .purgem TINYRT_GEMM4_GROUP
  .size tinyrt_dsp_gemm_4x1, .-tinyrt_dsp_gemm_4x1
  .popsection
)");

// r0 acc, r1 multipliers, r2 shifts, r3 channels left, r4 out (pixel 0, then 1 via r6), r5 pixel 2
// (3 via r6), r6 stride, r7 offset; r8-r11 accumulators, r12/lr multiplier and shift, then the
// clamp bytes (from the stack).
__asm__(TINYRT_DSP_REQUANT_TAIL_MACRO R"(
  .syntax unified
  .thumb
  .pushsection .text.tinyrt_dsp_requant_4x1,"ax",%progbits
  .global tinyrt_dsp_requant_4x1
  .type tinyrt_dsp_requant_4x1, %function
  .thumb_func
tinyrt_dsp_requant_4x1:
  push {r4, r5, r6, r7, r8, r9, r10, r11, lr}
  mov r4, r3                @ out
  ldr r6, [sp, #36]         @ stride
  ldr r3, [sp, #40]         @ channels
  ldr r7, [sp, #44]         @ offset
  ldr r8, [sp, #48]         @ clamp
  ldrd r9, r10, [r8]
  sub sp, sp, #8
  strd r9, r10, [sp]        @ the clamp bytes, read back per channel
  add r5, r4, r6, lsl #1
1:
  ldm r0!, {r8, r9, r10, r11}
  ldr r12, [r1], #4
  lsl r12, r12, #1
  smmlar r8, r8, r12, r8
  smmlar r9, r9, r12, r9
  smmlar r10, r10, r12, r10
  smmlar r11, r11, r12, r11
  ldrsb lr, [r2], #1
  mvn lr, lr
  tinyrt_requant_tail r8, lr, r7
  tinyrt_requant_tail r9, lr, r7
  tinyrt_requant_tail r10, lr, r7
  tinyrt_requant_tail r11, lr, r7
  bfi r8, r9, #8, #8
  bfi r8, r10, #16, #8
  bfi r8, r11, #24, #8
  ldrd r12, lr, [sp]
  ssub8 r9, r8, r12
  sel r8, r8, r12
  ssub8 r9, r8, lr
  sel r8, lr, r8
  lsr r9, r8, #8
  strb r9, [r4, r6]
  strb r8, [r4], #1
  lsr r9, r8, #24
  strb r9, [r5, r6]
  lsr r9, r8, #16
  strb r9, [r5], #1
  subs r3, r3, #1
  bne 1b
  add sp, sp, #8
  pop {r4, r5, r6, r7, r8, r9, r10, r11, pc}
  .purgem tinyrt_requant_tail
  .size tinyrt_dsp_requant_4x1, .-tinyrt_dsp_requant_4x1
  .popsection
)");

namespace tinyrt {
namespace kernels {
namespace opt {

namespace {

// N (at most 4, the unrolled count) int8 columns of `taps` taps (a multiple of 4) into split form,
// per group of 4 taps the two words of each column in turn. Returns the end of the split words.
template <int N>
inline int32_t* SplitN(const int8_t* const (&c)[N], int32_t taps, int32_t offset2, int32_t* split) {
  for (int32_t k = 0; k < taps; k += 4, split += 2 * N) {
    int32_t x[N];
#pragma GCC unroll 4
    for (int p = 0; p < N; ++p) x[p] = Read32(c[p] + k);
#pragma GCC unroll 4
    for (int p = 0; p < N; ++p) SplitWord(offset2, x[p], split + 2 * p);
  }
  return split;
}

// The split words of N columns of `taps` zero taps (padding), returning their end.
template <int N>
inline int32_t* ZeroSplitN(int32_t taps, int32_t* split) {
  for (int32_t k = 0; k < taps; k += 4, split += 2 * N) {
#pragma GCC unroll 8
    for (int32_t j = 0; j < 2 * N; ++j) split[j] = 0;
  }
  return split;
}

// The im2col windows starting at input columns start[p] (in bytes) of the current output row, split
// as SplitN would split their columns; filter rows outside [fy_begin, fy_end) give zeros.
template <int N>
inline void SplitWindowsN(const WindowRows<int8_t>& rows, int32_t fy_begin, int32_t fy_end, const ConvGeometry& g, int32_t depth,
                          const int32_t (&start)[N], int32_t offset, int32_t* split) {
  const int32_t offset2 = Offset2(offset);
  const int32_t row_taps = g.filter_width * depth;
  split = ZeroSplitN<N>(fy_begin * row_taps, split);
  for (int32_t fy = fy_begin; fy < fy_end; ++fy) {
    const int8_t* c[N];
#pragma GCC unroll 4
    for (int p = 0; p < N; ++p) c[p] = rows[fy] + start[p];
    split = SplitN<N>(c, row_taps, offset2, split);
  }
  ZeroSplitN<N>((g.filter_height - fy_end) * row_taps, split);
}

}  // namespace

void SplitColumns(const int8_t* c0, const int8_t* c1, int32_t taps, int32_t offset, int32_t* split) {
  const int8_t* const c[2] = {c0, c1};
  SplitN<2>(c, taps & ~3, Offset2(offset), split);  // the last taps % 4 are left out
}

void SplitWindows(const WindowRows<int8_t>& rows, int32_t fy_begin, int32_t fy_end, const ConvGeometry& g, int32_t depth, int32_t ox0,
                  int32_t ox1, int32_t offset, int32_t* split) {
  const int32_t start[2] = {(ox0 * g.stride_width - g.pad_width) * depth, (ox1 * g.stride_width - g.pad_width) * depth};
  SplitWindowsN<2>(rows, fy_begin, fy_end, g, depth, start, offset, split);
}

void SplitWindows4(const WindowRows<int8_t>& rows, int32_t fy_begin, int32_t fy_end, const ConvGeometry& g, int32_t depth, int32_t ox,
                   int32_t offset, int32_t* split) {
  const int32_t first = (ox * g.stride_width - g.pad_width) * depth, step = g.stride_width * depth;
  const int32_t start[4] = {first, first + step, first + 2 * step, first + 3 * step};
  SplitWindowsN<4>(rows, fy_begin, fy_end, g, depth, start, offset, split);
}

void Split4Columns(const int8_t* c0, int32_t column_step, int32_t taps, int32_t offset, int32_t* split) {
  const int8_t* c1 = c0 + column_step;
  const int8_t* c2 = c1 + column_step;
  const int8_t* const c[4] = {c0, c1, c2, c2 + column_step};  // chained: GCC then indexes all four by k
  SplitN<4>(c, taps, Offset2(offset), split);
}

void Gemm4Columns(const int32_t* split, int32_t taps, const int8_t* weights, int32_t channels, const int32_t* bias,
                  const int32_t* multipliers, const int8_t* shifts, const Requant& r, int8_t* out, int32_t out_step) {
  constexpr int32_t kChannels = 32;  // per microkernel call (512 bytes of accumulators)
  int32_t acc[4 * kChannels];
  const uint32_t clamp[2] = {0x01010101u * static_cast<uint8_t>(r.act_min), 0x01010101u * static_cast<uint8_t>(r.act_max)};
  for (int32_t o = 0; o < channels; o += kChannels) {
    const int32_t n = channels - o < kChannels ? channels - o : kChannels;
    tinyrt_dsp_gemm_4x1(split, weights + static_cast<size_t>(o) * taps, taps / 4, n, acc, bias != nullptr ? bias + o : nullptr);
    tinyrt_dsp_requant_4x1(acc, multipliers + o, shifts + o, out + o, out_step, n, r.output_offset, clamp);
  }
}

void GemmSplitColumns(const int32_t* split, const int8_t* c0, const int8_t* c1, int32_t taps, int32_t offset, const int8_t* weights,
                      int32_t channels, const int32_t* bias, const int32_t* multipliers, const int8_t* shifts, const Requant& r,
                      int8_t* out0, int8_t* out1) {
  constexpr int32_t kPairs = 16;  // channel pairs per microkernel call (256 bytes of accumulators)
  int32_t acc[4 * kPairs];
  const int32_t groups = taps / 4;
  const uint32_t clamp[2] = {0x01010101u * static_cast<uint8_t>(r.act_min), 0x01010101u * static_cast<uint8_t>(r.act_max)};
  int32_t o = 0;
  while (o + 2 <= channels) {
    int32_t pairs = (channels - o) / 2;
    if (pairs > kPairs) pairs = kPairs;
    const int8_t* w = weights + static_cast<size_t>(o) * taps;
    tinyrt_dsp_gemm_2x2(split, w, taps, groups, pairs, acc, bias != nullptr ? bias + o : nullptr);
    if (4 * groups < taps) {  // the last taps % 4 taps
      for (int32_t i = 0; i < pairs; ++i, w += 2 * taps) {
        int32_t* a = acc + 4 * i;
        for (int32_t k = 4 * groups; k < taps; ++k) {
          const int32_t x0 = c0[k] + offset, x1 = c1[k] + offset;
          a[0] += x0 * w[k];
          a[1] += x1 * w[k];
          a[2] += x0 * w[taps + k];
          a[3] += x1 * w[taps + k];
        }
      }
    }
    tinyrt_dsp_requant_2x2(acc, multipliers + o, shifts + o, out0 + o, out1 + o, pairs, r.output_offset, clamp);
    o += 2 * pairs;
  }
  if (o < channels) {  // an odd last channel, from the split columns (and the raw ones' last taps)
    const int8_t* w = weights + static_cast<size_t>(o) * taps;
    const int32_t b = bias != nullptr ? bias[o] : 0;
    int32_t a0 = b, a1 = b;
    for (int32_t g = 0; g < groups; ++g) {
      const int32_t v = Read32(w + 4 * g);
      const int32_t ve = __sxtb16(v), vo = Sxtb16Ror8(v);
      const int32_t* sp = split + 4 * g;
      a0 = __smlad(ve, sp[0], __smlad(vo, sp[1], a0));
      a1 = __smlad(ve, sp[2], __smlad(vo, sp[3], a1));
    }
    for (int32_t k = 4 * groups; k < taps; ++k) {
      a0 += (c0[k] + offset) * w[k];
      a1 += (c1[k] + offset) * w[k];
    }
    const FastScale s = MakeFastScale(multipliers[o], shifts[o]);
    out0[o] = Clamp(RequantizeFast(a0, s), r);
    out1[o] = Clamp(RequantizeFast(a1, s), r);
  }
}

}  // namespace opt
}  // namespace kernels
}  // namespace tinyrt

#endif  // TINYRT_ISA_DSP && TINYRT_OPT_KERNELS
