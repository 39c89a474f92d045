// SPDX-License-Identifier: Apache-2.0
// Test helpers: build small TFLite models in memory (one op, chosen shapes, types and
// quantization) and run them on tinyrt.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "flatbuffers/flatbuffers.h"
#include "tinyrt/interpreter.h"
#include "tinyrt/model.h"
#include "tinyrt/op_resolver.h"
#include "tinyrt/schema_generated.h"
#include "tools/host_support.h"

// The Runner's default arena. The unit tests' firmware (tests/target/unit_main.cc) keeps several
// Runners alive in a few MB of RAM, so it builds with a smaller one.
#ifndef TINYRT_TEST_ARENA_BYTES
#define TINYRT_TEST_ARENA_BYTES (1 << 20)
#endif

namespace tinyrt {
namespace testing {

struct Quant {
  std::vector<float> scales;
  std::vector<int64_t> zero_points;
  int32_t axis = 0;
  // >= 0: the zero points are written as a 4-byte aligned vector after that many bytes of padding
  // (two paddings 4 bytes apart give one vector that is not 8-byte aligned: misalignment tests).
  int32_t zero_point_padding = -1;
};

class ModelBuilder {
 public:
  ModelBuilder();

  // A tensor without data (activation); returns its index.
  int AddTensor(TensorType type, const std::vector<int32_t>& shape, const Quant& quant = {}, bool is_variable = false,
                const std::string& name = "");
  // A tensor pointing at an arbitrary buffer index (for malformed-model tests).
  int AddTensorWithBuffer(TensorType type, const std::vector<int32_t>& shape, uint32_t buffer, const Quant& quant = {});
  // A constant tensor with the given raw bytes.
  int AddConstantBytes(TensorType type, const std::vector<int32_t>& shape, const void* data, size_t bytes, const Quant& quant = {});
  template <typename T>
  int AddConstant(TensorType type, const std::vector<int32_t>& shape, const std::vector<T>& values, const Quant& quant = {}) {
    return AddConstantBytes(type, shape, values.data(), values.size() * sizeof(T), quant);
  }
  // Adds an operator; `options` is an offset of an options table built with fbb().
  void AddOp(int32_t builtin_code, const std::vector<int32_t>& inputs, const std::vector<int32_t>& outputs,
             tflite::BuiltinOptions options_type = tflite::BuiltinOptions_NONE, flatbuffers::Offset<void> options = 0, int version = 1,
             const std::string& custom_name = "", const std::vector<uint8_t>& custom_options = {});
  void SetInputs(const std::vector<int32_t>& inputs) { inputs_ = inputs; }
  void SetOutputs(const std::vector<int32_t>& outputs) { outputs_ = outputs; }
  // Closes the current subgraph (0 first) and starts the next; tensors and ops added from now
  // on belong to it. Returns the new subgraph's index.
  int BeginSubgraph();
  flatbuffers::FlatBufferBuilder& fbb() { return fbb_; }
  // Adds a Model.metadata entry whose buffer holds `data`.
  void AddMetadata(const std::string& name, const std::vector<uint8_t>& data);
  // Finishes the FlatBuffer and returns a 16-byte aligned copy.
  host::AlignedBuffer Finish();

 private:
  flatbuffers::FlatBufferBuilder fbb_;
  std::vector<flatbuffers::Offset<tflite::Tensor>> tensors_;
  std::vector<flatbuffers::Offset<tflite::Buffer>> buffers_;
  std::vector<flatbuffers::Offset<tflite::Operator>> operators_;
  std::vector<flatbuffers::Offset<tflite::SubGraph>> subgraphs_;
  std::vector<flatbuffers::Offset<tflite::OperatorCode>> codes_;
  std::vector<flatbuffers::Offset<tflite::Metadata>> metadata_;
  std::vector<std::pair<int32_t, std::string>> code_keys_;
  std::vector<int32_t> inputs_, outputs_;
};

// Loads a model, allocates with the all-ops resolver and keeps everything alive.
class Runner {
 public:
  explicit Runner(host::AlignedBuffer model, size_t arena_bytes = TINYRT_TEST_ARENA_BYTES);
  Status load_status() const { return load_status_; }
  Status allocate_status() const { return allocate_status_; }
  bool ok() const { return load_status_.ok() && allocate_status_.ok(); }
  MicroInterpreter& interpreter() { return *interpreter_; }
  Status Invoke() { return interpreter_->Invoke(); }
  template <typename T>
  void SetInput(int i, const std::vector<T>& values) {
    std::memcpy(interpreter_->input(static_cast<size_t>(i)).raw(), values.data(), values.size() * sizeof(T));
  }
  template <typename T>
  std::vector<T> Output(int i) {
    const TensorView t = interpreter_->output(static_cast<size_t>(i));
    return std::vector<T>(t.data<T>(), t.data<T>() + t.elements());
  }

 private:
  host::AlignedBuffer model_bytes_;
  Model model_;
  AllOpsResolver resolver_;
  host::AlignedBuffer arena_;
  std::unique_ptr<MicroInterpreter> interpreter_;
  Status load_status_;
  Status allocate_status_;
};

// Quantizes a real value as TFLite does (round half away from zero, clamp to the type).
int32_t QuantizeValue(float value, float scale, int32_t zero_point, int32_t qmin, int32_t qmax);

// A model file (host::FindModel's name) read and loaded; nullptr when it is missing or invalid.
struct LoadedModel {
  host::AlignedBuffer bytes;
  Model model;
};
std::unique_ptr<LoadedModel> LoadModelFile(const std::string& name);

// One Invoke on the golden inputs of seed `invoke` + 1 (host::FillGoldenInput): the outputs'
// bytes, concatenated; *status is the Invoke's.
std::vector<uint8_t> InvokeOnGoldenInputs(MicroInterpreter& interpreter, int invoke, Status* status);

}  // namespace testing
}  // namespace tinyrt
