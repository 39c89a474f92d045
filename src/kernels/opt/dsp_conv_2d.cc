// SPDX-License-Identifier: Apache-2.0
// Optimized int8 CONV_2D on the Cortex-M DSP extension (M4/M7/M33): opt/conv_2d.cc's GEMM with the
// columns split once per pixel pair (or four) and the assembly microkernels of opt/dsp_gemm.cc,
// when every channel's scale suits their requantization (else the portable GEMM of isa.h).
#include "src/kernels/opt/conv_2d_operands.h"
#include "src/kernels/opt/variants.h"

#if defined(TINYRT_ISA_DSP)

namespace tinyrt {
namespace kernels {

Status EvalConv2DInt8Dsp(const EvalContext& ctx) {
  if (!TINYRT_OPT_KERNELS) return Status::Ok();  // never selected; the code below compiles out
  const opt::ConvEvalOperands op = opt::MakeConvEvalOperands(ctx);
  const ConvGeometry& g = op.g;
  const ConvQuantParams& q = op.q;
  const opt::Requant& r = op.r;
  const int32_t* multipliers = op.multipliers;
  const int8_t* shifts = op.shifts;
  const int8_t* input = op.input;
  const int8_t* filter = op.filter;
  const int32_t* bias = op.bias;
  int8_t* output = op.output;
  const int32_t taps = op.taps;
  const bool pointwise = op.pointwise;
  const opt::ConvScratchLayout& layout = op.layout;
  // Columns split once per pixel pair, then the assembly microkernel (opt/dsp_gemm.cc).
  int32_t* split = layout.split > 0 ? reinterpret_cast<int32_t*>(op.scratch + layout.columns) : nullptr;
  const bool split_gemm = opt::FastRequantApplies(multipliers, shifts, g.output_depth);
  // The microkernel's taps and weights: padded copies when the taps leave a remainder.
  const int32_t gemm_taps = layout.padded;
  const int8_t* gemm_filter = filter;
  if (split_gemm && layout.pad_weights) {
    int8_t* padded = op.scratch + layout.columns + layout.split;
    for (int32_t o = 0; o < g.output_depth; ++o) {
      for (int32_t k = 0; k < gemm_taps; ++k) padded[o * gemm_taps + k] = k < taps ? filter[o * taps + k] : 0;
    }
    for (int32_t k = taps; k < gemm_taps; ++k) op.col0[k] = op.col1[k] = static_cast<int8_t>(-q.input_offset);
    gemm_filter = padded;
  }
  const int32_t depth = g.output_depth;
  const bool shared = op.shared;
  // A pointwise convolution with stride 1 is one GEMM over all pixels: pairs run across rows (no
  // odd pixel per row). In place, each pair's columns are split before its outputs are written,
  // and the microkernel reads only the split form when there are no leftover taps or channels;
  // forward, a pair's output ends before the next pair's input when the output is not deeper than
  // the input, and backward it starts after the earlier pixels' input when it is.
  if (split_gemm && pointwise && g.stride_width == 1 && g.stride_height == 1 && (!shared || (taps % 4 == 0 && depth % 2 == 0))) {
    const int32_t pixels = g.batches * g.output_height * g.output_width;
    const bool backward = shared && depth > g.input_depth;
    int32_t done = 0;
    if (taps % 4 == 0 && split != nullptr) {
      // Four pixels per pass while four are left; then pairs.
      for (; done + 4 <= pixels; done += 4) {
        const int32_t p = backward ? pixels - done - 4 : done;
        opt::Split4Columns(input + static_cast<size_t>(p) * taps, taps, taps, q.input_offset, split);
        opt::Gemm4Columns(split, taps, filter, depth, bias, multipliers, shifts, r, output + static_cast<size_t>(p) * depth, depth);
      }
    }
    for (int32_t i = done; i < pixels; i += 2) {
      const int32_t n = pixels - i >= 2 ? 2 : 1;
      const int32_t p = backward ? pixels - i - n : i;
      const int8_t* c0 = input + static_cast<size_t>(p) * taps;
      const int8_t* c1 = n == 2 ? c0 + taps : c0;
      int8_t* out0 = output + static_cast<size_t>(p) * depth;
      int8_t* out1 = n == 2 ? out0 + depth : out0;  // a lone pixel: both columns the same, written twice
      if (split != nullptr) opt::SplitColumns(c0, c1, taps, q.input_offset, split);
      opt::GemmSplitColumns(split, c0, c1, taps, q.input_offset, filter, depth, bias, multipliers, shifts, r, out0, out1);
    }
    return Status::Ok();
  }
  ForEachOutputRow(
      input, g, ctx.op_data<ConvData>()->in_place, op.ring, shared, [&](const OutputRow& output_row, const WindowRows<int8_t>& rows) {
        [[maybe_unused]] const auto [b, oy, iy0, fy_begin, fy_end] = output_row;
        int8_t* out_row = output + (static_cast<size_t>(b) * g.output_height + oy) * g.output_width * depth;
        // Pixel pairs within the row (an in-place row must be complete before the next begins).
        for (int32_t ox = 0, advance = 2; ox < g.output_width; ox += advance) {
          advance = 2;
          // Four whole windows at a time, split straight from the input rows.
          if (split_gemm && !pointwise && taps % 4 == 0 && ox + 4 <= g.output_width &&
              opt::SplitWindowsApply(g, g.input_depth, ox, ox + 3)) {
            opt::SplitWindows4(rows, fy_begin, fy_end, g, g.input_depth, ox, q.input_offset, split);
            opt::Gemm4Columns(split, taps, filter, depth, bias, multipliers, shifts, r, out_row + static_cast<size_t>(ox) * depth, depth);
            advance = 4;
            continue;
          }
          const bool pair = ox + 1 < g.output_width;
          int8_t* out0 = out_row + static_cast<size_t>(ox) * depth;
          if (split_gemm && !pointwise && opt::SplitWindowsApply(g, g.input_depth, ox, pair ? ox + 1 : ox)) {
            opt::SplitWindows(rows, fy_begin, fy_end, g, g.input_depth, ox, pair ? ox + 1 : ox, q.input_offset, split);
            opt::GemmSplitColumns(split, nullptr, nullptr, taps, q.input_offset, filter, depth, bias, multipliers, shifts, r, out0,
                                  pair ? out0 + depth : out0);
            continue;
          }
          const int8_t* c0;
          const int8_t* c1;
          opt::PairColumns(op, rows, fy_begin, fy_end, ox, pair, &c0, &c1);
          if (split_gemm && (pair || !pointwise)) {  // im2col columns are scratch: a lone pixel can pair with itself
            if (!pair) c1 = c0;
            if (split != nullptr) opt::SplitColumns(c0, c1, gemm_taps, q.input_offset, split);
            opt::GemmSplitColumns(split, c0, c1, gemm_taps, q.input_offset, gemm_filter, depth, bias, multipliers, shifts, r, out0,
                                  pair ? out0 + depth : out0);
            continue;
          }
          opt::GemmColumns(c0, pair ? c1 : nullptr, taps, q.input_offset, filter, depth, bias, multipliers, shifts, true, r, out0,
                           out0 + depth);
        }
      });
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt

#endif  // TINYRT_ISA_DSP
