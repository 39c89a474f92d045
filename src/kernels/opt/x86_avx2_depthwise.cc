// SPDX-License-Identifier: Apache-2.0
// x86-64 AVX2 int8 DEPTHWISE_CONV_2D.
//  - Depth multiplier 1 with 8 to 2048 channels (MultiplierOnePairs, below): two taps per
//    VPMADDWD from a per-row pair table (rows outside the input zeroed, input offset folded into
//    the bias); interior pixels through per-tap base pointers, 8-channel layers two pixels per
//    vector.
//  - Other multiplier-1 shapes (fewer than 8 channels, very large tables): per output pixel,
//    blocks of 16 channels (NHWC keeps them contiguous) over the window's valid taps (padding taps
//    skipped as in the reference): input + offset and weights widened to int16, multiplied with
//    VPMULLW (exact: |x + offset| <= 255, |w| <= 128, so |product| <= 32640), widened to int32 and
//    summed in two int32x8 accumulators; requantized on 8 lanes (Requant8). Then 8 channels, then
//    single ones.
//  - One input channel with a multiplier M (micro_speech, person_detect's first layer): filters at
//    most 16 wide by filter rows (x86_avx2_rowpairs.cc); else M output channels per pixel on
//    vector lanes, two taps per VPMADDWD (EvalSingleChannelPairs); shapes beyond its stack
//    buffers: as opt/depthwise_conv_2d.cc, a convolution through the AVX2 GEMM (transposed weights
//    and im2col columns in the scratch Prepare requested).
//  Other depth multipliers run the portable variant (opt/variants.h).
#include "src/kernels/opt/depthwise_conv_2d_operands.h"
#include "src/kernels/opt/x86_avx2.h"

#if defined(TINYRT_ISA_X86_AVX2)

#include <immintrin.h>

#include "src/kernels/opt/im2col.h"
#include "src/kernels/opt/x86_avx2_util.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr int32_t kMaxRows = 32;  // filter rows (DepthwiseConv2DInt8X86Avx2Runs)

// Sum over the taps of channels c .. c+15 (two int32x8 halves).
TINYRT_AVX2 TINYRT_INLINE void Sum16(const int8_t* const* row_in, const int8_t* wt, int32_t rows, int32_t cols, int32_t in_col,
                                     int32_t wt_row, int32_t wt_col, __m256i off, __m256i* lo, __m256i* hi) {
  __m256i a = *lo, b = *hi;
  for (int32_t y = 0; y < rows; ++y) {
    const int8_t* ip = row_in[y];
    const int8_t* wp = wt + static_cast<size_t>(y) * wt_row;
    for (int32_t x = 0; x < cols; ++x, ip += in_col, wp += wt_col) {
      const __m256i xv = _mm256_add_epi16(_mm256_cvtepi8_epi16(opt::Load16(ip)), off);
      const __m256i p = _mm256_mullo_epi16(xv, _mm256_cvtepi8_epi16(opt::Load16(wp)));
      a = _mm256_add_epi32(a, _mm256_cvtepi16_epi32(_mm256_castsi256_si128(p)));
      b = _mm256_add_epi32(b, _mm256_cvtepi16_epi32(_mm256_extracti128_si256(p, 1)));
    }
  }
  *lo = a;
  *hi = b;
}

TINYRT_AVX2 TINYRT_INLINE __m256i Sum8(const int8_t* const* row_in, const int8_t* wt, int32_t rows, int32_t cols, int32_t in_col,
                                       int32_t wt_row, int32_t wt_col, __m128i off, __m256i acc) {
  for (int32_t y = 0; y < rows; ++y) {
    const int8_t* ip = row_in[y];
    const int8_t* wp = wt + static_cast<size_t>(y) * wt_row;
    for (int32_t x = 0; x < cols; ++x, ip += in_col, wp += wt_col) {
      const __m128i xv = _mm_add_epi16(_mm_cvtepi8_epi16(opt::Load8(ip)), off);
      acc = _mm256_add_epi32(acc, _mm256_cvtepi16_epi32(_mm_mullo_epi16(xv, _mm_cvtepi8_epi16(opt::Load8(wp)))));
    }
  }
  return acc;
}

