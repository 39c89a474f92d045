// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: RecordingMicroAllocator. PrintAllocations() prints tinyrt's arena
// breakdown for the interpreter using this allocator: total, runtime structures and op data
// (persistent), planned activations and scratch, and the compatibility layer's own objects.
#pragma once

#include "tensorflow/lite/micro/micro_allocator.h"

namespace tflite {

class RecordingMicroAllocator : public MicroAllocator {
 public:
  static RecordingMicroAllocator* Create(uint8_t* tensor_arena, size_t arena_size);
  void PrintAllocations() const;

  RecordingMicroAllocator(uint8_t* original_arena, uint8_t* arena, size_t size, size_t used)
      : MicroAllocator(original_arena, arena, size, used) {}
};

}  // namespace tflite
