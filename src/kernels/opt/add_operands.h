// SPDX-License-Identifier: Apache-2.0
// What every instruction set's optimized int8 ADD reads (opt/add.cc, opt/dsp_add.cc,
// opt/mve_add.cc, opt/x86_avx2_add.cc): the operands of one Eval and the element-wise scalar
// form, which each variant runs for the elements its vectors leave.
//
// TFLM's quantized add, bit for bit: inputs centred and scaled up by 2^left_shift, each rescaled to
// a common scale, summed, rescaled to the output, each rescaling TFLite's
// MultiplyByQuantizedMultiplier written as floor((a*m + 2^30) / 2^31) followed by the
// half-away-from-zero division by 2^e, straight-line (ADD's shifts are all <= 0).
#pragma once

#include "src/kernels/op_data.h"

namespace tinyrt {
namespace kernels {
namespace opt {

// MultiplyByQuantizedMultiplier(x, m, -e) for m >= 0 and e in [0, 31].
inline int32_t ScaleDown(int32_t x, int32_t m, int32_t e) {
  const int32_t t = static_cast<int32_t>((static_cast<int64_t>(x) * m + (static_cast<int64_t>(1) << 30)) >> 31);
  if (e == 0) return t;
  const int32_t u = (t + (t >> 31)) >> (e - 1);
  return u - (u >> 1);
}

// One Eval's operands.
struct AddEvalOperands {
  AddData d;  // a copy: output stores could alias the op data
  const int8_t* input1;
  const int8_t* input2;
  int8_t* output;
  int32_t e1, e2, eo;  // the three rescalings' right shifts, 0..31
};

inline int32_t RightShift(int32_t shift) { return shift < -31 ? 31 : -shift; }

inline AddEvalOperands MakeAddEvalOperands(const EvalContext& ctx) {
  AddEvalOperands op;
  op.d = *ctx.op_data<AddData>();
  op.input1 = ctx.input<int8_t>(0);
  op.input2 = ctx.input<int8_t>(1);
  op.output = ctx.output<int8_t>(0);
  op.e1 = RightShift(op.d.input1_shift);
  op.e2 = RightShift(op.d.input2_shift);
  op.eo = RightShift(op.d.output_shift);
  return op;
}

// Elements [i, elements) one at a time.
inline void AddElements(const AddEvalOperands& op, int32_t i) {
  const AddData& d = op.d;
  for (; i < d.elements; ++i) {
    // (x + offset) << 20 stays below 2^28: no overflow.
    const int32_t a = ScaleDown((op.input1[i] + d.input1_offset) * (1 << d.left_shift), d.input1_multiplier, op.e1);
    const int32_t b = ScaleDown((op.input2[i] + d.input2_offset) * (1 << d.left_shift), d.input2_multiplier, op.e2);
    int32_t v = ScaleDown(a + b, d.output_multiplier, op.eo) + d.output_offset;
    v = v < d.act_min ? d.act_min : v;
    v = v > d.act_max ? d.act_max : v;
    op.output[i] = static_cast<int8_t>(v);
  }
}

}  // namespace opt
}  // namespace kernels
}  // namespace tinyrt
