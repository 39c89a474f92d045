// SPDX-License-Identifier: Apache-2.0
// Shared by the TFLM compatibility sources: TfLiteTensor views of tinyrt tensors.
#pragma once

#include "tensorflow/lite/core/c/common.h"
#include "tinyrt/tensor.h"

namespace tflite {
namespace tflm_compat {

// A TfLiteIntArray of size 0 (dims of scalars and of tensors without a shape).
TfLiteIntArray* EmptyDims();
// TfLiteType of a TFLite schema TensorType (the two enums number types differently).
TfLiteType ToTfLiteType(::tinyrt::TensorType type);
// dims read in place from the model (a FlatBuffer vector of int32 is laid out as a
// TfLiteIntArray), or EmptyDims().
TfLiteIntArray* Dims(const ::tinyrt::TensorView& view);
// Type, data, dims, bytes and per-tensor quantization of `view`.
void FillTensor(const ::tinyrt::TensorView& view, TfLiteTensor* tensor);

}  // namespace tflm_compat
}  // namespace tflite
