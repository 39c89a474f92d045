// SPDX-License-Identifier: Apache-2.0
// x86-64 AVX2 direct convolution by filter rows, for windows whose filter row is at most 16 input
// bytes (filter width x input channels, no column dilation): the first 3x3 CONV_2D of an RGB
// image, small pointwise convolutions (8 or 16 input channels), and the one-input-channel
// DEPTHWISE_CONV_2D with a multiplier (micro_speech, person_detect's first layer).
//
// Per output pixel and valid filter row, the row's bytes (one 16-byte load, or 8-byte for rows of
// at most 8 bytes, where it stays inside the input row; else gathered one by one, padding columns 0
// after the offset) are widened to int16 with
// the input offset added and stored to a 32-byte slot: 8 int16 pairs. Each pair is broadcast to
// the 8 lanes of a vector (VPBROADCASTD from the slot) and multiplied (VPMADDWD) with the pair
// table's (w[o][fy][2p], w[o][fy][2p + 1]) for 8 output channels o: the accumulators are the
// output channels, no horizontal sums; requantized 8 lanes at a time. Filter rows outside the
// input are skipped (the reference's padding). A row's odd last tap pairs with weight 0 (its
// partner's slot value is a real byte inside the row, or 0).
#include "src/kernels/opt/x86_avx2.h"

#if defined(TINYRT_ISA_X86_AVX2)

#include <immintrin.h>

#include "src/kernels/opt/x86_avx2_util.h"

