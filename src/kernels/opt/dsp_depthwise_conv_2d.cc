// SPDX-License-Identifier: Apache-2.0
// Optimized int8 DEPTHWISE_CONV_2D on the Cortex-M DSP extension (M4/M7/M33). Per output pixel,
// blocks of 4 output channels over the window's valid taps (padding taps skipped, as in the
// reference):
//  - depth multiplier 1 without dilation across the row: the assembly microkernel of
//    opt/dsp_depthwise.cc, a run of pixels with the same window shape per call, when every
//    channel's scale suits its requantization;
//  - otherwise depth multiplier 1 or a multiple of 4: SXTAB16 (input + offset) / SXTB16 (weights)
//    and SMLABB/SMLATT in C (BlockedChannels); channels left over one at a time.
// One input channel with a multiplier M > 1: the weights transposed into scratch, the columns
// split straight from the input rows (or im2col columns, split) and the GEMM microkernels of
// opt/dsp_gemm.cc (opt/depthwise_conv_2d_operands.h).
#include "src/kernels/opt/depthwise_conv_2d_operands.h"
#include "src/kernels/opt/variants.h"

#if defined(TINYRT_ISA_DSP)

namespace tinyrt {
namespace kernels {
namespace {

// One output pixel's channel blocks, in a function of its own so that its loops get the registers
// (inlined into the pixel loop they spilled).
__attribute__((noinline)) void BlockedChannels(const opt::PixelJob& job, int32_t blocks, int8_t* out) {
  // Scalars copied out (int8 output stores may alias anything, so fields read through the
  // reference would be reloaded after every store); the row pointers are read once per row.
  struct {
    int32_t num_rows, cols, in_step, filter_row, out_depth, multiplier;
    const int8_t* wt;
    const int32_t* bias;
    const int32_t* multipliers;
    const int8_t* shifts;
    opt::Requant r;
  } const j = {job.num_rows, job.cols, job.in_step,     job.filter_row, job.out_depth, job.multiplier,
               job.wt,       job.bias, job.multipliers, job.shifts,     job.r};
  const int32_t offset = job.offset;
  const int32_t offset2 = opt::Offset2(offset);
  for (int32_t oc = 0; oc < blocks * 4; oc += 4) {
    const int32_t ic = oc / j.multiplier;
    int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    if (j.bias != nullptr) a0 = j.bias[oc], a1 = j.bias[oc + 1], a2 = j.bias[oc + 2], a3 = j.bias[oc + 3];
    const int8_t* w_row = j.wt + oc;
    for (int32_t row = 0; row < j.num_rows; ++row, w_row += j.filter_row) {
      const int8_t* ip = job.rows[row] + ic;
      const int8_t* wp = w_row;
      const int8_t* end = ip + j.cols * j.in_step;
      if (j.multiplier == 1) {
        // in_step == out_depth here (multiplier 1, dilation 1): one pointer step for both.
        const int32_t step = j.in_step;
        auto tap = [&](const int8_t* in, const int8_t* wt) {
          const int32_t v = opt::Read32(wt);
          const int32_t x = opt::Read32(in);
          const int32_t ve = __sxtb16(v), xe = __sxtab16(offset2, x);
          a0 = __smlabb(ve, xe, a0);
          a2 = __smlatt(ve, xe, a2);
          const int32_t vo = opt::Sxtb16Ror8(v), xo = opt::Sxtab16Ror8(offset2, x);
          a1 = __smlabb(vo, xo, a1);
          a3 = __smlatt(vo, xo, a3);
        };
        if (j.cols == 3) {  // the 3-wide windows of most models, unrolled
          tap(ip, wp);
          tap(ip + step, wp + step);
          tap(ip + 2 * step, wp + 2 * step);
        } else {
          for (; ip != end; ip += step, wp += step) tap(ip, wp);
        }
      } else {
        for (; ip != end; ip += j.in_step, wp += j.out_depth) {
          const int32_t x = *ip + offset;  // |x| <= 255: fits the bottom half
          const int32_t v = opt::Read32(wp);
          const int32_t ve = __sxtb16(v);
          a0 = __smlabb(ve, x, a0);
          a2 = __smlatb(ve, x, a2);
          const int32_t vo = opt::Sxtb16Ror8(v);
          a1 = __smlabb(vo, x, a1);
          a3 = __smlatb(vo, x, a3);
        }
      }
    }
    out[oc] = opt::Requantize(a0, j.multipliers[oc], j.shifts[oc], j.r);
    out[oc + 1] = opt::Requantize(a1, j.multipliers[oc + 1], j.shifts[oc + 1], j.r);
    out[oc + 2] = opt::Requantize(a2, j.multipliers[oc + 2], j.shifts[oc + 2], j.r);
    out[oc + 3] = opt::Requantize(a3, j.multipliers[oc + 3], j.shifts[oc + 3], j.r);
  }
}

// One input channel, multiplier M: transposed weights, split columns, the GEMM microkernels.
Status EvalSingleChannel(const opt::DepthwiseEvalOperands& op) {
  const ConvGeometry& g = op.g;
  const opt::SingleChannelOperands s = opt::MakeSingleChannelOperands(op, /*padded=*/true);
  const int32_t filter_taps = g.filter_height * g.filter_width;
  const int32_t taps = s.taps;
  const int32_t depth = g.output_depth;
  const int32_t offset = op.q.input_offset;
  const bool split_gemm = opt::FastRequantApplies(op.multipliers, op.shifts, depth);
  ForEachOutputRow(op.input, g, op.in_place, op.ring, op.shared, [&](const OutputRow& output_row, const WindowRows<int8_t>& rows) {
    [[maybe_unused]] const auto [b, oy, iy0, fy_begin, fy_end] = output_row;
    int8_t* out_row = op.output + (static_cast<size_t>(b) * g.output_height + oy) * g.output_width * depth;
    for (int32_t ox = 0; ox < g.output_width; ox += 2) {
      const bool pair = ox + 1 < g.output_width;
      int8_t* out0 = out_row + static_cast<size_t>(ox) * depth;
      int8_t* out1 = pair ? out0 + depth : out0;  // a lone pixel: both columns the same, written twice
      if (split_gemm && taps == filter_taps && opt::SplitWindowsApply(g, 1, ox, pair ? ox + 1 : ox)) {
        opt::SplitWindows(rows, fy_begin, fy_end, g, 1, ox, pair ? ox + 1 : ox, offset, s.split);
        opt::GemmSplitColumns(s.split, nullptr, nullptr, taps, offset, s.weights, depth, op.bias, op.multipliers, op.shifts, op.r, out0,
                              out1);
        continue;
      }
      opt::BuildColumn(rows, fy_begin, fy_end, g, ox, s.zero_point, s.col0);
      if (pair) opt::BuildColumn(rows, fy_begin, fy_end, g, ox + 1, s.zero_point, s.col1);
      if (split_gemm) {
        const int8_t* c1 = pair ? s.col1 : s.col0;
        opt::SplitColumns(s.col0, c1, taps, offset, s.split);
        opt::GemmSplitColumns(s.split, s.col0, c1, taps, offset, s.weights, depth, op.bias, op.multipliers, op.shifts, op.r, out0, out1);
        continue;
      }
      opt::GemmColumns(s.col0, pair ? s.col1 : nullptr, taps, offset, s.weights, depth, op.bias, op.multipliers, op.shifts, true, op.r,
                       out0, out0 + depth);
    }
  });
  return Status::Ok();
}

}  // namespace

Status EvalDepthwiseConv2DInt8Dsp(const EvalContext& ctx) {
  if (!TINYRT_OPT_KERNELS) return Status::Ok();  // never selected; the code below compiles out
  const opt::DepthwiseEvalOperands op = opt::MakeDepthwiseEvalOperands(ctx);
  if (op.scratch != nullptr) return EvalSingleChannel(op);
  const ConvGeometry& g = op.g;
  const int32_t in_depth = g.input_depth;
  const int32_t out_depth = g.output_depth;
  const int32_t filter_row = g.filter_width * out_depth;
  // Multiplier 1, no dilation across rows: the assembly microkernel per pixel (opt/dsp_depthwise.cc).
  const bool pixel_kernel = op.multiplier == 1 && g.dilation_width == 1 && out_depth >= 4 && g.filter_height <= kMaxInPlaceFilterRows &&
                            opt::FastRequantApplies(op.multipliers, op.shifts, out_depth);
  opt::DepthwisePixel pixel;
  pixel.step = in_depth;
  pixel.offset2 = opt::Offset2(op.q.input_offset);
  pixel.output_offset = op.r.output_offset;
  pixel.min4 = 0x01010101u * static_cast<uint8_t>(op.r.act_min);
  pixel.max4 = 0x01010101u * static_cast<uint8_t>(op.r.act_max);
  pixel.filter_row = filter_row;
  const bool blocked = opt::BlockedChannelsApply(op);
  opt::PixelJob job = opt::MakePixelJob(op);
  opt::ForEachOutputPixel(op, [&](const WindowRows<int8_t>& rows, const opt::Window& w, int32_t ox, int8_t* out) {
    if (pixel_kernel && w.fy_end > w.fy_begin && w.fx_end > w.fx_begin) {
      pixel.blocks = out_depth / 4;
      pixel.num_rows = w.fy_end - w.fy_begin;
      pixel.cols = w.fx_end - w.fx_begin;
      pixel.row_adjust = filter_row - pixel.cols * in_depth;
      pixel.block_adjust = 4 - pixel.num_rows * filter_row;
      pixel.weights = op.filter + static_cast<size_t>(w.fy_begin) * filter_row + w.fx_begin * out_depth;
      pixel.bias = op.bias;
      pixel.multipliers = op.multipliers;
      pixel.shifts = op.shifts;
      pixel.out = out;
      const int32_t in_col = (w.ix0 + w.fx_begin) * in_depth;
      for (int32_t i = 0; i < pixel.num_rows; ++i) {
        pixel.row_delta[i] = static_cast<int32_t>((rows[w.fy_begin + i] + in_col) - (pixel.weights + i * filter_row));
      }
      // A run of pixels whose windows are whole across (the same shape), outputs contiguous.
      pixel.pixels = 1;
      pixel.pixel_step = g.stride_width * in_depth;
      if (out_depth % 4 == 0 && pixel.cols == g.filter_width) {
        while (ox + pixel.pixels < g.output_width && w.ix0 + (pixel.pixels * g.stride_width) + g.filter_width <= g.input_width) {
          ++pixel.pixels;
        }
      }
      const bool rows_unrolled = pixel.num_rows == 2 || pixel.num_rows == 3;
      pixel.window = !rows_unrolled    ? 0
                     : pixel.cols == 3 ? (pixel.num_rows == 3 ? 1 : 2)
                     : pixel.cols == 2 ? (pixel.num_rows == 3 ? 3 : 4)
                                       : 0;
      const int32_t run = pixel.pixels;  // the kernel counts it down
      opt::DepthwisePixelBlocks(&pixel);
      opt::RemainingChannels(rows, w, op, out_depth / 4 * 4, out);
      return run;
    }
    int32_t oc = 0;
    if (blocked) {
      opt::SetPixelWindow(rows, w, op, &job);
      BlockedChannels(job, out_depth / 4, out);
      oc = out_depth / 4 * 4;
    }
    opt::RemainingChannels(rows, w, op, oc, out);
    return int32_t{1};
  });
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt

#endif  // TINYRT_ISA_DSP