// One output pixel, all channels (multiplier 1). row_in[y]: the first valid tap of valid row y.
TINYRT_AVX2 void Pixel(const int8_t* const* row_in, const int8_t* wt, int32_t rows, int32_t cols, int32_t in_col, int32_t wt_row,
                       int32_t depth, int32_t offset, const int32_t* bias, const int32_t* multipliers, const int8_t* shifts,
                       const opt::Requant& r, const opt::RequantVec& rv, int8_t* out) {
  const __m256i off = _mm256_set1_epi16(static_cast<int16_t>(offset));
  const int32_t wt_col = depth;
  const int8_t* rp[kMaxRows];
  int32_t c = 0;
  for (; c + 16 <= depth; c += 16) {
    for (int32_t y = 0; y < rows; ++y) rp[y] = row_in[y] + c;
    __m256i lo = bias != nullptr ? opt::Load32(bias + c) : _mm256_setzero_si256();
    __m256i hi = bias != nullptr ? opt::Load32(bias + c + 8) : _mm256_setzero_si256();
    Sum16(rp, wt + c, rows, cols, in_col, wt_row, wt_col, off, &lo, &hi);
    lo = opt::Requant8(lo, opt::Load32(multipliers + c), _mm256_cvtepi8_epi32(opt::Load8(shifts + c)), rv);
    hi = opt::Requant8(hi, opt::Load32(multipliers + c + 8), _mm256_cvtepi8_epi32(opt::Load8(shifts + c + 8)), rv);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + c), _mm_unpacklo_epi64(opt::PackBytes(lo), opt::PackBytes(hi)));
  }
  if (c + 8 <= depth) {
    for (int32_t y = 0; y < rows; ++y) rp[y] = row_in[y] + c;
    __m256i acc = bias != nullptr ? opt::Load32(bias + c) : _mm256_setzero_si256();
    acc = Sum8(rp, wt + c, rows, cols, in_col, wt_row, wt_col, _mm256_castsi256_si128(off), acc);
    acc = opt::Requant8(acc, opt::Load32(multipliers + c), _mm256_cvtepi8_epi32(opt::Load8(shifts + c)), rv);
    _mm_storel_epi64(reinterpret_cast<__m128i*>(out + c), opt::PackBytes(acc));
    c += 8;
  }
  for (; c < depth; ++c) {
    int32_t acc = bias != nullptr ? bias[c] : 0;
    for (int32_t y = 0; y < rows; ++y) {
      const int8_t* ip = row_in[y] + c;
      const int8_t* wp = wt + static_cast<size_t>(y) * wt_row + c;
      for (int32_t x = 0; x < cols; ++x, ip += in_col, wp += wt_col) acc += *wp * (*ip + offset);
    }
    out[c] = opt::Requantize(acc, multipliers[c], shifts[c], r);
  }
}

// One input channel, multiplier M a multiple of 8 (micro_speech, person_detect's first layer),
// at most kMaxPairWeights int16 weights: the output channels are contiguous in the filter
// ([1, H, W, M]), so each output pixel is acc[m] += (x[tap] + offset) * w[tap][m] on 8 channels per
// vector, two taps per VPMADDWD: the weights of taps 2j and 2j+1 interleaved as int16 pairs once
// per Invoke (on the stack), each pixel's window as int16 pairs (padding taps 0, i.e. skipped).
constexpr int32_t kMaxPairWeights = 4096;

bool PairedSingleChannel(const ConvGeometry& g) {
  const int32_t pairs = (g.filter_height * g.filter_width + 1) / 2;
  return g.output_depth % 8 == 0 && g.filter_height <= kMaxInPlaceFilterRows &&
         static_cast<int64_t>(pairs) * 2 * g.output_depth <= kMaxPairWeights;
}