namespace tinyrt {
namespace kernels {
namespace opt {
namespace {

constexpr int32_t kMaxRowPairRows = kMaxInPlaceFilterRows;
constexpr int32_t kMaxGroups = 4;  // groups of 8 output channels per pass

template <int G>
TINYRT_AVX2 TINYRT_INLINE void Accumulate(const int32_t (*slots)[8], int32_t fy_begin, int32_t fy_end, int32_t row_pairs,
                                          const int32_t* table, int32_t channels, int32_t o, int32_t g_rt, const int32_t* bias,
                                          const RequantLanes& rl, const RequantVec& rv, int8_t* out) {
  const int32_t groups = G > 0 ? G : g_rt;
  __m256i acc[kMaxGroups];
  for (int32_t k = 0; k < groups; ++k) acc[k] = bias != nullptr ? Load32(bias + o + 8 * k) : _mm256_setzero_si256();
  for (int32_t fy = fy_begin; fy < fy_end; ++fy) {
    const int32_t* w = table + (static_cast<size_t>(fy) * row_pairs) * channels + o;
    for (int32_t p = 0; p < row_pairs; ++p, w += channels) {
      const __m256i x = _mm256_set1_epi32(slots[fy][p]);
      for (int32_t k = 0; k < groups; ++k) acc[k] = _mm256_add_epi32(acc[k], _mm256_madd_epi16(x, Load32(w + 8 * k)));
    }
  }
  for (int32_t k = 0; k < groups; ++k) {
    const __m256i v = Requant8Lanes(acc[k], rl, o + 8 * k, rv);
    _mm_storel_epi64(reinterpret_cast<__m128i*>(out + o + 8 * k), PackBytes(v));
  }
}

}  // namespace

bool RowPairsFit(const ConvGeometry& g) {
  const int32_t row_taps = g.filter_width * g.input_depth;
  const int32_t row_pairs = (row_taps + 1) / 2;
  return row_taps <= 16 && g.dilation_width == 1 && g.output_depth % 8 == 0 && g.output_depth <= kMaxRequantChannels &&
         g.filter_height <= kMaxRowPairRows && static_cast<int64_t>(g.filter_height) * row_pairs * g.output_depth <= kMaxRowPairTable;
}

TINYRT_AVX2 Status RowPairsConv(const EvalContext& ctx, const ConvGeometry& geometry, const ConvQuantParams& quant,
                                const InPlaceRows& in_place, uint32_t ring, const int32_t* table, const int32_t* bias,
                                const int32_t* multipliers, const int8_t* shifts) {
  const ConvGeometry g = geometry;  // copies: output stores could alias the op data
  const ConvQuantParams q = quant;
  const InPlaceRows plan = in_place;
  const int8_t* input = ctx.input<int8_t>(0);
  int8_t* output = ctx.output<int8_t>(0);
  const int32_t depth = g.input_depth;
  const int32_t channels = g.output_depth;
  const int32_t row_taps = g.filter_width * depth;
  const int32_t row_pairs = (row_taps + 1) / 2;
  const int32_t row_bytes = g.input_width * depth;
  const int32_t offset = q.input_offset;
  const Requant r{q.output_offset, q.act_min, q.act_max};
  const RequantVec rv = MakeRequantVec(r);
  const __m256i off = _mm256_set1_epi16(static_cast<int16_t>(offset));
  alignas(32) int32_t slots[kMaxRowPairRows][8];
  alignas(32) int16_t edge[16];
  RequantLanes rl;
  MakeRequantLanes(multipliers, shifts, channels, &rl);
  const bool shared = static_cast<const void*>(output) == static_cast<const void*>(input);
  ForEachOutputRow(input, g, plan, shared ? ctx.scratch(ring) : nullptr, shared,
                   [&](const OutputRow& output_row, const WindowRows<int8_t>& rows) TINYRT_AVX2 {
                     [[maybe_unused]] const auto [b, oy, iy0, fy_begin, fy_end] = output_row;
                     const int8_t* row_ptr[kMaxRowPairRows];
                     for (int32_t fy = fy_begin; fy < fy_end; ++fy) row_ptr[fy] = rows[fy];
                     int8_t* out_row = output + (static_cast<size_t>(b) * g.output_height + oy) * g.output_width * channels;
                     for (int32_t ox = 0; ox < g.output_width; ++ox) {
                       const int32_t ix0 = ox * g.stride_width - g.pad_width;
                       if (ix0 >= 0 && ix0 * depth + 16 <= row_bytes) {  // 16 bytes from the window's start inside the row
                         for (int32_t fy = fy_begin; fy < fy_end; ++fy) {
                           const __m256i x = _mm256_add_epi16(_mm256_cvtepi8_epi16(Load16(row_ptr[fy] + ix0 * depth)), off);
                           _mm256_store_si256(reinterpret_cast<__m256i*>(slots[fy]), x);
                         }
                       } else if (row_taps <= 8 && ix0 >= 0 && ix0 * depth + 8 <= row_bytes) {  // 8 bytes do (slot pairs 0-3)
                         for (int32_t fy = fy_begin; fy < fy_end; ++fy) {
                           const __m128i x =
                               _mm_add_epi16(_mm_cvtepi8_epi16(Load8(row_ptr[fy] + ix0 * depth)), _mm256_castsi256_si128(off));
                           _mm_store_si128(reinterpret_cast<__m128i*>(slots[fy]), x);
                         }
                       } else {  // at the borders: the valid columns one by one, the others 0
                         int32_t fx_begin, fx_end;
                         WindowTaps(ix0, 1, g.filter_width, g.input_width, &fx_begin, &fx_end);
                         for (int32_t fy = fy_begin; fy < fy_end; ++fy) {
                           const int8_t* row = row_ptr[fy];
                           for (int32_t t = 0; t < 16; ++t) edge[t] = 0;
                           for (int32_t fx = fx_begin; fx < fx_end; ++fx) {
                             for (int32_t ci = 0; ci < depth; ++ci)
                               edge[fx * depth + ci] = static_cast<int16_t>(row[(ix0 + fx) * depth + ci] + offset);
                           }
                           memcpy(slots[fy], edge, sizeof(edge));
                         }
                       }
                       int8_t* out = out_row + static_cast<size_t>(ox) * channels;
                       int32_t o = 0;
                       for (; o + 8 * kMaxGroups <= channels; o += 8 * kMaxGroups) {
                         Accumulate<kMaxGroups>(slots, fy_begin, fy_end, row_pairs, table, channels, o, kMaxGroups, bias, rl, rv, out);
                       }
                       switch ((channels - o) / 8) {
                         case 1: Accumulate<1>(slots, fy_begin, fy_end, row_pairs, table, channels, o, 1, bias, rl, rv, out); break;
                         case 2: Accumulate<2>(slots, fy_begin, fy_end, row_pairs, table, channels, o, 2, bias, rl, rv, out); break;
                         case 3: Accumulate<3>(slots, fy_begin, fy_end, row_pairs, table, channels, o, 3, bias, rl, rv, out); break;
                         default: break;
                       }
                     }
                   });
  return Status::Ok();
}

}  // namespace opt
}  // namespace kernels
}  // namespace tinyrt

#endif  // TINYRT_ISA_X86_AVX2
