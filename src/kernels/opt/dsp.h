// SPDX-License-Identifier: Apache-2.0
// Cortex-M DSP-extension (M4/M7/M33) building blocks of the optimized int8 kernels, beyond isa.h:
// columns split once into offset-added halfword pairs, a 2-column GEMM microkernel in assembly
// (dsp_gemm.cc) and a requantization of a few instructions (SMMLAR).
#pragma once

#include <stddef.h>

#include "src/kernels/conv_util.h"
#include "src/kernels/opt/isa.h"

namespace tinyrt {
namespace kernels {
namespace opt {

// Bytes of split columns (below) for `taps` taps: 16 per group of 4 taps (two columns, two words
// each), or 32 for four columns. Requested on every instruction set, so that plans do not depend
// on it.
constexpr size_t SplitColumnBytes(size_t taps) { return taps / 4 * 16; }
constexpr size_t Split4ColumnBytes(size_t taps) { return taps / 4 * 32; }

// (acc * 2^32 + a * b + 2^31) >> 32: one SMMLAR on the DSP extension; elsewhere the same
// arithmetic in C, so the host tests run this requantization (RequantizeFast) as the kernels do.
inline int32_t Smmlar(int32_t a, int32_t b, int32_t acc) {
#if defined(TINYRT_ISA_DSP)
  int32_t r;
  __asm__("smmlar %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(acc));
  return r;
#else
  const int64_t sum = static_cast<int64_t>(static_cast<uint64_t>(static_cast<int64_t>(acc)) << 32) + static_cast<int64_t>(a) * b +
                      (static_cast<int64_t>(1) << 31);
  return static_cast<int32_t>(sum >> 32);
#endif
}

// A channel's requantization in the form the fast path consumes: the multiplier doubled (mod
// 2^32) and the right shift minus one.
struct FastScale {
  int32_t doubled;
  int32_t shift_minus_one;
};

// True when every channel's multiplier is in [2^30, 2^31) and shift in [-31, -1] (a scale in
// (2^-32, 1), what QuantizeMultiplier gives every real convolution), or both are 0 (a channel whose
// scale is 0, common in pruned models: the result is 0); then RequantizeFast is exact.
inline bool FastRequantApplies(const int32_t* multipliers, const int8_t* shifts, int32_t n) {
  for (int32_t i = 0; i < n; ++i) {
    const bool scaled = multipliers[i] >= (1 << 30) && shifts[i] < 0 && shifts[i] >= -31;
    if (!scaled && !(multipliers[i] == 0 && shifts[i] == 0)) return false;
  }
  return true;
}

inline FastScale MakeFastScale(int32_t multiplier, int32_t shift) {
  return FastScale{static_cast<int32_t>(static_cast<uint32_t>(multiplier) << 1), -shift - 1};
}

// Requantize (isa.h) for a FastScale, without the output offset and clamp:
// floor((acc*m + 2^30) / 2^31) is SMMLAR(acc, 2m - 2^32, acc) for m >= 2^30; then the same
// half-away-from-zero division by 2^shift. (The assembly versions get 0 for m = 0 from the same
// steps: SMMLAR gives acc, an arithmetic shift by 255 its sign, and u - (u >> 1) is then 0.)
inline int32_t RequantizeFast(int32_t acc, FastScale s) {
  if (s.shift_minus_one < 0) return 0;  // multiplier 0
  const int32_t t = Smmlar(acc, s.doubled, acc);
  const int32_t u = (t + (t >> 31)) >> s.shift_minus_one;
  return u - (u >> 1);
}

#if defined(TINYRT_ISA_DSP)

// The assembly microkernels' requantization after SMMLAR (RequantizeFast's last steps, then the
// output offset and SSAT), as one GNU assembler macro each kernel's asm block starts with and
// purges: u = (v + (v >> 31)) >> shift; v = ssat8(u - (u >> 1) + offset). `shift` holds ~shift in
// its low byte (an ASR by register uses that byte; 255, a zero-scale channel, gives 0).
#define TINYRT_DSP_REQUANT_TAIL_MACRO               \
  "  .macro tinyrt_requant_tail v, shift, offset\n" \
  "    add \\v, \\v, \\v, asr #31\n"                \
  "    asr \\v, \\v, \\shift\n"                     \
  "    sub \\v, \\v, \\v, asr #1\n"                 \
  "    add \\v, \\v, \\offset\n"                    \
  "    ssat \\v, #8, \\v\n"                         \
  "  .endm\n"

// One input word (4 taps) split with the offset added: out[0] = taps 0 and 2, out[1] = taps 1 and 3,
// as int16 pairs (the layout every split-column function writes).
inline void SplitWord(int32_t offset2, int32_t x, int32_t* out) {
  out[0] = __sxtab16(offset2, x);
  out[1] = Sxtab16Ror8(offset2, x);
}

inline int8_t Clamp(int32_t v, const Requant& r) {
  v += r.output_offset;
  v = v < r.act_min ? r.act_min : v;
  v = v > r.act_max ? r.act_max : v;
  return static_cast<int8_t>(v);
}

// The activation range as four bytes each, for clamping four int8 results at once (SSUB8 + SEL).
struct Clamp4 {
  int32_t output_offset;
  uint32_t min4;
  uint32_t max4;
};
inline Clamp4 MakeClamp4(const Requant& r) {
  return Clamp4{r.output_offset, 0x01010101u * static_cast<uint8_t>(r.act_min), 0x01010101u * static_cast<uint8_t>(r.act_max)};
}

// Four requantized values (before the offset) to clamped int8 bytes {v0, v1, v2, v3} in one word.
inline uint32_t PackClamp4(int32_t v0, int32_t v1, int32_t v2, int32_t v3, const Clamp4& c) {
  uint32_t w = static_cast<uint8_t>(__ssat(v0 + c.output_offset, 8));
  w |= static_cast<uint32_t>(static_cast<uint8_t>(__ssat(v1 + c.output_offset, 8))) << 8;
  w |= static_cast<uint32_t>(static_cast<uint8_t>(__ssat(v2 + c.output_offset, 8))) << 16;
  w |= static_cast<uint32_t>(__ssat(v3 + c.output_offset, 8)) << 24;
  __ssub8(static_cast<int8x4_t>(w), static_cast<int8x4_t>(c.min4));  // GE flags: bytes >= act_min
  w = __sel(w, c.min4);
  __ssub8(static_cast<int8x4_t>(w), static_cast<int8x4_t>(c.max4));  // bytes >= act_max
  return __sel(c.max4, w);
}

// Two int8 columns of `taps` taps into split form: per group of 4 taps, the words
// {c0 taps 0,2 + offset; c0 taps 1,3 + offset; c1 taps 0,2 + offset; c1 taps 1,3 + offset}
// as int16 pairs. The last taps % 4 taps are left out (the caller adds them).
void SplitColumns(const int8_t* c0, const int8_t* c1, int32_t taps, int32_t offset, int32_t* split);

// Four int8 columns `column_step` bytes apart (taps a multiple of 4) into split form: per group
// of 4 taps, the two words of each column in turn (Split4ColumnBytes).
void Split4Columns(const int8_t* c0, int32_t column_step, int32_t taps, int32_t offset, int32_t* split);

// out + p * out_step, channel o, for p < 4: requantized(bias[o] + sum_k weights[o][k] * (c_p[k] +
// offset)), from four split columns; taps a multiple of 4 (no leftover), one multiplier and
// shift per channel, FastRequantApplies over all of them. 4 pixels x 1 channel per pass: each
// weight word feeds 4 pixels (13 instructions per 16 multiply-accumulates).
void Gemm4Columns(const int32_t* split, int32_t taps, const int8_t* weights, int32_t channels, const int32_t* bias,
                  const int32_t* multipliers, const int8_t* shifts, const Requant& r, int8_t* out, int32_t out_step);

// Whether SplitWindows applies: whole filter rows of a multiple of 4 bytes, both windows inside the
// input across (rows above and below may be padding).
inline bool SplitWindowsApply(const ConvGeometry& g, int32_t depth, int32_t ox0, int32_t ox1) {
  const int32_t ix0 = ox0 * g.stride_width - g.pad_width, ix1 = ox1 * g.stride_width - g.pad_width;
  return g.dilation_width == 1 && (g.filter_width * depth) % 4 == 0 && ix0 >= 0 && ix1 >= 0 && ix0 + g.filter_width <= g.input_width &&
         ix1 + g.filter_width <= g.input_width;
}

// The im2col windows of output columns ox0 and ox1 of the current row, split (as SplitColumns
// would split their int8 columns) straight from the input rows; padding rows give zeros.
void SplitWindows(const WindowRows<int8_t>& rows, int32_t fy_begin, int32_t fy_end, const ConvGeometry& g, int32_t depth, int32_t ox0,
                  int32_t ox1, int32_t offset, int32_t* split);

// SplitWindows for the four output columns ox..ox+3 (each satisfying SplitWindowsApply), in
// Split4Columns' layout.
void SplitWindows4(const WindowRows<int8_t>& rows, int32_t fy_begin, int32_t fy_end, const ConvGeometry& g, int32_t depth, int32_t ox,
                   int32_t offset, int32_t* split);

// out0/out1[o] = requantized(bias[o] + sum_k weights[o][k] * (c_p[k] + offset)) for both columns
// and every output channel, from their split form (SplitColumns) plus the raw columns' last
// taps % 4 taps (c0 and c1 may be null when there are none); one multiplier and shift per
// channel, FastRequantApplies over all of them.
void GemmSplitColumns(const int32_t* split, const int8_t* c0, const int8_t* c1, int32_t taps, int32_t offset, const int8_t* weights,
                      int32_t channels, const int32_t* bias, const int32_t* multipliers, const int8_t* shifts, const Requant& r,
                      int8_t* out0, int8_t* out1);

// out[o] = requantized(bias[o] + sum_k weights[o][k] * (x[k] + offset)) for one input row of
// `depth` (a multiple of 4) and every output channel; FastRequantApplies over the scales.
void FullyConnectedRow(const int8_t* x, int32_t depth, int32_t offset, const int8_t* weights, int32_t channels, const int32_t* bias,
                       const int32_t* multipliers, const int8_t* shifts, bool per_channel, const Requant& r, int8_t* out);

// One output pixel of a depthwise convolution with depth multiplier 1 and no dilation across a
// row, for opt/dsp_depthwise.cc's microkernel (which reads it by offset and advances bias,
// multipliers, shifts, out and blocks as it goes).
struct DepthwisePixel {
  int32_t blocks;         // 4-channel blocks, >= 1
  int32_t num_rows;       // valid filter rows, >= 1
  int32_t cols;           // valid taps per row, >= 1
  int32_t step;           // bytes between taps of a row, input and weights (the depth)
  int32_t row_adjust;     // weights: from the end of a row's taps to the next row's first tap
  int32_t block_adjust;   // weights: from a block's row num_rows to the next block's first row
  const int8_t* weights;  // the first block's first valid tap
  int32_t offset2;        // the input offset in both halfwords
  const int32_t* bias;    // nullptr: none
  const int32_t* multipliers;
  const int8_t* shifts;
  int32_t output_offset;
  uint32_t min4;  // the activation range, 4 bytes each
  uint32_t max4;
  int8_t* out;
  int32_t filter_row;  // weights between filter rows
  // Input of valid row i minus the weights of row i (so input = weights + row_delta[i]).
  int32_t row_delta[kMaxInPlaceFilterRows];
  // The window's shape, for unrolled code: 1: 3x3, 2: 2 rows x 3, 3: 3 rows x 2, 4: 2x2, 0: other.
  int32_t window;
  // A run of `pixels` output pixels with the same window shape, `pixel_step` input bytes apart
  // (outputs 4 * blocks bytes apart); the kernel restarts each pixel from these.
  int32_t pixels;
  int32_t pixel_step;
  int32_t blocks_start;
  const int32_t* bias_start;
  const int32_t* multipliers_start;
  const int8_t* shifts_start;
};

// Runs the microkernel; requires FastRequantApplies over the pixel's channels. Fills the fields
// that restart each pixel from those of the first.
void DepthwisePixelBlocks(DepthwisePixel* job);

#endif  // TINYRT_ISA_DSP

}  // namespace opt
}  // namespace kernels
}  // namespace tinyrt