TINYRT_AVX2 Status EvalSingleChannelPairs(const EvalContext& ctx, const DepthwiseConvData& d) {
  const ConvGeometry g = d.g;
  const ConvQuantParams q = d.q;
  const int32_t* multipliers = d.multipliers();
  const int8_t* shifts = d.shifts();
  const int8_t* input = ctx.input<int8_t>(0);
  const int8_t* filter = ctx.input<int8_t>(1);
  const int32_t* bias = ctx.has_input(2) ? ctx.input<int32_t>(2) : nullptr;
  int8_t* output = ctx.output<int8_t>(0);
  const int32_t taps = g.filter_height * g.filter_width;
  const int32_t pairs = (taps + 1) / 2;
  const int32_t depth = g.output_depth;
  const int32_t groups = depth / 8;
  const int32_t offset = q.input_offset;
  // weights[j * groups + k]: lanes m = (w[2j][8k + m], w[2j + 1][8k + m]) as int16.
  alignas(32) int32_t weights[kMaxPairWeights / 2];
  for (int32_t j = 0; j < pairs; ++j) {
    for (int32_t m = 0; m < depth; ++m) {
      const int32_t lo = filter[2 * j * depth + m];
      const int32_t hi = 2 * j + 1 < taps ? filter[(2 * j + 1) * depth + m] : 0;
      weights[j * depth + m] = static_cast<int32_t>((static_cast<uint32_t>(lo) & 0xFFFFu) | (static_cast<uint32_t>(hi) << 16));
    }
  }
  const opt::Requant r{q.output_offset, q.act_min, q.act_max};
  const opt::RequantVec rv = opt::MakeRequantVec(r);
  const bool shared = static_cast<const void*>(output) == static_cast<const void*>(input);
  int16_t xs[kMaxPairWeights / 8 + 32];  // taps <= 2 * pairs <= kMaxPairWeights / 8 (depth >= 8), + a vector's spill
  const __m256i off16 = _mm256_set1_epi16(static_cast<int16_t>(offset));
  __m256i acc[kMaxPairWeights / 16];  // groups <= kMaxPairWeights / 16 (pairs >= 1)
  ForEachOutputRow(
      input, g, d.in_place, shared ? ctx.scratch(d.ring) : nullptr, shared,
      [&](const OutputRow& output_row, const WindowRows<int8_t>& rows) TINYRT_AVX2 {
        [[maybe_unused]] const auto [b, oy, iy0, fy_begin, fy_end] = output_row;
        int8_t* out_row = output + (static_cast<size_t>(b) * g.output_height + oy) * g.output_width * depth;
        for (int32_t ox = 0; ox < g.output_width; ++ox) {
          const int32_t ix0 = ox * g.stride_width - g.pad_width;
          int32_t fx_begin, fx_end;
          WindowTaps(ix0, g.dilation_width, g.filter_width, g.input_width, &fx_begin, &fx_end);
          const bool full = fy_begin == 0 && fy_end == g.filter_height && fx_begin == 0 && fx_end == g.filter_width;
          if (!full) {
            for (int32_t k = 0; k < 2 * pairs; ++k) xs[k] = 0;
          } else if (2 * pairs > taps) {
            xs[taps] = 0;  // the odd tap's partner (its weights are 0 too)
          }
          // Whole rows of up to 16 taps that 16 bytes cover: widened on a vector (the 16 int16 stored
          // may run into the next row's slots, written after, or past the last tap: xs has room).
          const bool vector_rows = full && g.dilation_width == 1 && g.filter_width <= 16 && ix0 + 16 <= g.input_width;
          for (int32_t fy = fy_begin; fy < fy_end; ++fy) {
            const int8_t* row = rows[fy];
            int16_t* x = xs + fy * g.filter_width;
            if (vector_rows) {
              _mm256_storeu_si256(reinterpret_cast<__m256i*>(x), _mm256_add_epi16(_mm256_cvtepi8_epi16(opt::Load16(row + ix0)), off16));
            } else {
              for (int32_t fx = fx_begin; fx < fx_end; ++fx) x[fx] = static_cast<int16_t>(row[ix0 + fx * g.dilation_width] + offset);
            }
          }
          if (vector_rows && 2 * pairs > taps) xs[taps] = 0;
          int8_t* out = out_row + static_cast<size_t>(ox) * depth;
          if (groups == 1) {  // 8 channels (micro_speech, person_detect): the accumulator in a register
            __m256i a = bias != nullptr ? opt::Load32(bias) : _mm256_setzero_si256();
            for (int32_t j = 0; j < pairs; ++j) {
              int32_t pair;
              memcpy(&pair, xs + 2 * j, 4);
              a = _mm256_add_epi32(a, _mm256_madd_epi16(_mm256_set1_epi32(pair), opt::Load32(weights + 8 * j)));
            }
            const __m256i v = opt::Requant8(a, opt::Load32(multipliers), _mm256_cvtepi8_epi32(opt::Load8(shifts)), rv);
            _mm_storel_epi64(reinterpret_cast<__m128i*>(out), opt::PackBytes(v));
            continue;
          }
          for (int32_t k = 0; k < groups; ++k) acc[k] = bias != nullptr ? opt::Load32(bias + 8 * k) : _mm256_setzero_si256();
          const int32_t* w = weights;
          for (int32_t j = 0; j < pairs; ++j, w += depth) {
            int32_t pair;
            memcpy(&pair, xs + 2 * j, 4);
            if (pair == 0) continue;  // padding (or zero-valued) taps add nothing
            const __m256i x = _mm256_set1_epi32(pair);
            for (int32_t k = 0; k < groups; ++k) acc[k] = _mm256_add_epi32(acc[k], _mm256_madd_epi16(x, opt::Load32(w + 8 * k)));
          }
          for (int32_t k = 0; k < groups; ++k) {
            const __m256i v = opt::Requant8(acc[k], opt::Load32(multipliers + 8 * k), _mm256_cvtepi8_epi32(opt::Load8(shifts + 8 * k)), rv);
            _mm_storel_epi64(reinterpret_cast<__m128i*>(out + 8 * k), opt::PackBytes(v));
          }
        }
      });
  return Status::Ok();
}

