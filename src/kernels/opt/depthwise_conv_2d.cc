// SPDX-License-Identifier: Apache-2.0
// Optimized int8 DEPTHWISE_CONV_2D, portable variant and the predicates every instruction set's
// variant shares (opt/variants.h). Per output pixel, the valid taps of its window (padding taps are
// skipped, as in the reference) are accumulated in int32 for up to 64 channels on the stack, in
// loops over channels that compilers vectorize. One input channel with a depth multiplier M > 1
// (micro_speech) is a convolution with M filters: its weights are transposed per Invoke into
// scratch and it runs the GEMM of CONV_2D on im2col columns (opt/depthwise_conv_2d_operands.h).
// Any filter size, stride, padding, dilation and depth multiplier; runs in place like the reference
// (output rows over input rows, overwritten rows read from the ring) when the planner shares them.
// The other instruction sets: opt/dsp_depthwise_conv_2d.cc, opt/mve_depthwise.cc,
// opt/x86_avx2_depthwise.cc.
#include "src/kernels/opt/depthwise_conv_2d_operands.h"
#include "src/kernels/opt/variants.h"

namespace tinyrt {
namespace kernels {

size_t DepthwiseConv2DInt8ScratchBytes(const DepthwiseConvData& data) {
  return opt::SingleChannel(data) ? opt::SingleChannelScratchBytes(data.g) : 0;
}

ReferenceReason DepthwiseConv2DInt8Supports(const DepthwiseConvData& data) {
  if (DepthwiseConv2DInt8ScratchBytes(data) > 32 * 1024) return ReferenceReason::kScratch;
  return ReferenceReason::kNone;
}

#if defined(TINYRT_ISA_PORTABLE)
namespace {

// One input channel, multiplier M: transposed weights, im2col columns, the CONV_2D GEMM.
Status EvalSingleChannel(const opt::DepthwiseEvalOperands& op) {
  const ConvGeometry& g = op.g;
  const opt::SingleChannelOperands s = opt::MakeSingleChannelOperands(op, /*padded=*/true);
  const int32_t depth = g.output_depth;
  ForEachOutputRow(op.input, g, op.in_place, op.ring, op.shared, [&](const OutputRow& output_row, const WindowRows<int8_t>& rows) {
    [[maybe_unused]] const auto [b, oy, iy0, fy_begin, fy_end] = output_row;
    int8_t* out_row = op.output + (static_cast<size_t>(b) * g.output_height + oy) * g.output_width * depth;
    for (int32_t ox = 0; ox < g.output_width; ox += 2) {
      const bool pair = ox + 1 < g.output_width;
      opt::BuildColumn(rows, fy_begin, fy_end, g, ox, s.zero_point, s.col0);
      if (pair) opt::BuildColumn(rows, fy_begin, fy_end, g, ox + 1, s.zero_point, s.col1);
      int8_t* out0 = out_row + static_cast<size_t>(ox) * depth;
      opt::GemmColumns(s.col0, pair ? s.col1 : nullptr, s.taps, op.q.input_offset, s.weights, depth, op.bias, op.multipliers, op.shifts,
                       true, op.r, out0, out0 + depth);
    }
  });
  return Status::Ok();
}

}  // namespace

Status EvalDepthwiseConv2DInt8Portable(const EvalContext& ctx) {
  if (!TINYRT_OPT_KERNELS) return Status::Ok();  // never selected; the code below compiles out
  const opt::DepthwiseEvalOperands op = opt::MakeDepthwiseEvalOperands(ctx);
  if (op.scratch != nullptr) return EvalSingleChannel(op);
  const ConvGeometry& g = op.g;
  const int32_t mult = op.multiplier;
  const int32_t in_depth = g.input_depth;
  const int32_t out_depth = g.output_depth;
  const int32_t filter_row = g.filter_width * out_depth;
  const int32_t offset = op.q.input_offset;
  const int8_t* filter = op.filter;
  const int32_t* bias = op.bias;
  opt::ForEachOutputPixel(op, [&](const WindowRows<int8_t>& rows, const opt::Window& w, int32_t, int8_t* out) {
    // Chunks of whole input channels (kChunk output channels at most, or one input channel).
    constexpr int32_t kChunk = 64;
    const int32_t chunk_inputs = mult >= kChunk ? 1 : kChunk / mult;
    for (int32_t ic0 = 0; ic0 < in_depth; ic0 += chunk_inputs) {
      const int32_t ic1 = ic0 + chunk_inputs < in_depth ? ic0 + chunk_inputs : in_depth;
      for (int32_t m0 = 0; m0 < mult; m0 += kChunk) {
        const int32_t m1 = m0 + kChunk < mult ? m0 + kChunk : mult;
        const int32_t span = m1 - m0;  // output channels per input channel in this chunk
        int32_t acc[kChunk];
        for (int32_t ic = ic0; ic < ic1; ++ic) {
          for (int32_t m = m0; m < m1; ++m) acc[(ic - ic0) * span + m - m0] = bias != nullptr ? bias[ic * mult + m] : 0;
        }
        for (int32_t fy = w.fy_begin; fy < w.fy_end; ++fy) {
          const int8_t* in_row = rows[fy];
          const int8_t* w_row = filter + static_cast<size_t>(fy) * filter_row;
          for (int32_t fx = w.fx_begin; fx < w.fx_end; ++fx) {
            const int8_t* in = in_row + (w.ix0 + fx * g.dilation_width) * in_depth;
            const int8_t* wt = w_row + fx * out_depth;
            if (mult == 1) {
              for (int32_t c = ic0; c < ic1; ++c) acc[c - ic0] += wt[c] * (in[c] + offset);
            } else {
              for (int32_t ic = ic0; ic < ic1; ++ic) {
                const int32_t x = in[ic] + offset;
                int32_t* a = acc + (ic - ic0) * span;
                const int8_t* v = wt + ic * mult + m0;
                for (int32_t m = 0; m < span; ++m) a[m] += v[m] * x;
              }
            }
          }
        }
        for (int32_t ic = ic0; ic < ic1; ++ic) {
          for (int32_t m = m0; m < m1; ++m) {
            const int32_t oc = ic * mult + m;
            out[oc] = opt::Requantize(acc[(ic - ic0) * span + m - m0], op.multipliers[oc], op.shifts[oc], op.r);
          }
        }
      }
    }
    return 1;
  });
  return Status::Ok();
}
#endif

}  // namespace kernels
}  // namespace tinyrt
