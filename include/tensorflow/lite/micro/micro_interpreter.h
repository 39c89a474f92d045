// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: tflite::GetModel and tflite::MicroInterpreter on tinyrt's engine.
// The arena plan, its size (arena_used_bytes()), the kernels and the error messages are
// tinyrt's; failures print tinyrt's message with MicroPrintf and return kTfLiteError.
//
// GetModel(buffer) takes no length, as in TFLM, and returns the root table. The interpreter
// finds the buffer's start from it (the root offset and "TFL3" identifier just before the
// table, looked for downwards from the table, so no byte before the buffer is read), then
// verifies the model (tinyrt's
// FlatBuffer verifier, then every index and size) against an upper bound of
// TINYRT_TFLM_MAX_MODEL_BYTES (default: 512 MiB - 1, tinyrt's limit; clipped to the end of the
// address space). The verifier reads only bytes that the model's own offsets and lengths
// reach, each checked against the bound, so a well-formed model is never read past its end;
// TFLM reads the same model without any check. Define TINYRT_TFLM_MAX_MODEL_BYTES to the size
// of the memory the model sits in to bound a corrupt model's reads too.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "tensorflow/lite/core/c/common.h"
#include "tensorflow/lite/kernels/internal/compatibility.h"
#include "tensorflow/lite/kernels/internal/tensor_ctypes.h"
#include "tensorflow/lite/micro/micro_allocator.h"
#include "tensorflow/lite/micro/micro_log.h"
#include "tensorflow/lite/micro/micro_op_resolver.h"
#include "tensorflow/lite/micro/micro_profiler_interface.h"
#include "tensorflow/lite/micro/micro_resource_variable.h"
#include "tensorflow/lite/schema/schema_generated.h"
#include "tinyrt/interpreter.h"
#include "tinyrt/model.h"

#ifndef TINYRT_TFLM_MAX_MODEL_BYTES
#define TINYRT_TFLM_MAX_MODEL_BYTES 0x1FFFFFFFu
#endif

namespace tflite {

// tflite::GetModel(const void*) is the schema reader's (schema_generated.h): the model's root
// table, no copy and no check (the interpreter verifies the model).

class MicroInterpreter {
 public:
  MicroInterpreter(const Model* model, const MicroOpResolver& op_resolver, uint8_t* tensor_arena, size_t tensor_arena_size,
                   MicroResourceVariables* resource_variables = nullptr, MicroProfilerInterface* profiler = nullptr,
                   bool preserve_all_tensors = false);
  MicroInterpreter(const Model* model, const MicroOpResolver& op_resolver, MicroAllocator* allocator,
                   MicroResourceVariables* resource_variables = nullptr, MicroProfilerInterface* profiler = nullptr);
  MicroInterpreter(const MicroInterpreter&) = delete;
  MicroInterpreter& operator=(const MicroInterpreter&) = delete;

  TfLiteStatus AllocateTensors();
  TfLiteStatus Invoke();
  TfLiteStatus Reset();

  // Valid after AllocateTensors(); nullptr (with a message) for a bad index.
  TfLiteTensor* input(size_t index);
  TfLiteTensor* output(size_t index);
  size_t inputs_size() const { return engine_.inputs_size(); }
  size_t outputs_size() const { return engine_.outputs_size(); }
  size_t operators_size() const { return engine_.operators_size(); }

  template <class T>
  T* typed_input_tensor(int tensor_index) {
    TfLiteTensor* t = input(static_cast<size_t>(tensor_index));
    return t == nullptr ? nullptr : reinterpret_cast<T*>(t->data.raw);
  }
  template <class T>
  T* typed_output_tensor(int tensor_index) {
    TfLiteTensor* t = output(static_cast<size_t>(tensor_index));
    return t == nullptr ? nullptr : reinterpret_cast<T*>(t->data.raw);
  }

  TfLiteStatus initialization_status() const { return init_status_; }
  // tinyrt's exact figure, plus the bytes a MicroAllocator's objects take at the arena start and
  // the TfLiteTensor views of the inputs and outputs (with their per-channel quantization) that
  // AllocateTensors() places after tinyrt's plan, as TFLM allocates them in its arena.
  size_t arena_used_bytes() const { return engine_.arena_used_bytes() + allocator_bytes_ + io_tensor_bytes_; }

  // tinyrt's interpreter underneath (node introspection, arena plan, last error message).
  ::tinyrt::MicroInterpreter& engine() { return engine_; }
  const ::tinyrt::MicroInterpreter& engine() const { return engine_; }

 protected:
  MicroAllocator* allocator() const { return allocator_; }

 private:
  void Init(const Model* model, MicroResourceVariables* resource_variables);
  TfLiteStatus AllocateIoTensors();
  TfLiteTensor* Checked(bool output, size_t index);

  ::tinyrt::Model model_;
  ::tinyrt::MicroInterpreter engine_;
  MicroAllocator* allocator_ = nullptr;
  size_t allocator_bytes_ = 0;
  TfLiteStatus init_status_ = kTfLiteOk;
  bool allocated_ = false;
  uint8_t* engine_arena_ = nullptr;  // what tinyrt's interpreter was given
  size_t engine_arena_size_ = 0;
  TfLiteTensor* io_tensors_ = nullptr;  // inputs, then outputs: in the arena after tinyrt's plan
  size_t io_tensor_bytes_ = 0;
};

}  // namespace tflite
