// SPDX-License-Identifier: Apache-2.0
// Helpers of the x86-64 AVX2 kernels (x86_avx2_*.cc only: every function is compiled for AVX2 and
// must only run after X86Avx2Enabled()).
#pragma once

#include "src/kernels/opt/x86_avx2.h"

#if defined(TINYRT_ISA_X86_AVX2)

#include <immintrin.h>
#include <string.h>

#define TINYRT_INLINE inline __attribute__((always_inline))

namespace tinyrt {
namespace kernels {
namespace opt {

TINYRT_AVX2 TINYRT_INLINE __m128i Load16(const void* p) { return _mm_loadu_si128(static_cast<const __m128i*>(p)); }
TINYRT_AVX2 TINYRT_INLINE __m256i Load32(const void* p) { return _mm256_loadu_si256(static_cast<const __m256i*>(p)); }
TINYRT_AVX2 TINYRT_INLINE __m128i Load8(const void* p) { return _mm_loadl_epi64(static_cast<const __m128i*>(p)); }
TINYRT_AVX2 TINYRT_INLINE __m128i Load4(const void* p) {
  int32_t v;
  memcpy(&v, p, 4);
  return _mm_cvtsi32_si128(v);
}
TINYRT_AVX2 TINYRT_INLINE void Store4(void* p, int32_t v) { memcpy(p, &v, 4); }

// The sums of a[0] .. a[7]'s lanes, in lanes 0 .. 7.
TINYRT_AVX2 TINYRT_INLINE __m256i Reduce8(const __m256i* a) {
  const __m256i h01 = _mm256_hadd_epi32(a[0], a[1]);
  const __m256i h23 = _mm256_hadd_epi32(a[2], a[3]);
  const __m256i h45 = _mm256_hadd_epi32(a[4], a[5]);
  const __m256i h67 = _mm256_hadd_epi32(a[6], a[7]);
  const __m256i q0 = _mm256_hadd_epi32(h01, h23);  // per 128-bit half: partial sums of a0 .. a3
  const __m256i q1 = _mm256_hadd_epi32(h45, h67);
  return _mm256_add_epi32(_mm256_permute2x128_si256(q0, q1, 0x20), _mm256_permute2x128_si256(q0, q1, 0x31));
}

TINYRT_AVX2 TINYRT_INLINE int32_t HorizontalSum(__m256i a) {
  __m128i s = _mm_add_epi32(_mm256_castsi256_si128(a), _mm256_extracti128_si256(a, 1));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xB1));
  return _mm_cvtsi128_si32(s);
}

struct RequantVec {
  __m256i output_offset, act_min, act_max;
};
TINYRT_AVX2 TINYRT_INLINE RequantVec MakeRequantVec(const Requant& r) {
  return RequantVec{_mm256_set1_epi32(r.output_offset), _mm256_set1_epi32(r.act_min), _mm256_set1_epi32(r.act_max)};
}

// opt::Requantize on 8 lanes, bit for bit (math::MultiplyByQuantizedMultiplierNonNegative): the
// accumulator shifted left by max(shift, 0) (wrapping), t = floor((x*m + 2^30) / 2^31) from the
// 64-bit products of even and odd lanes (VPMULDQ; bits 31-62 of the sum are t), then for a right
// shift e = min(-shift, 31) > 0: v = (t - [t < 0]) >> (e - 1), v - (v >> 1).
TINYRT_AVX2 TINYRT_INLINE __m256i Requant8(__m256i acc, __m256i multiplier, __m256i shift, const RequantVec& r) {
  const __m256i zero = _mm256_setzero_si256();
  const __m256i limit = _mm256_set1_epi32(31);
  const __m256i left = _mm256_min_epi32(_mm256_max_epi32(shift, zero), limit);
  const __m256i right = _mm256_min_epi32(_mm256_max_epi32(_mm256_sub_epi32(zero, shift), zero), limit);
  const __m256i x = _mm256_sllv_epi32(acc, left);
  const __m256i round = _mm256_set1_epi64x(static_cast<int64_t>(1) << 30);
  const __m256i even = _mm256_add_epi64(_mm256_mul_epi32(x, multiplier), round);
  const __m256i odd = _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(x, 32), _mm256_srli_epi64(multiplier, 32)), round);
  const __m256i t = _mm256_blend_epi32(_mm256_srli_epi64(even, 31), _mm256_slli_epi64(odd, 1), 0xAA);
  const __m256i v = _mm256_srav_epi32(_mm256_add_epi32(t, _mm256_srai_epi32(t, 31)), _mm256_sub_epi32(right, _mm256_set1_epi32(1)));
  const __m256i rounded = _mm256_sub_epi32(v, _mm256_srai_epi32(v, 1));
  __m256i result = _mm256_blendv_epi8(t, rounded, _mm256_cmpgt_epi32(right, zero));
  result = _mm256_add_epi32(result, r.output_offset);
  result = _mm256_max_epi32(result, r.act_min);
  return _mm256_min_epi32(result, r.act_max);
}

