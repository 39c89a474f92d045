// SPDX-License-Identifier: Apache-2.0
// hello_world (TFLM's first example on tinyrt): a tiny int8 model that approximates sin(x) on
// [0, 2*pi). Portable: no file I/O, no heap.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "tinyrt/interpreter.h"

namespace hello_world {

class SineModel {
 public:
  tinyrt::Status Init(const uint8_t* model_data, size_t model_size);
  // Quantizes x with the input tensor's parameters, runs the model, dequantizes y.
  tinyrt::Status Predict(float x, float* y);
  size_t arena_used_bytes() const { return interpreter_->arena_used_bytes(); }

 private:
  tinyrt::Model model_;
  tinyrt::MicroMutableOpResolver<1> resolver_;  // the model is three FULLY_CONNECTED layers
  tinyrt::MicroInterpreter* interpreter_ = nullptr;
  alignas(tinyrt::MicroInterpreter) uint8_t interpreter_storage_[sizeof(tinyrt::MicroInterpreter)];
  alignas(16) uint8_t arena_[2048];
};

}  // namespace hello_world
