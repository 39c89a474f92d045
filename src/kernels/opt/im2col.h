// SPDX-License-Identifier: Apache-2.0
// im2col for the optimized convolutions: one output pixel's window as a contiguous int8 column.
#pragma once

#include <stdint.h>
#include <string.h>

#include "src/kernels/conv_util.h"

namespace tinyrt {
namespace kernels {
namespace opt {

// Short copies (a filter row of a one- or three-channel input is a few bytes) inline; a call to
// memcpy costs more than the bytes.
inline void CopyTaps(int8_t* dst, const int8_t* src, int32_t n) {
  if (n > 32) {
    memcpy(dst, src, static_cast<size_t>(n));
    return;
  }
  int32_t i = 0;
  for (; i + 4 <= n; i += 4) memcpy(dst + i, src + i, 4);  // one (unaligned) word each way
  for (; i < n; ++i) dst[i] = src[i];
}
inline void FillTaps(int8_t* dst, int8_t value, int32_t n) {
  if (n > 16) {
    memset(dst, value, static_cast<size_t>(n));
    return;
  }
  for (int32_t i = 0; i < n; ++i) dst[i] = value;
}

// Fills `col` with the window of output column ox of the current output row (filter rows outside
// [fy_begin, fy_end) and columns outside the input are padding: the input zero point).
inline void BuildColumn(const WindowRows<int8_t>& rows, int32_t fy_begin, int32_t fy_end, const ConvGeometry& g, int32_t ox,
                        int8_t zero_point, int8_t* col) {
  const int32_t depth = g.input_depth;
  const int32_t ix0 = ox * g.stride_width - g.pad_width;
  const int32_t row_taps = g.filter_width * depth;
  // Valid filter columns [fx_begin, fx_end): without dilation one span per row, padding around it.
  if (g.dilation_width == 1 && ix0 >= 0 && ix0 + g.filter_width <= g.input_width && fy_begin == 0 && fy_end == g.filter_height) {
    // The whole window is inside the input (most pixels): one copy per filter row.
    const int32_t start = ix0 * depth;
    for (int32_t fy = 0; fy < g.filter_height; ++fy) CopyTaps(col + fy * row_taps, rows[fy] + start, row_taps);
    return;
  }
  int32_t fx_begin, fx_end;
  WindowTaps(ix0, g.dilation_width, g.filter_width, g.input_width, &fx_begin, &fx_end);
  const bool span = g.dilation_width == 1 && fx_end > fx_begin;
  int8_t* dst = col;
  for (int32_t fy = 0; fy < g.filter_height; ++fy, dst += row_taps) {
    if (fy < fy_begin || fy >= fy_end) {
      FillTaps(dst, zero_point, row_taps);
      continue;
    }
    const int8_t* row = rows[fy];
    if (span) {
      FillTaps(dst, zero_point, fx_begin * depth);
      CopyTaps(dst + fx_begin * depth, row + (ix0 + fx_begin) * depth, (fx_end - fx_begin) * depth);
      FillTaps(dst + fx_end * depth, zero_point, (g.filter_width - fx_end) * depth);
      continue;
    }
    for (int32_t fx = 0; fx < g.filter_width; ++fx) {
      const int32_t ix = ix0 + fx * g.dilation_width;
      if (ix < 0 || ix >= g.input_width) {
        FillTaps(dst + fx * depth, zero_point, depth);
      } else {
        CopyTaps(dst + fx * depth, row + ix * depth, depth);
      }
    }
  }
}

}  // namespace opt
}  // namespace kernels
}  // namespace tinyrt
