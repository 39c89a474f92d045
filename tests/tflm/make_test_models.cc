// SPDX-License-Identifier: Apache-2.0
// The small models of the TFLM kernel API and tensor view tests (tests/tflm/kernel_api_test.cc,
// tensor_views_test.cc), built with tests/test_util's ModelBuilder and committed in
// tests/tflm/models/ so that the tests also run as firmware (their arrays come from
// tools/model_to_c). The ctest tflm.test_models checks the committed files are what this
// program writes:
//
//   tflm_make_test_models OUT_DIR
#include <stdio.h>

#include <string>
#include <vector>

#include "tests/test_util.h"

namespace {

using tinyrt::TensorType;
using tinyrt::testing::ModelBuilder;
using tinyrt::testing::Quant;

bool Write(const std::string& dir, const char* name, ModelBuilder& b) {
  const tinyrt::host::AlignedBuffer model = b.Finish();
  const std::string path = dir + "/" + name + ".tflite";
  FILE* f = fopen(path.c_str(), "wb");
  const bool ok = f != nullptr && fwrite(model.data(), 1, model.size(), f) == model.size();
  if (f != nullptr) fclose(f);
  if (!ok) fprintf(stderr, "cannot write %s\n", path.c_str());
  return ok;
}

// A CUSTOM op "custom_op" packing two int32 vectors (3 and 2 elements) into 7 (PackerOp's model).
bool Packer(const std::string& dir) {
  ModelBuilder b;
  const int in_a = b.AddTensor(TensorType::kInt32, {3});
  const int in_b = b.AddTensor(TensorType::kInt32, {2});
  const int out = b.AddTensor(TensorType::kInt32, {7});
  b.AddOp(tflite::BuiltinOperator_CUSTOM, {in_a, in_b}, {out}, tflite::BuiltinOptions_NONE, 0, 1, "custom_op");
  b.SetInputs({in_a, in_b});
  b.SetOutputs({out});
  return Write(dir, "tflm_packer", b);
}

// ZEROS_LIKE of a 2x3 tensor (4 for int16, which the test's kernel rejects).
bool ZerosLike(const std::string& dir, TensorType type, const std::vector<int32_t>& shape, const char* name) {
  ModelBuilder b;
  const int in = b.AddTensor(type, shape);
  const int out = b.AddTensor(type, shape);
  b.AddOp(tflite::BuiltinOperator_ZEROS_LIKE, {in}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  return Write(dir, name, b);
}

// 7 inputs, each negated into its own output (float NEG): input i has shape {1, i + 1}.
bool ManyTensors(const std::string& dir) {
  ModelBuilder b;
  std::vector<int32_t> inputs, outputs;
  for (int i = 0; i < 7; ++i) {
    const int in = b.AddTensor(TensorType::kFloat32, {1, i + 1});
    const int out = b.AddTensor(TensorType::kFloat32, {1, i + 1});
    b.AddOp(tflite::BuiltinOperator_NEG, {in}, {out});
    inputs.push_back(in);
    outputs.push_back(out);
  }
  b.SetInputs(inputs);
  b.SetOutputs(outputs);
  return Write(dir, "tflm_many_tensors", b);
}

// A CUSTOM op "spy" reading (per-tensor input, per-channel filter along axis 0, int32 bias,
// per-channel input along axis 3, a 64-channel constant along axis 1); model inputs: the
// per-channel tensor, then the per-tensor one.
bool PerChannel(const std::string& dir) {
  ModelBuilder b;
  Quant per_channel_input;
  per_channel_input.scales = {0.5f, 0.25f, 0.125f};
  per_channel_input.zero_points = {3, -1, 7};
  per_channel_input.axis = 3;
  Quant per_tensor;
  per_tensor.scales = {0.75f};
  per_tensor.zero_points = {-5};
  Quant filter_quant;
  filter_quant.scales = {0.5f, 0.25f, 0.125f};
  filter_quant.zero_points = {0, 0, 0};
  filter_quant.axis = 0;
  const int in = b.AddTensor(TensorType::kInt8, {1, 2, 2, 3}, per_channel_input);
  const int other = b.AddTensor(TensorType::kInt8, {1, 4}, per_tensor);
  const int filter = b.AddConstant<int8_t>(TensorType::kInt8, {3, 1, 1, 1}, {1, 2, 3}, filter_quant);
  const int bias = b.AddConstant<int32_t>(TensorType::kInt32, {3}, {0, 0, 0});
  // 64 channels: more quantization parameters than a Prepare's stack buffer holds.
  Quant wide_quant;
  std::vector<int8_t> wide_values;
  for (int c = 0; c < 64; ++c) {
    wide_quant.scales.push_back(0.01f * static_cast<float>(c + 1));
    wide_quant.zero_points.push_back(c % 5 - 2);
    wide_values.push_back(static_cast<int8_t>(c));
  }
  wide_quant.axis = 1;
  const int wide = b.AddConstant<int8_t>(TensorType::kInt8, {1, 64}, wide_values, wide_quant);
  const int out = b.AddTensor(TensorType::kInt8, {1, 4}, per_tensor);
  b.AddOp(tflite::BuiltinOperator_CUSTOM, {other, filter, bias, in, wide}, {out}, tflite::BuiltinOptions_NONE, 0, 1, "spy");
  b.SetInputs({in, other});
  b.SetOutputs({out});
  return Write(dir, "tflm_per_channel", b);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  const bool ok = Packer(dir) && ZerosLike(dir, TensorType::kFloat32, {2, 3}, "tflm_zeros_like_float32") &&
                  ZerosLike(dir, TensorType::kInt8, {2, 3}, "tflm_zeros_like_int8") &&
                  ZerosLike(dir, TensorType::kInt32, {2, 3}, "tflm_zeros_like_int32") &&
                  ZerosLike(dir, TensorType::kInt16, {4}, "tflm_zeros_like_int16") && ManyTensors(dir) && PerChannel(dir);
  return ok ? 0 : 1;
}
