// SPDX-License-Identifier: Apache-2.0
// Writes a small model with a custom op tinyrt has no kernel for ("MyFancyOp", between two
// FULLY_CONNECTED ops), for the ops-header test: its generated header must register the builtin
// ops and leave the custom kernel to the application.
#include <cstdio>

#include "tests/test_util.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_custom_op_model OUT.tflite\n");
    return 2;
  }
  using tinyrt::TensorType;
  tinyrt::testing::ModelBuilder b;
  const int in = b.AddTensor(TensorType::kFloat32, {1, 2});
  const int w = b.AddConstant<float>(TensorType::kFloat32, {2, 2}, {1, 2, 3, 4});
  const int mid = b.AddTensor(TensorType::kFloat32, {1, 2});
  const int mid2 = b.AddTensor(TensorType::kFloat32, {1, 2});
  const int out = b.AddTensor(TensorType::kFloat32, {1, 2});
  b.AddOp(tflite::BuiltinOperator_FULLY_CONNECTED, {in, w, -1}, {mid});
  b.AddOp(tinyrt::kBuiltinCustom, {mid}, {mid2}, tflite::BuiltinOptions_NONE, 0, 2, "MyFancyOp");
  b.AddOp(tflite::BuiltinOperator_FULLY_CONNECTED, {mid2, w, -1}, {out}, tflite::BuiltinOptions_NONE, 0, 3);
  b.SetInputs({in});
  b.SetOutputs({out});
  const tinyrt::host::AlignedBuffer model = b.Finish();
  return tinyrt::host::WriteFile(argv[1], model.data(), model.size()) ? 0 : 1;
}
