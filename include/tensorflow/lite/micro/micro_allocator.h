// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: MicroAllocator. tinyrt's interpreter plans the arena itself; a
// MicroAllocator only hands an arena to a MicroInterpreter, after the few bytes its own object
// (and MicroResourceVariables::Create's) take at the arena's start, as TFLM's do.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace tinyrt {
class MicroInterpreter;
}

namespace tflite {

class MicroAllocator {
 public:
  // Places the allocator in the arena (16-byte aligned up inside it); nullptr (with a
  // MicroPrintf message) if the arena cannot hold it.
  static MicroAllocator* Create(uint8_t* tensor_arena, size_t arena_size);

  // Bytes from the start of the arena, aligned (nullptr when they do not fit). For objects the
  // compatibility layer keeps; the rest of the arena goes to the interpreter.
  void* AllocatePersistentBuffer(size_t bytes, size_t alignment = 16);

  uint8_t* remaining_arena() const { return arena_ + used_; }
  size_t remaining_arena_size() const { return size_ - used_; }
  // Bytes this allocator (and the objects placed with it) took from the arena's start,
  // alignment included.
  size_t used_bytes() const { return static_cast<size_t>(arena_ + used_ - original_arena_); }

  void set_interpreter(const ::tinyrt::MicroInterpreter* interpreter) { interpreter_ = interpreter; }
  const ::tinyrt::MicroInterpreter* interpreter() const { return interpreter_; }
  // The TfLiteTensors (and their quantization) of the interpreter's inputs and outputs, placed
  // after tinyrt's plan at AllocateTensors().
  void set_io_tensor_bytes(size_t bytes) { io_tensor_bytes_ = bytes; }
  size_t io_tensor_bytes() const { return io_tensor_bytes_; }

  MicroAllocator(const MicroAllocator&) = delete;
  MicroAllocator& operator=(const MicroAllocator&) = delete;

 protected:
  MicroAllocator(uint8_t* original_arena, uint8_t* arena, size_t size, size_t used)
      : original_arena_(original_arena), arena_(arena), size_(size), used_(used) {}
  ~MicroAllocator() = default;
  template <typename T>
  static T* CreateIn(uint8_t* tensor_arena, size_t arena_size);

 private:
  uint8_t* original_arena_;
  uint8_t* arena_;  // aligned start
  size_t size_;     // bytes from arena_
  size_t used_;
  const ::tinyrt::MicroInterpreter* interpreter_ = nullptr;
  size_t io_tensor_bytes_ = 0;
};

}  // namespace tflite
