// SPDX-License-Identifier: Apache-2.0
// PAD / PADV2: expected outputs built by a plain index computation in the test (each output
// element is the input element it lands on, or the pad value), for each type, ranks up to 6,
// int32/int64 paddings, the zero-point default of quantized PAD and PADV2's constant.
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

struct PadCase {
  tflite::BuiltinOperator op = tflite::BuiltinOperator_PAD;
  TensorType type = TensorType::kFloat32;
  std::vector<int32_t> in_shape;
  std::vector<int64_t> paddings;  // [rank][2]
  bool int64_paddings = false;
  bool constant_paddings = true;
  Quant quant;
  bool has_constant = false;
  std::vector<uint8_t> constant_bytes;  // PADV2's scalar
  Quant constant_quant;
};

std::vector<int32_t> OutShape(const PadCase& c) {
  std::vector<int32_t> out;
  for (size_t i = 0; i < c.in_shape.size(); ++i)
    out.push_back(c.in_shape[i] + static_cast<int32_t>(c.paddings[2 * i] + c.paddings[2 * i + 1]));
  return out;
}

host::AlignedBuffer BuildPad(const PadCase& c, const std::vector<int32_t>& out_shape) {
  ModelBuilder b;
  const int in = b.AddTensor(c.type, c.in_shape, c.quant);
  const std::vector<int32_t> pshape = {static_cast<int32_t>(c.in_shape.size()), 2};
  int pads;
  if (!c.constant_paddings) {
    pads = b.AddTensor(TensorType::kInt32, pshape);
  } else if (c.int64_paddings) {
    pads = b.AddConstant<int64_t>(TensorType::kInt64, pshape, c.paddings);
  } else {
    std::vector<int32_t> p32(c.paddings.begin(), c.paddings.end());
    pads = b.AddConstant<int32_t>(TensorType::kInt32, pshape, p32);
  }
  const int out = b.AddTensor(c.type, out_shape, c.quant);
  std::vector<int32_t> inputs = {in, pads};
  if (c.has_constant) inputs.push_back(b.AddConstantBytes(c.type, {}, c.constant_bytes.data(), c.constant_bytes.size(), c.constant_quant));
  b.AddOp(c.op, inputs, {out});
  b.SetInputs(c.constant_paddings ? std::vector<int32_t>{in} : std::vector<int32_t>{in, pads});
  b.SetOutputs({out});
  return b.Finish();
}

// The expected output: input where the output coordinate minus the before-padding is inside it.
template <typename T>
std::vector<T> Expected(const PadCase& c, const std::vector<T>& input, T pad_value) {
  const std::vector<int32_t> out_shape = OutShape(c);
  size_t total = 1;
  for (int32_t d : out_shape) total *= static_cast<size_t>(d);
  std::vector<T> out(total);
  const size_t rank = out_shape.size();
  for (size_t o = 0; o < total; ++o) {
    size_t rest = o;
    std::vector<int64_t> coord(rank);
    for (size_t k = rank; k-- > 0;) {
      coord[k] = static_cast<int64_t>(rest % static_cast<size_t>(out_shape[k]));
      rest /= static_cast<size_t>(out_shape[k]);
    }
    bool inside = true;
    size_t in_index = 0;
    for (size_t k = 0; k < rank; ++k) {
      const int64_t ic = coord[k] - c.paddings[2 * k];
      if (ic < 0 || ic >= c.in_shape[k]) inside = false;
      in_index = in_index * static_cast<size_t>(c.in_shape[k]) + static_cast<size_t>(inside ? ic : 0);
    }
    out[o] = inside ? input[in_index] : pad_value;
  }
  return out;
}

template <typename T>
std::vector<T> Iota(size_t n, T start) {
  std::vector<T> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<T>(start + static_cast<T>(i));
  return v;
}

size_t Elements(const std::vector<int32_t>& shape) {
  size_t n = 1;
  for (int32_t d : shape) n *= static_cast<size_t>(d);
  return n;
}

std::string Message(const Runner& r) { return std::string(r.allocate_status().message()); }

TEST(Pad, Float2D) {
  PadCase c;
  c.in_shape = {3, 4};
  c.paddings = {1, 2, 0, 3};
  Runner r(BuildPad(c, OutShape(c)));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference float32");
  const std::vector<float> input = Iota<float>(12, 1.0f);
  r.SetInput<float>(0, input);
  ASSERT_TRUE(r.Invoke().ok());
  const std::vector<float> out = r.Output<float>(0);
  EXPECT_EQ(out, Expected<float>(c, input, 0.0f));
  // Spot check by hand: row 0 is padding, row 1 is the first input row then three zeros.
  EXPECT_EQ(std::vector<float>(out.begin() + 7, out.begin() + 14), (std::vector<float>{1, 2, 3, 4, 0, 0, 0}));
}

TEST(Pad, Int8UsesTheOutputZeroPoint) {
  PadCase c;
  c.type = TensorType::kInt8;
  c.in_shape = {1, 3, 3, 2};
  c.paddings = {0, 0, 1, 1, 1, 1, 0, 0};
  c.quant = Quant{{0.5f}, {-7}};
  Runner r(BuildPad(c, OutShape(c)));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8");
  const std::vector<int8_t> input = Iota<int8_t>(18, -9);
  r.SetInput<int8_t>(0, input);
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), Expected<int8_t>(c, input, -7));
}

