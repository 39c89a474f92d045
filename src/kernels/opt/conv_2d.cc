// SPDX-License-Identifier: Apache-2.0
// Optimized int8 CONV_2D: a GEMM of int8 columns against the filter rows (src/kernels/opt/gemm.cc),
// two output pixels at a time. For a pointwise convolution (1x1 filter, no padding) the columns are
// the input pixels themselves; otherwise each pixel's window is gathered (im2col) into a column in
// a scratch buffer planned in the arena (2 bytes per filter tap: two columns), padding taps set to
// the input zero point so they add nothing. Any filter size, stride, padding and dilation; grouped
// convolutions run the reference variant. Runs in place like the reference (the output over the
// input, overwritten rows read from the ring the reference Prepare planned) when the planner
// shares the buffers.
#include "src/kernels/op_data.h"
#include "src/kernels/opt/dsp.h"
#include "src/kernels/opt/im2col.h"
#include "src/kernels/opt/isa.h"
#include "src/kernels/opt/mve.h"
#include "src/kernels/opt/x86_avx2.h"

namespace tinyrt {
namespace kernels {
namespace {

// Largest scratch the optimized variant asks for.
constexpr size_t kMaxColumnBytes = 48 * 1024;

bool Pointwise(const ConvGeometry& g) { return g.filter_height == 1 && g.filter_width == 1 && g.pad_height == 0 && g.pad_width == 0; }

// Scratch layout (sizes from the model alone, the same on every instruction set):
//  - two int8 im2col columns (not pointwise), each `padded` taps;
//  - the two columns in split form (opt/dsp.h; the DSP extension's GEMM reads them);
//  - when taps are not a multiple of 4 (a first layer over 3 channels: 27 taps) and the filter
//    is small, its rows copied per Invoke with zero weights up to `padded` taps, so the
//    microkernel has no leftover taps (the columns' padding holds the input zero point).
struct ScratchLayout {
  int32_t padded;  // taps per column and weight row in the microkernel
  bool pad_weights;
  size_t columns, split, weights, total;
};
constexpr size_t kMaxPaddedWeightBytes = 4096;
ScratchLayout Layout(const ConvGeometry& g, int32_t taps) {
  ScratchLayout l;
  const bool pointwise = Pointwise(g);
  const int32_t rounded = (taps + 3) / 4 * 4;
  l.pad_weights = !pointwise && rounded != taps && static_cast<size_t>(rounded) * g.output_depth <= kMaxPaddedWeightBytes;
  l.padded = l.pad_weights ? rounded : taps;
  l.columns = pointwise ? 0 : (2 * static_cast<size_t>(l.padded) + 3) / 4 * 4;
  // Four pixels per pass (opt::Gemm4Columns) where the split columns come straight from the
  // input: pointwise, or whole filter rows of words.
  const bool four = pointwise || (g.dilation_width == 1 && (g.filter_width * g.input_depth) % 4 == 0);
  l.split = four ? opt::Split4ColumnBytes(static_cast<size_t>(l.padded)) : opt::SplitColumnBytes(static_cast<size_t>(l.padded));
  l.weights = l.pad_weights ? static_cast<size_t>(l.padded) * g.output_depth : 0;
  l.total = l.columns + l.split + l.weights;
  return l;
}

}  // namespace

Status SelectConv2DVariant(PrepareContext& ctx, ConvData* data, uint8_t reference, uint8_t optimized, uint8_t* selected) {
  *selected = reference;
  if (!TINYRT_OPT_KERNELS) {
    ctx.SetReferenceReason(ReferenceReason::kNotBuilt);
    return Status::Ok();
  }
  if (ctx.reference_kernels_only()) {
    ctx.SetReferenceReason(ReferenceReason::kForced);
    return Status::Ok();
  }
  if (data->filters_per_group != data->g.output_depth) {
    ctx.SetReferenceReason(ReferenceReason::kGroups);
    return Status::Ok();
  }
  const int32_t taps = data->g.filter_height * data->g.filter_width * data->filter_depth;
  const size_t bytes = Layout(data->g, taps).total;
  if (bytes > 0) {
    if (bytes > kMaxColumnBytes) {
      ctx.SetReferenceReason(ReferenceReason::kScratch);
      return Status::Ok();
    }
    uint32_t handle = 0;
    TINYRT_RETURN_IF_ERROR(ctx.RequestScratch(bytes, &handle));
    if (!KeepExtraScratch(handle, &data->in_place, &data->ring)) {
      ctx.SetReferenceReason(ReferenceReason::kScratch);
      return Status::Ok();
    }
  }
  ctx.SetReferenceReason(ReferenceReason::kNone);
  *selected = optimized;
#if defined(TINYRT_ISA_X86_AVX2)
  if (X86Avx2Enabled()) *selected = optimized + kX86Avx2VariantStep;  // x86_avx2_*.cc, when the CPU has AVX2
#endif
  return Status::Ok();
}

Status EvalConv2DInt8Opt(const EvalContext& ctx) {
  if (!TINYRT_OPT_KERNELS) return Status::Ok();  // never selected; the code below compiles out
#if defined(TINYRT_ISA_MVE)
  {
    const ConvGeometry& mg = ctx.op_data<ConvData>()->g;
    return opt::mve::EvalConv2D(ctx, Layout(mg, mg.filter_height * mg.filter_width * mg.input_depth).total);  // src/kernels/opt/mve_gemm.cc
  }
#endif
  const auto& d = *ctx.op_data<ConvData>();
  const ConvGeometry g = d.g;  // a copy: output stores could alias the op data
  const ConvQuantParams q = d.q;
  const int32_t* multipliers = d.multipliers();
  const int8_t* shifts = d.shifts();
  const int8_t* input = ctx.input<int8_t>(0);
  const int8_t* filter = ctx.input<int8_t>(1);
  const int32_t* bias = ctx.has_input(2) ? ctx.input<int32_t>(2) : nullptr;
  int8_t* output = ctx.output<int8_t>(0);
  const int32_t taps = g.filter_height * g.filter_width * g.input_depth;
  const bool pointwise = Pointwise(g);
  const ScratchLayout layout = Layout(g, taps);
  int8_t* scratch = layout.total > 0 ? reinterpret_cast<int8_t*>(ctx.scratch(ExtraScratch(d.in_place, d.ring))) : nullptr;
  int8_t* col0 = scratch;
  int8_t* col1 = pointwise ? nullptr : col0 + layout.padded;
#if defined(TINYRT_ISA_DSP)
  // Columns split once per pixel pair, then the assembly microkernel (opt/dsp_gemm.cc).
  int32_t* split = layout.split > 0 ? reinterpret_cast<int32_t*>(scratch + layout.columns) : nullptr;
  const bool split_gemm = opt::FastRequantApplies(multipliers, shifts, g.output_depth);
  // The microkernel's taps and weights: padded copies when the taps leave a remainder.
  const int32_t gemm_taps = layout.padded;
  const int8_t* gemm_filter = filter;
  if (split_gemm && layout.pad_weights) {
    int8_t* padded = scratch + layout.columns + layout.split;
    for (int32_t o = 0; o < g.output_depth; ++o) {
      for (int32_t k = 0; k < gemm_taps; ++k) padded[o * gemm_taps + k] = k < taps ? filter[o * taps + k] : 0;
    }
    for (int32_t k = taps; k < gemm_taps; ++k) col0[k] = col1[k] = static_cast<int8_t>(-q.input_offset);
    gemm_filter = padded;
  }
#endif
  const int8_t zero_point = static_cast<int8_t>(-q.input_offset);
  const opt::Requant r{q.output_offset, q.act_min, q.act_max};
  const int32_t depth = g.output_depth;
  const bool shared = static_cast<const void*>(output) == static_cast<const void*>(input);
#if defined(TINYRT_ISA_DSP)
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
#endif
  ForEachOutputRow(input, g, d.in_place, shared ? ctx.scratch(d.ring) : nullptr, shared, [&](const OutputRow& output_row, const WindowRows<int8_t>& rows) {
    [[maybe_unused]] const auto [b, oy, iy0, fy_begin, fy_end] = output_row;
    int8_t* out_row = output + (static_cast<size_t>(b) * g.output_height + oy) * g.output_width * depth;
    // Pixel pairs within the row (an in-place row must be complete before the next begins).
    for (int32_t ox = 0, advance = 2; ox < g.output_width; ox += advance) {
      advance = 2;
#if defined(TINYRT_ISA_DSP)
      // Four whole windows at a time, split straight from the input rows.
      if (split_gemm && !pointwise && taps % 4 == 0 && ox + 4 <= g.output_width && opt::SplitWindowsApply(g, g.input_depth, ox, ox + 3)) {
        opt::SplitWindows4(rows, fy_begin, fy_end, g, g.input_depth, ox, q.input_offset, split);
        opt::Gemm4Columns(split, taps, filter, depth, bias, multipliers, shifts, r, out_row + static_cast<size_t>(ox) * depth, depth);
        advance = 4;
        continue;
      }
#endif
      const bool pair = ox + 1 < g.output_width;
      const int8_t* c0;
      const int8_t* c1;
      if (pointwise) {
        c0 = rows[0] + static_cast<size_t>(ox) * g.stride_width * g.input_depth;
        c1 = c0 + static_cast<size_t>(g.stride_width) * g.input_depth;
      } else {
#if defined(TINYRT_ISA_DSP)
        if (split_gemm && opt::SplitWindowsApply(g, g.input_depth, ox, pair ? ox + 1 : ox)) {
          int8_t* out0 = out_row + static_cast<size_t>(ox) * depth;
          opt::SplitWindows(rows, fy_begin, fy_end, g, g.input_depth, ox, pair ? ox + 1 : ox, q.input_offset, split);
          opt::GemmSplitColumns(split, nullptr, nullptr, taps, q.input_offset, filter, depth, bias, multipliers, shifts, r, out0,
                                pair ? out0 + depth : out0);
          continue;
        }
#endif
        opt::BuildColumn(rows, fy_begin, fy_end, g, ox, zero_point, col0);
        if (pair) opt::BuildColumn(rows, fy_begin, fy_end, g, ox + 1, zero_point, col1);
        c0 = col0;
        c1 = col1;
      }
      int8_t* out0 = out_row + static_cast<size_t>(ox) * depth;
#if defined(TINYRT_ISA_DSP)
      if (split_gemm && (pair || !pointwise)) {  // im2col columns are scratch: a lone pixel can pair with itself
        if (!pair) c1 = c0;
        if (split != nullptr) opt::SplitColumns(c0, c1, gemm_taps, q.input_offset, split);
        opt::GemmSplitColumns(split, c0, c1, gemm_taps, q.input_offset, gemm_filter, depth, bias, multipliers, shifts, r, out0,
                              pair ? out0 + depth : out0);
        continue;
      }
#endif
      opt::GemmColumns(c0, pair ? c1 : nullptr, taps, q.input_offset, filter, depth, bias, multipliers, shifts, true, r, out0, out0 + depth);
    }
  });
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt
