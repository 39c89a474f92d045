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
// Bytes, rounded up to 8, FillTensor needs for `view`'s TfLiteAffineQuantization (the struct and
// an int32 copy of the zero points; 0 when the tensor is not quantized).
size_t QuantizationBytes(const ::tinyrt::TensorView& view);
inline size_t RoundUp(size_t bytes) { return (bytes + 7) & ~static_cast<size_t>(7); }
// Type, data, dims, bytes and quantization of `view`: params (per-tensor, as TFLM sets for every
// quantized tensor) and, when `quantization_storage` (QuantizationBytes(view) bytes, 8-aligned)
// is given, quantization.params (TfLiteAffineQuantization: scales, zero points, quantized
// dimension).
void FillTensor(const ::tinyrt::TensorView& view, TfLiteTensor* tensor, void* quantization_storage);

}  // namespace tflm_compat
}  // namespace tflite
