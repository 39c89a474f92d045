// SPDX-License-Identifier: Apache-2.0
// Optimized int8 SVDF with int16 weights_time and state (TFLite's full-integer SVDF), bit-exact
// with ref/svdf.cc:
//  - the feature step (weights_feature x input, one value per filter) runs through opt/recurrent.h's
//    MatVec, kChunk filters at a time, then each value is rescaled into the state as the reference;
//  - with the state's zero point 0 (every TFLite model), the shift of the state, the new values
//    and the time step's int16 dot products run in one pass per filter (EvalFused), two slots per
//    SMLAD on the DSP extension; other zero points take the reference's order of steps.
#include <string.h>

#include "src/kernels/opt/dsp.h"
#include "src/kernels/opt/recurrent.h"
#include "src/kernels/opt/variants.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr int32_t kChunk = 32;        // filters per feature pass (128 bytes of stack)
constexpr int32_t kMaxFilters = 256;  // the fused path keeps one new value per filter (512 bytes of stack)

// The general path: the reference's steps (shift the whole state, append the feature values, then
// the time dot products), with the feature step through MatVec.
void EvalGeneral(const SvdfData& d, const int8_t* input, const int8_t* feature, const int16_t* time, const int32_t* bias, int16_t* state,
                 int8_t* output) {
  const int32_t m = d.memory_size, filters = d.num_filters;
  memmove(state, state + 1, sizeof(int16_t) * static_cast<size_t>(d.batches * filters * m - 1));
  for (int32_t b = 0; b < d.batches; ++b) {
    const int8_t* in = input + b * d.input_size;
    int16_t* s = state + b * filters * m;
    for (int32_t f0 = 0; f0 < filters; f0 += kChunk) {
      const int32_t n = filters - f0 < kChunk ? filters - f0 : kChunk;
      int32_t acc[kChunk];
      opt::MatVec(in, feature + static_cast<size_t>(f0) * d.input_size, d.input_size, n, nullptr, -d.input_zero_point, acc);
      for (int32_t i = 0; i < n; ++i) {
        const int32_t value = d.state_zero_point + opt::Rescale(acc[i], d.feature_multiplier, d.feature_shift);
        s[(f0 + i) * m + m - 1] = static_cast<int16_t>(opt::SaturateInt16(value));
      }
    }
  }
  for (int32_t b = 0; b < d.batches; ++b) {
    const int16_t* s = state + b * filters * m;
    for (int32_t u = 0; u < d.num_units; ++u) {
      uint32_t sum = bias != nullptr ? static_cast<uint32_t>(bias[u]) : 0u;
      for (int32_t r = 0; r < d.rank; ++r) {
        const int32_t f = u * d.rank + r;
        for (int32_t j = 0; j < m; ++j)
          sum += static_cast<uint32_t>(static_cast<int64_t>(time[f * m + j]) * (s[f * m + j] - d.state_zero_point));
      }
      const int32_t q = opt::Rescale(static_cast<int32_t>(sum), d.output_multiplier, d.output_shift) + d.output_zero_point;
      output[b * d.num_units + u] = static_cast<int8_t>(q < -128 ? -128 : (q > 127 ? 127 : q));
    }
  }
}

