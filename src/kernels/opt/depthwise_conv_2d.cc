// SPDX-License-Identifier: Apache-2.0
// Optimized int8 DEPTHWISE_CONV_2D. Per output pixel, the valid taps of its window (padding taps
// are skipped, as in the reference) are accumulated for blocks of output channels:
//  - DSP: 4 channels per block, SXTAB16 (input + offset) / SXTB16 (weights) and SMLABB/SMLATT,
//    for depth multiplier 1 (4 input channels) or a multiple of 4 (one input channel);
//  - MVE: 4 channels per int32x4 vector, predicated on the last block;
//  - portable: int32 accumulators for up to 64 channels on the stack, loops over channels that
//    compilers vectorize.
// One input channel with a depth multiplier M > 1 (micro_speech) is a convolution with M filters:
// its weights are transposed per Invoke into scratch (M filter rows, 1 byte per weight) and it runs
// the GEMM of CONV_2D on im2col columns (2 bytes per tap more), all planned in the arena.
// Any filter size, stride, padding, dilation and depth multiplier; runs in place like the reference
// (output rows over input rows, overwritten rows read from the ring) when the planner shares them.
#include "src/kernels/op_data.h"
#include "src/kernels/opt/dsp.h"
#include "src/kernels/opt/im2col.h"
#include "src/kernels/opt/isa.h"
#include "src/kernels/opt/mve.h"
#include "src/kernels/opt/x86_avx2.h"