// Requant8's per-channel operands, computed once per Invoke (on the stack) for up to
// kMaxRequantChannels channels: Requant8Lanes then loads them instead of deriving them from the
// shifts for every 8 outputs.
constexpr int32_t kMaxRequantChannels = 2048;
struct RequantLanes {
  alignas(32) int32_t multiplier[kMaxRequantChannels];
  alignas(32) int32_t odd[kMaxRequantChannels];     // odd[c] = multiplier[c + 1] for even c: VPMULDQ's operand for odd lanes
  alignas(32) int32_t left[kMaxRequantChannels];    // min(max(shift, 0), 31)
  alignas(32) int32_t right1[kMaxRequantChannels];  // min(max(-shift, 0), 31) - 1
  alignas(32) int32_t rounds[kMaxRequantChannels];  // -1 where the right shift is > 0
  bool any_left;                                    // some channel shifts left
  bool all_right;                                   // every channel shifts right
};

TINYRT_AVX2 inline void MakeRequantLanes(const int32_t* multipliers, const int8_t* shifts, int32_t channels, RequantLanes* t) {
  t->any_left = false;
  t->all_right = true;
  for (int32_t c = 0; c < channels; ++c) {
    const int32_t s = shifts[c];
    t->multiplier[c] = multipliers[c];
    t->odd[c] = (c & 1) == 0 && c + 1 < channels ? multipliers[c + 1] : 0;
    t->left[c] = s > 0 ? (s < 31 ? s : 31) : 0;
    const int32_t right = s < 0 ? (-s < 31 ? -s : 31) : 0;
    t->right1[c] = right - 1;
    t->rounds[c] = right > 0 ? -1 : 0;
    t->any_left = t->any_left || s > 0;
    t->all_right = t->all_right && right > 0;
  }
}

// Requant8 of channels c .. c+7 with their RequantLanes.
TINYRT_AVX2 TINYRT_INLINE __m256i Requant8Lanes(__m256i acc, const RequantLanes& t, int32_t c, const RequantVec& r) {
  const __m256i x = t.any_left ? _mm256_sllv_epi32(acc, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(t.left + c))) : acc;
  const __m256i round = _mm256_set1_epi64x(static_cast<int64_t>(1) << 30);
  const __m256i m = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(t.multiplier + c));
  const __m256i mo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(t.odd + c));
  const __m256i even = _mm256_add_epi64(_mm256_mul_epi32(x, m), round);
  const __m256i odd = _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(x, 32), mo), round);
  const __m256i tt = _mm256_blend_epi32(_mm256_srli_epi64(even, 31), _mm256_slli_epi64(odd, 1), 0xAA);
  const __m256i v = _mm256_srav_epi32(_mm256_add_epi32(tt, _mm256_srai_epi32(tt, 31)),
                                      _mm256_loadu_si256(reinterpret_cast<const __m256i*>(t.right1 + c)));
  const __m256i rounded = _mm256_sub_epi32(v, _mm256_srai_epi32(v, 1));
  __m256i result =
      t.all_right ? rounded : _mm256_blendv_epi8(tt, rounded, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(t.rounds + c)));
  result = _mm256_add_epi32(result, r.output_offset);
  result = _mm256_max_epi32(result, r.act_min);
  return _mm256_min_epi32(result, r.act_max);
}

// Lanes 0 .. 7 (already in int8 range) as bytes 0 .. 7.
TINYRT_AVX2 TINYRT_INLINE __m128i PackBytes(__m256i v) {
  const __m256i h = _mm256_packs_epi32(v, v);  // halves: v0-3 v0-3 | v4-7 v4-7
  const __m256i b = _mm256_packs_epi16(h, h);
  return _mm_unpacklo_epi32(_mm256_castsi256_si128(b), _mm256_extracti128_si256(b, 1));
}

// Lanes 0 .. 7 of lo and of hi (already in int8 range) as bytes 0 .. 15.
TINYRT_AVX2 TINYRT_INLINE __m128i PackBytes16(__m256i lo, __m256i hi) {
  const __m256i h = _mm256_packs_epi32(lo, hi);                                                     // halves: lo0-3 hi0-3 | lo4-7 hi4-7
  const __m256i b = _mm256_packs_epi16(h, h);                                                       // bytes 0-7 of each half: the same
  const __m128i v = _mm_unpacklo_epi32(_mm256_castsi256_si128(b), _mm256_extracti128_si256(b, 1));  // lo0-3 lo4-7 hi0-3 hi4-7
  return v;
}

// Direct convolution by filter rows (x86_avx2_rowpairs.cc) for filter rows of at most 16 input
// bytes: `table[(fy * row_pairs + p) * output_depth + o]` = (w[o][fy][2p], w[o][fy][2p + 1]) as
// int16 (0 past the row's filter_width * input_depth taps), row_pairs = ceil(row taps / 2).
constexpr int32_t kMaxRowPairTable = 8192;
bool RowPairsFit(const ConvGeometry& g);
TINYRT_AVX2 Status RowPairsConv(const EvalContext& ctx, const ConvGeometry& geometry, const ConvQuantParams& quant,
                                const InPlaceRows& in_place, uint32_t ring, const int32_t* table, const int32_t* bias,
                                const int32_t* multipliers, const int8_t* shifts);
TINYRT_AVX2 TINYRT_INLINE int32_t PackPair(int32_t lo, int32_t hi) {
  return static_cast<int32_t>((static_cast<uint32_t>(lo) & 0xFFFFu) | (static_cast<uint32_t>(hi) << 16));
}

}  // namespace opt
}  // namespace kernels
}  // namespace tinyrt

#endif  // TINYRT_ISA_X86_AVX2
