// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: NumInputs/NumOutputs of a node, and ElementCount.
#pragma once

#include "tensorflow/lite/core/c/common.h"

namespace tflite {

inline int NumInputs(const TfLiteNode* node) { return node->inputs == nullptr ? 0 : node->inputs->size; }
inline int NumOutputs(const TfLiteNode* node) { return node->outputs == nullptr ? 0 : node->outputs->size; }
inline int64_t NumElements(const TfLiteIntArray* dims) {
  int64_t n = 1;
  for (int i = 0; i < dims->size; ++i) n *= dims->data[i];
  return n;
}
inline int64_t NumElements(const TfLiteTensor* t) { return NumElements(t->dims); }

}  // namespace tflite
