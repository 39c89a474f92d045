// SPDX-License-Identifier: Apache-2.0
// Helium DEPTHWISE_CONV_2D on Cortex-M55 (see mve.h), for depth multiplier 1 and for one input
// channel with several filters (run as a convolution); other multipliers run blocks of 4 channels
// (EvalBlocked).
//  - Multiplier 1: blocks of 8 channels. Per valid tap, one VLDRB.S16 of the input (plus the
//    offset on int16 lanes: |x + offset| <= 255) and of the weights, VMULLB/VMULLT widen the
//    products of the even and odd channels into two int32x4 accumulators; bias, multipliers and
//    shifts are gathered in the same even/odd order and the outputs scattered back. Padding taps
//    are skipped, as in the reference.
//  - One input channel, multiplier M: weights transposed per Invoke into scratch (M rows of H*W
//    taps), im2col columns, the Helium GEMM.
#include "src/kernels/opt/mve.h"

#if defined(TINYRT_ISA_MVE)

#include "src/kernels/opt/depthwise_conv_2d_operands.h"
#include "src/kernels/opt/im2col.h"
#include "src/kernels/opt/variants.h"

namespace tinyrt {
namespace kernels {
namespace opt {
namespace mve {
namespace {

// The valid window of one output pixel.
struct Taps {
  const int8_t* rows[kMaxInPlaceFilterRows];  // first valid tap of each valid filter row (+ channel 0)
  int32_t num_rows;
  int32_t cols;      // valid taps per row
  const int8_t* wt;  // weights of the first valid tap (+ channel 0)
};

struct Params {
  int32_t channels;
  int32_t in_step;     // input bytes between taps of a row
  int32_t filter_row;  // weight bytes between filter rows
  int32_t offset;
  const int32_t* bias;
  const int32_t* multipliers;
  const int8_t* left;       // per channel: left shift 0..31
  const int8_t* neg_right;  // per channel: minus the right shift, -31..0
  const int32_t* folded;    // per channel: bias + offset * (sum of all the channel's taps)
  Requant r;
  bool fast;  // every channel shifts right (no left shift) and the clamp is the whole int8 range
  int32_t filter_height, filter_width;
};

// Whole 3x3 windows of a fast layer without dilation across the row (Whole3x3): per block of 8
// channels, the folded biases (in Params::folded), multipliers and right shifts in even-odd order.
// Apart from Params, which Pixel copies (a larger struct would be copied by memcpy).
struct EvenOdd {
  const int32_t* multipliers;
  const int8_t* neg_right;
};

// Bytes of one input row (plus a pixel each side) that EvalMultiplier1 copies for padded_rows
// (three rows on the stack).
constexpr int32_t kMaxPaddedRow = 1024;

// Whole 3x3 windows, p.fast, blocks of 8 channels in assembly: taps loaded by 8-lane gathers whose
// offset vectors (c * channels + 0..7, c = 0..2) step 8 channels per block, products of the even
// and odd channels widened into two int32x4 accumulators started at the folded biases, the
// requantization parameters loaded in even-odd order, the two halves narrowed back into channel
// order and stored with one contiguous narrowing store.
__attribute__((noinline)) void Whole3x3(const Taps& t, const Params& p, const EvenOdd& eo, int32_t blocks, int8_t* out) {
  const int8_t* i0 = t.rows[0];
  const int8_t* i1 = t.rows[1];
  const int8_t* i2 = t.rows[2];
  const int8_t* w0 = t.wt;
  const int8_t* w1 = w0 + p.filter_row;
  const int8_t* w2 = w1 + p.filter_row;
  const int32_t* fp = p.folded;
  const int32_t* mp = eo.multipliers;
  const int8_t* np = eo.neg_right;
  const int32_t oo = p.r.output_offset;
  const int32_t eight = 8;
  const uint16x8_t lanes = vidupq_n_u16(0, 1);
  uint16x8_t off0 = lanes;
  uint16x8_t off1 = vaddq_n_u16(lanes, static_cast<uint16_t>(p.channels));
  uint16x8_t off2 = vaddq_n_u16(lanes, static_cast<uint16_t>(2 * p.channels));
  register int32_t count __asm__("lr") = blocks;
#define TINYRT_DW_TAP(i, w, off)     \
  "vldrb.s16 q5, [%[" i "], %q[" off \
  "]]\n\t"                           \
  "vldrb.s16 q6, [%[" w "], %q[" off \
  "]]\n\t"                           \
  "vmullb.s16 q7, q5, q6\n\t"        \
  "vadd.i32 q3, q3, q7\n\t"          \
  "vmullt.s16 q7, q5, q6\n\t"        \
  "vadd.i32 q4, q4, q7\n\t"
#define TINYRT_DW_ROW(i, w) TINYRT_DW_TAP(i, w, "o0") TINYRT_DW_TAP(i, w, "o1") TINYRT_DW_TAP(i, w, "o2")
  __asm__ volatile(
      "dls lr, lr\n"
      "1:\n\t"
      "vldrw.u32 q3, [%[fp]], #16\n\t"
      "vldrw.u32 q4, [%[fp]], #16\n\t" TINYRT_DW_ROW("i0", "w0") TINYRT_DW_ROW("i1", "w1") TINYRT_DW_ROW("i2", "w2")
      "vadd.i16 %q[o0], %q[o0], %[eight]\n\t"
      "vadd.i16 %q[o1], %q[o1], %[eight]\n\t"
      "vadd.i16 %q[o2], %q[o2], %[eight]\n\t"
      "vldrw.u32 q5, [%[mp]], #16\n\t"
      "vqrdmulh.s32 q3, q3, q5\n\t"
      "vldrw.u32 q6, [%[mp]], #16\n\t"
      "vqrdmulh.s32 q4, q4, q6\n\t"
      "vshr.s32 q7, q3, #31\n\t"
      "vadd.i32 q3, q3, q7\n\t"
      "vshr.s32 q7, q4, #31\n\t"
      "vadd.i32 q4, q4, q7\n\t"
      "vldrb.s32 q5, [%[np]], #4\n\t"
      "vrshl.s32 q3, q3, q5\n\t"
      "vldrb.s32 q6, [%[np]], #4\n\t"
      "vrshl.s32 q4, q4, q6\n\t"
      "vadd.i32 q3, q3, %[oo]\n\t"
      "vadd.i32 q4, q4, %[oo]\n\t"
      "vqmovnb.s32 q3, q3\n\t"
      "vqmovnt.s32 q3, q4\n\t"
      "vqmovnb.s16 q3, q3\n\t"
      "vstrb.16 q3, [%[out]], #8\n\t"
      "le lr, 1b\n"
      : [o0] "+w"(off0), [o1] "+w"(off1), [o2] "+w"(off2), [fp] "+r"(fp), [mp] "+r"(mp), [np] "+r"(np), [out] "+r"(out), "+r"(count)
      : [i0] "r"(i0), [i1] "r"(i1), [i2] "r"(i2), [w0] "r"(w0), [w1] "r"(w1), [w2] "r"(w2), [oo] "r"(oo), [eight] "r"(eight)
      : "q3", "q4", "q5", "q6", "q7", "memory");
#undef TINYRT_DW_ROW
#undef TINYRT_DW_TAP
  (void)count;
}

// kFold: a whole window, the input offset folded into p.folded (no per-tap offset add);
// kFast: p.fast (bias in the accumulators' start, no left shift, saturating narrows).
template <bool kTail, bool kFold, bool kFast>
inline __attribute__((always_inline)) void Block8(const Taps& t, const Params& p, int32_t o, int8_t* out) {
  const int32_t channels = p.channels;
  const mve_pred16_t lanes16 = kTail ? vctp16q(static_cast<uint32_t>(channels - o)) : 0;
  const int16_t offset = static_cast<int16_t>(p.offset);
  const uint32x4_t idx = vidupq_n_u32(0, 2);  // channels 0, 2, 4, 6 of the block
  const int32_t left = channels - o;
  const mve_pred16_t pe = kTail ? vctp32q(static_cast<uint32_t>((left + 1) / 2)) : 0;
  const mve_pred16_t po = kTail ? vctp32q(static_cast<uint32_t>(left / 2)) : 0;
  const int32_t* start = kFold ? p.folded : p.bias;
  int32x4_t even, odd;
  if ((kFast || kFold) && start != nullptr) {
    if (kTail) {
      even = vldrwq_gather_shifted_offset_z_s32(start + o, idx, pe);
      odd = vldrwq_gather_shifted_offset_z_s32(start + o + 1, idx, po);
    } else {
      even = vldrwq_gather_shifted_offset_s32(start + o, idx);
      odd = vldrwq_gather_shifted_offset_s32(start + o + 1, idx);
    }
  } else {
    even = vdupq_n_s32(0);
    odd = vdupq_n_s32(0);
  }
  const int8_t* w_row = t.wt + o;
  const int32_t in_step = p.in_step;
  auto tap = [&](const int8_t* ip, const int8_t* wp) {
    int16x8_t x, w;
    if (kTail) {
      x = vldrbq_z_s16(ip, lanes16);
      w = vldrbq_z_s16(wp, lanes16);
    } else {
      x = vldrbq_s16(ip);
      w = vldrbq_s16(wp);
    }
    if (!kFold) x = vaddq_n_s16(x, offset);
    even = vaddq_s32(even, vmullbq_int_s16(x, w));
    odd = vaddq_s32(odd, vmulltq_int_s16(x, w));
  };
  if (t.cols == 3) {  // the 3-wide windows of most models, unrolled
    for (int32_t row = 0; row < t.num_rows; ++row, w_row += p.filter_row) {
      const int8_t* ip = t.rows[row] + o;
      tap(ip, w_row);
      tap(ip + in_step, w_row + channels);
      tap(ip + 2 * in_step, w_row + 2 * channels);
    }
  } else if (t.cols == 2) {  // their border pixels
    for (int32_t row = 0; row < t.num_rows; ++row, w_row += p.filter_row) {
      const int8_t* ip = t.rows[row] + o;
      tap(ip, w_row);
      tap(ip + in_step, w_row + channels);
    }
  } else {
    for (int32_t row = 0; row < t.num_rows; ++row, w_row += p.filter_row) {
      const int8_t* ip = t.rows[row] + o;
      const int8_t* wp = w_row;
      for (int32_t c = t.cols; c > 0; --c, ip += in_step, wp += channels) tap(ip, wp);
    }
  }
  if (kFast) {
    auto requantize = [&](int32x4_t acc, int32_t c, mve_pred16_t pr) __attribute__((always_inline)) {
      int32x4_t m, nr;
      if (kTail) {
        m = vldrwq_gather_shifted_offset_z_s32(p.multipliers + c, idx, pr);
        nr = vldrbq_gather_offset_z_s32(p.neg_right + c, idx, pr);
      } else {
        m = vldrwq_gather_shifted_offset_s32(p.multipliers + c, idx);
        nr = vldrbq_gather_offset_s32(p.neg_right + c, idx);
      }
      const int32x4_t tq = vqrdmulhq_s32(acc, m);
      int32x4_t v = vaddq_n_s32(vrshlq_s32(vaddq_s32(tq, vshrq_n_s32(tq, 31)), nr), p.r.output_offset);
      const int16x8_t h = vqmovnbq_s32(vreinterpretq_s16_s32(v), v);
      v = vreinterpretq_s32_s8(vqmovnbq_s16(vreinterpretq_s8_s16(h), h));
      if (kTail) {
        vstrbq_scatter_offset_p_s32(out + c, idx, v, pr);
      } else {
        vstrbq_scatter_offset_s32(out + c, idx, v);
      }
    };
    requantize(even, o, pe);
    requantize(odd, o + 1, po);
    return;
  }
  const int32x4_t act_min = vdupq_n_s32(p.r.act_min), act_max = vdupq_n_s32(p.r.act_max);
  // Even channels, then odd ones (base + 1).
  auto requantize = [&](int32x4_t acc, int32_t c, mve_pred16_t pr) __attribute__((always_inline)) {
    QuantBlock q;
    if (kTail) {
      if (!kFold && p.bias != nullptr) acc = vaddq_s32(acc, vldrwq_gather_shifted_offset_z_s32(p.bias + c, idx, pr));
      q.multiplier = vldrwq_gather_shifted_offset_z_s32(p.multipliers + c, idx, pr);
      q.left = vldrbq_gather_offset_z_s32(p.left + c, idx, pr);
      q.neg_right = vldrbq_gather_offset_z_s32(p.neg_right + c, idx, pr);
      q.round_mask = vshrq_n_s32(q.neg_right, 31);
      vstrbq_scatter_offset_p_s32(out + c, idx, RequantizeBlock(acc, q, p.r.output_offset, act_min, act_max), pr);
    } else {
      if (!kFold && p.bias != nullptr) acc = vaddq_s32(acc, vldrwq_gather_shifted_offset_s32(p.bias + c, idx));
      q.multiplier = vldrwq_gather_shifted_offset_s32(p.multipliers + c, idx);
      q.left = vldrbq_gather_offset_s32(p.left + c, idx);
      q.neg_right = vldrbq_gather_offset_s32(p.neg_right + c, idx);
      q.round_mask = vshrq_n_s32(q.neg_right, 31);
      vstrbq_scatter_offset_s32(out + c, idx, RequantizeBlock(acc, q, p.r.output_offset, act_min, act_max));
    }
  };
  requantize(even, o, pe);
  requantize(odd, o + 1, po);
}

template <bool kFold, bool kFast>
inline __attribute__((always_inline)) void Channels(const Taps& t, const Params& p, int8_t* out) {
  int32_t o = 0;
  for (; o + 8 <= p.channels; o += 8) Block8<false, kFold, kFast>(t, p, o, out);
  if (o < p.channels) Block8<true, kFold, kFast>(t, p, o, out);
}

// Every channel of one output pixel.
__attribute__((noinline)) void Pixel(const Taps& t, const Params& params, const EvenOdd* eo, int8_t* out) {
  const bool fold = t.num_rows == params.filter_height && t.cols == params.filter_width;
  if (fold && eo != nullptr) {
    const int32_t blocks = params.channels / 8;
    Whole3x3(t, params, *eo, blocks, out);
    if (blocks * 8 < params.channels) {
      const Params p = params;
      Block8<true, true, true>(t, p, blocks * 8, out);
    }
    return;
  }
  const Params p = params;  // a copy: the int8 stores may alias anything reached through a reference
  if (p.fast) {
    if (fold) {
      Channels<true, true>(t, p, out);
    } else {
      Channels<false, true>(t, p, out);
    }
  } else {
    if (fold) {
      Channels<true, false>(t, p, out);
    } else {
      Channels<false, false>(t, p, out);
    }
  }
}

Status EvalMultiplier1(const EvalContext& ctx, const DepthwiseConvData& d) {
  const ConvGeometry g = d.g;  // a copy: output stores could alias the op data
  const ConvQuantParams q = d.q;
  const int8_t* input = ctx.input<int8_t>(0);
  const int8_t* filter = ctx.input<int8_t>(1);
  int8_t* output = ctx.output<int8_t>(0);
  const int32_t channels = g.output_depth;
  Params p;
  p.channels = channels;
  p.in_step = g.dilation_width * channels;
  p.filter_row = g.filter_width * channels;
  p.offset = q.input_offset;
  p.bias = ctx.has_input(2) ? ctx.input<int32_t>(2) : nullptr;
  p.multipliers = d.multipliers();
  // Shifts split once per Invoke into a left shift and a (negated) right shift per channel.
  int8_t left_buf[kMaxStackChannels], neg_right_buf[kMaxStackChannels];
  const int8_t* shifts = d.shifts();
  for (int32_t c = 0; c < channels; ++c) {
    const int32_t sh = shifts[c];
    left_buf[c] = static_cast<int8_t>(sh > 0 ? (sh > 31 ? 31 : sh) : 0);
    neg_right_buf[c] = static_cast<int8_t>(sh < 0 ? (sh < -31 ? -31 : sh) : 0);
  }
  p.left = left_buf;
  p.neg_right = neg_right_buf;
  p.r = Requant{q.output_offset, q.act_min, q.act_max};
  bool right_only = true;
  for (int32_t c = 0; c < channels; ++c) right_only = right_only && left_buf[c] == 0 && neg_right_buf[c] < 0;
  p.fast = right_only && q.act_min <= -128 && q.act_max >= 127;
  p.filter_height = g.filter_height;
  p.filter_width = g.filter_width;
  // Whole windows: bias + offset * (sum of the channel's weights), once per Invoke.
  int32_t folded_buf[kMaxStackChannels];
  const int32_t taps = g.filter_height * g.filter_width;
  for (int32_t c = 0; c < channels; ++c) {
    int32_t sum = 0;
    for (int32_t k = 0; k < taps; ++k) sum += filter[k * channels + c];
    folded_buf[c] = (p.bias != nullptr ? p.bias[c] : 0) + q.input_offset * sum;
  }
  p.folded = folded_buf;
  // Whole 3x3 windows in assembly: the parameters of each block of 8 channels in even-odd order.
  int32_t multipliers_eo[kMaxStackChannels];
  int8_t neg_right_eo[kMaxStackChannels];
  const bool whole3x3 = p.fast && g.filter_height == 3 && g.filter_width == 3 && g.dilation_width == 1 && channels >= 8;
  EvenOdd eo_buf{multipliers_eo, neg_right_eo};
  const EvenOdd* eo = whole3x3 ? &eo_buf : nullptr;
  if (whole3x3) {
    for (int32_t b = 0; b + 8 <= channels; b += 8) {
      int32_t f[8];
      for (int32_t i = 0; i < 8; ++i) f[i] = folded_buf[b + i];
      for (int32_t i = 0; i < 4; ++i) {
        folded_buf[b + i] = f[2 * i];
        folded_buf[b + 4 + i] = f[2 * i + 1];
        multipliers_eo[b + i] = p.multipliers[b + 2 * i];
        multipliers_eo[b + 4 + i] = p.multipliers[b + 2 * i + 1];
        neg_right_eo[b + i] = neg_right_buf[b + 2 * i];
        neg_right_eo[b + 4 + i] = neg_right_buf[b + 2 * i + 1];
      }
    }
  }
  const bool shared = static_cast<const void*>(output) == static_cast<const void*>(input);
  Taps t;
  // Narrow rows of whole-window layers whose padding is at most one pixel per side: each output
  // row from copies of its input rows with the padding filled in (padded_rows).
  alignas(16) int8_t padded[3][kMaxPaddedRow];
  const int32_t last_ix = (g.output_width - 1) * g.stride_width - g.pad_width;
  const bool padded_rows = eo != nullptr && (channels & 7) == 0 && (g.input_width + 2) * channels <= kMaxPaddedRow && g.pad_width <= 1 &&
                           last_ix + 2 <= g.input_width;
  const int8x16_t zp = vdupq_n_s8(static_cast<int8_t>(-q.input_offset));
  ForEachOutputRow(input, g, d.in_place, shared ? ctx.scratch(d.ring) : nullptr, shared,
                   [&](const OutputRow& output_row, const WindowRows<int8_t>& rows) {
                     [[maybe_unused]] const auto [b, oy, iy0, fy_begin, fy_end] = output_row;
                     t.num_rows = fy_end - fy_begin;
                     int8_t* out = output + (static_cast<size_t>(b) * g.output_height + oy) * g.output_width * channels;
                     if (padded_rows) {
                       // Every pixel of the row in Whole3x3: the three input rows copied with one zero-point
                       // pixel on each side, missing rows all zero points (padding taps add nothing once the
                       // offset is folded into the bias).
                       const int32_t row_bytes = g.input_width * channels;
                       for (int32_t fy = 0; fy < 3; ++fy) {
                         int8_t* dst = padded[fy];
                         if (fy >= fy_begin && fy < fy_end) {
                           FillBytes(dst, zp, channels);
                           CopyBytes(dst + channels, rows[fy], row_bytes);
                           FillBytes(dst + channels + row_bytes, zp, channels);
                         } else {
                           FillBytes(dst, zp, row_bytes + 2 * channels);
                         }
                       }
                       Taps w;
                       w.num_rows = 3;
                       w.cols = 3;
                       w.wt = filter;
                       int32_t in_col = (1 - g.pad_width) * channels;
                       const int32_t step_bytes = g.stride_width * channels;
                       for (int32_t ox = 0; ox < g.output_width; ++ox, out += channels, in_col += step_bytes) {
                         w.rows[0] = padded[0] + in_col;
                         w.rows[1] = padded[1] + in_col;
                         w.rows[2] = padded[2] + in_col;
                         Whole3x3(w, p, *eo, channels / 8, out);
                       }
                       return;  // the next row
                     }
                     const int32_t num_rows = t.num_rows;
                     const int8_t* base[kMaxInPlaceFilterRows];
                     for (int32_t fy = fy_begin; fy < fy_end; ++fy) base[fy - fy_begin] = rows[fy];
                     const int8_t* wt_row = filter + static_cast<size_t>(fy_begin) * p.filter_row;
                     const bool whole_rows = eo != nullptr && num_rows == 3 && (channels & 7) == 0;
                     const int32_t span = (g.filter_width - 1) * g.dilation_width;
                     for (int32_t ox = 0; ox < g.output_width; ++ox, out += channels) {
                       const int32_t ix0 = ox * g.stride_width - g.pad_width;
                       if (ix0 >= 0 && ix0 + span < g.input_width) {
                         // The whole row of filter taps is inside the image.
                         const int32_t in_col = ix0 * channels;
                         t.cols = g.filter_width;
                         for (int32_t i = 0; i < num_rows; ++i) t.rows[i] = base[i] + in_col;
                         t.wt = wt_row;
                         if (whole_rows) {
                           Whole3x3(t, p, *eo, channels / 8, out);
                         } else {
                           Pixel(t, p, eo, out);
                         }
                         continue;
                       }
                       int32_t fx_begin, fx_end;
                       WindowTaps(ix0, g.dilation_width, g.filter_width, g.input_width, &fx_begin, &fx_end);
                       t.cols = fx_end - fx_begin;
                       const int32_t in_col = (ix0 + fx_begin * g.dilation_width) * channels;
                       for (int32_t fy = fy_begin; fy < fy_end; ++fy) t.rows[fy - fy_begin] = rows[fy] + in_col;
                       t.wt = filter + static_cast<size_t>(fy_begin) * p.filter_row + fx_begin * channels;
                       Pixel(t, p, eo, out);
                     }
                   });
  return Status::Ok();
}

// One input channel, multiplier M: transposed weights, im2col columns, the Helium GEMM.
Status EvalSingleChannel(const DepthwiseEvalOperands& op) {
  const ConvGeometry g = op.g;
  const SingleChannelOperands s = MakeSingleChannelOperands(op, /*padded=*/false);
  const int32_t taps = s.taps;
  const int32_t depth = g.output_depth;
  const int32_t offset = op.q.input_offset;
  const int8_t* weights = s.weights;
  int8_t* col0 = s.col0;
  const int32_t* bias = op.bias;
  const int32_t* multipliers = op.multipliers;
  const int8_t* shifts = op.shifts;
  int8_t* output = op.output;
  int32_t ebias_buf[kMaxStackChannels];
  const int32_t* ebias = nullptr;
  if (depth <= kMaxStackChannels) {
    EffectiveBias(weights, taps, depth, bias, offset, ebias_buf);
    ebias = ebias_buf;
  }
  const int8_t zero_point = s.zero_point;
  const Requant r = op.r;
  ForEachOutputRow(op.input, g, op.in_place, op.ring, op.shared, [&](const OutputRow& output_row, const WindowRows<int8_t>& rows) {
    [[maybe_unused]] const auto [b, oy, iy0, fy_begin, fy_end] = output_row;
    int8_t* out_row = output + (static_cast<size_t>(b) * g.output_height + oy) * g.output_width * depth;
    for (int32_t ox = 0; ox < g.output_width; ox += 2) {
      const int32_t n = ox + 1 < g.output_width ? 2 : 1;
      Columns(rows, fy_begin, fy_end, g, ox, n, zero_point, col0);
      Gemm(col0, taps, n, taps, offset, weights, depth, ebias, bias, multipliers, shifts, true, r,
           out_row + static_cast<size_t>(ox) * depth, depth);
    }
  });
  return Status::Ok();
}

// Other depth multipliers (and layers wider than the stack's per-channel arrays, or filters taller
// than kMaxInPlaceFilterRows): per output pixel, blocks of 4 output channels on int32x4 vectors
// for multiplier 1 or a multiple of 4 (in a function of its own so that its loops get the
// registers), channels left over one at a time.
__attribute__((noinline)) void BlockedChannels(const PixelJob& job, int32_t blocks, int8_t* out) {
  const int32_t offset = job.offset;
  for (int32_t oc = 0; oc < blocks * 4; oc += 4) {
    const int32_t ic = oc / job.multiplier;
    const int8_t* w_row = job.wt + oc;
    int32x4_t va = vdupq_n_s32(0);
    for (int32_t row = 0; row < job.num_rows; ++row, w_row += job.filter_row) {
      const int8_t* ip = job.rows[row] + ic;
      const int8_t* wp = w_row;
      const int8_t* end = ip + job.cols * job.in_step;
      if (job.multiplier == 1) {
        // MVE has no vector-by-vector VMLA: multiply, then add.
        for (; ip != end; ip += job.in_step, wp += job.out_depth)
          va = vaddq_s32(va, vmulq_s32(vaddq_n_s32(vldrbq_s32(ip), offset), vldrbq_s32(wp)));
      } else {
        for (; ip != end; ip += job.in_step, wp += job.out_depth) va = vmlaq_n_s32(va, vldrbq_s32(wp), *ip + offset);
      }
    }
    const int32x4_t sums = vaddq_s32(va, job.bias != nullptr ? vldrwq_s32(job.bias + oc) : vdupq_n_s32(0));
    vstrbq_s32(out + oc, RequantizeVec(sums, vldrwq_s32(job.multipliers + oc), vldrbq_s32(job.shifts + oc), job.r));
  }
}

Status EvalBlocked(const DepthwiseEvalOperands& op) {
  const bool blocked = BlockedChannelsApply(op);
  PixelJob job = MakePixelJob(op);
  ForEachOutputPixel(op, [&](const WindowRows<int8_t>& rows, const Window& w, int32_t, int8_t* out) {
    int32_t oc = 0;
    if (blocked) {
      SetPixelWindow(rows, w, op, &job);
      BlockedChannels(job, op.g.output_depth / 4, out);
      oc = op.g.output_depth / 4 * 4;
    }
    RemainingChannels(rows, w, op, oc, out);
    return 1;
  });
  return Status::Ok();
}

// Depth multiplier 1 within the stack's per-channel arrays and kMaxInPlaceFilterRows rows.
bool Multiplier1(const DepthwiseConvData& d) {
  return d.depth_multiplier == 1 && d.g.filter_height <= kMaxInPlaceFilterRows && d.g.output_depth <= kMaxStackChannels;
}

}  // namespace
}  // namespace mve
}  // namespace opt

Status EvalDepthwiseConv2DInt8Mve(const EvalContext& ctx) {
  if (!TINYRT_OPT_KERNELS) return Status::Ok();  // never selected; the code below compiles out
  const auto& d = *ctx.op_data<DepthwiseConvData>();
  if (opt::mve::Multiplier1(d)) return opt::mve::EvalMultiplier1(ctx, d);
  const opt::DepthwiseEvalOperands op = opt::MakeDepthwiseEvalOperands(ctx);
  if (op.scratch != nullptr) return opt::mve::EvalSingleChannel(op);
  return opt::mve::EvalBlocked(op);
}

}  // namespace kernels
}  // namespace tinyrt

#endif  // TINYRT_ISA_MVE
