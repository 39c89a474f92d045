// SPDX-License-Identifier: Apache-2.0
#include "examples/hello_world/sine_model.h"

#include <new>

namespace hello_world {

tinyrt::Status SineModel::Init(const uint8_t* model_data, size_t model_size) {
  TINYRT_RETURN_IF_ERROR(model_.Load(model_data, model_size));
  TINYRT_RETURN_IF_ERROR(resolver_.AddFullyConnected());
  interpreter_ = new (interpreter_storage_) tinyrt::MicroInterpreter(model_, resolver_, arena_, sizeof(arena_));
  return interpreter_->AllocateTensors();
}

tinyrt::Status SineModel::Predict(float x, float* y) {
  const tinyrt::TensorView input = interpreter_->input(0);
  const tinyrt::TensorView output = interpreter_->output(0);
  if (input.type() == tinyrt::TensorType::kFloat32) {  // hello_world_float.tflite
    input.data<float>()[0] = x;
    TINYRT_RETURN_IF_ERROR(interpreter_->Invoke());
    *y = output.data<float>()[0];
    return tinyrt::Status::Ok();
  }
  // int8 model: q = round(x / scale) + zero_point, clamped; y = (q - zero_point) * scale.
  float scaled = x / input.scale();
  int32_t q = static_cast<int32_t>(scaled >= 0 ? scaled + 0.5f : scaled - 0.5f) + input.zero_point();
  q = q < -128 ? -128 : (q > 127 ? 127 : q);
  input.data<int8_t>()[0] = static_cast<int8_t>(q);
  TINYRT_RETURN_IF_ERROR(interpreter_->Invoke());
  *y = static_cast<float>(output.data<int8_t>()[0] - output.zero_point()) * output.scale();
  return tinyrt::Status::Ok();
}

}  // namespace hello_world
