// SPDX-License-Identifier: Apache-2.0
// Per-op profiling hook, shaped like TFLM's MicroProfiler: the interpreter calls BeginEvent
// before and EndEvent after each op's Eval, with the op's name as tag.
#pragma once

#include <stdint.h>

namespace tinyrt {

class MicroProfiler {
 public:
  virtual uint32_t BeginEvent(const char* tag) = 0;
  virtual void EndEvent(uint32_t event_handle) = 0;

 protected:
  ~MicroProfiler() = default;  // not deleted through the base: no virtual dtor, no operator delete
};

}  // namespace tinyrt
