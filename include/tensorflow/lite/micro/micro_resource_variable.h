// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: MicroResourceVariables. tinyrt keeps resource variables
// (VAR_HANDLE, READ_VARIABLE, ASSIGN_VARIABLE) in its own arena plan, sized from the model, so
// this object only records the number the application asked for (TFLM's arena holds that many);
// tinyrt's arena holds as many as the model has.
#pragma once

#include <stddef.h>

#include "tensorflow/lite/core/c/common.h"
#include "tensorflow/lite/micro/micro_allocator.h"

namespace tflite {

class MicroResourceVariables {
 public:
  // Placed in the allocator's arena, as in TFLM; nullptr if it does not fit.
  static MicroResourceVariables* Create(MicroAllocator* allocator, int num_variables);
  int max_variables() const { return max_variables_; }
  TfLiteStatus ResetAll() { return kTfLiteOk; }  // MicroInterpreter::Reset() restores them

  explicit MicroResourceVariables(int max_variables) : max_variables_(max_variables) {}

 private:
  int max_variables_;
};

}  // namespace tflite
