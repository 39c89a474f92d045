// SPDX-License-Identifier: Apache-2.0
// Output size and padding of windowed ops (conv, depthwise conv, pooling), computed exactly as
// TFLite's kernels/padding.h does: SAME pads so that out = ceil(in / stride), VALID does not pad,
// and when the total padding is odd the extra row/column goes after (bottom/right), which is
// why the "offset" is reported separately.
#pragma once

namespace tinyrt {
namespace kernels {

// tflite::Padding values (schema enum): SAME = 0, VALID = 1.
constexpr int kPaddingSame = 0;
constexpr int kPaddingValid = 1;

// Strides, dilations and filter extents beyond this are refused in Prepare: real models are far
// below, and the bound keeps every index computation of the windowed kernels inside int32.
constexpr int kMaxWindowParameter = 1 << 15;

inline bool WindowParametersInRange(int stride_height, int stride_width, int dilation_height, int dilation_width, int filter_height,
                                    int filter_width) {
  const int values[] = {stride_height, stride_width, dilation_height, dilation_width, filter_height, filter_width};
  for (int v : values) {
    if (v < 1 || v > kMaxWindowParameter) return false;
  }
  return true;
}

// Filter extent once dilated.
inline int EffectiveFilterSize(int filter, int dilation) { return (filter - 1) * dilation + 1; }

// Output extent along one axis (TensorFlow's GetWindowedOutputSize). 0 for a zero stride or an
// unknown padding; can be <= 0 when a VALID filter is larger than the image (callers reject it).
inline int ComputeOutSize(int padding, int image, int filter, int stride, int dilation) {
  if (stride == 0) return 0;
  const int effective_filter = EffectiveFilterSize(filter, dilation);
  switch (padding) {
    case kPaddingSame: return (image + stride - 1) / stride;
    case kPaddingValid: return (image + stride - effective_filter) / stride;
    default: return 0;
  }
}

// Padding before the first element along one axis; *offset receives the odd remainder that
// goes after the last element (TFLite's ComputePaddingWithOffset).
inline int ComputePadding(int stride, int dilation, int in_size, int filter_size, int out_size, int* offset) {
  int total = (out_size - 1) * stride + EffectiveFilterSize(filter_size, dilation) - in_size;
  total = total > 0 ? total : 0;
  *offset = total % 2;
  return total / 2;
}

struct PaddingValues {
  int width;
  int height;
  int width_offset;   // extra column after the image when the total padding is odd
  int height_offset;  // extra row after the image when the total padding is odd
};

// Both axes at once, with the output extents (TFLite's ComputePaddingHeightWidth).
inline PaddingValues ComputePaddingHeightWidth(int stride_height, int stride_width, int dilation_height, int dilation_width, int in_height,
                                               int in_width, int filter_height, int filter_width, int padding, int* out_height,
                                               int* out_width) {
  *out_width = ComputeOutSize(padding, in_width, filter_width, stride_width, dilation_width);
  *out_height = ComputeOutSize(padding, in_height, filter_height, stride_height, dilation_height);
  PaddingValues values;
  int offset = 0;
  values.height = ComputePadding(stride_height, dilation_height, in_height, filter_height, *out_height, &offset);
  values.height_offset = offset;
  values.width = ComputePadding(stride_width, dilation_width, in_width, filter_width, *out_width, &offset);
  values.width_offset = offset;
  return values;
}

}  // namespace kernels
}  // namespace tinyrt