TEST(Pad, Int16AndInt32WithInt64Paddings) {
  PadCase c;
  c.type = TensorType::kInt16;
  c.in_shape = {2, 3};
  c.paddings = {2, 0, 1, 1};
  c.int64_paddings = true;
  c.quant = Quant{{0.001f}, {0}};
  Runner r(BuildPad(c, OutShape(c)));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int16");
  const std::vector<int16_t> input = {-32768, 5, 32767, 1, 2, 3};
  r.SetInput<int16_t>(0, input);
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), Expected<int16_t>(c, input, 0));

  PadCase c32;
  c32.type = TensorType::kInt32;
  c32.in_shape = {2, 3};
  c32.paddings = {1, 1, 0, 1};
  Runner r32(BuildPad(c32, OutShape(c32)));
  ASSERT_TRUE(r32.ok()) << Message(r32);
  EXPECT_STREQ(r32.interpreter().node(0).variant, "reference int32");
  const std::vector<int32_t> in32 = {100000, -2, 3, 4, 5, INT32_MIN};
  r32.SetInput<int32_t>(0, in32);
  ASSERT_TRUE(r32.Invoke().ok());
  EXPECT_EQ(r32.Output<int32_t>(0), (std::vector<int32_t>{0, 0, 0, 0, 100000, -2, 3, 0, 4, 5, INT32_MIN, 0, 0, 0, 0, 0}));
}

TEST(Pad, SixDimensions) {
  PadCase c;
  c.in_shape = {2, 1, 2, 3, 1, 2};
  c.paddings = {1, 0, 0, 2, 1, 1, 0, 0, 2, 1, 1, 0};
  Runner r(BuildPad(c, OutShape(c)));
  ASSERT_TRUE(r.ok()) << Message(r);
  const std::vector<float> input = Iota<float>(Elements(c.in_shape), 1.0f);
  r.SetInput<float>(0, input);
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), Expected<float>(c, input, 0.0f));
}

TEST(PadV2, ConstantValue) {
  PadCase c;
  c.op = tflite::BuiltinOperator_PADV2;
  c.in_shape = {1, 2, 2, 1};
  c.paddings = {0, 0, 1, 0, 0, 2, 0, 0};
  c.has_constant = true;
  const float value = 0.5f;
  c.constant_bytes.resize(4);
  std::memcpy(c.constant_bytes.data(), &value, 4);
  Runner r(BuildPad(c, OutShape(c)));
  ASSERT_TRUE(r.ok()) << Message(r);
  r.SetInput<float>(0, {1, 2, 3, 4});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{0.5f, 0.5f, 0.5f, 0.5f, 1, 2, 0.5f, 0.5f, 3, 4, 0.5f, 0.5f}));

  PadCase q;
  q.op = tflite::BuiltinOperator_PADV2;
  q.type = TensorType::kInt16;
  q.in_shape = {3, 2};
  q.paddings = {1, 1, 1, 0};
  q.quant = Quant{{0.25f}, {0}};
  q.has_constant = true;
  const int16_t qvalue = -2;  // -0.5 in the output's quantization
  q.constant_bytes.resize(2);
  std::memcpy(q.constant_bytes.data(), &qvalue, 2);
  q.constant_quant = Quant{{0.25f}, {0}};
  Runner rq(BuildPad(q, OutShape(q)));
  ASSERT_TRUE(rq.ok()) << Message(rq);
  EXPECT_STREQ(rq.interpreter().node(0).variant, "reference int16");
  const std::vector<int16_t> input = {1, 2, 3, 4, 5, 6};
  rq.SetInput<int16_t>(0, input);
  ASSERT_TRUE(rq.Invoke().ok());
  EXPECT_EQ(rq.Output<int16_t>(0), Expected<int16_t>(q, input, -2));
}

TEST(Pad, Rejects) {
  PadCase c;
  c.type = TensorType::kUInt8;
  c.in_shape = {2};
  c.paddings = {1, 1};
  Runner r(BuildPad(c, OutShape(c)));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(Message(r).find("PAD (node 0): input type uint8 is not supported"), std::string::npos) << Message(r);

  PadCase dynamic;
  dynamic.in_shape = {2};
  dynamic.paddings = {1, 1};
  dynamic.constant_paddings = false;
  Runner r2(BuildPad(dynamic, OutShape(dynamic)));
  EXPECT_NE(Message(r2).find("paddings must be a constant tensor"), std::string::npos) << Message(r2);

  PadCase negative;
  negative.in_shape = {4};
  negative.paddings = {-1, 1};
  Runner r3(BuildPad(negative, {4}));
  EXPECT_NE(Message(r3).find("negative padding"), std::string::npos) << Message(r3);

  PadCase wrong;
  wrong.in_shape = {2, 2};
  wrong.paddings = {1, 1, 0, 0};
  Runner r4(BuildPad(wrong, {4, 3}));
  EXPECT_NE(Message(r4).find("output dimension 1 is 3, expected 2"), std::string::npos) << Message(r4);

  PadCase mismatch;
  mismatch.op = tflite::BuiltinOperator_PADV2;
  mismatch.type = TensorType::kInt8;
  mismatch.in_shape = {2};
  mismatch.paddings = {1, 1};
  mismatch.quant = Quant{{0.5f}, {0}};
  mismatch.has_constant = true;
  mismatch.constant_bytes = {3};
  mismatch.constant_quant = Quant{{0.25f}, {0}};
  Runner r5(BuildPad(mismatch, OutShape(mismatch)));
  EXPECT_NE(Message(r5).find("constant value quantization differs"), std::string::npos) << Message(r5);
}

}  // namespace
}  // namespace tinyrt