// One input channel, multiplier M: transposed weights, im2col columns, the AVX2 GEMM (as the
// portable variant, same scratch).
TINYRT_AVX2 Status EvalSingleChannel(const EvalContext& ctx) {
  const opt::DepthwiseEvalOperands op = opt::MakeDepthwiseEvalOperands(ctx);
  const ConvGeometry& g = op.g;
  const opt::SingleChannelOperands s = opt::MakeSingleChannelOperands(op, /*padded=*/false);
  const int32_t depth = g.output_depth;
  ForEachOutputRow(op.input, g, op.in_place, op.ring, op.shared,
                   [&](const OutputRow& output_row, const WindowRows<int8_t>& rows) TINYRT_AVX2 {
                     [[maybe_unused]] const auto [b, oy, iy0, fy_begin, fy_end] = output_row;
                     int8_t* out_row = op.output + (static_cast<size_t>(b) * g.output_height + oy) * g.output_width * depth;
                     for (int32_t ox = 0; ox < g.output_width; ox += 2) {
                       const bool pair = ox + 1 < g.output_width;
                       opt::BuildColumn(rows, fy_begin, fy_end, g, ox, s.zero_point, s.col0);
                       if (pair) opt::BuildColumn(rows, fy_begin, fy_end, g, ox + 1, s.zero_point, s.col1);
                       int8_t* out0 = out_row + static_cast<size_t>(ox) * depth;
                       opt::GemmColumnsAvx2(s.col0, pair ? s.col1 : nullptr, s.taps, op.q.input_offset, s.weights, depth, op.bias,
                                            op.multipliers, op.shifts, true, op.r, out0, out0 + depth);
                     }
                   });
  return Status::Ok();
}

}  // namespace

// Depth multiplier 1 with at least 8 channels and the weights' int16 pairs within kMaxPairs32
// (3x3: up to 819 channels): two taps per VPMADDWD. Per output row, the weights of taps 2j and
// 2j+1 are interleaved as int16 pairs ([pair][channel], on the stack) with the taps of filter rows
// outside the input zeroed, and the input offset is folded into the bias (bias + offset * the
// table's weight sums), so the inner loops multiply raw input bytes; the table is rebuilt only when
// the range of valid filter rows changes (the first and last rows). Taps of padding columns point
// at a row of zero points (zp * w + offset * w = 0, like the reference's skipped taps); taps of
// zeroed rows at any valid memory. Output pixels whose window lies inside the input in x (the
// interior run) read through per-tap base pointers fixed for the row, plus the pixel's offset;
// with 8 channels, two pixels share each 16-lane vector (requantized together).
constexpr int32_t kMaxPairs32 = 4096;
constexpr int32_t kMaxTaps = kMaxRows * 32 + 2;  // filter rows <= kMaxRows, columns <= 32

bool PairedMultiplierOne(const ConvGeometry& g) {
  const int32_t pairs = (g.filter_height * g.filter_width + 1) / 2;
  return g.output_depth >= 8 && g.output_depth <= opt::kMaxRequantChannels && g.filter_width <= 32 && g.filter_height <= kMaxRows &&
         static_cast<int64_t>(pairs) * g.output_depth <= kMaxPairs32;
}

