// SPDX-License-Identifier: Apache-2.0
// The bad-input suite: each malformed model or misuse gets a clear error naming the cause
// (docs/robustness.md lists these cases with their messages).
#include <gtest/gtest.h>

#include <string>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

std::string LoadError(host::AlignedBuffer bytes) {
  Model model;
  const Status status = model.Load(bytes.data(), bytes.size());
  return status.ok() ? "ok" : status.message();
}

// in -> FULLY_CONNECTED(w) -> out, int8, built with the given pieces changed.
struct FcSpec {
  std::vector<int32_t> input_shape = {1, 4};
  Quant input_quant = Quant{{0.5f}, {0}};
  Quant weight_quant = Quant{{0.25f}, {0}};
  std::vector<int32_t> weight_shape = {2, 4};
  size_t weight_values = 8;
  int extra_input_index = 0;  // != 0: use as the op's first input tensor index instead
  bool drop_weights_input = false;
};

host::AlignedBuffer FcModel(const FcSpec& spec) {
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kInt8, spec.input_shape, spec.input_quant);
  const int w = b.AddConstant<int8_t>(TensorType::kInt8, spec.weight_shape, std::vector<int8_t>(spec.weight_values, 1), spec.weight_quant);
  const int out = b.AddTensor(TensorType::kInt8, {1, 2}, Quant{{1.0f}, {0}});
  std::vector<int32_t> inputs = {spec.extra_input_index != 0 ? spec.extra_input_index : in};
  if (!spec.drop_weights_input) inputs.push_back(w);
  b.AddOp(tflite::BuiltinOperator_FULLY_CONNECTED, inputs, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

#define EXPECT_CONTAINS(text, part) EXPECT_NE(std::string(text).find(part), std::string::npos) << (text)

TEST(BadInput, BadRootOffset) {
  host::AlignedBuffer bytes = FcModel({});
  const uint32_t huge = 0x7FFFFFF0u;
  std::memcpy(bytes.data(), &huge, 4);
  EXPECT_CONTAINS(LoadError(std::move(bytes)), "model FlatBuffer failed verification");
}

TEST(BadInput, VtableOffsetPastTheEnd) {
  host::AlignedBuffer bytes = FcModel({});
  uint32_t root = 0;
  std::memcpy(&root, bytes.data(), 4);
  const int32_t far = -0x7FFFFFF0;  // the root table's soffset to its vtable
  std::memcpy(bytes.data() + root, &far, 4);
  EXPECT_CONTAINS(LoadError(std::move(bytes)), "model FlatBuffer failed verification");
}

TEST(BadInput, VectorLengthPastTheEnd) {
  // Every 4-byte word that holds a small count is, in turn, made enormous: the verifier must
  // reject each (a vector whose length runs past the buffer) or the model must still be valid.
  host::AlignedBuffer original = FcModel({});
  int rejected = 0;
  for (size_t at = 8; at + 4 <= original.size(); at += 4) {
    uint32_t word = 0;
    std::memcpy(&word, original.data() + at, 4);
    if (word == 0 || word > 16) continue;
    host::AlignedBuffer bytes(original.size());
    std::memcpy(bytes.data(), original.data(), original.size());
    const uint32_t huge = 0x10000000u;
    std::memcpy(bytes.data() + at, &huge, 4);
    const std::string error = LoadError(std::move(bytes));
    if (error != "ok") ++rejected;
  }
  EXPECT_GT(rejected, 5);
}

TEST(BadInput, TensorIndexOutOfRange) {
  FcSpec spec;
  spec.extra_input_index = 42;
  EXPECT_EQ(LoadError(FcModel(spec)), "operator 0 input 0 is tensor 42, out of range (subgraph has 3 tensors)");
}

TEST(BadInput, BufferIndexOutOfRange) {
  ModelBuilder b;
  const int in = b.AddTensorWithBuffer(TensorType::kFloat32, {4}, 77);
  b.SetInputs({in});
  b.SetOutputs({in});
  b.AddOp(tflite::BuiltinOperator_RESHAPE, {in}, {in});
  EXPECT_CONTAINS(LoadError(b.Finish()), "buffer index 77 is out of range");
}

TEST(BadInput, NegativeDimension) {
  FcSpec spec;
  spec.input_shape = {1, -4};
  EXPECT_CONTAINS(LoadError(FcModel(spec)), "dimension 1 is -4 (dynamic shapes are not supported)");
}

TEST(BadInput, DimensionsWhoseByteSizeOverflows) {
  FcSpec spec;
  spec.input_shape = {65536, 65536, 65536, 4};
  EXPECT_CONTAINS(LoadError(FcModel(spec)), "shape has more than 2^31 elements");
}

TEST(BadInput, ShapeDisagreesWithBufferSize) {
  FcSpec spec;
  spec.weight_values = 7;
  EXPECT_CONTAINS(LoadError(FcModel(spec)), "holds 7 bytes but the shape and type (int8) need 8");
}

TEST(BadInput, ZeroQuantizationScale) {
  FcSpec spec;
  spec.input_quant = Quant{{0.0f}, {0}};
  EXPECT_CONTAINS(LoadError(FcModel(spec)), "quantization scale 0 is zero, negative or not finite");
}

TEST(BadInput, MissingQuantizationScale) {
  FcSpec spec;
  spec.input_quant = Quant{};
  Runner r(FcModel(spec));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_CONTAINS(r.allocate_status().message(), "FULLY_CONNECTED (node 0): quantized tensors need quantization scales");
}

TEST(BadInput, PerChannelCountDisagreesWithChannels) {
  FcSpec spec;
  spec.weight_quant = Quant{{0.25f, 0.5f, 0.75f}, {0, 0, 0}, 0};
  EXPECT_CONTAINS(LoadError(FcModel(spec)), "has 3 per-channel scales but dimension 0 has 2 channels");
}

TEST(BadInput, OpWithTooFewInputs) {
  FcSpec spec;
  spec.drop_weights_input = true;
  Runner r(FcModel(spec));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kInvalidModel);
  EXPECT_CONTAINS(r.allocate_status().message(), "FULLY_CONNECTED (node 0): has 1 inputs and 1 outputs; needs at least 2 and 1");
}

