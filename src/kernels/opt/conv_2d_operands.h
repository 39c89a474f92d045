// SPDX-License-Identifier: Apache-2.0
// What every instruction set's optimized int8 CONV_2D reads (opt/conv_2d.cc, opt/dsp_conv_2d.cc,
// opt/mve_gemm.cc, opt/x86_avx2_gemm.cc): the scratch layout (sizes from the model alone, the
// same on every instruction set, so plans do not depend on it) and the operands of one Eval.
#pragma once

#include "src/kernels/op_data.h"
#include "src/kernels/opt/dsp.h"
#include "src/kernels/opt/im2col.h"
#include "src/kernels/opt/isa.h"

namespace tinyrt {
namespace kernels {
namespace opt {

inline bool Pointwise(const ConvGeometry& g) {
  return g.filter_height == 1 && g.filter_width == 1 && g.pad_height == 0 && g.pad_width == 0;
}

// Scratch layout:
//  - two int8 im2col columns (not pointwise), each `padded` taps;
//  - the two columns in split form (opt/dsp.h; the DSP extension's GEMM reads them);
//  - when taps are not a multiple of 4 (a first layer over 3 channels: 27 taps) and the filter
//    is small, its rows copied per Invoke with zero weights up to `padded` taps, so the
//    microkernel has no leftover taps (the columns' padding holds the input zero point).
struct ConvScratchLayout {
  int32_t padded;  // taps per column and weight row in the microkernel
  bool pad_weights;
  size_t columns, split, weights, total;
};
constexpr size_t kMaxPaddedWeightBytes = 4096;
inline ConvScratchLayout ConvLayout(const ConvGeometry& g, int32_t taps) {
  ConvScratchLayout l;
  const bool pointwise = Pointwise(g);
  const int32_t rounded = (taps + 3) / 4 * 4;
  l.pad_weights = !pointwise && rounded != taps && static_cast<size_t>(rounded) * g.output_depth <= kMaxPaddedWeightBytes;
  l.padded = l.pad_weights ? rounded : taps;
  l.columns = pointwise ? 0 : (2 * static_cast<size_t>(l.padded) + 3) / 4 * 4;
  // Four pixels per pass (opt::Gemm4Columns) where the split columns come straight from the
  // input: pointwise, or whole filter rows of words.
  const bool four = pointwise || (g.dilation_width == 1 && (g.filter_width * g.input_depth) % 4 == 0);
  l.split = four ? Split4ColumnBytes(static_cast<size_t>(l.padded)) : SplitColumnBytes(static_cast<size_t>(l.padded));
  l.weights = l.pad_weights ? static_cast<size_t>(l.padded) * g.output_depth : 0;
  l.total = l.columns + l.split + l.weights;
  return l;
}

// One Eval's operands.
struct ConvEvalOperands {
  ConvGeometry g;  // a copy: output stores could alias the op data
  ConvQuantParams q;
  const int32_t* multipliers;
  const int8_t* shifts;
  const int8_t* input;
  const int8_t* filter;
  const int32_t* bias;  // nullptr: none
  int8_t* output;
  int32_t taps;  // per output pixel and channel
  bool pointwise;
  bool shared;  // the output over the input (in place)
  ConvScratchLayout layout;
  int8_t* scratch;  // the variant's scratch (nullptr: none)
  int8_t* col0;     // im2col columns (in the scratch; col1 nullptr when pointwise)
  int8_t* col1;
  uint8_t* ring;  // the in-place row ring (nullptr unless shared)
  Requant r;
};

// The operands CONV_2D and DEPTHWISE_CONV_2D (opt/depthwise_conv_2d_operands.h) both have: the
// geometry, the quantization, the tensors, whether the output is over the input and the row ring.
template <typename Operands, typename Data>
inline void SetWindowOperands(const EvalContext& ctx, const Data& d, Operands* op) {
  op->g = d.g;
  op->q = d.q;
  op->multipliers = d.multipliers();
  op->shifts = d.shifts();
  op->input = ctx.input<int8_t>(0);
  op->filter = ctx.input<int8_t>(1);
  op->bias = ctx.has_input(2) ? ctx.input<int32_t>(2) : nullptr;
  op->output = ctx.output<int8_t>(0);
  op->shared = static_cast<const void*>(op->output) == static_cast<const void*>(op->input);
  op->ring = op->shared ? ctx.scratch(d.ring) : nullptr;
  op->r = Requant{op->q.output_offset, op->q.act_min, op->q.act_max};
}

inline ConvEvalOperands MakeConvEvalOperands(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<ConvData>();
  ConvEvalOperands op;
  SetWindowOperands(ctx, d, &op);
  op.taps = op.g.filter_height * op.g.filter_width * op.g.input_depth;
  op.pointwise = Pointwise(op.g);
  op.layout = ConvLayout(op.g, op.taps);
  op.scratch = op.layout.total > 0 ? reinterpret_cast<int8_t*>(ctx.scratch(d.scratch)) : nullptr;
  op.col0 = op.scratch;
  op.col1 = op.pointwise ? nullptr : op.col0 + op.layout.padded;
  return op;
}

// The columns of output pixels ox and, when `pair`, ox + 1 of the current row: the input pixels
// themselves (pointwise), else their windows gathered into col0 and col1.
inline void PairColumns(const ConvEvalOperands& op, const WindowRows<int8_t>& rows, int32_t fy_begin, int32_t fy_end, int32_t ox, bool pair,
                        const int8_t** c0, const int8_t** c1) {
  const ConvGeometry& g = op.g;
  if (op.pointwise) {
    *c0 = rows[0] + static_cast<size_t>(ox) * g.stride_width * g.input_depth;
    *c1 = *c0 + static_cast<size_t>(g.stride_width) * g.input_depth;
    return;
  }
  const int8_t zero_point = static_cast<int8_t>(-op.q.input_offset);
  BuildColumn(rows, fy_begin, fy_end, g, ox, zero_point, op.col0);
  if (pair) BuildColumn(rows, fy_begin, fy_end, g, ox + 1, zero_point, op.col1);
  *c0 = op.col0;
  *c1 = op.col1;
}

}  // namespace opt
}  // namespace kernels
}  // namespace tinyrt