// weights[j * depth + c] = (w[2j][c], w[2j + 1][c]) as int16, taps of rows outside [fy_begin,
// fy_end) 0; bias2[c] = bias[c] + offset * (sum of channel c's table weights), wrapping like the
// vector sums.
TINYRT_AVX2 void BuildPairTable(const int8_t* filter, const int32_t* bias, int32_t depth, int32_t filter_width, int32_t taps,
                                int32_t fy_begin, int32_t fy_end, int32_t offset, int32_t* weights, int32_t* bias2) {
  const int32_t pairs = (taps + 1) / 2;
  const int32_t k_begin = fy_begin * filter_width, k_end = fy_end * filter_width;
  for (int32_t c = 0; c < depth; ++c) bias2[c] = 0;
  for (int32_t j = 0; j < pairs; ++j) {
    const int32_t k0 = 2 * j, k1 = 2 * j + 1;
    const bool v0 = k0 >= k_begin && k0 < k_end, v1 = k1 < taps && k1 >= k_begin && k1 < k_end;
    const int8_t* f0 = filter + static_cast<size_t>(k0) * depth;
    const int8_t* f1 = f0 + depth;
    int32_t* w = weights + static_cast<size_t>(j) * depth;
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t lo = v0 ? f0[c] : 0, hi = v1 ? f1[c] : 0;
      w[c] = static_cast<int32_t>((static_cast<uint32_t>(lo) & 0xFFFFu) | (static_cast<uint32_t>(hi) << 16));
      bias2[c] += lo + hi;  // |sum| <= 128 * taps
    }
  }
  for (int32_t c = 0; c < depth; ++c) {
    const uint32_t b = bias != nullptr ? static_cast<uint32_t>(bias[c]) : 0u;
    bias2[c] = static_cast<int32_t>(b + static_cast<uint32_t>(offset) * static_cast<uint32_t>(bias2[c]));
  }
}

// One output pixel, every channel: tap k at tap[k] + at (tap[taps] is the odd tap's partner).
template <int P>
TINYRT_AVX2 TINYRT_INLINE void PairPixel(const int8_t* const* tap, ptrdiff_t at, int32_t pairs_rt, int32_t depth, const int32_t* weights,
                                         const int32_t* bias2, const int32_t* multipliers, const int8_t* shifts,
                                         const opt::RequantLanes& rl, const opt::Requant& r, const opt::RequantVec& rv, int8_t* out) {
  const int32_t pairs = P > 0 ? P : pairs_rt;
  int32_t c = 0;
  for (; c + 16 <= depth; c += 16) {
    __m256i lo = opt::Load32(bias2 + c), hi = opt::Load32(bias2 + c + 8);
    const int32_t* w = weights + c;
    for (int32_t j = 0; j < pairs; ++j, w += depth) {
      const __m128i xa = opt::Load16(tap[2 * j] + at + c), xb = opt::Load16(tap[2 * j + 1] + at + c);
      lo = _mm256_add_epi32(lo, _mm256_madd_epi16(_mm256_cvtepi8_epi16(_mm_unpacklo_epi8(xa, xb)), opt::Load32(w)));
      hi = _mm256_add_epi32(hi, _mm256_madd_epi16(_mm256_cvtepi8_epi16(_mm_unpackhi_epi8(xa, xb)), opt::Load32(w + 8)));
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + c),
                     opt::PackBytes16(opt::Requant8Lanes(lo, rl, c, rv), opt::Requant8Lanes(hi, rl, c + 8, rv)));
  }
  if (c + 8 <= depth) {
    __m256i acc = opt::Load32(bias2 + c);
    const int32_t* w = weights + c;
    for (int32_t j = 0; j < pairs; ++j, w += depth) {
      const __m128i x = _mm_unpacklo_epi8(opt::Load8(tap[2 * j] + at + c), opt::Load8(tap[2 * j + 1] + at + c));
      acc = _mm256_add_epi32(acc, _mm256_madd_epi16(_mm256_cvtepi8_epi16(x), opt::Load32(w)));
    }
    _mm_storel_epi64(reinterpret_cast<__m128i*>(out + c), opt::PackBytes(opt::Requant8Lanes(acc, rl, c, rv)));
    c += 8;
  }
  for (; c < depth; ++c) {
    uint32_t acc = static_cast<uint32_t>(bias2[c]);
    for (int32_t j = 0; j < pairs; ++j) {
      const uint32_t w = static_cast<uint32_t>(weights[j * depth + c]);
      const int32_t lo = static_cast<int16_t>(w & 0xFFFFu), hi = static_cast<int16_t>(w >> 16);
      acc += static_cast<uint32_t>(lo * tap[2 * j][at + c] + hi * tap[2 * j + 1][at + c]);
    }
    out[c] = opt::Requantize(static_cast<int32_t>(acc), multipliers[c], shifts[c], r);
  }
}

