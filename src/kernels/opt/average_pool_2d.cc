// SPDX-License-Identifier: Apache-2.0
// Optimized int8 AVERAGE_POOL_2D: per output pixel, sums whole channel blocks window position by
// window position (the reference walks channel by channel), then the reference's rounding
// division. DSP: four channels per word, SXTAB16 into 16-bit lane sums (exact for windows of at
// most 256 values: |sum| <= 256 * 128); others: int32 sums over up to 64 channels, loops the
// compiler vectorizes.
#include "src/kernels/op_data.h"
#include "src/kernels/opt/isa.h"
#include "src/kernels/pooling.h"

namespace tinyrt {
namespace kernels {
namespace {

inline int8_t Average(int32_t sum, int32_t count, int32_t act_min, int32_t act_max) {
  // Integer division truncates towards zero, so the half is added away from zero.
  const int32_t average = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
  return static_cast<int8_t>(average < act_min ? act_min : average > act_max ? act_max : average);
}

}  // namespace

Status SelectAveragePoolVariant(PrepareContext& ctx, uint8_t reference, uint8_t optimized, uint8_t* selected) {
  *selected = reference;
  if (!TINYRT_OPT_KERNELS) {
    ctx.SetReferenceReason(ReferenceReason::kNotBuilt);
    return Status::Ok();
  }
  if (ctx.reference_kernels_only()) {
    ctx.SetReferenceReason(ReferenceReason::kForced);
    return Status::Ok();
  }
  ctx.SetReferenceReason(ReferenceReason::kNone);
  *selected = optimized;
  return Status::Ok();
}

Status EvalAveragePoolInt8Opt(const EvalContext& ctx) {
  if (!TINYRT_OPT_KERNELS) return Status::Ok();  // never selected; the code below compiles out
  const PoolData d = *ctx.op_data<PoolData>();  // a copy: output stores could alias the op data
  const int8_t* input = ctx.input<int8_t>(0);
  int8_t* output = ctx.output<int8_t>(0);
  const int32_t depth = d.depth;
  for (int32_t b = 0; b < d.batches; ++b) {
    for (int32_t out_y = 0; out_y < d.out_height; ++out_y) {
      const int32_t in_y = out_y * d.stride_height - d.pad_height;
      int32_t y_start, y_end;
      PoolWindow(in_y, d.filter_height, d.in_height, &y_start, &y_end);
      for (int32_t out_x = 0; out_x < d.out_width; ++out_x) {
        const int32_t in_x = out_x * d.stride_width - d.pad_width;
        int32_t x_start, x_end;
        PoolWindow(in_x, d.filter_width, d.in_width, &x_start, &x_end);
        const int32_t count = (y_end - y_start) * (x_end - x_start);
        const int8_t* corner = input + ((static_cast<size_t>(b) * d.in_height + in_y + y_start) * d.in_width + in_x + x_start) * depth;
        const size_t row_step = static_cast<size_t>(d.in_width) * depth;
        int8_t* out = output + ((static_cast<size_t>(b) * d.out_height + out_y) * d.out_width + out_x) * depth;
        int32_t c = 0;
#if defined(TINYRT_ISA_DSP)
        if (count <= 256) {
          for (; c + 4 <= depth; c += 4) {
            int32_t even = 0, odd = 0;  // channels c, c+2 and c+1, c+3 in 16-bit lanes
            for (int32_t fy = y_start; fy < y_end; ++fy) {
              const int8_t* p = corner + (fy - y_start) * row_step + c;
              for (int32_t fx = x_start; fx < x_end; ++fx, p += depth) {
                const int32_t x = opt::Read32(p);
                even = __sxtab16(even, x);
                odd = opt::Sxtab16Ror8(odd, x);
              }
            }
            out[c] = Average(static_cast<int16_t>(even), count, d.act_min, d.act_max);
            out[c + 1] = Average(static_cast<int16_t>(odd), count, d.act_min, d.act_max);
            out[c + 2] = Average(even >> 16, count, d.act_min, d.act_max);
            out[c + 3] = Average(odd >> 16, count, d.act_min, d.act_max);
          }
        }
#endif
        constexpr int32_t kChunk = 64;
        for (; c < depth; c += kChunk) {
          const int32_t n = depth - c < kChunk ? depth - c : kChunk;
          int32_t sum[kChunk] = {};
          for (int32_t fy = y_start; fy < y_end; ++fy) {
            const int8_t* p = corner + (fy - y_start) * row_step + c;
            for (int32_t fx = x_start; fx < x_end; ++fx, p += depth) {
              for (int32_t k = 0; k < n; ++k) sum[k] += p[k];
            }
          }
          for (int32_t k = 0; k < n; ++k) out[c + k] = Average(sum[k], count, d.act_min, d.act_max);
        }
      }
    }
  }
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt
