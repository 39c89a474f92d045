// SPDX-License-Identifier: Apache-2.0
#include "examples/micro_speech/micro_speech.h"

#include <string.h>
#include <new>

namespace micro_speech {

const char* const kLabels[kCategories] = {"silence", "unknown", "yes", "no"};

tinyrt::Status FeatureGenerator::Init(const uint8_t* model_data, size_t model_size) {
  TINYRT_RETURN_IF_ERROR(model_.Load(model_data, model_size));
  // Exactly the ops audio_preprocessor_int8.tflite uses (`tinyrt inspect` lists them).
  const tinyrt::Status added[] = {resolver_.AddSignalWindow(),
                                  resolver_.AddReshape(),
                                  resolver_.AddSignalFftAutoScale(),
                                  resolver_.AddSignalRfft(),
                                  resolver_.AddSignalEnergy(),
                                  resolver_.AddCast(),
                                  resolver_.AddStridedSlice(),
                                  resolver_.AddConcatenation(),
                                  resolver_.AddSignalFilterBank(),
                                  resolver_.AddSignalFilterBankSquareRoot(),
                                  resolver_.AddSignalFilterBankSpectralSubtraction(),
                                  resolver_.AddSignalPCAN(),
                                  resolver_.AddSignalFilterBankLog(),
                                  resolver_.AddMul(),
                                  resolver_.AddAdd(),
                                  resolver_.AddDiv(),
                                  resolver_.AddMinimum(),
                                  resolver_.AddMaximum()};
  for (const tinyrt::Status& s : added) {
    if (!s.ok()) return s;
  }
  interpreter_ = new (interpreter_storage_) tinyrt::MicroInterpreter(model_, resolver_, arena_, sizeof(arena_));
  return interpreter_->AllocateTensors();
}

tinyrt::Status FeatureGenerator::Generate(const int16_t* window, int8_t* features) {
  const tinyrt::TensorView input = interpreter_->input(0);
  if (input.elements() != kWindowSamples || interpreter_->output(0).elements() != kFeatures) {
    return tinyrt::Status(tinyrt::StatusCode::kInvalidArgument, "preprocessor model is not 480 samples -> 40 features");
  }
  memcpy(input.raw(), window, input.bytes());
  TINYRT_RETURN_IF_ERROR(interpreter_->Invoke());
  memcpy(features, interpreter_->output(0).raw(), kFeatures);
  return tinyrt::Status::Ok();
}

tinyrt::Status Recognizer::Init(const uint8_t* model_data, size_t model_size) {
  TINYRT_RETURN_IF_ERROR(model_.Load(model_data, model_size));
  const tinyrt::Status added[] = {resolver_.AddDepthwiseConv2D(), resolver_.AddFullyConnected(), resolver_.AddReshape(),
                                  resolver_.AddSoftmax()};
  for (const tinyrt::Status& s : added) {
    if (!s.ok()) return s;
  }
  interpreter_ = new (interpreter_storage_) tinyrt::MicroInterpreter(model_, resolver_, arena_, sizeof(arena_));
  return interpreter_->AllocateTensors();
}

tinyrt::Status Recognizer::Classify(const int8_t* features, int8_t* scores) {
  const tinyrt::TensorView input = interpreter_->input(0);
  if (input.bytes() != kFrames * kFeatures || interpreter_->output(0).elements() != kCategories) {
    return tinyrt::Status(tinyrt::StatusCode::kInvalidArgument, "classifier model is not 49x40 features -> 4 scores");
  }
  memcpy(input.raw(), features, input.bytes());
  TINYRT_RETURN_IF_ERROR(interpreter_->Invoke());
  memcpy(scores, interpreter_->output(0).raw(), kCategories);
  return tinyrt::Status::Ok();
}

float Recognizer::Probability(int8_t score) const {
  const tinyrt::TensorView output = interpreter_->output(0);
  return static_cast<float>(score - output.zero_point()) * output.scale();
}

}  // namespace micro_speech