// Two output pixels of 8 channels (the second `step` bytes after the first; step 8: one load),
// one 16-lane vector per tap pair: 16 output bytes.
template <int P, bool kAdjacent>
TINYRT_AVX2 TINYRT_INLINE void PairPixels8(const int8_t* const* tap, ptrdiff_t at, ptrdiff_t step, int32_t pairs_rt, const int32_t* weights,
                                           __m256i bias, const opt::RequantLanes& rl, const opt::RequantVec& rv, int8_t* out) {
  const int32_t pairs = P > 0 ? P : pairs_rt;
  __m256i a0 = bias, a1 = bias;
  for (int32_t j = 0; j < pairs; ++j) {
    const int8_t* pa = tap[2 * j] + at;
    const int8_t* pb = tap[2 * j + 1] + at;
    const __m128i xa = kAdjacent ? opt::Load16(pa) : _mm_unpacklo_epi64(opt::Load8(pa), opt::Load8(pa + step));
    const __m128i xb = kAdjacent ? opt::Load16(pb) : _mm_unpacklo_epi64(opt::Load8(pb), opt::Load8(pb + step));
    const __m256i w = opt::Load32(weights + 8 * j);
    a0 = _mm256_add_epi32(a0, _mm256_madd_epi16(_mm256_cvtepi8_epi16(_mm_unpacklo_epi8(xa, xb)), w));
    a1 = _mm256_add_epi32(a1, _mm256_madd_epi16(_mm256_cvtepi8_epi16(_mm_unpackhi_epi8(xa, xb)), w));
  }
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), opt::PackBytes16(opt::Requant8Lanes(a0, rl, 0, rv), opt::Requant8Lanes(a1, rl, 0, rv)));
}

