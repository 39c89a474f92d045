// SPDX-License-Identifier: Apache-2.0
// What every instruction set's optimized int8 AVERAGE_POOL_2D shares (opt/average_pool_2d.cc,
// opt/dsp_average_pool_2d.cc): the pixel loop, which sums whole channel blocks window position by
// window position (the reference walks channel by channel), and the reference's rounding division.
#pragma once

#include "src/kernels/op_data.h"
#include "src/kernels/pooling.h"

namespace tinyrt {
namespace kernels {
namespace opt {

inline int8_t Average(int32_t sum, int32_t count, int32_t act_min, int32_t act_max) {
  // Integer division truncates towards zero, so the half is added away from zero.
  const int32_t average = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
  return static_cast<int8_t>(average < act_min ? act_min : average > act_max ? act_max : average);
}

// One output pixel's window: its valid rows and columns and their first input byte.
struct PoolPixel {
  const int8_t* corner;  // channel 0 of the first valid tap
  size_t row_step;       // input bytes between rows
  int32_t rows, cols, count;
  int8_t* out;
};

// Runs every output pixel: blocks(pixel) averages the channels it can (from channel 0) and returns
// how many; the others are summed in int32 for up to 64 channels at a time (loops compilers
// vectorize).
template <typename BlocksFn>
inline void AveragePoolInt8(const EvalContext& ctx, BlocksFn&& blocks) {
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
        PoolPixel p;
        p.rows = y_end - y_start;
        p.cols = x_end - x_start;
        p.count = p.rows * p.cols;
        p.corner = input + ((static_cast<size_t>(b) * d.in_height + in_y + y_start) * d.in_width + in_x + x_start) * depth;
        p.row_step = static_cast<size_t>(d.in_width) * depth;
        p.out = output + ((static_cast<size_t>(b) * d.out_height + out_y) * d.out_width + out_x) * depth;
        constexpr int32_t kChunk = 64;
        for (int32_t c = blocks(static_cast<const PoolPixel&>(p), d); c < depth; c += kChunk) {
          const int32_t n = depth - c < kChunk ? depth - c : kChunk;
          int32_t sum[kChunk] = {};
          for (int32_t fy = 0; fy < p.rows; ++fy) {
            const int8_t* q = p.corner + fy * p.row_step + c;
            for (int32_t fx = 0; fx < p.cols; ++fx, q += depth) {
              for (int32_t k = 0; k < n; ++k) sum[k] += q[k];
            }
          }
          for (int32_t k = 0; k < n; ++k) p.out[c + k] = Average(sum[k], p.count, d.act_min, d.act_max);
        }
      }
    }
  }
}

}  // namespace opt
}  // namespace kernels
}  // namespace tinyrt
