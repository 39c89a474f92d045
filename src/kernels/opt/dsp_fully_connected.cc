// SPDX-License-Identifier: Apache-2.0
// The DSP-extension FULLY_CONNECTED microkernel: one input row against 4 weight rows at a time, in
// assembly (4 accumulators, the input word split with its offset, 2 weight words, 3 pointers, the
// row stride, the offset pair and a counter: 14 registers). Per group of 4 inputs: 1 LDR and 2
// SXTAB16 for the input, then per weight row 1 LDR, 2 SXTB16, 2 SMLAD: 23 instructions for 16
// multiply-accumulates (each weight is used once per input row, so the weights' unpacking is the
// floor), unrolled four times.
#include "src/kernels/opt/dsp.h"
#include "src/kernels/opt/fully_connected_operands.h"
#include "src/kernels/opt/variants.h"

#if defined(TINYRT_ISA_DSP) && TINYRT_OPT_KERNELS

extern "C" {
// acc[4*q + j] = bias[4q + j] (0 without bias) + sum_k w[4q + j][k] * (x[k] + offset) for
// q < quads (>= 1), k < 4*groups (groups >= 1, rows `depth` = 4*groups bytes apart).
void tinyrt_dsp_fc_quads(const int8_t* x, const int8_t* weights, int32_t depth, int32_t groups, int32_t quads, int32_t* acc,
                         const int32_t* bias, int32_t offset2);
// out[i] = clamp(RequantizeFast(acc[i]) + offset) for i < 4 * quads (>= 1), one scale (a nonzero
// multiplier: doubled, shift - 1 >= 0); clamp = {min4, max4}.
void tinyrt_dsp_requant_quads(const int32_t* acc, int32_t quads, int32_t doubled, int32_t shift_minus_one, int8_t* out, int32_t offset,
                              const uint32_t* clamp);
}

// r0 input, r1 weights of rows 0 and 1 ([r1], [r1, r3]), r2 of rows 2 and 3, r3 depth, r4-r7
// accumulators, r8/r9 input halves, r10/r11 weight halves, r12 offset pair, lr group counter.
__asm__(R"(
  .syntax unified
  .thumb
  .pushsection .text.tinyrt_dsp_fc_quads,"ax",%progbits
  .global tinyrt_dsp_fc_quads
  .type tinyrt_dsp_fc_quads, %function
  .thumb_func
  .macro TINYRT_FC_ROW waddr, acc
    ldr r11, \waddr
    sxtb16 r10, r11
    sxtb16 r11, r11, ror #8
    smlad \acc, r10, r8, \acc
    smlad \acc, r11, r9, \acc
  .endm
  .macro TINYRT_FC_GROUP
    ldr r9, [r0], #4
    sxtab16 r8, r12, r9
    sxtab16 r9, r12, r9, ror #8
    TINYRT_FC_ROW "[r1, r3]", r5
    TINYRT_FC_ROW "[r1], #4", r4
    TINYRT_FC_ROW "[r2, r3]", r7
    TINYRT_FC_ROW "[r2], #4", r6
  .endm
tinyrt_dsp_fc_quads:
  push {r4, r5, r6, r7, r8, r9, r10, r11, lr}
  sub sp, sp, #8
  str r0, [sp, #0]
  str r3, [sp, #4]          @ groups
  mov r3, r2                @ depth
  add r2, r1, r3, lsl #1    @ rows 2 and 3
  ldr r12, [sp, #56]        @ offset pair
  @ quads at [sp, #44], acc at [sp, #48], bias at [sp, #52]
1:
  ldr r0, [sp, #52]
  cbz r0, 5f
  ldm r0!, {r4, r5, r6, r7}
  str r0, [sp, #52]
  b 6f
5:
  mov r4, #0
  mov r5, #0
  mov r6, #0
  mov r7, #0
6:
  ldr r0, [sp, #0]
  ldr lr, [sp, #4]
  lsrs lr, lr, #1
  bcc 2f
  TINYRT_FC_GROUP
2:
  lsrs lr, lr, #1
  bcc 7f
  TINYRT_FC_GROUP
  TINYRT_FC_GROUP
7:
  beq 4f
3:
  TINYRT_FC_GROUP
  TINYRT_FC_GROUP
  TINYRT_FC_GROUP
  TINYRT_FC_GROUP
  subs lr, lr, #1
  bne 3b
4:
  ldr r0, [sp, #48]
  stmia r0!, {r4, r5, r6, r7}
  str r0, [sp, #48]
  add r1, r1, r3, lsl #1    @ past rows 1..3 of this quad: row 0 of the next
  add r1, r1, r3
  add r2, r2, r3, lsl #1
  add r2, r2, r3
  ldr r0, [sp, #44]
  subs r0, r0, #1
  str r0, [sp, #44]
  bne 1b
  add sp, sp, #8
  pop {r4, r5, r6, r7, r8, r9, r10, r11, pc}
  .purgem TINYRT_FC_ROW
  .purgem TINYRT_FC_GROUP
  .size tinyrt_dsp_fc_quads, .-tinyrt_dsp_fc_quads
  .popsection
)");

// r0 acc, r1 quads left, r2 doubled multiplier, r3 shift - 1, r4 out, r5 offset, r6/r7 clamp
// bytes, r8-r11 values.
__asm__(TINYRT_DSP_REQUANT_TAIL_MACRO R"(
  .syntax unified
  .thumb
  .pushsection .text.tinyrt_dsp_requant_quads,"ax",%progbits
  .global tinyrt_dsp_requant_quads
  .type tinyrt_dsp_requant_quads, %function
  .thumb_func
  .macro TINYRT_FC_REQUANT v
    smmlar \v, \v, r2, \v
    tinyrt_requant_tail \v, r3, r5
  .endm
tinyrt_dsp_requant_quads:
  push {r4, r5, r6, r7, r8, r9, r10, r11, lr}
  ldr r4, [sp, #36]
  ldr r5, [sp, #40]
  ldr r6, [sp, #44]
  ldrd r6, r7, [r6]
1:
  ldm r0!, {r8, r9, r10, r11}
  TINYRT_FC_REQUANT r8
  TINYRT_FC_REQUANT r9
  TINYRT_FC_REQUANT r10
  TINYRT_FC_REQUANT r11
  bfi r8, r9, #8, #8
  bfi r8, r10, #16, #8
  bfi r8, r11, #24, #8
  ssub8 r9, r8, r6
  sel r8, r8, r6
  ssub8 r9, r8, r7
  sel r8, r7, r8
  str r8, [r4], #4
  subs r1, r1, #1
  bne 1b
  pop {r4, r5, r6, r7, r8, r9, r10, r11, pc}
  .purgem TINYRT_FC_REQUANT
  .purgem tinyrt_requant_tail
  .size tinyrt_dsp_requant_quads, .-tinyrt_dsp_requant_quads
  .popsection
)");

namespace tinyrt {
namespace kernels {
namespace opt {

void FullyConnectedRow(const int8_t* x, int32_t depth, int32_t offset, const int8_t* weights, int32_t channels, const int32_t* bias,
                       const int32_t* multipliers, const int8_t* shifts, bool per_channel, const Requant& requant, int8_t* out) {
  const Requant r = requant;  // a local copy: int8 stores may alias anything the reference reaches
  constexpr int32_t kQuads = 16;
  int32_t acc[4 * kQuads];
  const FastScale common = MakeFastScale(multipliers[0], shifts[0]);
  int32_t o = 0;
  while (o + 4 <= channels) {
    int32_t quads = (channels - o) / 4;
    if (quads > kQuads) quads = kQuads;
    tinyrt_dsp_fc_quads(x, weights + static_cast<size_t>(o) * depth, depth, depth / 4, quads, acc, bias != nullptr ? bias + o : nullptr,
                        Offset2(offset));
    if (!per_channel && common.shift_minus_one >= 0) {
      const uint32_t clamp4[2] = {0x01010101u * static_cast<uint8_t>(r.act_min), 0x01010101u * static_cast<uint8_t>(r.act_max)};
      tinyrt_dsp_requant_quads(acc, quads, common.doubled, common.shift_minus_one, out + o, r.output_offset, clamp4);
      o += 4 * quads;
      continue;
    }
    const Clamp4 clamp = MakeClamp4(r);
    for (int32_t i = 0; i < 4 * quads; i += 4, o += 4) {
      uint32_t packed;
      if (per_channel) {
        packed = PackClamp4(RequantizeFast(acc[i], MakeFastScale(multipliers[o], shifts[o])),
                            RequantizeFast(acc[i + 1], MakeFastScale(multipliers[o + 1], shifts[o + 1])),
                            RequantizeFast(acc[i + 2], MakeFastScale(multipliers[o + 2], shifts[o + 2])),
                            RequantizeFast(acc[i + 3], MakeFastScale(multipliers[o + 3], shifts[o + 3])), clamp);
      } else {
        packed = PackClamp4(RequantizeFast(acc[i], common), RequantizeFast(acc[i + 1], common), RequantizeFast(acc[i + 2], common),
                            RequantizeFast(acc[i + 3], common), clamp);
      }
      memcpy(out + o, &packed, 4);
    }
  }
  for (; o < channels; ++o) {
    const int32_t b = bias != nullptr ? bias[o] : 0;
    const FastScale s = per_channel ? MakeFastScale(multipliers[o], shifts[o]) : common;
    out[o] = Clamp(RequantizeFast(Dot1x1(x, weights + static_cast<size_t>(o) * depth, depth, offset, b), s), r);
  }
}

}  // namespace opt
}  // namespace kernels
}  // namespace tinyrt

#endif  // TINYRT_ISA_DSP && TINYRT_OPT_KERNELS

#if defined(TINYRT_ISA_DSP)
namespace tinyrt {
namespace kernels {

// One input row at a time through the assembly microkernel when the depth and scales suit it,
// else the portable GEMM of isa.h.
Status EvalFullyConnectedInt8Dsp(const EvalContext& ctx) {
  if (!TINYRT_OPT_KERNELS) return Status::Ok();  // never selected; the code below compiles out
  const opt::FullyConnectedOperands op = opt::MakeFullyConnectedOperands(ctx);
  if (op.depth % 4 == 0 && op.depth > 0 && opt::FastRequantApplies(op.multipliers, op.shifts, op.per_channel ? op.channels : 1)) {
    for (int32_t b = 0; b < op.batches; ++b) {
      opt::FullyConnectedRow(op.input + static_cast<size_t>(b) * op.depth, op.depth, op.input_offset, op.filter, op.channels, op.bias,
                             op.multipliers, op.shifts, op.per_channel, op.r, op.output + static_cast<size_t>(b) * op.channels);
    }
    return Status::Ok();
  }
  opt::FullyConnectedByPairs(op, opt::GemmColumns);
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt
#endif  // TINYRT_ISA_DSP