template <int P>
TINYRT_AVX2 Status MultiplierOnePairs(const EvalContext& ctx, const DepthwiseConvData& d) {
  const ConvGeometry g = d.g;  // a copy: output stores could alias the op data
  const ConvQuantParams q = d.q;
  const int32_t* multipliers = d.multipliers();
  const int8_t* shifts = d.shifts();
  const int8_t* input = ctx.input<int8_t>(0);
  const int8_t* filter = ctx.input<int8_t>(1);
  const int32_t* bias = ctx.has_input(2) ? ctx.input<int32_t>(2) : nullptr;
  int8_t* output = ctx.output<int8_t>(0);
  const int32_t depth = g.output_depth;  // == input depth
  const int32_t taps = g.filter_height * g.filter_width;
  const int32_t pairs = (taps + 1) / 2;
  const int32_t offset = q.input_offset;
  alignas(32) int32_t weights[kMaxPairs32];
  alignas(32) int32_t bias2[kMaxPairs32];  // depth <= kMaxPairs32
  alignas(32) int8_t zero_row[kMaxPairs32];
  memset(zero_row, static_cast<int8_t>(-offset), static_cast<size_t>(depth));
  int32_t table_begin = -1, table_end = -1;  // the filter rows the table was built for
  const opt::Requant r{q.output_offset, q.act_min, q.act_max};
  const opt::RequantVec rv = opt::MakeRequantVec(r);
  opt::RequantLanes rl;
  opt::MakeRequantLanes(multipliers, shifts, depth, &rl);
  const bool shared = static_cast<const void*>(output) == static_cast<const void*>(input);
  // Interior output columns [ox_lo, ox_hi): every tap inside the input in x.
  const int32_t span = (g.filter_width - 1) * g.dilation_width;
  const int32_t last = g.input_width - 1 - span + g.pad_width;  // ix0 + span <= input_width - 1
  const int32_t ox_hi = last >= 0 ? (last / g.stride_width + 1 < g.output_width ? last / g.stride_width + 1 : g.output_width) : 0;
  const int32_t ox_lo_raw = (g.pad_width + g.stride_width - 1) / g.stride_width;
  const int32_t ox_lo = ox_lo_raw < ox_hi ? ox_lo_raw : ox_hi;
  const ptrdiff_t pixel_step = static_cast<ptrdiff_t>(g.stride_width) * depth;
  const int8_t* tap[kMaxTaps];   // a border pixel's taps
  const int8_t* base[kMaxTaps];  // interior: tap k of pixel ox at base[k] + (ox * stride - pad) * depth
  ForEachOutputRow(
      input, g, d.in_place, shared ? ctx.scratch(d.ring) : nullptr, shared,
      [&](const OutputRow& output_row, const WindowRows<int8_t>& rows) TINYRT_AVX2 {
        [[maybe_unused]] const auto [b, oy, iy0, fy_begin, fy_end] = output_row;
        if (fy_begin != table_begin || fy_end != table_end) {
          BuildPairTable(filter, bias, depth, g.filter_width, taps, fy_begin, fy_end, offset, weights, bias2);
          table_begin = fy_begin;
          table_end = fy_end;
        }
        const bool any_rows = fy_end > fy_begin;
        if (any_rows) {
          for (int32_t fy = 0; fy < g.filter_height; ++fy) {
            const int8_t* row = rows[fy >= fy_begin && fy < fy_end ? fy : fy_begin];  // zeroed rows: any valid memory
            for (int32_t fx = 0; fx < g.filter_width; ++fx)
              base[fy * g.filter_width + fx] = row + static_cast<ptrdiff_t>(fx) * g.dilation_width * depth;
          }
          base[taps] = base[0];
        }
        int8_t* out_row = output + (static_cast<size_t>(b) * g.output_height + oy) * g.output_width * depth;
        const int32_t run_lo = any_rows ? ox_lo : g.output_width, run_hi = any_rows ? ox_hi : g.output_width;
        for (int32_t ox = 0; ox < g.output_width; ++ox) {
          if (ox == run_lo && run_lo < run_hi) {
            // The interior run.
            ox = run_hi - 1;
            int32_t x = run_lo;
            const __m256i bv = opt::Load32(bias2);
            if (depth == 8) {
              if (g.stride_width == 1) {
                for (; x + 2 <= run_hi; x += 2) {
                  PairPixels8<P, true>(base, static_cast<ptrdiff_t>(x - g.pad_width) * 8, 8, pairs, weights, bv, rl, rv, out_row + x * 8);
                }
              } else {
                for (; x + 2 <= run_hi; x += 2) {
                  PairPixels8<P, false>(base, static_cast<ptrdiff_t>(x * g.stride_width - g.pad_width) * 8, pixel_step, pairs, weights, bv,
                                        rl, rv, out_row + x * 8);
                }
              }
            }
            for (; x < run_hi; ++x) {
              PairPixel<P>(base, static_cast<ptrdiff_t>(x * g.stride_width - g.pad_width) * depth, pairs, depth, weights, bias2,
                           multipliers, shifts, rl, r, rv, out_row + static_cast<size_t>(x) * depth);
            }
            continue;
          }
          const int32_t ix0 = ox * g.stride_width - g.pad_width;
          int32_t fx_begin, fx_end;
          WindowTaps(ix0, g.dilation_width, g.filter_width, g.input_width, &fx_begin, &fx_end);
          for (int32_t fy = 0; fy < g.filter_height; ++fy) {
            const bool row_valid = fy >= fy_begin && fy < fy_end;
            const int8_t* row = row_valid ? rows[fy] : nullptr;
            for (int32_t fx = 0; fx < g.filter_width; ++fx) {
              const bool valid = row_valid && fx >= fx_begin && fx < fx_end;
              tap[fy * g.filter_width + fx] = valid ? row + (ix0 + fx * g.dilation_width) * depth : zero_row;
            }
          }
          tap[taps] = zero_row;  // the odd tap's partner (weights 0)
          PairPixel<P>(tap, 0, pairs, depth, weights, bias2, multipliers, shifts, rl, r, rv, out_row + static_cast<size_t>(ox) * depth);
        }
      });
  return Status::Ok();
}

TINYRT_AVX2 Status EvalMultiplierOnePairs(const EvalContext& ctx, const DepthwiseConvData& d) {
  return d.g.filter_height * d.g.filter_width == 9 ? MultiplierOnePairs<5>(ctx, d) : MultiplierOnePairs<0>(ctx, d);
}

