// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: RecordingMicroInterpreter, a MicroInterpreter whose allocator is a
// RecordingMicroAllocator (GetMicroAllocator().PrintAllocations()).
#pragma once

#include "tensorflow/lite/micro/micro_interpreter.h"
#include "tensorflow/lite/micro/recording_micro_allocator.h"

namespace tflite {

class RecordingMicroInterpreter : public MicroInterpreter {
 public:
  RecordingMicroInterpreter(const Model* model, const MicroOpResolver& op_resolver, uint8_t* tensor_arena, size_t tensor_arena_size,
                            MicroResourceVariables* resource_variables = nullptr, MicroProfilerInterface* profiler = nullptr)
      : RecordingMicroInterpreter(model, op_resolver, RecordingMicroAllocator::Create(tensor_arena, tensor_arena_size), resource_variables,
                                  profiler) {}
  RecordingMicroInterpreter(const Model* model, const MicroOpResolver& op_resolver, RecordingMicroAllocator* allocator,
                            MicroResourceVariables* resource_variables = nullptr, MicroProfilerInterface* profiler = nullptr)
      : MicroInterpreter(model, op_resolver, allocator, resource_variables, profiler), recording_allocator_(allocator) {}

  // Valid when the allocator was created (the arena held it); check initialization_status().
  const RecordingMicroAllocator& GetMicroAllocator() const { return *recording_allocator_; }

 private:
  RecordingMicroAllocator* recording_allocator_;
};

}  // namespace tflite
