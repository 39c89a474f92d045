// SPDX-License-Identifier: Apache-2.0
// x86-64 AVX2 int8 GEMM (CONV_2D, FULLY_CONNECTED, one-channel DEPTHWISE_CONV_2D): columns (input
// pixels, im2col windows or input rows) against weight rows, blocked 2 columns x 4 rows (one
// column: 8 rows). Each 16-byte slice of a column is widened to int16 once (VPMOVSXBW) with the
// input offset added (|x + offset| <= 255), each weight slice once, and VPMADDWD multiplies and
// adds pairs into int32 lanes: exact, so any summation order gives the reference's sum. The eight
// accumulators of a block are reduced into one vector (VPHADDD) and requantized on its 8 lanes bit
// for bit as opt::Requantize (Requant8). Depths that are not a multiple of 16 end with one slice
// loaded so that it ends at the last byte, its already-counted weight bytes masked to zero.
// Columns read by more than one block are widened once per call into a stack buffer; one column
// of depth 8 takes two weight rows per slice. CONV_2D whose filter rows are at most 16 bytes runs
// by filter rows (x86_avx2_rowpairs.cc), other small-weight CONV_2D channel-vectorized
// (EvalConvPairs).
//
// Every function here is compiled for AVX2 (target attribute) and only called when the CPU has it
// (X86Avx2Enabled, checked in Prepare).
#include "src/kernels/opt/x86_avx2.h"

#if defined(TINYRT_ISA_X86_AVX2)

#include <immintrin.h>

#include "src/kernels/opt/fully_connected_operands.h"
#include "src/kernels/opt/im2col.h"
#include "src/kernels/opt/variants.h"
#include "src/kernels/opt/x86_avx2_util.h"

