// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: the micro_utils.h helpers kernels use (ElementCount, quantize and
// dequantize of single values).
#pragma once

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "tensorflow/lite/core/c/common.h"

namespace tflite {

inline int ElementCount(const TfLiteIntArray& dims) {
  int n = 1;
  for (int i = 0; i < dims.size; ++i) n *= dims.data[i];
  return n;
}

template <typename T>
T FloatToQuantizedType(const float value, const float scale, int zero_point) {
  const long q = lroundf(value / scale) + zero_point;
  const long lo = static_cast<long>(T(~T(0)) < T(0) ? -(1L << (8 * sizeof(T) - 1)) : 0);
  const long hi = static_cast<long>(T(~T(0)) < T(0) ? (1L << (8 * sizeof(T) - 1)) - 1 : static_cast<long>(T(~T(0))));
  return static_cast<T>(q < lo ? lo : q > hi ? hi : q);
}

template <typename T>
void Dequantize(const T* values, const int size, const float scale, int zero_point, float* dequantized_values) {
  for (int i = 0; i < size; ++i) dequantized_values[i] = (values[i] - zero_point) * scale;
}

}  // namespace tflite
