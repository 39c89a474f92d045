// SPDX-License-Identifier: Apache-2.0
// Optimized int8 CONV_2D, portable variant and the predicates every instruction set's variant
// shares (opt/variants.h): a GEMM of int8 columns against the filter rows (src/kernels/opt/gemm.cc),
// two output pixels at a time. For a pointwise convolution (1x1 filter, no padding) the columns are
// the input pixels themselves; otherwise each pixel's window is gathered (im2col) into a column in
// a scratch buffer planned in the arena (2 bytes per filter tap: two columns), padding taps set to
// the input zero point so they add nothing. Any filter size, stride, padding and dilation; grouped
// convolutions run the reference variant. Runs in place like the reference (the output over the
// input, overwritten rows read from the ring the reference Prepare planned) when the planner
// shares the buffers.
#include "src/kernels/opt/conv_2d_operands.h"
#include "src/kernels/opt/variants.h"

namespace tinyrt {
namespace kernels {
namespace {

// Largest scratch the optimized variants ask for.
constexpr size_t kMaxColumnBytes = 48 * 1024;

}  // namespace

size_t Conv2DInt8ScratchBytes(const ConvData& data) {
  return opt::ConvLayout(data.g, data.g.filter_height * data.g.filter_width * data.filter_depth).total;
}

ReferenceReason Conv2DInt8Supports(const ConvData& data) {
  if (data.filters_per_group != data.g.output_depth) return ReferenceReason::kGroups;
  if (Conv2DInt8ScratchBytes(data) > kMaxColumnBytes) return ReferenceReason::kScratch;
  return ReferenceReason::kNone;
}

#if defined(TINYRT_ISA_PORTABLE)
Status EvalConv2DInt8Portable(const EvalContext& ctx) {
  if (!TINYRT_OPT_KERNELS) return Status::Ok();  // never selected; the code below compiles out
  const opt::ConvEvalOperands op = opt::MakeConvEvalOperands(ctx);
  const ConvGeometry& g = op.g;
  const int32_t depth = g.output_depth;
  ForEachOutputRow(op.input, g, ctx.op_data<ConvData>()->in_place, op.ring, op.shared,
                   [&](const OutputRow& output_row, const WindowRows<int8_t>& rows) {
                     [[maybe_unused]] const auto [b, oy, iy0, fy_begin, fy_end] = output_row;
                     int8_t* out_row = op.output + (static_cast<size_t>(b) * g.output_height + oy) * g.output_width * depth;
                     // Pixel pairs within the row (an in-place row must be complete before the next begins).
                     for (int32_t ox = 0; ox < g.output_width; ox += 2) {
                       const bool pair = ox + 1 < g.output_width;
                       const int8_t* c0;
                       const int8_t* c1;
                       opt::PairColumns(op, rows, fy_begin, fy_end, ox, pair, &c0, &c1);
                       int8_t* out0 = out_row + static_cast<size_t>(ox) * depth;
                       opt::GemmColumns(c0, pair ? c1 : nullptr, op.taps, op.q.input_offset, op.filter, depth, op.bias, op.multipliers,
                                        op.shifts, true, op.r, out0, out0 + depth);
                     }
                   });
  return Status::Ok();
}
#endif

}  // namespace kernels
}  // namespace tinyrt
