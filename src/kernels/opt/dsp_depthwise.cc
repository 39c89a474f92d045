// SPDX-License-Identifier: Apache-2.0
// The DSP-extension depthwise microkernel (depth multiplier 1, no dilation across a row): one
// output pixel, every block of 4 channels, requantization fused. In assembly because the tap loop
// needs 14 registers (4 accumulators, 4 for the split input and weight words, the offset pair,
// two pointers, the step and two counters or the job). Per tap: 2 LDR, 2 SXTAB16, 2 SXTB16,
// 2 SMLABB, 2 SMLATT (10 instructions for 4 multiply-accumulates); 3x3 windows unrolled.
#include "src/kernels/opt/dsp.h"

#if defined(TINYRT_ISA_DSP) && TINYRT_OPT_KERNELS

#include <stddef.h>

extern "C" void tinyrt_dsp_dw_pixel(tinyrt::kernels::opt::DepthwisePixel* job);

// The assembly reads DepthwisePixel by offset.
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, blocks) == 0, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, num_rows) == 4, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, cols) == 8, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, step) == 12, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, row_adjust) == 16, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, block_adjust) == 20, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, weights) == 24, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, offset2) == 28, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, bias) == 32, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, multipliers) == 36, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, shifts) == 40, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, output_offset) == 44, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, min4) == 48, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, max4) == 52, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, out) == 56, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, filter_row) == 60, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, row_delta) == 64, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, window) == 64 + 4 * 16, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, pixels) == 132, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, pixel_step) == 136, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, blocks_start) == 140, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, bias_start) == 144, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, multipliers_start) == 148, "layout");
static_assert(offsetof(tinyrt::kernels::opt::DepthwisePixel, shifts_start) == 152, "layout");
static_assert(tinyrt::kernels::kMaxInPlaceFilterRows == 16, "layout");