namespace tinyrt {
namespace kernels {

const char kX86Avx2Int8VariantName[] = "x86 avx2 int8";

namespace {
bool g_avx2_allowed = true;
}  // namespace

bool X86Avx2Enabled() { return g_avx2_allowed && __builtin_cpu_supports("avx2"); }
void SetX86Avx2Allowed(bool allowed) { g_avx2_allowed = allowed; }

namespace opt {
namespace {

// The last slice of a depth that is not a multiple of 16 (mode != 0).
struct Tail {
  int32_t
      mode;  // 0 none; 1 depth >= 16: 16 bytes ending at depth; 2 8 <= depth < 16: bytes 0-7 and the 8 ending at depth; 3 depth < 8: copied
  int32_t depth;
  __m128i mask;  // weight bytes to keep (the others were counted by the full slices or are beyond the end)
};

TINYRT_AVX2 inline Tail MakeTail(int32_t depth) {
  Tail t;
  t.depth = depth;
  t.mask = _mm_set1_epi8(-1);
  const int32_t r = depth % 16;
  alignas(16) int8_t mask[16];
  if (r == 0) {
    t.mode = 0;
  } else if (depth >= 16) {
    t.mode = 1;
    for (int i = 0; i < 16; ++i) mask[i] = i >= 16 - r ? -1 : 0;
    t.mask = _mm_load_si128(reinterpret_cast<const __m128i*>(mask));
  } else if (depth >= 8) {
    t.mode = 2;
    for (int i = 0; i < 16; ++i) mask[i] = i < 8 || i >= 8 + (16 - depth) ? -1 : 0;
    t.mask = _mm_load_si128(reinterpret_cast<const __m128i*>(mask));
  } else {
    t.mode = 3;
  }
  return t;
}

TINYRT_AVX2 TINYRT_INLINE __m128i LoadTail(const int8_t* p, const Tail& t) {
  if (t.mode == 1) return Load16(p + t.depth - 16);
  if (t.mode == 2) return _mm_unpacklo_epi64(Load8(p), Load8(p + t.depth - 8));
  alignas(16) int8_t buf[16] = {};
  for (int32_t i = 0; i < t.depth; ++i) buf[i] = p[i];
  return _mm_load_si128(reinterpret_cast<const __m128i*>(buf));
}

// acc[p * C + c] (int32 lanes, to be summed) = sum_k w_c[k] * (col_p[k] + offset), for P columns
// and C weight rows (rows `depth` bytes apart).
template <int P, int C>
TINYRT_AVX2 TINYRT_INLINE void DotBlock(const int8_t* const* cols, const int8_t* w, int32_t depth, const Tail& tail, __m256i off,
                                        __m256i* acc) {
  for (int i = 0; i < P * C; ++i) acc[i] = _mm256_setzero_si256();
  int32_t k = 0;
  for (; k + 16 <= depth; k += 16) {
    __m256i x[P];
    for (int p = 0; p < P; ++p) x[p] = _mm256_add_epi16(_mm256_cvtepi8_epi16(Load16(cols[p] + k)), off);
    for (int c = 0; c < C; ++c) {
      const __m256i v = _mm256_cvtepi8_epi16(Load16(w + static_cast<size_t>(c) * depth + k));
      for (int p = 0; p < P; ++p) acc[p * C + c] = _mm256_add_epi32(acc[p * C + c], _mm256_madd_epi16(x[p], v));
    }
  }
  if (tail.mode != 0) {
    __m256i x[P];
    for (int p = 0; p < P; ++p) x[p] = _mm256_add_epi16(_mm256_cvtepi8_epi16(LoadTail(cols[p], tail)), off);
    for (int c = 0; c < C; ++c) {
      const __m256i v = _mm256_cvtepi8_epi16(_mm_and_si128(LoadTail(w + static_cast<size_t>(c) * depth, tail), tail.mask));
      for (int p = 0; p < P; ++p) acc[p * C + c] = _mm256_add_epi32(acc[p * C + c], _mm256_madd_epi16(x[p], v));
    }
  }
}

// Columns widened once per call (int16, offset added): slice s of column p at xw[p * kWidenStride + s],
// the tail slice at index depth / 16.
constexpr int32_t kMaxWidenSlices = 288;  // depth <= 4608 (3x3x512)
constexpr int32_t kWidenStride = kMaxWidenSlices + 1;

TINYRT_AVX2 TINYRT_INLINE void WidenColumns(const int8_t* const* cols, int P, int32_t depth, const Tail& tail, __m256i off, __m256i* xw) {
  for (int p = 0; p < P; ++p) {
    int32_t s = 0;
    for (; 16 * s + 16 <= depth; ++s) xw[p * kWidenStride + s] = _mm256_add_epi16(_mm256_cvtepi8_epi16(Load16(cols[p] + 16 * s)), off);
    if (tail.mode != 0) xw[p * kWidenStride + s] = _mm256_add_epi16(_mm256_cvtepi8_epi16(LoadTail(cols[p], tail)), off);
  }
}

// DotBlock with widened columns.
template <int P, int C>
TINYRT_AVX2 TINYRT_INLINE void DotBlockW(const __m256i* xw, const int8_t* w, int32_t depth, const Tail& tail, __m256i* acc) {
  for (int i = 0; i < P * C; ++i) acc[i] = _mm256_setzero_si256();
  int32_t s = 0;
  for (; 16 * s + 16 <= depth; ++s) {
    for (int c = 0; c < C; ++c) {
      const __m256i v = _mm256_cvtepi8_epi16(Load16(w + static_cast<size_t>(c) * depth + 16 * s));
      for (int p = 0; p < P; ++p) acc[p * C + c] = _mm256_add_epi32(acc[p * C + c], _mm256_madd_epi16(xw[p * kWidenStride + s], v));
    }
  }
  if (tail.mode != 0) {
    for (int c = 0; c < C; ++c) {
      const __m256i v = _mm256_cvtepi8_epi16(_mm_and_si128(LoadTail(w + static_cast<size_t>(c) * depth, tail), tail.mask));
      for (int p = 0; p < P; ++p) acc[p * C + c] = _mm256_add_epi32(acc[p * C + c], _mm256_madd_epi16(xw[p * kWidenStride + s], v));
    }
  }
}

// DotBlock from the widened columns when there are (xw != nullptr), else from the bytes.
template <int P, int C>
TINYRT_AVX2 TINYRT_INLINE void Dot(const int8_t* const* cols, const __m256i* xw, const int8_t* w, int32_t depth, const Tail& tail,
                                   __m256i off, __m256i* acc) {
  if (xw != nullptr) {
    DotBlockW<P, C>(xw, w, depth, tail, acc);
  } else {
    DotBlock<P, C>(cols, w, depth, tail, off, acc);
  }
}

}  // namespace

TINYRT_AVX2 void GemmColumnsAvx2(const int8_t* c0, const int8_t* c1, int32_t depth, int32_t offset, const int8_t* weights, int32_t channels,
                                 const int32_t* bias, const int32_t* multipliers, const int8_t* shifts, bool per_channel,
                                 const Requant& requant, int8_t* out0, int8_t* out1) {
  const Requant r = requant;  // a local copy: int8 stores may alias anything
  const RequantVec rv = MakeRequantVec(r);
  const Tail tail = MakeTail(depth);
  const __m256i off = _mm256_set1_epi16(static_cast<int16_t>(offset));
  const int32_t m0 = multipliers[0], s0 = shifts[0];
  // Columns widened once when more than one block of rows reads them and they fit the stack.
  alignas(32) __m256i widened[2 * kWidenStride];
  const bool widen = depth / 16 <= kMaxWidenSlices && channels > (c1 != nullptr ? 4 : 8);
  const __m256i* xw = widen ? widened : nullptr;
  int32_t o = 0;
  if (c1 != nullptr) {
    const int8_t* cols[2] = {c0, c1};
    if (widen) WidenColumns(cols, 2, depth, tail, off, widened);
    for (; o + 4 <= channels; o += 4) {
      __m256i acc[8];
      Dot<2, 4>(cols, xw, weights + static_cast<size_t>(o) * depth, depth, tail, off, acc);
      __m256i sums = Reduce8(acc);  // pixel 0 channels o..o+3, pixel 1 channels o..o+3
      if (bias != nullptr) sums = _mm256_add_epi32(sums, _mm256_broadcastsi128_si256(Load16(bias + o)));
      const __m256i m = per_channel ? _mm256_broadcastsi128_si256(Load16(multipliers + o)) : _mm256_set1_epi32(m0);
      const __m256i s = per_channel ? _mm256_broadcastsi128_si256(_mm_cvtepi8_epi32(Load4(shifts + o))) : _mm256_set1_epi32(s0);
      const __m128i bytes = PackBytes(Requant8(sums, m, s, rv));
      Store4(out0 + o, _mm_cvtsi128_si32(bytes));
      Store4(out1 + o, _mm_extract_epi32(bytes, 1));
    }
    for (; o < channels; ++o) {
      __m256i acc[2];
      Dot<2, 1>(cols, xw, weights + static_cast<size_t>(o) * depth, depth, tail, off, acc);
      const int32_t b = bias != nullptr ? bias[o] : 0;
      const int32_t m = per_channel ? multipliers[o] : m0, s = per_channel ? shifts[o] : s0;
      out0[o] = Requantize(HorizontalSum(acc[0]) + b, m, s, r);
      out1[o] = Requantize(HorizontalSum(acc[1]) + b, m, s, r);
    }
    return;
  }
  const int8_t* cols[1] = {c0};
  if (widen) WidenColumns(cols, 1, depth, tail, off, widened);
  if (depth == 8) {
    // Two weight rows per 16-byte slice (ad01's 8 -> 128 layer): the column twice, 8 rows per 4
    // VPMADDWD, two VPHADDD levels leave rows 0 2 4 6 | 1 3 5 7.
    const __m256i x = _mm256_add_epi16(_mm256_cvtepi8_epi16(_mm_unpacklo_epi64(Load8(c0), Load8(c0))), off);
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    for (; o + 8 <= channels; o += 8) {
      const int8_t* w = weights + static_cast<size_t>(o) * 8;
      const __m256i a0 = _mm256_madd_epi16(x, _mm256_cvtepi8_epi16(Load16(w)));
      const __m256i a1 = _mm256_madd_epi16(x, _mm256_cvtepi8_epi16(Load16(w + 16)));
      const __m256i a2 = _mm256_madd_epi16(x, _mm256_cvtepi8_epi16(Load16(w + 32)));
      const __m256i a3 = _mm256_madd_epi16(x, _mm256_cvtepi8_epi16(Load16(w + 48)));
      __m256i sums = _mm256_permutevar8x32_epi32(_mm256_hadd_epi32(_mm256_hadd_epi32(a0, a1), _mm256_hadd_epi32(a2, a3)), order);
      if (bias != nullptr) sums = _mm256_add_epi32(sums, Load32(bias + o));
      const __m256i m = per_channel ? Load32(multipliers + o) : _mm256_set1_epi32(m0);
      const __m256i s = per_channel ? _mm256_cvtepi8_epi32(Load8(shifts + o)) : _mm256_set1_epi32(s0);
      _mm_storel_epi64(reinterpret_cast<__m128i*>(out0 + o), PackBytes(Requant8(sums, m, s, rv)));
    }
  }
  for (; o + 8 <= channels; o += 8) {
    __m256i acc[8];
    Dot<1, 8>(cols, xw, weights + static_cast<size_t>(o) * depth, depth, tail, off, acc);
    __m256i sums = Reduce8(acc);
    if (bias != nullptr) sums = _mm256_add_epi32(sums, Load32(bias + o));
    const __m256i m = per_channel ? Load32(multipliers + o) : _mm256_set1_epi32(m0);
    const __m256i s = per_channel ? _mm256_cvtepi8_epi32(Load8(shifts + o)) : _mm256_set1_epi32(s0);
    _mm_storel_epi64(reinterpret_cast<__m128i*>(out0 + o), PackBytes(Requant8(sums, m, s, rv)));
  }
  for (; o < channels; ++o) {
    __m256i acc[1];
    Dot<1, 1>(cols, xw, weights + static_cast<size_t>(o) * depth, depth, tail, off, acc);
    const int32_t b = bias != nullptr ? bias[o] : 0;
    out0[o] = Requantize(HorizontalSum(acc[0]) + b, per_channel ? multipliers[o] : m0, per_channel ? shifts[o] : s0, r);
  }
}

}  // namespace opt

namespace {
bool Pointwise(const ConvGeometry& g) { return g.filter_height == 1 && g.filter_width == 1 && g.pad_height == 0 && g.pad_width == 0; }

// Channel-vectorized convolution for layers whose weights fit the stack as int16 pairs
// (kMaxPairWeights32 int32): out[o] = bias[o] + sum over depth pairs j of (x[2j] + offset,
// x[2j+1] + offset) . (w[o][2j], w[o][2j+1]) with 8 output channels per VPMADDWD, the column's
// pair broadcast to every lane (VPBROADCASTD). No horizontal sums: the accumulators are the output
// channels. Weights are interleaved once per Invoke ([pair][channel]), each column widened once
// (int16, offset added); 2 columns x up to 4 groups of 8 channels per pass.
constexpr int32_t kMaxPairWeights32 = 8192;
constexpr int32_t kMaxPairDepth = 2 * kMaxPairWeights32 / 8;  // channels >= 8

bool PairConv(const ConvGeometry& g, int32_t taps) {
  const int32_t channels = g.output_depth / 8 * 8;
  return channels >= 8 && g.output_depth <= opt::kMaxRequantChannels && taps <= kMaxPairDepth &&
         static_cast<int64_t>((taps + 1) / 2) * channels <= kMaxPairWeights32 &&
         static_cast<int64_t>(g.output_height) * g.output_width >= 32;
}

// xs (int16 pairs as int32, pairs + 1 entries) = column + offset; the odd depth's partner 0.
TINYRT_AVX2 TINYRT_INLINE void WidenColumn(const int8_t* c, int32_t depth, int32_t offset, __m256i off, int32_t* xs) {
  int32_t k = 0;
  for (; k + 16 <= depth; k += 16) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(xs + k / 2), _mm256_add_epi16(_mm256_cvtepi8_epi16(opt::Load16(c + k)), off));
  }
  for (; k < depth; k += 2) {
    const int32_t lo = c[k] + offset, hi = k + 1 < depth ? c[k + 1] + offset : 0;
    xs[k / 2] = static_cast<int32_t>((static_cast<uint32_t>(lo) & 0xFFFFu) | (static_cast<uint32_t>(hi) << 16));
  }
}

template <int G>
TINYRT_AVX2 TINYRT_INLINE void PairBlock(const int32_t* x0, const int32_t* x1, const int32_t* w, int32_t pairs, int32_t stride, int32_t o,
                                         const int32_t* bias, const opt::RequantLanes& rl, const opt::RequantVec& rv, int8_t* out0,
                                         int8_t* out1) {
  __m256i a[G], b[G];
  for (int g = 0; g < G; ++g) a[g] = b[g] = bias != nullptr ? opt::Load32(bias + o + 8 * g) : _mm256_setzero_si256();
  const int32_t* wp = w + o;
  for (int32_t j = 0; j < pairs; ++j, wp += stride) {
    const __m256i xa = _mm256_set1_epi32(x0[j]), xb = _mm256_set1_epi32(x1[j]);
    for (int g = 0; g < G; ++g) {
      const __m256i v = opt::Load32(wp + 8 * g);
      a[g] = _mm256_add_epi32(a[g], _mm256_madd_epi16(xa, v));
      b[g] = _mm256_add_epi32(b[g], _mm256_madd_epi16(xb, v));
    }
  }
  for (int g = 0; g < G; ++g) {
    _mm_storel_epi64(reinterpret_cast<__m128i*>(out0 + o + 8 * g), opt::PackBytes(opt::Requant8Lanes(a[g], rl, o + 8 * g, rv)));
    if (out1 != nullptr)
      _mm_storel_epi64(reinterpret_cast<__m128i*>(out1 + o + 8 * g), opt::PackBytes(opt::Requant8Lanes(b[g], rl, o + 8 * g, rv)));
  }
}

// The pixels' outputs from widened columns x0, x1 (out1 nullptr: one pixel; x1 may equal x0).
TINYRT_AVX2 TINYRT_INLINE void PairPixels(const int32_t* x0, const int32_t* x1, const int32_t* w, int32_t pairs, int32_t channels8,
                                          int32_t channels, const int8_t* filter, int32_t depth, const int8_t* c0, const int8_t* c1,
                                          int32_t offset, const int32_t* bias, const int32_t* multipliers, const int8_t* shifts,
                                          const opt::Requant& r, const opt::RequantLanes& rl, const opt::RequantVec& rv, int8_t* out0,
                                          int8_t* out1) {
  int32_t o = 0;
  for (; o + 32 <= channels8; o += 32) PairBlock<4>(x0, x1, w, pairs, channels8, o, bias, rl, rv, out0, out1);
  switch ((channels8 - o) / 8) {
    case 3: PairBlock<3>(x0, x1, w, pairs, channels8, o, bias, rl, rv, out0, out1); break;
    case 2: PairBlock<2>(x0, x1, w, pairs, channels8, o, bias, rl, rv, out0, out1); break;
    case 1: PairBlock<1>(x0, x1, w, pairs, channels8, o, bias, rl, rv, out0, out1); break;
    default: break;
  }
  for (o = channels8; o < channels; ++o) {  // the last channels (fewer than 8)
    const int8_t* wo = filter + static_cast<size_t>(o) * depth;
    int32_t acc0 = bias != nullptr ? bias[o] : 0, acc1 = acc0;
    for (int32_t k = 0; k < depth; ++k) acc0 += wo[k] * (c0[k] + offset);
    out0[o] = opt::Requantize(acc0, multipliers[o], shifts[o], r);
    if (out1 != nullptr) {
      for (int32_t k = 0; k < depth; ++k) acc1 += wo[k] * (c1[k] + offset);
      out1[o] = opt::Requantize(acc1, multipliers[o], shifts[o], r);
    }
  }
}

TINYRT_AVX2 Status EvalConvPairs(const EvalContext& ctx, const ConvData& d) {
  const ConvGeometry g = d.g;  // a copy: output stores could alias the op data
  const ConvQuantParams q = d.q;
  const int32_t* multipliers = d.multipliers();
  const int8_t* shifts = d.shifts();
  const int8_t* input = ctx.input<int8_t>(0);
  const int8_t* filter = ctx.input<int8_t>(1);
  const int32_t* bias = ctx.has_input(2) ? ctx.input<int32_t>(2) : nullptr;
  int8_t* output = ctx.output<int8_t>(0);
  const int32_t taps = g.filter_height * g.filter_width * g.input_depth;
  const int32_t pairs = (taps + 1) / 2;
  const int32_t channels = g.output_depth;
  const int32_t channels8 = channels / 8 * 8;
  const int32_t offset = q.input_offset;
  // weights[j * channels8 + o] = (w[o][2j], w[o][2j + 1]) as int16.
  alignas(32) int32_t weights[kMaxPairWeights32];
  for (int32_t o = 0; o < channels8; ++o) {
    const int8_t* wo = filter + static_cast<size_t>(o) * taps;
    int32_t k = 0;
    alignas(32) int32_t row[8];
    for (; k + 16 <= taps; k += 16) {
      _mm256_store_si256(reinterpret_cast<__m256i*>(row), _mm256_cvtepi8_epi16(opt::Load16(wo + k)));
      for (int i = 0; i < 8; ++i) weights[(k / 2 + i) * channels8 + o] = row[i];
    }
    for (; k < taps; k += 2) {
      const int32_t lo = wo[k], hi = k + 1 < taps ? wo[k + 1] : 0;
      weights[(k / 2) * channels8 + o] = static_cast<int32_t>((static_cast<uint32_t>(lo) & 0xFFFFu) | (static_cast<uint32_t>(hi) << 16));
    }
  }
  alignas(32) int32_t x0[kMaxPairDepth / 2 + 8], x1[kMaxPairDepth / 2 + 8];
  const bool pointwise = Pointwise(g);
  const uint32_t columns = d.scratch;
  int8_t* col0 = pointwise ? nullptr : reinterpret_cast<int8_t*>(ctx.scratch(columns));
  int8_t* col1 = col0 + taps;
  const int8_t zero_point = static_cast<int8_t>(-offset);
  const opt::Requant r{q.output_offset, q.act_min, q.act_max};
  const opt::RequantVec rv = opt::MakeRequantVec(r);
  opt::RequantLanes rl;
  opt::MakeRequantLanes(multipliers, shifts, channels, &rl);
  const __m256i off = _mm256_set1_epi16(static_cast<int16_t>(offset));
  const bool shared = static_cast<const void*>(output) == static_cast<const void*>(input);
  ForEachOutputRow(input, g, d.in_place, shared ? ctx.scratch(d.ring) : nullptr, shared,
                   [&](const OutputRow& output_row, const WindowRows<int8_t>& rows) TINYRT_AVX2 {
                     [[maybe_unused]] const auto [b, oy, iy0, fy_begin, fy_end] = output_row;
                     int8_t* out_row = output + (static_cast<size_t>(b) * g.output_height + oy) * g.output_width * channels;
                     for (int32_t ox = 0; ox < g.output_width; ox += 2) {
                       const bool pair = ox + 1 < g.output_width;
                       const int8_t* c0;
                       const int8_t* c1;
                       if (pointwise) {
                         c0 = rows[0] + static_cast<size_t>(ox) * g.stride_width * g.input_depth;
                         c1 = pair ? c0 + static_cast<size_t>(g.stride_width) * g.input_depth : c0;
                       } else {
                         opt::BuildColumn(rows, fy_begin, fy_end, g, ox, zero_point, col0);
                         if (pair) opt::BuildColumn(rows, fy_begin, fy_end, g, ox + 1, zero_point, col1);
                         c0 = col0;
                         c1 = pair ? col1 : col0;
                       }
                       WidenColumn(c0, taps, offset, off, x0);
                       if (pair) WidenColumn(c1, taps, offset, off, x1);
                       int8_t* out0 = out_row + static_cast<size_t>(ox) * channels;
                       PairPixels(x0, pair ? x1 : x0, weights, pairs, channels8, channels, filter, taps, c0, c1, offset, bias, multipliers,
                                  shifts, r, rl, rv, out0, pair ? out0 + channels : nullptr);
                     }
                   });
  return Status::Ok();
}
}  // namespace

