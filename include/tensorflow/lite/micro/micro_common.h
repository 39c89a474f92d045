// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: TFLMRegistration, the table of a TFLM kernel's functions.
// A registration returned by tflite::Register_CONV_2D() and friends names one of tinyrt's own
// kernels (tinyrt_kernel); one an application fills in runs its functions through tinyrt's
// kernel API (the TFLM kernel API layer, tensorflow/lite/micro/micro_context.h).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "tensorflow/lite/core/c/common.h"

namespace tinyrt {
struct OpKernel;
}

struct TfLiteContext;
struct TfLiteNode;

struct TFLMRegistration {
  void* (*init)(TfLiteContext* context, const char* buffer, size_t length);
  void (*free)(TfLiteContext* context, void* buffer);
  TfLiteStatus (*prepare)(TfLiteContext* context, TfLiteNode* node);
  TfLiteStatus (*invoke)(TfLiteContext* context, TfLiteNode* node);
  void (*reset)(TfLiteContext* context, void* buffer);
  int32_t builtin_code;
  const char* custom_name;
  // tinyrt's own kernel, for the registrations tflite::Register_*() return; nullptr otherwise.
  const tinyrt::OpKernel* tinyrt_kernel;
};

struct TFLMInferenceRegistration {
  TfLiteStatus (*invoke)(TfLiteContext* context, TfLiteNode* node);
  void (*reset)(TfLiteContext* context, void* buffer);
};
