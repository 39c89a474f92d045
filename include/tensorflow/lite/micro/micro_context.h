// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: MicroContext, what a TFLM kernel's Init/Prepare/Eval ask of the
// runtime. Backed by tinyrt's PrepareContext/EvalContext: persistent buffers and scratch
// buffers come from tinyrt's arena plan (scratch shares bytes with tensors not live at the op).
//  - Init and Prepare: AllocatePersistentBuffer, RequestScratchBufferInArena,
//    AllocateTempInputTensor / AllocateTempOutputTensor (metadata; data for constants only).
//  - Eval: GetScratchBuffer, GetEvalTensor.
#pragma once

#include <stddef.h>

#include "tensorflow/lite/core/c/common.h"

namespace tflite {

class MicroContext {
 public:
  explicit MicroContext(TfLiteContext* context) : context_(context) {}
  void* AllocatePersistentBuffer(size_t bytes) { return context_->AllocatePersistentBuffer(context_, bytes); }
  TfLiteStatus RequestScratchBufferInArena(size_t bytes, int* buffer_index) {
    return context_->RequestScratchBufferInArena(context_, bytes, buffer_index);
  }
  void* GetScratchBuffer(int buffer_index) { return context_->GetScratchBuffer(context_, buffer_index); }
  TfLiteTensor* AllocateTempTfLiteTensor(int tensor_index) { return context_->GetTensor(context_, tensor_index); }
  TfLiteTensor* AllocateTempInputTensor(const TfLiteNode* node, int index) {
    return index < node->inputs->size && node->inputs->data[index] >= 0 ? AllocateTempTfLiteTensor(node->inputs->data[index]) : nullptr;
  }
  TfLiteTensor* AllocateTempOutputTensor(const TfLiteNode* node, int index) {
    return index < node->outputs->size ? AllocateTempTfLiteTensor(node->outputs->data[index]) : nullptr;
  }
  TfLiteTensor* AllocateTempIntermediateTensor(const TfLiteNode* /*node*/, int /*index*/) { return nullptr; }
  void DeallocateTempTfLiteTensor(TfLiteTensor* /*tensor*/) {}
  TfLiteEvalTensor* GetEvalTensor(int tensor_index) { return context_->GetEvalTensor(context_, tensor_index); }

 private:
  TfLiteContext* context_;
};

// The MicroContext of a kernel's context (valid during Init, Prepare, Eval).
MicroContext* GetMicroContext(const TfLiteContext* context);

}  // namespace tflite
