// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: tflite::micro:: helpers of TFLM kernels (GetEvalInput,
// GetEvalOutput, GetTensorData, GetTensorShape, RegisterOp).
#pragma once

#include "tensorflow/lite/core/c/common.h"
#include "tensorflow/lite/kernels/internal/compatibility.h"
#include "tensorflow/lite/kernels/internal/types.h"
#include "tensorflow/lite/kernels/kernel_util.h"
#include "tensorflow/lite/micro/micro_common.h"
#include "tensorflow/lite/micro/micro_context.h"

namespace tflite {
namespace micro {

inline TFLMRegistration RegisterOp(void* (*init)(TfLiteContext*, const char*, size_t), TfLiteStatus (*prepare)(TfLiteContext*, TfLiteNode*),
                                   TfLiteStatus (*invoke)(TfLiteContext*, TfLiteNode*), void (*free)(TfLiteContext*, void*) = nullptr,
                                   void (*reset)(TfLiteContext*, void*) = nullptr) {
  return TFLMRegistration{init, free, prepare, invoke, reset, 0, nullptr, nullptr};
}

inline const TfLiteEvalTensor* GetEvalInput(const TfLiteContext* context, const TfLiteNode* node, int index) {
  if (index < 0 || index >= node->inputs->size || node->inputs->data[index] < 0) return nullptr;
  return context->GetEvalTensor(context, node->inputs->data[index]);
}
inline TfLiteEvalTensor* GetMutableEvalInput(const TfLiteContext* context, const TfLiteNode* node, int index) {
  return const_cast<TfLiteEvalTensor*>(GetEvalInput(context, node, index));
}
inline TfLiteEvalTensor* GetEvalOutput(const TfLiteContext* context, const TfLiteNode* node, int index) {
  if (index < 0 || index >= node->outputs->size) return nullptr;
  return context->GetEvalTensor(context, node->outputs->data[index]);
}

template <typename T>
T* GetTensorData(TfLiteEvalTensor* tensor) {
  return tensor == nullptr ? nullptr : reinterpret_cast<T*>(tensor->data.raw);
}
template <typename T>
const T* GetTensorData(const TfLiteEvalTensor* tensor) {
  return tensor == nullptr ? nullptr : reinterpret_cast<const T*>(tensor->data.raw);
}

inline RuntimeShape GetTensorShape(const TfLiteEvalTensor* tensor) {
  if (tensor == nullptr || tensor->dims == nullptr) return RuntimeShape();
  return RuntimeShape(tensor->dims->size, reinterpret_cast<const int32_t*>(tensor->dims->data));
}

inline bool HaveSameShapes(const TfLiteEvalTensor* a, const TfLiteEvalTensor* b) { return GetTensorShape(a) == GetTensorShape(b); }

}  // namespace micro
}  // namespace tflite