namespace tinyrt {
namespace kernels {
namespace {

// One input channel and several filters: run as a convolution.
bool SingleChannel(const DepthwiseConvData& d) { return d.g.input_depth == 1 && d.depth_multiplier > 1; }

struct Window {
  int32_t iy0, ix0, fy_begin, fy_end, fx_begin, fx_end;
};

// Scalar path for one output channel (remainders, multipliers the SIMD paths do not block).
[[maybe_unused]] inline int32_t ChannelSum(const WindowRows<int8_t>& rows, const int8_t* filter, const ConvGeometry& g, const Window& w, int32_t ic,
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

#if !defined(TINYRT_ISA_PORTABLE)
// One output pixel's channel blocks (4 output channels each), in a function of its own so that
// its loops get the registers (inlined into the pixel loop they spilled).
struct PixelJob {
  const int8_t* rows[kMaxInPlaceFilterRows];  // first valid tap of each valid filter row
  int32_t num_rows;
  int32_t cols;         // valid taps per row
  int32_t in_step;      // between taps of a row (input)
  const int8_t* wt;     // weights of the first valid tap
  int32_t filter_row;   // weights between filter rows
  int32_t out_depth;    // weights between taps of a row
  int32_t multiplier;   // depth multiplier (1 or a multiple of 4)
  int32_t offset;
  const int32_t* bias;
  const int32_t* multipliers;
  const int8_t* shifts;
  opt::Requant r;
};

__attribute__((noinline)) void BlockedChannels(const PixelJob& job, int32_t blocks, int8_t* out) {
  // Scalars copied out (int8 output stores may alias anything, so fields read through the
  // reference would be reloaded after every store); the row pointers are read once per row.
  struct {
    int32_t num_rows, cols, in_step, filter_row, out_depth, multiplier;
    const int8_t* wt;
    const int32_t* bias;
    const int32_t* multipliers;
    const int8_t* shifts;
    opt::Requant r;
  } const j = {job.num_rows, job.cols, job.in_step, job.filter_row, job.out_depth, job.multiplier, job.wt, job.bias, job.multipliers,
               job.shifts, job.r};
  const int32_t offset = job.offset;
#if defined(TINYRT_ISA_DSP)
  const int32_t offset2 = opt::Offset2(offset);
#endif
  for (int32_t oc = 0; oc < blocks * 4; oc += 4) {
    const int32_t ic = oc / j.multiplier;
    int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    if (j.bias != nullptr) a0 = j.bias[oc], a1 = j.bias[oc + 1], a2 = j.bias[oc + 2], a3 = j.bias[oc + 3];
    const int8_t* w_row = j.wt + oc;
#if defined(TINYRT_ISA_MVE)
    int32x4_t va = vdupq_n_s32(0);
#endif
    for (int32_t row = 0; row < j.num_rows; ++row, w_row += j.filter_row) {
      const int8_t* ip = job.rows[row] + ic;
      const int8_t* wp = w_row;
      const int8_t* end = ip + j.cols * j.in_step;
#if defined(TINYRT_ISA_MVE)
      if (j.multiplier == 1) {
        // MVE has no vector-by-vector VMLA: multiply, then add.
        for (; ip != end; ip += j.in_step, wp += j.out_depth) va = vaddq_s32(va, vmulq_s32(vaddq_n_s32(vldrbq_s32(ip), offset), vldrbq_s32(wp)));
      } else {
        for (; ip != end; ip += j.in_step, wp += j.out_depth) va = vmlaq_n_s32(va, vldrbq_s32(wp), *ip + offset);
      }
#else
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
#endif
    }
#if defined(TINYRT_ISA_MVE)
    const int32x4_t sums = vaddq_s32(va, j.bias != nullptr ? vldrwq_s32(j.bias + oc) : vdupq_n_s32(0));
    vstrbq_s32(out + oc, opt::RequantizeVec(sums, vldrwq_s32(j.multipliers + oc), vldrbq_s32(j.shifts + oc), j.r));
    (void)a0, (void)a1, (void)a2, (void)a3;
#else
    out[oc] = opt::Requantize(a0, j.multipliers[oc], j.shifts[oc], j.r);
    out[oc + 1] = opt::Requantize(a1, j.multipliers[oc + 1], j.shifts[oc + 1], j.r);
    out[oc + 2] = opt::Requantize(a2, j.multipliers[oc + 2], j.shifts[oc + 2], j.r);
    out[oc + 3] = opt::Requantize(a3, j.multipliers[oc + 3], j.shifts[oc + 3], j.r);
#endif
  }
}
#endif

}  // namespace

Status SelectDepthwiseConv2DVariant(PrepareContext& ctx, DepthwiseConvData* data, uint8_t reference, uint8_t optimized,
                                    uint8_t* selected) {
  *selected = reference;
  if (!TINYRT_OPT_KERNELS) {
    ctx.SetReferenceReason(ReferenceReason::kNotBuilt);
    return Status::Ok();
  }
  if (ctx.reference_kernels_only()) {
    ctx.SetReferenceReason(ReferenceReason::kForced);
    return Status::Ok();
  }
  if (SingleChannel(*data)) {
    const size_t taps = static_cast<size_t>(data->g.filter_height) * static_cast<size_t>(data->g.filter_width);
    // Transposed weights and two int8 im2col columns, both padded to a multiple of 4 taps, then
    // the columns split (opt/dsp.h).
    const size_t padded = (taps + 3) / 4 * 4;
    const size_t bytes = padded * static_cast<size_t>(data->g.output_depth) + 2 * padded + opt::SplitColumnBytes(padded);
    if (bytes > 32 * 1024) {
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
  if (X86Avx2Enabled() && X86Avx2Depthwise(*data)) *selected = optimized + kX86Avx2VariantStep;  // x86_avx2_*.cc, when the CPU has AVX2
#endif
  return Status::Ok();
}

namespace {

// One input channel, multiplier M: transposed weights, im2col columns, the CONV_2D GEMM.
Status EvalSingleChannel(const EvalContext& ctx, const DepthwiseConvData& d) {
  const ConvGeometry g = d.g;
  const ConvQuantParams q = d.q;
  const int8_t* input = ctx.input<int8_t>(0);
  const int8_t* filter = ctx.input<int8_t>(1);
  const int32_t* bias = ctx.has_input(2) ? ctx.input<int32_t>(2) : nullptr;
  int8_t* output = ctx.output<int8_t>(0);
  const int32_t filter_taps = g.filter_height * g.filter_width;
  // Taps padded to a multiple of 4 with zero weights (and zero-point inputs), so the GEMM has no
  // leftover taps.
  const int32_t taps = (filter_taps + 3) / 4 * 4;
  const int32_t depth = g.output_depth;
  const uint32_t handle = ExtraScratch(d.in_place, d.ring);
  int8_t* weights = reinterpret_cast<int8_t*>(ctx.scratch(handle));
  int8_t* col0 = weights + static_cast<size_t>(taps) * depth;
  int8_t* col1 = col0 + taps;
#if defined(TINYRT_ISA_DSP)
  int32_t* split = reinterpret_cast<int32_t*>(col1 + taps);
  const bool split_gemm = opt::FastRequantApplies(d.multipliers(), d.shifts(), depth);
#endif
  // Filter [1, H, W, M] to M rows of H*W taps.
  for (int32_t m = 0; m < depth; ++m) {
    for (int32_t k = 0; k < filter_taps; ++k) weights[m * taps + k] = filter[k * depth + m];
    for (int32_t k = filter_taps; k < taps; ++k) weights[m * taps + k] = 0;
  }
  for (int32_t k = filter_taps; k < taps; ++k) col0[k] = col1[k] = static_cast<int8_t>(-q.input_offset);
  const int8_t zero_point = static_cast<int8_t>(-q.input_offset);
  const opt::Requant r{q.output_offset, q.act_min, q.act_max};
  const bool shared = static_cast<const void*>(output) == static_cast<const void*>(input);
  ForEachOutputRow(input, g, d.in_place, shared ? ctx.scratch(d.ring) : nullptr, shared, [&](const OutputRow& output_row, const WindowRows<int8_t>& rows) {
    [[maybe_unused]] const auto [b, oy, iy0, fy_begin, fy_end] = output_row;
    int8_t* out_row = output + (static_cast<size_t>(b) * g.output_height + oy) * g.output_width * depth;
    for (int32_t ox = 0; ox < g.output_width; ox += 2) {
      const bool pair = ox + 1 < g.output_width;
#if defined(TINYRT_ISA_DSP)
      if (split_gemm && taps == filter_taps && opt::SplitWindowsApply(g, 1, ox, pair ? ox + 1 : ox)) {
        int8_t* out0 = out_row + static_cast<size_t>(ox) * depth;
        opt::SplitWindows(rows, fy_begin, fy_end, g, 1, ox, pair ? ox + 1 : ox, q.input_offset, split);
        opt::GemmSplitColumns(split, nullptr, nullptr, taps, q.input_offset, weights, depth, bias, d.multipliers(), d.shifts(), r, out0,
                              pair ? out0 + depth : out0);
        continue;
      }
#endif
      opt::BuildColumn(rows, fy_begin, fy_end, g, ox, zero_point, col0);
      if (pair) opt::BuildColumn(rows, fy_begin, fy_end, g, ox + 1, zero_point, col1);
      int8_t* out0 = out_row + static_cast<size_t>(ox) * depth;
#if defined(TINYRT_ISA_DSP)
      if (split_gemm) {
        const int8_t* c1 = pair ? col1 : col0;  // a lone pixel: both columns the same, written twice
        opt::SplitColumns(col0, c1, taps, q.input_offset, split);
        opt::GemmSplitColumns(split, col0, c1, taps, q.input_offset, weights, depth, bias, d.multipliers(), d.shifts(), r, out0,
                              pair ? out0 + depth : out0);
        continue;
      }
#endif
      opt::GemmColumns(col0, pair ? col1 : nullptr, taps, q.input_offset, weights, depth, bias, d.multipliers(), d.shifts(), true, r, out0,
                       out0 + depth);
    }
  });
  return Status::Ok();
}

}  // namespace

Status EvalDepthwiseConv2DInt8Opt(const EvalContext& ctx) {
  if (!TINYRT_OPT_KERNELS) return Status::Ok();  // never selected; the code below compiles out
  const auto& d = *ctx.op_data<DepthwiseConvData>();
#if defined(TINYRT_ISA_MVE)
  if (opt::mve::HandlesDepthwise(d)) return opt::mve::EvalDepthwiseConv2D(ctx);  // src/kernels/opt/mve_depthwise.cc
#endif
  if (SingleChannel(d)) return EvalSingleChannel(ctx, d);
  const ConvGeometry g = d.g;  // a copy: output stores could alias the op data
  const ConvQuantParams q = d.q;
  const int32_t* multipliers = d.multipliers();
  const int8_t* shifts = d.shifts();
  const int32_t mult = d.depth_multiplier;
  const int8_t* input = ctx.input<int8_t>(0);
  const int8_t* filter = ctx.input<int8_t>(1);
  const int32_t* bias = ctx.has_input(2) ? ctx.input<int32_t>(2) : nullptr;
  int8_t* output = ctx.output<int8_t>(0);
  const opt::Requant r{q.output_offset, q.act_min, q.act_max};
  const int32_t offset = q.input_offset;
  const int32_t in_depth = g.input_depth;
  const int32_t out_depth = g.output_depth;
  const int32_t input_row = g.input_width * in_depth;
  const int32_t filter_row = g.filter_width * out_depth;
  const bool shared = static_cast<const void*>(output) == static_cast<const void*>(input);
  const RowWindow window = ConvRowWindow(g, 1);
#if !defined(TINYRT_ISA_PORTABLE)
#if defined(TINYRT_ISA_DSP)
  // Multiplier 1, no dilation across rows: the assembly microkernel per pixel (opt/dsp_depthwise.cc).
  const bool pixel_kernel = mult == 1 && g.dilation_width == 1 && out_depth >= 4 && g.filter_height <= kMaxInPlaceFilterRows &&
                            opt::FastRequantApplies(multipliers, shifts, out_depth);
  opt::DepthwisePixel pixel;
  pixel.step = in_depth;
  pixel.offset2 = opt::Offset2(offset);
  pixel.output_offset = r.output_offset;
  pixel.min4 = 0x01010101u * static_cast<uint8_t>(r.act_min);
  pixel.max4 = 0x01010101u * static_cast<uint8_t>(r.act_max);
  pixel.filter_row = filter_row;
#endif
  PixelJob job;
  job.in_step = g.dilation_width * in_depth;
  job.filter_row = filter_row;
  job.out_depth = out_depth;
  job.multiplier = mult;
  job.offset = offset;
  job.bias = bias;
  job.multipliers = multipliers;
  job.shifts = shifts;
  job.r = r;
#endif
  for (int32_t b = 0; b < g.batches; ++b) {
    const int8_t* image = input + static_cast<size_t>(b) * g.input_height * input_row;
    RowReader reader(reinterpret_cast<const uint8_t*>(image), window, d.in_place, shared ? ctx.scratch(d.ring) : nullptr, shared);
    WindowRows<int8_t> rows(image, static_cast<size_t>(input_row), g.dilation_height);
    for (int32_t step = 0; step < g.output_height; ++step) {
      const int32_t oy = reader.reverse() ? g.output_height - 1 - step : step;
      reader.Begin(oy);
      Window w;
      w.iy0 = oy * g.stride_height - g.pad_height;
      WindowTaps(w.iy0, g.dilation_height, g.filter_height, g.input_height, &w.fy_begin, &w.fy_end);
      rows.Fetch(reader, w.iy0, w.fy_begin, w.fy_end);
      for (int32_t ox = 0; ox < g.output_width; ++ox) {
        w.ix0 = ox * g.stride_width - g.pad_width;
        WindowTaps(w.ix0, g.dilation_width, g.filter_width, g.input_width, &w.fx_begin, &w.fx_end);
        int8_t* out = output + ((static_cast<size_t>(b) * g.output_height + oy) * g.output_width + ox) * out_depth;
#if defined(TINYRT_ISA_PORTABLE)
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
                out[oc] = opt::Requantize(acc[(ic - ic0) * span + m - m0], multipliers[oc], shifts[oc], r);
              }
            }
          }
        }
#else
        int32_t oc = 0;
        const bool blocked = ((mult == 1 && g.dilation_width == 1) || mult % 4 == 0) && g.filter_height <= kMaxInPlaceFilterRows;
#if defined(TINYRT_ISA_DSP)
        if (pixel_kernel && w.fy_end > w.fy_begin && w.fx_end > w.fx_begin) {
          pixel.blocks = out_depth / 4;
          pixel.num_rows = w.fy_end - w.fy_begin;
          pixel.cols = w.fx_end - w.fx_begin;
          pixel.row_adjust = filter_row - pixel.cols * in_depth;
          pixel.block_adjust = 4 - pixel.num_rows * filter_row;
          pixel.weights = filter + static_cast<size_t>(w.fy_begin) * filter_row + w.fx_begin * out_depth;
          pixel.bias = bias;
          pixel.multipliers = multipliers;
          pixel.shifts = shifts;
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
          pixel.window = !rows_unrolled ? 0 : pixel.cols == 3 ? (pixel.num_rows == 3 ? 1 : 2) : pixel.cols == 2 ? (pixel.num_rows == 3 ? 3 : 4) : 0;
          const int32_t run = pixel.pixels;  // the kernel counts it down
          opt::DepthwisePixelBlocks(&pixel);
          oc = out_depth / 4 * 4;
          ox += run - 1;
        } else
#endif
        if (blocked && out_depth >= 4) {
          job.num_rows = w.fy_end - w.fy_begin;
          job.cols = w.fx_end - w.fx_begin;
          const int32_t in_col = (w.ix0 + w.fx_begin * g.dilation_width) * in_depth;  // first valid tap within a row
          for (int32_t fy = w.fy_begin; fy < w.fy_end; ++fy) job.rows[fy - w.fy_begin] = rows[fy] + in_col;
          job.wt = filter + static_cast<size_t>(w.fy_begin) * filter_row + w.fx_begin * out_depth;
          BlockedChannels(job, out_depth / 4, out);
          oc = out_depth / 4 * 4;
        }
        for (; oc < out_depth; ++oc) {
          const int32_t sum = ChannelSum(rows, filter, g, w, oc / mult, oc, offset, bias != nullptr ? bias[oc] : 0);
          out[oc] = opt::Requantize(sum, multipliers[oc], shifts[oc], r);
        }
#endif
      }
    }
  }
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt
