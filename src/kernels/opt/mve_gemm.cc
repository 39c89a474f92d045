// SPDX-License-Identifier: Apache-2.0
// Helium GEMM behind the optimized CONV_2D and FULLY_CONNECTED on Cortex-M55 (see mve.h):
// channel blocks of four, their requantization parameters prepared once per block, then every
// column of the call against the four weight rows (one column load feeds four VMLADAVA.S8).
#include "src/kernels/opt/mve.h"
#include "src/kernels/opt/variants.h"

#if defined(TINYRT_ISA_MVE)

#include "src/kernels/opt/im2col.h"

namespace tinyrt {
namespace kernels {
namespace opt {
namespace mve {

void EffectiveBias(const int8_t* weights, int32_t depth, int32_t channels, const int32_t* bias, int32_t offset, int32_t* ebias) {
  for (int32_t o = 0; o < channels; ++o) {
    ebias[o] = (bias != nullptr ? bias[o] : 0) + offset * RowSum(weights + static_cast<size_t>(o) * depth, depth);
  }
}

namespace {

// Columns per call from which GemmPixels (channel-outer) beats Gemm (pixel-outer).
constexpr int32_t kMinPixels = 16;

// a[j] += col . w_j over depth, j = 0..3.
struct Acc4 {
  int32_t a0, a1, a2, a3;
};

inline __attribute__((always_inline)) Acc4 Dot4(const int8_t* x, const int8_t* w0, const int8_t* w1, const int8_t* w2, const int8_t* w3,
                                                int32_t depth) {
  // A tail-predicated low-overhead loop (DLSTP/LETP): the last iteration loads only the bytes
  // left; VMLADAVA needs even registers for its accumulators (constraint "Te").
  int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  __asm__ volatile(
      "dlstp.8 lr, %[n]\n"
      "1:\n\t"
      "vldrb.8 q0, [%[x]], #16\n\t"
      "vldrb.8 q1, [%[w0]], #16\n\t"
      "vmladava.s8 %[a0], q0, q1\n\t"
      "vldrb.8 q1, [%[w1]], #16\n\t"
      "vmladava.s8 %[a1], q0, q1\n\t"
      "vldrb.8 q1, [%[w2]], #16\n\t"
      "vmladava.s8 %[a2], q0, q1\n\t"
      "vldrb.8 q1, [%[w3]], #16\n\t"
      "vmladava.s8 %[a3], q0, q1\n\t"
      "letp lr, 1b\n"
      : [a0] "+Te"(a0), [a1] "+Te"(a1), [a2] "+Te"(a2), [a3] "+Te"(a3), [x] "+r"(x), [w0] "+r"(w0), [w1] "+r"(w1), [w2] "+r"(w2),
        [w3] "+r"(w3)
      : [n] "r"(depth)
      : "q0", "q1", "lr", "memory");
  return Acc4{a0, a1, a2, a3};
}

// x . w0, x . w1 and the weight sums of w0 and w1 in one pass (no precomputed weight sums).
struct Acc2 {
  int32_t d0, d1, s0, s1;
};
inline __attribute__((always_inline)) Acc2 Dot2Sum(const int8_t* x, const int8_t* w0, const int8_t* w1, int32_t depth) {
  int32_t d0 = 0, d1 = 0, s0 = 0, s1 = 0;
  __asm__ volatile(
      "dlstp.8 lr, %[n]\n"
      "1:\n\t"
      "vldrb.8 q0, [%[x]], #16\n\t"
      "vldrb.8 q1, [%[w0]], #16\n\t"
      "vmladava.s8 %[d0], q0, q1\n\t"
      "vaddva.s8 %[s0], q1\n\t"
      "vldrb.8 q1, [%[w1]], #16\n\t"
      "vmladava.s8 %[d1], q0, q1\n\t"
      "vaddva.s8 %[s1], q1\n\t"
      "letp lr, 1b\n"
      : [d0] "+Te"(d0), [d1] "+Te"(d1), [s0] "+Te"(s0), [s1] "+Te"(s1), [x] "+r"(x), [w0] "+r"(w0), [w1] "+r"(w1)
      : [n] "r"(depth)
      : "q0", "q1", "lr", "memory");
  return Acc2{d0, d1, s0, s1};
}

// Every column of a call against one block of four weight rows. kFast: four channels, none with
// a left shift (the usual case: no VSHL, unpredicated stores).
template <bool kFast>
inline __attribute__((always_inline)) void Columns(const int8_t* x, int32_t col_stride, int32_t n, int32_t depth, const int8_t* w0,
                                                   const int8_t* w1, const int8_t* w2, const int8_t* w3, int32x4_t eb, const QuantBlock& q,
                                                   int32_t output_offset, int32x4_t act_min, int32x4_t act_max, int8_t* dst,
                                                   int32_t out_stride, mve_pred16_t lanes) {
  for (const int8_t* end = x + n * col_stride; x != end; x += col_stride, dst += out_stride) {
    const Acc4 a = Dot4(x, w0, w1, w2, w3, depth);
    int32x4_t acc = vaddq_s32(Vector4(a.a0, a.a1, a.a2, a.a3), eb);
    if (!kFast) acc = vshlq_s32(acc, q.left);
    const int32x4_t t = vqrdmulhq_s32(acc, q.multiplier);
    const int32x4_t u = vaddq_s32(t, vandq_s32(vshrq_n_s32(t, 31), q.round_mask));
    const int32x4_t v = vminq_s32(vmaxq_s32(vaddq_n_s32(vrshlq_s32(u, q.neg_right), output_offset), act_min), act_max);
    if (kFast) {
      vstrbq_s32(dst, v);
    } else {
      vstrbq_p_s32(dst, v, lanes);
    }
  }
}

// One column against every channel (FULLY_CONNECTED with one batch): blocks of four channels,
// the weight sums with the dot products, few live values across the loop.
__attribute__((noinline)) void OneColumn(const int8_t* x, int32_t depth, int32_t offset, const int8_t* weights, int32_t blocks,
                                         const int32_t* bias, const int32_t* multipliers, const int8_t* shifts, bool per_channel,
                                         const Requant& requant, int8_t* out) {
  const int32x4_t act_min = vdupq_n_s32(requant.act_min);
  const int32x4_t act_max = vdupq_n_s32(requant.act_max);
  const int32_t output_offset = requant.output_offset;
  const QuantBlock shared_q = MakeQuantBlock(vdupq_n_s32(multipliers[0]), vdupq_n_s32(shifts[0]));
  const int32_t stride = 4 * depth;
  for (int32_t b = 0; b < blocks; ++b, weights += stride, out += 4) {
    const Acc2 a = Dot2Sum(x, weights, weights + depth, depth);
    const Acc2 c = Dot2Sum(x, weights + 2 * depth, weights + 3 * depth, depth);
    int32x4_t acc = vaddq_s32(Vector4(a.d0, a.d1, c.d0, c.d1), vmulq_n_s32(Vector4(a.s0, a.s1, c.s0, c.s1), offset));
    if (bias != nullptr) acc = vaddq_s32(acc, vldrwq_s32(bias + 4 * b));
    if (per_channel) {
      const QuantBlock q = MakeQuantBlock(vldrwq_s32(multipliers + 4 * b), vldrbq_s32(shifts + 4 * b));
      vstrbq_s32(out, RequantizeBlock(acc, q, output_offset, act_min, act_max));
    } else {
      vstrbq_s32(out, RequantizeBlock(acc, shared_q, output_offset, act_min, act_max));
    }
  }
}

}  // namespace

void Gemm(const int8_t* cols, int32_t col_stride, int32_t n, int32_t depth, int32_t offset, const int8_t* weights, int32_t channels,
          const int32_t* ebias, const int32_t* bias, const int32_t* multipliers, const int8_t* shifts, bool per_channel,
          const Requant& requant, int8_t* out, int32_t out_stride) {
  const int32_t output_offset = requant.output_offset;
  const int32x4_t act_min = vdupq_n_s32(requant.act_min);
  const int32x4_t act_max = vdupq_n_s32(requant.act_max);
  for (int32_t o = 0; o < channels; o += 4) {
    const int32_t left = channels - o;  // channels in this block (the last may have fewer than 4)
    const mve_pred16_t lanes = vctp32q(static_cast<uint32_t>(left));
    const int8_t* w0 = weights + static_cast<size_t>(o) * depth;
    // Rows past the last channel repeat it (their lanes are not stored).
    const int8_t* w1 = left > 1 ? w0 + depth : w0;
    const int8_t* w2 = left > 2 ? w1 + depth : w1;
    const int8_t* w3 = left > 3 ? w2 + depth : w2;
    int32x4_t eb;
    if (ebias == nullptr && n == 1) {
      // One column: the weight sums come with the dot products.
      const Acc2 a = Dot2Sum(cols, w0, w1, depth);
      const Acc2 b = Dot2Sum(cols, w2, w3, depth);
      int32x4_t acc = vaddq_s32(Vector4(a.d0, a.d1, b.d0, b.d1), vmulq_n_s32(Vector4(a.s0, a.s1, b.s0, b.s1), offset));
      if (bias != nullptr) acc = vaddq_s32(acc, vldrwq_z_s32(bias + o, lanes));
      const QuantBlock q = per_channel ? MakeQuantBlock(vldrwq_z_s32(multipliers + o, lanes), vldrbq_z_s32(shifts + o, lanes))
                                       : MakeQuantBlock(vdupq_n_s32(multipliers[0]), vdupq_n_s32(shifts[0]));
      vstrbq_p_s32(out + o, RequantizeBlock(acc, q, output_offset, act_min, act_max), lanes);
      continue;
    }
    if (ebias != nullptr) {
      eb = vldrwq_z_s32(ebias + o, lanes);
    } else {
      eb = Vector4(RowSum(w0, depth), RowSum(w1, depth), RowSum(w2, depth), RowSum(w3, depth));
      eb = vmulq_n_s32(eb, offset);
      if (bias != nullptr) eb = vaddq_s32(eb, vldrwq_z_s32(bias + o, lanes));
    }
    const QuantBlock q = per_channel ? MakeQuantBlock(vldrwq_z_s32(multipliers + o, lanes), vldrbq_z_s32(shifts + o, lanes))
                                     : MakeQuantBlock(vdupq_n_s32(multipliers[0]), vdupq_n_s32(shifts[0]));
    if (left >= 4 && vcmpgtq_n_s32(q.left, 0) == 0) {
      Columns<true>(cols, col_stride, n, depth, w0, w1, w2, w3, eb, q, output_offset, act_min, act_max, out + o, out_stride, lanes);
    } else {
      Columns<false>(cols, col_stride, n, depth, w0, w1, w2, w3, eb, q, output_offset, act_min, act_max, out + o, out_stride, lanes);
    }
  }
}

// BuildColumn (im2col.h) with one copy of the valid span of each filter row and vector fills of
// the padding, for filters without dilation across the row.
void BuildColumnMve(const WindowRows<int8_t>& rows, int32_t fy_begin, int32_t fy_end, const ConvGeometry& g, int32_t ox, int8_t zero_point,
                    int8_t* col) {
  if (g.dilation_width != 1) {
    BuildColumn(rows, fy_begin, fy_end, g, ox, zero_point, col);
    return;
  }
  const int32_t depth = g.input_depth;
  const int32_t ix0 = ox * g.stride_width - g.pad_width;
  int32_t fx_begin, fx_end;
  WindowTaps(ix0, 1, g.filter_width, g.input_width, &fx_begin, &fx_end);
  if (fx_begin > g.filter_width) fx_begin = g.filter_width;  // padding wider than the filter
  if (fx_end < fx_begin) fx_end = fx_begin;
  const int32_t row_taps = g.filter_width * depth;
  const int32_t before = fx_begin * depth, valid = (fx_end - fx_begin) * depth;
  const int32_t after = row_taps - before - valid;
  const int8x16_t zp = vdupq_n_s8(zero_point);
  int8_t* dst = col;
  for (int32_t fy = 0; fy < g.filter_height; ++fy, dst += row_taps) {
    if (fy < fy_begin || fy >= fy_end) {
      FillBytes(dst, zp, row_taps);
      continue;
    }
    if (before > 0) FillBytes(dst, zp, before);
    CopyBytes(dst + before, rows[fy] + (ix0 + fx_begin) * depth, valid);
    if (after > 0) FillBytes(dst + before + valid, zp, after);
  }
}

// BuildColumnMve for n pixels from ox (columns taps apart), whole windows (every filter row
// valid, no dilation across the row, no padding column) copied row by row without the padding
// arithmetic, rows of up to 16 bytes with one predicated load and store each.
void Columns(const WindowRows<int8_t>& rows, int32_t fy_begin, int32_t fy_end, const ConvGeometry& g, int32_t ox, int32_t n,
             int8_t zero_point, int8_t* col) {
  const int32_t fh = g.filter_height;
  const int32_t depth = g.input_depth;
  const int32_t row_taps = g.filter_width * depth;
  const int32_t taps = fh * row_taps;
  const bool whole_rows = fy_begin == 0 && fy_end == fh && g.dilation_width == 1 && fh <= 16;
  const int8_t* src[16];
  if (whole_rows) {
    for (int32_t fy = 0; fy < fh; ++fy) src[fy] = rows[fy];
  }
  const mve_pred16_t pred = vctp8q(static_cast<uint32_t>(row_taps));
  int32_t ix0 = ox * g.stride_width - g.pad_width;
  for (int32_t p = 0; p < n; ++p, ++ox, ix0 += g.stride_width, col += taps) {
    if (!whole_rows || ix0 < 0 || ix0 + g.filter_width > g.input_width) {
      BuildColumnMve(rows, fy_begin, fy_end, g, ox, zero_point, col);
      continue;
    }
    const int32_t start = ix0 * depth;
    int8_t* dst = col;
    if (row_taps <= 16) {
      for (int32_t fy = 0; fy < fh; ++fy, dst += row_taps) vstrbq_p_s8(dst, vldrbq_z_s8(src[fy] + start, pred), pred);
    } else {
      for (int32_t fy = 0; fy < fh; ++fy, dst += row_taps) CopyBytes(dst, src[fy] + start, row_taps);
    }
  }
}

// CONV_2D: pointwise convolutions take the input pixels as columns (a whole image per call when
// the output does not share the input's buffer, else a row), others two im2col columns per call.
Status EvalConv2D(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<ConvData>();
  const size_t scratch_bytes = Conv2DInt8ScratchBytes(d);
  const ConvGeometry g = d.g;  // a copy: output stores could alias the op data
  const ConvQuantParams q = d.q;
  const int32_t* multipliers = d.multipliers();
  const int8_t* shifts = d.shifts();
  const int8_t* input = ctx.input<int8_t>(0);
  const int8_t* filter = ctx.input<int8_t>(1);
  const int32_t* bias = ctx.has_input(2) ? ctx.input<int32_t>(2) : nullptr;
  int8_t* output = ctx.output<int8_t>(0);
  const int32_t taps = g.filter_height * g.filter_width * g.input_depth;
  const bool pointwise = g.filter_height == 1 && g.filter_width == 1 && g.pad_height == 0 && g.pad_width == 0;
  const uint32_t columns = d.scratch;
  int8_t* col0 = pointwise ? nullptr : reinterpret_cast<int8_t*>(ctx.scratch(columns));
  const int8_t zero_point = static_cast<int8_t>(-q.input_offset);
  const Requant r{q.output_offset, q.act_min, q.act_max};
  const int32_t depth = g.output_depth;
  const int32_t offset = q.input_offset;
  const bool shared = static_cast<const void*>(output) == static_cast<const void*>(input);
  int32_t ebias_buf[kMaxStackChannels];
  const int32_t* ebias = nullptr;
  if (depth <= kMaxStackChannels) {
    EffectiveBias(filter, taps, depth, bias, offset, ebias_buf);
    ebias = ebias_buf;
  }
  const size_t image_in = static_cast<size_t>(g.input_height) * g.input_width * g.input_depth;
  const size_t image_out = static_cast<size_t>(g.output_height) * g.output_width * depth;
  if (pointwise && !shared && g.stride_height == 1 && g.stride_width == 1) {
    for (int32_t b = 0; b < g.batches; ++b) {
      GemmPixels(input + b * image_in, g.input_depth, g.output_height * g.output_width, taps, offset, filter, depth, ebias, bias,
                 multipliers, shifts, true, r, output + b * image_out, depth);
    }
    return Status::Ok();
  }
  // In place with stride 1: one GEMM over all pixels, eight at a time copied into the scratch
  // (Layout gives pointwise convolutions 8 bytes per tap) before their outputs overwrite them.
  // Forward when the output is not deeper than the input (a group's output ends before the next
  // group's input), else backward (it starts after the earlier pixels' input).
  if (pointwise && shared && g.stride_height == 1 && g.stride_width == 1 && ebias != nullptr &&
      scratch_bytes >= 8 * static_cast<size_t>(taps) && depth * 7 < 65536 && GemmEightApplies(taps, depth, shifts, r)) {
    int8_t* cols = reinterpret_cast<int8_t*>(ctx.scratch(columns));
    if ((reinterpret_cast<uintptr_t>(cols) & 3) == 0) {
      const int32_t pixels = g.batches * g.output_height * g.output_width;
      const bool backward = depth > g.input_depth;
      for (int32_t done = 0; done < pixels; done += 8) {
        const int32_t n = pixels - done < 8 ? pixels - done : 8;
        const int32_t p = backward ? pixels - done - n : done;
        CopyBytes(cols, input + static_cast<size_t>(p) * taps, n * taps);
        int8_t* dst = output + static_cast<size_t>(p) * depth;
        if (n == 8) {
          GemmEight(cols, taps, filter, depth, ebias, multipliers, shifts, q.output_offset, dst, depth);
        } else {
          Gemm(cols, taps, n, taps, offset, filter, depth, ebias, bias, multipliers, shifts, true, r, dst, depth);
        }
      }
      return Status::Ok();
    }
  }
  // Im2col columns the scratch holds (at least two), in groups of four.
  int32_t group = pointwise ? 0 : static_cast<int32_t>(scratch_bytes / static_cast<size_t>(taps)) / 4 * 4;
  if (group > 16) group = 16;
  if (group < 8 || g.output_width < 8) group = 0;  // per-channel setup outweighs 4 columns
  int32_t fit = pointwise ? 2 : static_cast<int32_t>(scratch_bytes / static_cast<size_t>(taps));
  if (fit < 2) fit = 2;
  if (fit > 16) fit = 16;
  ForEachOutputRow(input, g, d.in_place, shared ? ctx.scratch(d.ring) : nullptr, shared,
                   [&](const OutputRow& output_row, const WindowRows<int8_t>& rows) {
                     [[maybe_unused]] const auto [b, oy, iy0, fy_begin, fy_end] = output_row;
                     int8_t* out_row = output + b * image_out + static_cast<size_t>(oy) * g.output_width * depth;
                     if (pointwise) {
                       if (g.output_width >= kMinPixels) {
                         GemmPixels(rows[0], g.stride_width * g.input_depth, g.output_width, taps, offset, filter, depth, ebias, bias,
                                    multipliers, shifts, true, r, out_row, depth);
                       } else {
                         Gemm(rows[0], g.stride_width * g.input_depth, g.output_width, taps, offset, filter, depth, ebias, bias,
                              multipliers, shifts, true, r, out_row, depth);
                       }
                       return;  // the next row
                     }
                     if (group > 0) {
                       // Columns in groups of four, as many groups as the scratch holds.
                       for (int32_t ox = 0; ox < g.output_width; ox += group) {
                         const int32_t n = g.output_width - ox < group ? g.output_width - ox : group;
                         Columns(rows, fy_begin, fy_end, g, ox, n, zero_point, col0);
                         if (n >= 8) {
                           GemmPixels(col0, taps, n, taps, offset, filter, depth, ebias, bias, multipliers, shifts, true, r,
                                      out_row + static_cast<size_t>(ox) * depth, depth);
                         } else {
                           Gemm(col0, taps, n, taps, offset, filter, depth, ebias, bias, multipliers, shifts, true, r,
                                out_row + static_cast<size_t>(ox) * depth, depth);
                         }
                       }
                       return;  // the next row
                     }
                     // As many columns per call as the scratch holds (at least two): the channel blocks' setup
                     // spreads over them.
                     for (int32_t ox = 0; ox < g.output_width; ox += fit) {
                       const int32_t n = g.output_width - ox < fit ? g.output_width - ox : fit;
                       Columns(rows, fy_begin, fy_end, g, ox, n, zero_point, col0);
                       Gemm(col0, taps, n, taps, offset, filter, depth, ebias, bias, multipliers, shifts, true, r,
                            out_row + static_cast<size_t>(ox) * depth, depth);
                     }
                   });
  return Status::Ok();
}

// FULLY_CONNECTED: the input rows are the columns.
Status EvalFullyConnected(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<FullyConnectedData>();
  const int32_t depth = d.accum_depth;
  const int32_t channels = d.output_depth;
  const int32_t batches = d.batches;
  const int32_t offset = d.input_offset;
  const bool per_channel = d.per_channel != 0;
  const Requant r{d.output_offset, d.act_min, d.act_max};
  const int8_t* filter = ctx.input<int8_t>(1);
  const int32_t* bias = ctx.has_input(2) ? ctx.input<int32_t>(2) : nullptr;
  int32_t ebias_buf[kMaxStackChannels];
  const int32_t* ebias = nullptr;
  if (batches > 1 && channels <= kMaxStackChannels) {
    EffectiveBias(filter, depth, channels, bias, offset, ebias_buf);
    ebias = ebias_buf;
  }
  if (batches == 1 && channels >= 4) {
    // One column: blocks of four channels in OneColumn, the last 1-3 channels in Gemm.
    const int32_t blocks = channels / 4;
    const int32_t done = 4 * blocks;
    const int8_t* x = ctx.input<int8_t>(0);
    int8_t* out = ctx.output<int8_t>(0);
    OneColumn(x, depth, offset, filter, blocks, bias, d.multipliers(), d.shifts(), per_channel, r, out);
    if (done < channels) {
      Gemm(x, depth, 1, depth, offset, filter + static_cast<size_t>(done) * depth, channels - done, nullptr,
           bias != nullptr ? bias + done : nullptr, d.multipliers() + (per_channel ? done : 0), d.shifts() + (per_channel ? done : 0),
           per_channel, r, out + done, channels);
    }
    return Status::Ok();
  }
  if (batches >= kMinPixels) {
    GemmPixels(ctx.input<int8_t>(0), depth, batches, depth, offset, filter, channels, ebias, bias, d.multipliers(), d.shifts(), per_channel,
               r, ctx.output<int8_t>(0), channels);
  } else {
    Gemm(ctx.input<int8_t>(0), depth, batches, depth, offset, filter, channels, ebias, bias, d.multipliers(), d.shifts(), per_channel, r,
         ctx.output<int8_t>(0), channels);
  }
  return Status::Ok();
}

}  // namespace mve
}  // namespace opt

// The Helium variants of opt/variants.h.
Status EvalConv2DInt8Mve(const EvalContext& ctx) { return opt::mve::EvalConv2D(ctx); }
Status EvalFullyConnectedInt8Mve(const EvalContext& ctx) { return opt::mve::EvalFullyConnected(ctx); }

namespace opt {}  // namespace opt
}  // namespace kernels
}  // namespace tinyrt

#endif  // TINYRT_ISA_MVE
