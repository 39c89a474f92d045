// SPDX-License-Identifier: Apache-2.0
// A TFLite model read in place: the FlatBuffer stays where the caller put it (flash or RAM)
// and is verified once, before anything reads it.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "tinyrt/status.h"

namespace tflite {
struct Model;
struct SubGraph;
struct OperatorCode;
}  // namespace tflite

namespace tinyrt {

class Model {
 public:
  Model() = default;
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  // Verifies `size` bytes at `data` as a TFLite model tinyrt can run: FlatBuffer structure,
  // schema version, and every index and size the runtime will later trust (tensor, buffer and
  // operator-code indices, shapes, buffer sizes, quantization parameter counts). Zero copy:
  // `data` must outlive the Model and everything built from it.
  Status Load(const void* data, size_t size);

  bool loaded() const { return model_ != nullptr; }
  const tflite::Model* flatbuffer() const { return model_; }
  const tflite::SubGraph* main_subgraph() const;
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  const tflite::Model* model_ = nullptr;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  char error_[ErrorCapacity(160)] = {};
};

// The builtin operator of an operator code: the larger of the legacy byte field and the
// 32-bit field, as TFLite reads it.
int32_t OperatorBuiltinCode(const tflite::OperatorCode* code);

}  // namespace tinyrt
