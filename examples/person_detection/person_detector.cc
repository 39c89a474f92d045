// SPDX-License-Identifier: Apache-2.0
#include "examples/person_detection/person_detector.h"

#include <string.h>
#include <new>

namespace person_detection {

tinyrt::Status PersonDetector::Init(const uint8_t* model_data, size_t model_size) {
  TINYRT_RETURN_IF_ERROR(model_.Load(model_data, model_size));
  // Exactly the ops person_detect.tflite uses: only these kernels are linked.
  TINYRT_RETURN_IF_ERROR(resolver_.AddAveragePool2D());
  TINYRT_RETURN_IF_ERROR(resolver_.AddConv2D());
  TINYRT_RETURN_IF_ERROR(resolver_.AddDepthwiseConv2D());
  TINYRT_RETURN_IF_ERROR(resolver_.AddReshape());
  TINYRT_RETURN_IF_ERROR(resolver_.AddSoftmax());
  interpreter_ = new (interpreter_storage_) tinyrt::MicroInterpreter(model_, resolver_, arena_, sizeof(arena_));
  return interpreter_->AllocateTensors();
}

tinyrt::Status PersonDetector::Detect(const uint8_t* pixels, Scores* scores) {
  const tinyrt::TensorView input = interpreter_->input(0);
  if (input.bytes() != kImageSize * kImageSize) {
    return tinyrt::Status(tinyrt::StatusCode::kInvalidArgument, "model input is not a 96x96x1 image");
  }
  // As TFLM's example: the grayscale bytes go into the int8 tensor unchanged (no -128 shift).
  memcpy(input.raw(), pixels, input.bytes());
  TINYRT_RETURN_IF_ERROR(interpreter_->Invoke());
  const tinyrt::TensorView output = interpreter_->output(0);
  const int8_t* q = output.data<int8_t>();
  scores->no_person = q[kNoPersonIndex];
  scores->person = q[kPersonIndex];
  scores->no_person_probability = (q[kNoPersonIndex] - output.zero_point()) * output.scale();
  scores->person_probability = (q[kPersonIndex] - output.zero_point()) * output.scale();
  return tinyrt::Status::Ok();
}

}  // namespace person_detection
