// SPDX-License-Identifier: Apache-2.0
// What every instruction set's optimized int8 FULLY_CONNECTED reads (opt/fully_connected.cc,
// opt/dsp_fully_connected.cc, opt/mve_gemm.cc, opt/x86_avx2_gemm.cc): the operands of one Eval.
#pragma once

#include "src/kernels/op_data.h"
#include "src/kernels/opt/isa.h"

namespace tinyrt {
namespace kernels {
namespace opt {

struct FullyConnectedOperands {
  int32_t depth;     // per input row
  int32_t channels;  // output channels
  int32_t batches;   // input rows
  int32_t input_offset;
  bool per_channel;
  Requant r;
  const int32_t* multipliers;
  const int8_t* shifts;
  const int8_t* input;
  const int8_t* filter;
  const int32_t* bias;  // nullptr: none
  int8_t* output;
};

inline FullyConnectedOperands MakeFullyConnectedOperands(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<FullyConnectedData>();
  FullyConnectedOperands op;
  op.depth = d.accum_depth;
  op.channels = d.output_depth;
  op.batches = d.batches;
  op.input_offset = d.input_offset;
  op.per_channel = d.per_channel != 0;
  op.r = Requant{d.output_offset, d.act_min, d.act_max};
  op.multipliers = d.multipliers();
  op.shifts = d.shifts();
  op.input = ctx.input<int8_t>(0);
  op.filter = ctx.input<int8_t>(1);
  op.bias = ctx.has_input(2) ? ctx.input<int32_t>(2) : nullptr;
  op.output = ctx.output<int8_t>(0);
  return op;
}

// The input rows as GEMM columns, two at a time, through `gemm` (GemmColumns or an instruction
// set's equivalent with the same arguments).
template <typename Gemm>
inline void FullyConnectedByPairs(const FullyConnectedOperands& op, Gemm gemm) {
  for (int32_t b = 0; b < op.batches; b += 2) {
    const bool pair = b + 1 < op.batches;
    const int8_t* c0 = op.input + static_cast<size_t>(b) * op.depth;
    int8_t* out0 = op.output + static_cast<size_t>(b) * op.channels;
    gemm(c0, pair ? c0 + op.depth : nullptr, op.depth, op.input_offset, op.filter, op.channels, op.bias, op.multipliers, op.shifts,
         op.per_channel, op.r, out0, out0 + op.channels);
  }
}

}  // namespace opt
}  // namespace kernels
}  // namespace tinyrt
