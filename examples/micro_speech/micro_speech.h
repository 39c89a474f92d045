// SPDX-License-Identifier: Apache-2.0
// micro_speech (TFLM's keyword-spotting example on tinyrt): 16 kHz audio -> the audio
// preprocessor model on 30 ms windows with 20 ms stride (40 int8 features each, with the front
// end's noise state carried across windows) -> 49 x 40 feature image -> micro_speech_quantized
// -> scores for silence, unknown, yes, no. Portable: no file I/O, no heap, static arenas.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "tinyrt/interpreter.h"

namespace micro_speech {

constexpr int kSampleRate = 16000;
constexpr int kWindowSamples = 480;  // 30 ms
constexpr int kStrideSamples = 320;  // 20 ms
constexpr int kFeatures = 40;
constexpr int kFrames = 49;  // a 1 s clip
constexpr int kCategories = 4;
extern const char* const kLabels[kCategories];  // silence, unknown, yes, no

// Audio front end: one stateful interpreter over audio_preprocessor_int8.tflite.
class FeatureGenerator {
 public:
  tinyrt::Status Init(const uint8_t* model_data, size_t model_size);
  // 40 features of the next 30 ms window (kWindowSamples samples); state carries over.
  tinyrt::Status Generate(const int16_t* window, int8_t* features);
  // Forget the noise estimate (start of a new clip).
  tinyrt::Status Reset() { return interpreter_->Reset(); }
  size_t arena_used_bytes() const { return interpreter_->arena_used_bytes(); }

 private:
  tinyrt::Model model_;
  tinyrt::MicroMutableOpResolver<18> resolver_;
  tinyrt::MicroInterpreter* interpreter_ = nullptr;
  alignas(tinyrt::MicroInterpreter) uint8_t interpreter_storage_[sizeof(tinyrt::MicroInterpreter)];
  alignas(16) uint8_t arena_[8 * 1024];
};

// Keyword classifier over micro_speech_quantized.tflite.
class Recognizer {
 public:
  tinyrt::Status Init(const uint8_t* model_data, size_t model_size);
  // features: kFrames * kFeatures int8 values, oldest frame first. scores: kCategories int8.
  tinyrt::Status Classify(const int8_t* features, int8_t* scores);
  float Probability(int8_t score) const;
  size_t arena_used_bytes() const { return interpreter_->arena_used_bytes(); }

 private:
  tinyrt::Model model_;
  tinyrt::MicroMutableOpResolver<4> resolver_;
  tinyrt::MicroInterpreter* interpreter_ = nullptr;
  alignas(tinyrt::MicroInterpreter) uint8_t interpreter_storage_[sizeof(tinyrt::MicroInterpreter)];
  alignas(16) uint8_t arena_[8 * 1024];
};

}  // namespace micro_speech