TEST(BadInput, InputsSetAfterInvokeAreUsedByTheNextInvoke) {
  Runner r(FcModel({}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int8_t>(0, {1, 2, 3, 4});
  ASSERT_TRUE(r.Invoke().ok());
  const std::vector<int8_t> first = r.Output<int8_t>(0);
  r.SetInput<int8_t>(0, {-4, -3, -2, -1});
  ASSERT_TRUE(r.Invoke().ok());
  const std::vector<int8_t> second = r.Output<int8_t>(0);
  // Hand-computed: sum(x)*0.5*0.25 -> 10*0.125 = 1.25 -> 1; -10*0.125 = -1.25 -> -1.
  EXPECT_EQ(first, (std::vector<int8_t>{1, 1}));
  EXPECT_EQ(second, (std::vector<int8_t>{-1, -1}));
}

}  // namespace
}  // namespace tinyrt

namespace tinyrt {
namespace {

TEST(BadInput, BoolConstantThatIsNeither0Nor1) {
  // LOGICAL_NOT of a constant bool tensor holding 31: a bool byte other than 0 or 1 would be
  // undefined behaviour wherever a kernel reads it (found by the fuzzer via SELECT_V2).
  testing::ModelBuilder b;
  const int c = b.AddConstant<uint8_t>(TensorType::kBool, {3}, {1, 31, 0});
  const int out = b.AddTensor(TensorType::kBool, {3});
  b.AddOp(tflite::BuiltinOperator_LOGICAL_NOT, {c}, {out});
  b.SetOutputs({out});
  host::AlignedBuffer model = b.Finish();
  Model m;
  const Status status = m.Load(model.data(), model.size());
  EXPECT_EQ(status.code(), StatusCode::kInvalidModel);
  EXPECT_NE(std::string(status.message()).find("bool constant holds 31 at element 1 (not 0 or 1)"), std::string::npos) << status.message();
}

}  // namespace
}  // namespace tinyrt
