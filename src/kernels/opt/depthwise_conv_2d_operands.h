// SPDX-License-Identifier: Apache-2.0
// What every instruction set's optimized int8 DEPTHWISE_CONV_2D reads (opt/depthwise_conv_2d.cc,
// opt/dsp_depthwise_conv_2d.cc, opt/mve_depthwise.cc, opt/x86_avx2_depthwise.cc): the operands of
// one Eval, the scratch of one input channel with several filters (run as a convolution: the
// weights transposed per Invoke, im2col columns, a GEMM), the pixel loop and the scalar channel sum.
#pragma once

#include "src/kernels/opt/conv_2d_operands.h"

namespace tinyrt {
namespace kernels {
namespace opt {

// One input channel and several filters: run as a convolution.
inline bool SingleChannel(const DepthwiseConvData& d) { return d.g.input_depth == 1 && d.depth_multiplier > 1; }

// Its scratch (sizes from the model alone, the same on every instruction set): the weights
// transposed to M rows of the taps padded to a multiple of 4 (zero weights), two int8 im2col
// columns of as many taps, then the two columns split (opt/dsp.h).
inline size_t SingleChannelScratchBytes(const ConvGeometry& g) {
  const size_t padded = (static_cast<size_t>(g.filter_height) * static_cast<size_t>(g.filter_width) + 3) / 4 * 4;
  return padded * static_cast<size_t>(g.output_depth) + 2 * padded + SplitColumnBytes(padded);
}

// One Eval's operands.
struct DepthwiseEvalOperands {
  ConvGeometry g;  // a copy: output stores could alias the op data
  ConvQuantParams q;
  const int32_t* multipliers;
  const int8_t* shifts;
  const int8_t* input;
  const int8_t* filter;
  const int32_t* bias;  // nullptr: none
  int8_t* output;
  int32_t multiplier;  // depth multiplier
  bool shared;         // the output over the input (in place)
  InPlaceRows in_place;
  uint8_t* ring;    // the in-place row ring (nullptr unless shared)
  int8_t* scratch;  // the single-channel scratch (nullptr otherwise)
  Requant r;
};

inline DepthwiseEvalOperands MakeDepthwiseEvalOperands(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<DepthwiseConvData>();
  DepthwiseEvalOperands op;
  SetWindowOperands(ctx, d, &op);
  op.multiplier = d.depth_multiplier;
  op.in_place = d.in_place;
  op.scratch = SingleChannel(d) ? reinterpret_cast<int8_t*>(ctx.scratch(d.scratch)) : nullptr;
  return op;
}

// The single-channel case's operands in the scratch: the filter [1, H, W, M] transposed to M rows
// of `taps` (the filter's taps, or with `padded` rounded up to a multiple of 4: zero weights
// beyond the filter's, whose column taps hold the input zero point), the two im2col columns and
// their split form.
struct SingleChannelOperands {
  int32_t taps;
  int8_t* weights;
  int8_t* col0;
  int8_t* col1;
  int32_t* split;
  int8_t zero_point;
};

inline SingleChannelOperands MakeSingleChannelOperands(const DepthwiseEvalOperands& op, bool padded) {
  // Locals, not the struct's fields: int8 stores may alias the returned struct.
  const int8_t* filter = op.filter;
  const int32_t filter_taps = op.g.filter_height * op.g.filter_width;
  const int32_t depth = op.g.output_depth;
  const int32_t taps = padded ? (filter_taps + 3) / 4 * 4 : filter_taps;
  int8_t* weights = op.scratch;
  int8_t* col0 = weights + static_cast<size_t>(taps) * depth;
  int8_t* col1 = col0 + taps;
  const int8_t zero_point = static_cast<int8_t>(-op.q.input_offset);
  for (int32_t m = 0; m < depth; ++m) {
    for (int32_t k = 0; k < filter_taps; ++k) weights[m * taps + k] = filter[k * depth + m];
    for (int32_t k = filter_taps; k < taps; ++k) weights[m * taps + k] = 0;
  }
  for (int32_t k = filter_taps; k < taps; ++k) col0[k] = col1[k] = zero_point;
  return SingleChannelOperands{taps, weights, col0, col1, reinterpret_cast<int32_t*>(col1 + taps), zero_point};
}

// The valid window of one output pixel.
struct Window {
  int32_t iy0, ix0, fy_begin, fy_end, fx_begin, fx_end;
};

// Calls pixel(rows, window, ox, out) for the output pixels of each output row, in the order an
// in-place run needs; `out` is pixel ox's first output channel. pixel returns how many pixels
// of the row it wrote (a run with the same window shape), at least 1.
template <typename PixelFn>
inline void ForEachOutputPixel(const DepthwiseEvalOperands& op, PixelFn&& pixel) {
  const ConvGeometry& g = op.g;
  ForEachOutputRow(op.input, g, op.in_place, op.ring, op.shared, [&](const OutputRow& output_row, const WindowRows<int8_t>& rows) {
    Window w;
    w.iy0 = output_row.iy0;
    w.fy_begin = output_row.fy_begin;
    w.fy_end = output_row.fy_end;
    int8_t* out_row =
        op.output + (static_cast<size_t>(output_row.batch) * g.output_height + output_row.oy) * g.output_width * g.output_depth;
    for (int32_t ox = 0; ox < g.output_width;) {
      w.ix0 = ox * g.stride_width - g.pad_width;
      WindowTaps(w.ix0, g.dilation_width, g.filter_width, g.input_width, &w.fx_begin, &w.fx_end);
      ox += pixel(rows, static_cast<const Window&>(w), ox, out_row + static_cast<size_t>(ox) * g.output_depth);
    }
  });
}

// Scalar sum for one output channel (remainders, multipliers the SIMD paths do not block).
inline int32_t ChannelSum(const WindowRows<int8_t>& rows, const int8_t* filter, const ConvGeometry& g, const Window& w, int32_t ic,
                          int32_t oc, int32_t offset, int32_t acc) {
  for (int32_t fy = w.fy_begin; fy < w.fy_end; ++fy) {
    const int8_t* in = rows[fy] + ic;
    const int8_t* wt = filter + static_cast<size_t>(fy) * g.filter_width * g.output_depth + oc;
    for (int32_t fx = w.fx_begin; fx < w.fx_end; ++fx) {
      acc += wt[fx * g.output_depth] * (in[(w.ix0 + fx * g.dilation_width) * g.input_depth] + offset);
    }
  }
  return acc;
}

// One output pixel's channel blocks (4 output channels each) as the DSP and Helium variants'
// BlockedChannels read them (for depth multiplier 1 without dilation across the row, or a multiple
// of 4; filters of at most kMaxInPlaceFilterRows rows).
struct PixelJob {
  const int8_t* rows[kMaxInPlaceFilterRows];  // first valid tap of each valid filter row
  int32_t num_rows;
  int32_t cols;        // valid taps per row
  int32_t in_step;     // between taps of a row (input)
  const int8_t* wt;    // weights of the first valid tap
  int32_t filter_row;  // weights between filter rows
  int32_t out_depth;   // weights between taps of a row
  int32_t multiplier;  // depth multiplier (1 or a multiple of 4)
  int32_t offset;
  const int32_t* bias;
  const int32_t* multipliers;
  const int8_t* shifts;
  Requant r;
};

inline bool BlockedChannelsApply(const DepthwiseEvalOperands& op) {
  return ((op.multiplier == 1 && op.g.dilation_width == 1) || op.multiplier % 4 == 0) && op.g.filter_height <= kMaxInPlaceFilterRows &&
         op.g.output_depth >= 4;
}

inline PixelJob MakePixelJob(const DepthwiseEvalOperands& op) {
  PixelJob job;
  job.in_step = op.g.dilation_width * op.g.input_depth;
  job.filter_row = op.g.filter_width * op.g.output_depth;
  job.out_depth = op.g.output_depth;
  job.multiplier = op.multiplier;
  job.offset = op.q.input_offset;
  job.bias = op.bias;
  job.multipliers = op.multipliers;
  job.shifts = op.shifts;
  job.r = op.r;
  return job;
}

// The job's window: one output pixel's.
inline void SetPixelWindow(const WindowRows<int8_t>& rows, const Window& w, const DepthwiseEvalOperands& op, PixelJob* job) {
  job->num_rows = w.fy_end - w.fy_begin;
  job->cols = w.fx_end - w.fx_begin;
  const int32_t in_col = (w.ix0 + w.fx_begin * op.g.dilation_width) * op.g.input_depth;  // first valid tap within a row
  for (int32_t fy = w.fy_begin; fy < w.fy_end; ++fy) job->rows[fy - w.fy_begin] = rows[fy] + in_col;
  job->wt = op.filter + static_cast<size_t>(w.fy_begin) * job->filter_row + w.fx_begin * op.g.output_depth;
}

// The channels the blocks leave (and every channel when they do not apply), one at a time.
inline void RemainingChannels(const WindowRows<int8_t>& rows, const Window& w, const DepthwiseEvalOperands& op, int32_t oc, int8_t* out) {
  for (; oc < op.g.output_depth; ++oc) {
    const int32_t sum =
        ChannelSum(rows, op.filter, op.g, w, oc / op.multiplier, oc, op.q.input_offset, op.bias != nullptr ? op.bias[oc] : 0);
    out[oc] = Requantize(sum, op.multipliers[oc], op.shifts[oc], op.r);
  }
}

}  // namespace opt
}  // namespace kernels
}  // namespace tinyrt
