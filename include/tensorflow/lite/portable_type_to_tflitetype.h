// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: typeToTfLiteType<T>(), the TfLiteType of a C++ type.
#pragma once

#include <stdint.h>

#include "tensorflow/lite/core/c/common.h"

namespace tflite {

template <typename T>
constexpr TfLiteType typeToTfLiteType() {
  return kTfLiteNoType;
}
#define TINYRT_TFLM_TYPE_(T, TYPE)             \
  template <>                                  \
  constexpr TfLiteType typeToTfLiteType<T>() { \
    return TYPE;                               \
  }
TINYRT_TFLM_TYPE_(float, kTfLiteFloat32)
TINYRT_TFLM_TYPE_(double, kTfLiteFloat64)
TINYRT_TFLM_TYPE_(int8_t, kTfLiteInt8)
TINYRT_TFLM_TYPE_(uint8_t, kTfLiteUInt8)
TINYRT_TFLM_TYPE_(int16_t, kTfLiteInt16)
TINYRT_TFLM_TYPE_(uint16_t, kTfLiteUInt16)
TINYRT_TFLM_TYPE_(int32_t, kTfLiteInt32)
TINYRT_TFLM_TYPE_(uint32_t, kTfLiteUInt32)
TINYRT_TFLM_TYPE_(int64_t, kTfLiteInt64)
TINYRT_TFLM_TYPE_(uint64_t, kTfLiteUInt64)
TINYRT_TFLM_TYPE_(bool, kTfLiteBool)
#undef TINYRT_TFLM_TYPE_

}  // namespace tflite
