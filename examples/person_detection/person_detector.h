// SPDX-License-Identifier: Apache-2.0
// Person detection (TFLM's person_detection example on tinyrt): a 96x96 grayscale image in,
// person / no-person scores out. Portable: no file I/O, no heap; the arena is static.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "tinyrt/interpreter.h"
#include "tinyrt/model.h"
#include "tinyrt/op_resolver.h"

namespace person_detection {

constexpr int kImageSize = 96;
constexpr int kNoPersonIndex = 0;
constexpr int kPersonIndex = 1;
// Arena for person_detect.tflite with headroom (arena_used_bytes() reports the exact need).
constexpr size_t kArenaSize = 96 * 1024;

struct Scores {
  int8_t no_person;
  int8_t person;
  float no_person_probability;
  float person_probability;
};

class PersonDetector {
 public:
  // `model_data` must stay valid (e.g. a const array in flash).
  tinyrt::Status Init(const uint8_t* model_data, size_t model_size);
  // `pixels`: 96*96 grayscale bytes, row-major, top row first.
  tinyrt::Status Detect(const uint8_t* pixels, Scores* scores);
  size_t arena_used_bytes() const { return interpreter_ == nullptr ? 0 : interpreter_->arena_used_bytes(); }

 private:
  tinyrt::Model model_;
  tinyrt::MicroMutableOpResolver<5> resolver_;
  tinyrt::MicroInterpreter* interpreter_ = nullptr;
  alignas(tinyrt::MicroInterpreter) uint8_t interpreter_storage_[sizeof(tinyrt::MicroInterpreter)];
  alignas(16) uint8_t arena_[kArenaSize];
};

}  // namespace person_detection
