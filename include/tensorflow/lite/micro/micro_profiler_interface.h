// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: MicroProfilerInterface is tinyrt's profiler hook (the interpreter
// calls BeginEvent/EndEvent around every op's Eval, with the op's name as tag).
#pragma once

#include <stdint.h>

#include "tinyrt/profiler.h"

namespace tflite {

class MicroProfilerInterface : public tinyrt::MicroProfiler {
 public:
  virtual uint32_t BeginEvent(const char* tag) override = 0;
  virtual void EndEvent(uint32_t event_handle) override = 0;

 protected:
  ~MicroProfilerInterface() = default;  // no virtual destructor: nothing is deleted (no heap)
};

}  // namespace tflite
