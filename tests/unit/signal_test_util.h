// SPDX-License-Identifier: Apache-2.0
// Helpers for the signal op tests: FlexBuffer options as TFLite's converter writes them, and a
// one-custom-op model with chosen inputs (activations or constants) and outputs.
#pragma once

#include <string>
#include <vector>

#include "flatbuffers/flexbuffers.h"
#include "tests/test_util.h"

namespace tinyrt {
namespace testing {

// A FlexBuffer map built by `fill(builder)`, e.g. [](flexbuffers::Builder& b) { b.Int("shift", 12); }.
template <typename F>
std::vector<uint8_t> FlexOptions(F fill) {
  flexbuffers::Builder builder;
  const size_t start = builder.StartMap();
  fill(builder);
  builder.EndMap(start);
  builder.Finish();
  return builder.GetBuffer();
}

// One custom op over the given tensors. Model inputs are the activation inputs, in order.
class CustomOpModel {
 public:
  explicit CustomOpModel(std::string name) : name_(std::move(name)) {}

  int Input(TensorType type, const std::vector<int32_t>& shape) {
    const int t = builder_.AddTensor(type, shape);
    inputs_.push_back(t);
    graph_inputs_.push_back(t);
    return t;
  }
  template <typename T>
  int Constant(TensorType type, const std::vector<int32_t>& shape, const std::vector<T>& values) {
    const int t = builder_.AddConstant<T>(type, shape, values);
    inputs_.push_back(t);
    return t;
  }
  int Output(TensorType type, const std::vector<int32_t>& shape) {
    const int t = builder_.AddTensor(type, shape);
    outputs_.push_back(t);
    return t;
  }
  host::AlignedBuffer Build(const std::vector<uint8_t>& options) {
    builder_.AddOp(tflite::BuiltinOperator_CUSTOM, inputs_, outputs_, tflite::BuiltinOptions_NONE, 0, 1, name_, options);
    builder_.SetInputs(graph_inputs_);
    builder_.SetOutputs(outputs_);
    return builder_.Finish();
  }

 private:
  std::string name_;
  ModelBuilder builder_;
  std::vector<int32_t> inputs_, outputs_, graph_inputs_;
};

inline std::string Message(const Status& s) { return s.message(); }

}  // namespace testing
}  // namespace tinyrt
