// Output size and implicit padding of windowed ops (CONV_2D, DEPTHWISE_CONV_2D, pooling), computed
// exactly as TFLite's kernels/padding.h does (ComputeOutSize, ComputePaddingHeightWidth), which
// matches TensorFlow's GetWindowedOutputSize.
#pragma once

#include <stdint.h>

#include "tinyrt/schema_generated.h"

namespace tinyrt {
namespace kernels {

// Extent of one output dimension. SAME: ceil(in / stride); VALID: the windows that fit entirely.
// Returns 0 for a non-positive stride or an unknown padding; can be 0 or negative for VALID when
// the (dilated) filter is larger than the input, which callers must reject.
inline int32_t ComputeOutSize(tflite::Padding padding, int32_t image_size, int32_t filter_size, int32_t stride,
                              int32_t dilation = 1) {
  if (stride <= 0) return 0;
  const int32_t effective_filter = (filter_size - 1) * dilation + 1;
  switch (padding) {
    case tflite::Padding_SAME: return (image_size + stride - 1) / stride;
    case tflite::Padding_VALID: return (image_size + stride - effective_filter) / stride;
  }
  return 0;
}

// Padding before the first element of one dimension; *offset is 1 when the total padding is odd
// (the extra element goes after the last one, as in TensorFlow).
inline int32_t ComputePaddingWithOffset(int32_t stride, int32_t dilation, int32_t in_size, int32_t filter_size, int32_t out_size,
                                        int32_t* offset) {
  const int32_t effective_filter = (filter_size - 1) * dilation + 1;
  int32_t total = (out_size - 1) * stride + effective_filter - in_size;
  if (total < 0) total = 0;
  *offset = total % 2;
  return total / 2;
}

struct PaddingValues {
  int32_t height;
  int32_t width;
  int32_t height_offset;
  int32_t width_offset;
};

// Output height/width and the padding to apply, for a 2-D window over NHWC data.
inline PaddingValues ComputePaddingHeightWidth(int32_t stride_height, int32_t stride_width, int32_t dilation_height,
                                               int32_t dilation_width, int32_t in_height, int32_t in_width, int32_t filter_height,
                                               int32_t filter_width, tflite::Padding padding, int32_t* out_height,
                                               int32_t* out_width) {
  *out_width = ComputeOutSize(padding, in_width, filter_width, stride_width, dilation_width);
  *out_height = ComputeOutSize(padding, in_height, filter_height, stride_height, dilation_height);
  PaddingValues values;
  values.height = ComputePaddingWithOffset(stride_height, dilation_height, in_height, filter_height, *out_height, &values.height_offset);
  values.width = ComputePaddingWithOffset(stride_width, dilation_width, in_width, filter_width, *out_width, &values.width_offset);
  return values;
}

// The filter taps [*begin, *end) of a window starting at input coordinate `origin` (may be negative)
// that land inside [0, in_size): skipping the others is TFLite's zero padding. Empty if none do.
inline void WindowTaps(int32_t origin, int32_t dilation, int32_t filter_size, int32_t in_size, int32_t* begin, int32_t* end) {
  *begin = origin < 0 ? (-origin + dilation - 1) / dilation : 0;
  const int32_t room = in_size - origin;  // taps t with origin + t*dilation < in_size
  const int32_t limit = room > 0 ? (room + dilation - 1) / dilation : 0;
  *end = limit < filter_size ? limit : filter_size;
  if (*end < *begin) *end = *begin;
}

}  // namespace kernels
}  // namespace tinyrt