// r0-r3 accumulators (channels c, c+1, c+2, c+3), r4/r5 weights (c, c+2 / c+1, c+3), r6/r7 input
// + offset (same lanes), r8 offset pair, r9 input, r10 weights of the block's current row, r11
// step, r12 2*step (the tap counter in the generic path, then restored), lr the job; the
// requantization uses r4-r7 and r9 only. The job's bias, multipliers, shifts, out and
// blocks advance as blocks are done. The stack holds the row loop's delta pointer and count.
__asm__(TINYRT_DSP_REQUANT_TAIL_MACRO R"(
  .syntax unified
  .thumb
  .pushsection .text.tinyrt_dsp_dw_pixel,"ax",%progbits
  .global tinyrt_dsp_dw_pixel
  .type tinyrt_dsp_dw_pixel, %function
  .thumb_func
  .macro TINYRT_DW_TAP xoff, woff
    ldr r6, [r9\xoff]
    ldr r4, [r10\woff]
    sxtab16 r7, r8, r6, ror #8
    sxtab16 r6, r8, r6
    sxtb16 r5, r4, ror #8
    sxtb16 r4, r4
    smlabb r0, r4, r6, r0
    smlatt r2, r4, r6, r2
    smlabb r1, r5, r7, r1
    smlatt r3, r5, r7, r3
  .endm
  .macro TINYRT_DW_ROW3 delta
    ldr r9, [lr, #\delta]
    add r9, r9, r10
    TINYRT_DW_TAP
    TINYRT_DW_TAP ", r11", ", r11"
    TINYRT_DW_TAP ", r12", ", r12"
    ldr r4, [lr, #60]
    add r10, r10, r4
  .endm
  .macro TINYRT_DW_ROW2 delta
    ldr r9, [lr, #\delta]
    add r9, r9, r10
    TINYRT_DW_TAP
    TINYRT_DW_TAP ", r11", ", r11"
    ldr r4, [lr, #60]
    add r10, r10, r4
  .endm
tinyrt_dsp_dw_pixel:
  push {r4, r5, r6, r7, r8, r9, r10, r11, lr}
  sub sp, sp, #8
  mov lr, r0
  ldr r11, [lr, #12]
  ldr r10, [lr, #24]
  ldr r8, [lr, #28]         @ the offset pair and 2 * step stay put across blocks and pixels
  lsl r12, r11, #1
.Ldw_block:
  ldr r4, [lr, #32]
  cbz r4, 1f
  ldm r4!, {r0, r1, r2, r3}
  str r4, [lr, #32]
  b 2f
1:
  mov r0, #0
  mov r1, #0
  mov r2, #0
  mov r3, #0
2:
  ldr r4, [lr, #64 + 4 * 16]  @ the window's case (DepthwisePixel::window)
  tbh [pc, r4, lsl #1]
.Ldw_cases:
  .hword (.Ldw_generic - .Ldw_cases) / 2
  .hword (.Ldw_3x3 - .Ldw_cases) / 2
  .hword (.Ldw_2x3 - .Ldw_cases) / 2
  .hword (.Ldw_3x2 - .Ldw_cases) / 2
  .hword (.Ldw_2x2 - .Ldw_cases) / 2
.Ldw_3x3:
  TINYRT_DW_ROW3 64
  TINYRT_DW_ROW3 68
  TINYRT_DW_ROW3 72
  b .Ldw_requant
.Ldw_2x3:
  TINYRT_DW_ROW3 64
  TINYRT_DW_ROW3 68
  b .Ldw_requant
.Ldw_3x2:
  TINYRT_DW_ROW2 64
  TINYRT_DW_ROW2 68
  TINYRT_DW_ROW2 72
  b .Ldw_requant
.Ldw_2x2:
  TINYRT_DW_ROW2 64
  TINYRT_DW_ROW2 68
  b .Ldw_requant
.Ldw_generic:
  add r6, lr, #64
  str r6, [sp, #0]
  ldr r4, [lr, #4]
  str r4, [sp, #4]
3:
  ldr r6, [sp, #0]
  ldr r9, [r6], #4
  str r6, [sp, #0]
  add r9, r9, r10
  ldr r12, [lr, #8]
4:
  TINYRT_DW_TAP
  add r9, r9, r11
  add r10, r10, r11
  subs r12, r12, #1
  bne 4b
  ldr r6, [lr, #16]
  add r10, r10, r6
  ldr r6, [sp, #4]
  subs r6, r6, #1
  str r6, [sp, #4]
  bne 3b
  lsl r12, r11, #1
.Ldw_requant:
  ldr r9, [lr, #36]
  ldm r9!, {r4, r5, r6, r7}
  str r9, [lr, #36]
  lsl r4, r4, #1
  lsl r5, r5, #1
  lsl r6, r6, #1
  lsl r7, r7, #1
  smmlar r0, r0, r4, r0
  smmlar r1, r1, r5, r1
  smmlar r2, r2, r6, r2
  smmlar r3, r3, r7, r3
  ldr r9, [lr, #40]
  ldr r4, [r9], #4
  str r9, [lr, #40]
  mvn r4, r4
  ldr r5, [lr, #44]
  tinyrt_requant_tail r0, r4, r5
  lsr r4, r4, #8
  tinyrt_requant_tail r1, r4, r5
  lsr r4, r4, #8
  tinyrt_requant_tail r2, r4, r5
  lsr r4, r4, #8
  tinyrt_requant_tail r3, r4, r5
  bfi r0, r1, #8, #8
  bfi r0, r2, #16, #8
  bfi r0, r3, #24, #8
  ldrd r6, r7, [lr, #48]
  ssub8 r9, r0, r6
  sel r0, r0, r6
  ssub8 r9, r0, r7
  sel r0, r7, r0
  ldr r9, [lr, #56]
  str r0, [r9], #4
  str r9, [lr, #56]
  ldr r4, [lr, #20]
  add r10, r10, r4
  ldr r4, [lr, #0]
  subs r4, r4, #1
  str r4, [lr, #0]
  bne .Ldw_block
  @ the next pixel of the run: restart the blocks, move the rows
  ldr r4, [lr, #132]
  subs r4, r4, #1
  beq 7f
  str r4, [lr, #132]
  ldr r4, [lr, #140]
  str r4, [lr, #0]
  ldr r4, [lr, #144]
  str r4, [lr, #32]
  ldr r4, [lr, #148]
  str r4, [lr, #36]
  ldr r4, [lr, #152]
  str r4, [lr, #40]
  ldr r10, [lr, #24]
  ldr r5, [lr, #136]
  ldr r6, [lr, #4]
  add r7, lr, #64
8:
  ldr r4, [r7]
  add r4, r4, r5
  str r4, [r7], #4
  subs r6, r6, #1
  bne 8b
  b .Ldw_block
7:
  add sp, sp, #8
  pop {r4, r5, r6, r7, r8, r9, r10, r11, pc}
  .purgem TINYRT_DW_TAP
  .purgem TINYRT_DW_ROW3
  .purgem TINYRT_DW_ROW2
  .purgem tinyrt_requant_tail
  .size tinyrt_dsp_dw_pixel, .-tinyrt_dsp_dw_pixel
  .popsection
)");

namespace tinyrt {
namespace kernels {
namespace opt {

void DepthwisePixelBlocks(DepthwisePixel* job) {
  job->blocks_start = job->blocks;
  job->bias_start = job->bias;
  job->multipliers_start = job->multipliers;
  job->shifts_start = job->shifts;
  tinyrt_dsp_dw_pixel(job);
}

}  // namespace opt
}  // namespace kernels
}  // namespace tinyrt

#endif  // TINYRT_ISA_DSP && TINYRT_OPT_KERNELS
