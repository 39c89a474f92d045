// SPDX-License-Identifier: Apache-2.0
// Compiled by the consumer project against tinyrt::tflm, whichever way tinyrt came in: TFLM's
// application headers resolve from the installed or added tree.
#include "tensorflow/lite/micro/micro_interpreter.h"
#include "tensorflow/lite/micro/micro_mutable_op_resolver.h"

TfLiteStatus ConsumerTflmAllocate(const void* model_data, uint8_t* arena, size_t arena_bytes) {
  const tflite::Model* model = tflite::GetModel(model_data);
  static tflite::MicroMutableOpResolver<1> resolver;
  if (resolver.AddFullyConnected() != kTfLiteOk) return kTfLiteError;
  tflite::MicroInterpreter interpreter(model, resolver, arena, arena_bytes);
  return interpreter.AllocateTensors();
}