// EvalConv2DInt8Portable (conv_2d.cc) with the AVX2 GEMM; the same scratch (two im2col columns).
TINYRT_AVX2 Status EvalConv2DInt8X86Avx2(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<ConvData>();
  if (opt::RowPairsFit(d.g)) {
    // Filter rows of at most 16 bytes (RGB 3x3, pointwise from 8 or 16 channels): by filter rows.
    const ConvGeometry g = d.g;
    const int32_t row_taps = g.filter_width * g.input_depth, row_pairs = (row_taps + 1) / 2, channels = g.output_depth;
    const int8_t* filter = ctx.input<int8_t>(1);
    alignas(32) int32_t table[opt::kMaxRowPairTable];
    for (int32_t o = 0; o < channels; ++o) {
      for (int32_t fy = 0; fy < g.filter_height; ++fy) {
        const int8_t* w = filter + (static_cast<size_t>(o) * g.filter_height + fy) * row_taps;
        for (int32_t p = 0; p < row_pairs; ++p) {
          table[(fy * row_pairs + p) * channels + o] = opt::PackPair(w[2 * p], 2 * p + 1 < row_taps ? w[2 * p + 1] : 0);
        }
      }
    }
    return opt::RowPairsConv(ctx, g, d.q, d.in_place, d.ring, table, ctx.has_input(2) ? ctx.input<int32_t>(2) : nullptr, d.multipliers(),
                             d.shifts());
  }
  if (PairConv(d.g, d.g.filter_height * d.g.filter_width * d.g.input_depth)) return EvalConvPairs(ctx, d);
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
  const uint32_t columns = d.scratch;
  int8_t* col0 = pointwise ? nullptr : reinterpret_cast<int8_t*>(ctx.scratch(columns));
  int8_t* col1 = col0 + taps;
  const int8_t zero_point = static_cast<int8_t>(-q.input_offset);
  const opt::Requant r{q.output_offset, q.act_min, q.act_max};
  const int32_t depth = g.output_depth;
  const bool shared = static_cast<const void*>(output) == static_cast<const void*>(input);
  ForEachOutputRow(input, g, d.in_place, shared ? ctx.scratch(d.ring) : nullptr, shared,
                   [&](const OutputRow& output_row, const WindowRows<int8_t>& rows) TINYRT_AVX2 {
                     [[maybe_unused]] const auto [b, oy, iy0, fy_begin, fy_end] = output_row;
                     int8_t* out_row = output + (static_cast<size_t>(b) * g.output_height + oy) * g.output_width * depth;
                     for (int32_t ox = 0; ox < g.output_width; ox += 2) {
                       const bool pair = ox + 1 < g.output_width;
                       const int8_t* c0;
                       const int8_t* c1;
                       if (pointwise) {
                         c0 = rows[0] + static_cast<size_t>(ox) * g.stride_width * g.input_depth;
                         c1 = c0 + static_cast<size_t>(g.stride_width) * g.input_depth;
                       } else {
                         opt::BuildColumn(rows, fy_begin, fy_end, g, ox, zero_point, col0);
                         if (pair) opt::BuildColumn(rows, fy_begin, fy_end, g, ox + 1, zero_point, col1);
                         c0 = col0;
                         c1 = col1;
                       }
                       int8_t* out0 = out_row + static_cast<size_t>(ox) * depth;
                       opt::GemmColumnsAvx2(c0, pair ? c1 : nullptr, taps, q.input_offset, filter, depth, bias, multipliers, shifts, true,
                                            r, out0, out0 + depth);
                     }
                   });
  return Status::Ok();
}

// EvalFullyConnectedInt8Portable (fully_connected.cc) with the AVX2 GEMM.
TINYRT_AVX2 Status EvalFullyConnectedInt8X86Avx2(const EvalContext& ctx) {
  opt::FullyConnectedByPairs(opt::MakeFullyConnectedOperands(ctx), opt::GemmColumnsAvx2);
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt

#endif  // TINYRT_ISA_X86_AVX2