bool DepthwiseConv2DInt8X86Avx2Runs(const DepthwiseConvData& d) {
  return (d.depth_multiplier == 1 && d.g.filter_height <= kMaxRows) || opt::SingleChannel(d);
}

// Selected (Prepare) for depth multiplier 1 and for one input channel with a multiplier
// (DepthwiseConv2DInt8X86Avx2Runs).
TINYRT_AVX2 Status EvalDepthwiseConv2DInt8X86Avx2(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<DepthwiseConvData>();
  if (d.g.input_depth == 1 && d.depth_multiplier > 1 && opt::RowPairsFit(d.g)) {
    // Filter rows of at most 16 taps (micro_speech's 10x8, person_detect's 3x3): by filter rows.
    const ConvGeometry g = d.g;
    const int32_t row_pairs = (g.filter_width + 1) / 2, channels = g.output_depth;
    const int8_t* filter = ctx.input<int8_t>(1);
    alignas(32) int32_t table[opt::kMaxRowPairTable];
    for (int32_t fy = 0; fy < g.filter_height; ++fy) {
      for (int32_t p = 0; p < row_pairs; ++p) {
        const int8_t* w0 = filter + (static_cast<size_t>(fy) * g.filter_width + 2 * p) * channels;
        const bool odd = 2 * p + 1 < g.filter_width;
        for (int32_t m = 0; m < channels; ++m)
          table[(fy * row_pairs + p) * channels + m] = opt::PackPair(w0[m], odd ? w0[channels + m] : 0);
      }
    }
    return opt::RowPairsConv(ctx, g, d.q, d.in_place, d.ring, table, ctx.has_input(2) ? ctx.input<int32_t>(2) : nullptr, d.multipliers(),
                             d.shifts());
  }
  if (d.g.input_depth == 1 && d.depth_multiplier > 1)
    return PairedSingleChannel(d.g) ? EvalSingleChannelPairs(ctx, d) : EvalSingleChannel(ctx);
  if (PairedMultiplierOne(d.g)) return EvalMultiplierOnePairs(ctx, d);
  const ConvGeometry g = d.g;  // a copy: output stores could alias the op data
  const ConvQuantParams q = d.q;
  const int32_t* multipliers = d.multipliers();
  const int8_t* shifts = d.shifts();
  const int8_t* input = ctx.input<int8_t>(0);
  const int8_t* filter = ctx.input<int8_t>(1);
  const int32_t* bias = ctx.has_input(2) ? ctx.input<int32_t>(2) : nullptr;
  int8_t* output = ctx.output<int8_t>(0);
  const opt::Requant r{q.output_offset, q.act_min, q.act_max};
  const opt::RequantVec rv = opt::MakeRequantVec(r);
  const int32_t depth = g.output_depth;  // == input depth
  const int32_t filter_row = g.filter_width * depth;
  const int32_t in_col = g.dilation_width * depth;
  const bool shared = static_cast<const void*>(output) == static_cast<const void*>(input);
  const int8_t* row_in[kMaxRows];
  ForEachOutputRow(input, g, d.in_place, shared ? ctx.scratch(d.ring) : nullptr, shared,
                   [&](const OutputRow& output_row, const WindowRows<int8_t>& rows) TINYRT_AVX2 {
                     [[maybe_unused]] const auto [b, oy, iy0, fy_begin, fy_end] = output_row;
                     for (int32_t ox = 0; ox < g.output_width; ++ox) {
                       const int32_t ix0 = ox * g.stride_width - g.pad_width;
                       int32_t fx_begin, fx_end;
                       WindowTaps(ix0, g.dilation_width, g.filter_width, g.input_width, &fx_begin, &fx_end);
                       int8_t* out = output + ((static_cast<size_t>(b) * g.output_height + oy) * g.output_width + ox) * depth;
                       const int32_t first = (ix0 + fx_begin * g.dilation_width) * depth;
                       const int8_t* wt = filter + static_cast<size_t>(fy_begin) * filter_row + static_cast<size_t>(fx_begin) * depth;
                       const int32_t num_rows = fy_end - fy_begin;
                       for (int32_t y = 0; y < num_rows; ++y) row_in[y] = rows[fy_begin + y] + first;
                       Pixel(row_in, wt, num_rows, fx_end - fx_begin, in_col, filter_row, depth, q.input_offset, bias, multipliers, shifts,
                             r, rv, out);
                     }
                   });
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt

#endif  // TINYRT_ISA_X86_AVX2