// The fused path (state zero point 0, at most kMaxFilters filters): the feature values first, then
// per filter one pass over its memory that shifts it by one slot, appends the new value and takes
// the dot product with its weights_time row; on the DSP extension, for an even memory size, two
// slots per word (an unaligned load of slots j+1, j+2, a store to j, j+1, one SMLAD). The shift of the whole buffer
// the reference does moves each filter's slots within the filter (the slot that crosses into
// the previous filter is its last, which the new value overwrites), so per filter is the same.
// The products wrap modulo 2^32 as the reference's sums.
void EvalFused(const SvdfData& d, const int8_t* input, const int8_t* feature, const int16_t* time, const int32_t* bias, int16_t* state,
               int8_t* output) {
  const int32_t m = d.memory_size, filters = d.num_filters, rank = d.rank, units = d.num_units, depth = d.input_size;
  const int32_t input_offset = -d.input_zero_point, feature_multiplier = d.feature_multiplier, feature_shift = d.feature_shift;
  const int32_t output_multiplier = d.output_multiplier, output_shift = d.output_shift, output_zero_point = d.output_zero_point;
#if defined(TINYRT_ISA_DSP) && TINYRT_OPT_KERNELS
  const bool fast = output_multiplier >= (1 << 30) && output_shift <= -1 && output_shift >= -31;
  const opt::FastScale output_fast = opt::MakeFastScale(output_multiplier, output_shift);
  const bool feature_fast = feature_multiplier >= (1 << 30) && feature_shift <= -1 && feature_shift >= -31;
  const opt::FastScale feature_scale = opt::MakeFastScale(feature_multiplier, feature_shift);
#endif
  int16_t values[kMaxFilters];
  for (int32_t b = 0; b < d.batches; ++b) {
    const int8_t* in = input + b * depth;
    for (int32_t f0 = 0; f0 < filters; f0 += kChunk) {
      const int32_t n = filters - f0 < kChunk ? filters - f0 : kChunk;
      int32_t acc[kChunk];
      opt::MatVec(in, feature + static_cast<size_t>(f0) * depth, depth, n, nullptr, input_offset, acc);
#if defined(TINYRT_ISA_DSP) && TINYRT_OPT_KERNELS
      if (feature_fast) {
        for (int32_t i = 0; i < n; ++i) values[f0 + i] = static_cast<int16_t>(__ssat(opt::RequantizeFast(acc[i], feature_scale), 16));
        continue;
      }
#endif
      for (int32_t i = 0; i < n; ++i)
        values[f0 + i] = static_cast<int16_t>(opt::SaturateInt16(opt::Rescale(acc[i], feature_multiplier, feature_shift)));
    }
    int16_t* row = state + b * filters * m;
    const int16_t* w = time;
    int8_t* out = output + b * units;
#if defined(TINYRT_ISA_DSP) && TINYRT_OPT_KERNELS
    if ((m & 1) == 0) {
      // Whole words: slots (j, j+1) take the old (j+1, j+2), the last pair is (old m-1, new value).
      for (int32_t u = 0; u < units; ++u) {
        int32_t acc = bias != nullptr ? bias[u] : 0;
        for (int32_t r = 0; r < rank; ++r, row += m, w += m) {
          int32_t j = 0;
          for (; j + 2 < m; j += 2) {
            const int32_t pair = opt::Read32(row + j + 1);
            memcpy(row + j, &pair, 4);
            acc = __smlad(opt::Read32(w + j), pair, acc);
          }
          const int32_t last = static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint16_t>(row[m - 1])) |
                                                    (static_cast<uint32_t>(static_cast<uint16_t>(values[u * rank + r])) << 16));
          memcpy(row + m - 2, &last, 4);
          acc = __smlad(opt::Read32(w + m - 2), last, acc);
        }
        const int32_t q =
            (fast ? opt::RequantizeFast(acc, output_fast) : opt::Rescale(acc, output_multiplier, output_shift)) + output_zero_point;
        out[u] = static_cast<int8_t>(__ssat(q, 8));
      }
      continue;
    }
#endif
    for (int32_t u = 0; u < units; ++u) {
      uint32_t sum = bias != nullptr ? static_cast<uint32_t>(bias[u]) : 0u;
      for (int32_t r = 0; r < rank; ++r, row += m, w += m) {
        for (int32_t j = 0; j + 1 < m; ++j) {
          row[j] = row[j + 1];
          sum += static_cast<uint32_t>(static_cast<int32_t>(w[j]) * row[j]);
        }
        const int16_t v = values[u * rank + r];
        row[m - 1] = v;
        sum += static_cast<uint32_t>(static_cast<int32_t>(w[m - 1]) * v);
      }
      const int32_t q = opt::Rescale(static_cast<int32_t>(sum), output_multiplier, output_shift) + output_zero_point;
      out[u] = static_cast<int8_t>(q < -128 ? -128 : (q > 127 ? 127 : q));
    }
  }
}

}  // namespace

Status EvalSvdfInt8Opt(const EvalContext& ctx) {
  if (!TINYRT_OPT_KERNELS) return Status::Ok();  // never selected; the code below compiles out
  const SvdfData d = *ctx.op_data<SvdfData>();   // a local copy: the int8/int16 stores may alias it
  const int8_t* input = ctx.input<int8_t>(0);
  const int8_t* feature = ctx.input<int8_t>(1);
  const int16_t* time = ctx.input<int16_t>(2);
  const int32_t* bias = ctx.has_input(3) ? ctx.input<int32_t>(3) : nullptr;
  int16_t* state = ctx.mutable_input<int16_t>(4);
  int8_t* output = ctx.output<int8_t>(0);
  if (d.state_zero_point == 0 && d.num_filters <= kMaxFilters) {
    EvalFused(d, input, feature, time, bias, state, output);
  } else {
    EvalGeneral(d, input, feature, time, bias, state, output);
  }
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt
