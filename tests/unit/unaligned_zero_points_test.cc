// SPDX-License-Identifier: Apache-2.0
// Models whose int64 zero-point vectors are 4-byte but not 8-byte aligned in the file (as some
// vendors' converters write them; TFLM reads them): tinyrt loads and runs them, reading the zero
// points byte-wise, with the same results as the aligned model.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

// An int8 ADD (nonzero zero points on both inputs and the output) followed by a per-channel
// FULLY_CONNECTED; every quantized tensor's zero points written with `padding` (-1: normally).
host::AlignedBuffer BuildModel(int32_t padding) {
  auto q = [padding](std::vector<float> scales, std::vector<int64_t> zps) {
    Quant quant{scales, zps, 0};
    quant.zero_point_padding = padding;
    return quant;
  };
  ModelBuilder b;
  const int a = b.AddTensor(TensorType::kInt8, {1, 4}, q({0.05f}, {-3}));
  const int c = b.AddTensor(TensorType::kInt8, {1, 4}, q({0.1f}, {7}));
  const int sum = b.AddTensor(TensorType::kInt8, {1, 4}, q({0.2f}, {-11}));
  const int w =
      b.AddConstant<int8_t>(TensorType::kInt8, {3, 4}, {1, -2, 3, -4, 5, 6, -7, 8, 9, 10, 11, -12}, q({0.01f, 0.02f, 0.03f}, {0, 0, 0}));
  const int out = b.AddTensor(TensorType::kInt8, {1, 3}, q({0.05f}, {2}));
  b.AddOp(tflite::BuiltinOperator_ADD, {a, c}, {sum});
  b.AddOp(tflite::BuiltinOperator_FULLY_CONNECTED, {sum, w}, {out});
  b.SetInputs({a, c});
  b.SetOutputs({out});
  return b.Finish();
}

// How many zero-point vectors of the model are not 8-byte aligned.
int CountMisaligned(const host::AlignedBuffer& bytes) {
  const tflite::Model* m = tflite::GetModel(bytes.data());
  int misaligned = 0;
  for (const tflite::Tensor* t : *m->subgraphs()->Get(0)->tensors()) {
    const uint8_t* zp = t->quantization()->zero_point()->Data();
    misaligned += (reinterpret_cast<uintptr_t>(zp) & 7) != 0 ? 1 : 0;
  }
  return misaligned;
}

std::vector<int8_t> RunModel(host::AlignedBuffer bytes) {
  Runner r(std::move(bytes));
  EXPECT_TRUE(r.ok()) << r.load_status().message() << " " << r.allocate_status().message();
  if (!r.ok()) return {};
  r.SetInput<int8_t>(0, {10, -20, 30, 127});
  r.SetInput<int8_t>(1, {-128, 5, 60, -7});
  EXPECT_TRUE(r.Invoke().ok());
  return r.Output<int8_t>(0);
}

TEST(UnalignedZeroPoints, LoadAndRunAsAligned) {
  const std::vector<int8_t> expected = RunModel(BuildModel(-1));
  ASSERT_EQ(expected.size(), 3u);
  // The zero points matter: ignoring them (reading zeros) would change every output.
  EXPECT_NE(expected, std::vector<int8_t>(3, 2));
  int misaligned_models = 0;
  for (int32_t padding : {0, 4}) {  // one of the two misplaces some vectors, whatever the layout
    host::AlignedBuffer bytes = BuildModel(padding);
    const int misaligned = CountMisaligned(bytes);
    if (misaligned == 0) continue;
    ++misaligned_models;
    EXPECT_EQ(RunModel(std::move(bytes)), expected) << "padding " << padding << ", " << misaligned << " misaligned vectors";
  }
  EXPECT_GE(misaligned_models, 1) << "the test failed to build a model with misaligned zero points";
}

// A 4-byte vector (the shape) misaligned is still refused: the relaxation is for 8-byte elements.
TEST(UnalignedZeroPoints, OtherMisalignmentStillRefused) {
  host::AlignedBuffer bytes = BuildModel(-1);
  const tflite::Model* m = tflite::GetModel(bytes.data());
  // Point the first tensor's shape offset 2 bytes further: a vector that is not 4-byte aligned.
  const tflite::Tensor* t = m->subgraphs()->Get(0)->tensors()->Get(0);
  const uint8_t* table = reinterpret_cast<const uint8_t*>(t);
  const int32_t vtable_back = *reinterpret_cast<const int32_t*>(table);
  const uint8_t* vtable = table - vtable_back;
  const uint16_t shape_field = *reinterpret_cast<const uint16_t*>(vtable + 4);  // slot 0: shape
  ASSERT_NE(shape_field, 0);
  uint8_t* slot = bytes.data() + (table - bytes.data()) + shape_field;
  uint32_t offset = 0;
  std::memcpy(&offset, slot, 4);
  offset += 2;
  std::memcpy(slot, &offset, 4);
  Model model;
  const Status status = model.Load(bytes.data(), bytes.size());
  EXPECT_FALSE(status.ok());
  EXPECT_NE(std::string(status.message()).find("verification"), std::string::npos) << status.message();
}

}  // namespace
}  // namespace tinyrt
