// SPDX-License-Identifier: Apache-2.0
// EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL, LOGICAL_AND, LOGICAL_OR and
// SELECT_V2: results worked out by hand, with broadcasting, quantized int8 inputs of different
// scales (TFLM's rescaling) and int16 inputs compared exactly (beyond TFLM).
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

host::AlignedBuffer Binary(tflite::BuiltinOperator op, TensorType type, const std::vector<int32_t>& s1, const std::vector<int32_t>& s2,
                           const std::vector<int32_t>& so, const Quant& q1 = {}, const Quant& q2 = {},
                           TensorType out_type = TensorType::kBool) {
  ModelBuilder b;
  const int in1 = b.AddTensor(type, s1, q1);
  const int in2 = b.AddTensor(type, s2, q2);
  const int out = b.AddTensor(out_type, so);
  b.AddOp(op, {in1, in2}, {out});
  b.SetInputs({in1, in2});
  b.SetOutputs({out});
  return b.Finish();
}

std::string Message(const Runner& r) { return std::string(r.allocate_status().message()); }

// Runs a comparison on two inputs of one element type and returns the bool output as 0/1.
template <typename T>
std::vector<uint8_t> Compare(tflite::BuiltinOperator op, TensorType type, const std::vector<int32_t>& s1, const std::vector<T>& a,
                             const std::vector<int32_t>& s2, const std::vector<T>& b, const std::vector<int32_t>& so, const Quant& q1 = {},
                             const Quant& q2 = {}) {
  Runner r(Binary(op, type, s1, s2, so, q1, q2));
  EXPECT_TRUE(r.ok()) << Message(r);
  if (!r.ok()) return {};
  r.SetInput<T>(0, a);
  r.SetInput<T>(1, b);
  EXPECT_TRUE(r.Invoke().ok());
  return r.Output<uint8_t>(0);
}

using B = std::vector<uint8_t>;

TEST(Comparisons, FloatWithBroadcast) {
  const std::vector<float> a = {1, 2, 3, -1, 0, 5};
  const std::vector<float> b = {2, 2, 2};
  EXPECT_EQ(Compare<float>(tflite::BuiltinOperator_GREATER, TensorType::kFloat32, {2, 3}, a, {3}, b, {2, 3}), (B{0, 0, 1, 0, 0, 1}));
  EXPECT_EQ(Compare<float>(tflite::BuiltinOperator_GREATER_EQUAL, TensorType::kFloat32, {2, 3}, a, {3}, b, {2, 3}), (B{0, 1, 1, 0, 0, 1}));
  EXPECT_EQ(Compare<float>(tflite::BuiltinOperator_LESS, TensorType::kFloat32, {2, 3}, a, {3}, b, {2, 3}), (B{1, 0, 0, 1, 1, 0}));
  EXPECT_EQ(Compare<float>(tflite::BuiltinOperator_LESS_EQUAL, TensorType::kFloat32, {2, 3}, a, {3}, b, {2, 3}), (B{1, 1, 0, 1, 1, 0}));
  EXPECT_EQ(Compare<float>(tflite::BuiltinOperator_EQUAL, TensorType::kFloat32, {2, 3}, a, {3}, b, {2, 3}), (B{0, 1, 0, 0, 0, 0}));
  EXPECT_EQ(Compare<float>(tflite::BuiltinOperator_NOT_EQUAL, TensorType::kFloat32, {2, 3}, a, {3}, b, {2, 3}), (B{1, 0, 1, 1, 1, 1}));
  // Column broadcast on both sides: [2,1] against [1,3].
  EXPECT_EQ(Compare<float>(tflite::BuiltinOperator_LESS, TensorType::kFloat32, {2, 1}, {0, 10}, {1, 3}, {-1, 5, 20}, {2, 3}),
            (B{0, 1, 1, 0, 0, 1}));
}

TEST(Comparisons, IntegerAndBoolTypes) {
  EXPECT_EQ(Compare<int32_t>(tflite::BuiltinOperator_LESS, TensorType::kInt32, {3}, {INT32_MIN, 0, 7}, {3}, {INT32_MAX, 0, 6}, {3}),
            (B{1, 0, 0}));
  const int64_t big = int64_t{1} << 40;
  EXPECT_EQ(
      Compare<int64_t>(tflite::BuiltinOperator_GREATER, TensorType::kInt64, {2, 2}, {big + 1, big, -big, 0}, {2, 1}, {big, -big}, {2, 2}),
      (B{1, 0, 0, 1}));
  EXPECT_EQ(Compare<uint8_t>(tflite::BuiltinOperator_EQUAL, TensorType::kBool, {4}, {0, 1, 0, 1}, {4}, {0, 0, 1, 1}, {4}), (B{1, 0, 0, 1}));
  EXPECT_EQ(Compare<uint8_t>(tflite::BuiltinOperator_NOT_EQUAL, TensorType::kBool, {4}, {0, 1, 0, 1}, {1}, {1}, {4}), (B{1, 0, 1, 0}));
}

TEST(Comparisons, Int8DifferentScales) {
  // a real = 0.5 q; b real = 0.25 (q - 1). a=2 -> 1.0, b=5 -> 1.0; a=-4 -> -2, b=-7 -> -2;
  // a=3 -> 1.5, b=6 -> 1.25; a=0 -> 0, b=2 -> 0.25.
  const Quant qa{{0.5f}, {0}};
  const Quant qb{{0.25f}, {1}};
  const std::vector<int8_t> a = {2, -4, 3, 0};
  const std::vector<int8_t> b = {5, -7, 6, 2};
  Runner r(Binary(tflite::BuiltinOperator_EQUAL, TensorType::kInt8, {4}, {4}, {4}, qa, qb));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8");
  EXPECT_EQ(Compare<int8_t>(tflite::BuiltinOperator_EQUAL, TensorType::kInt8, {4}, a, {4}, b, {4}, qa, qb), (B{1, 1, 0, 0}));
  EXPECT_EQ(Compare<int8_t>(tflite::BuiltinOperator_GREATER, TensorType::kInt8, {4}, a, {4}, b, {4}, qa, qb), (B{0, 0, 1, 0}));
  EXPECT_EQ(Compare<int8_t>(tflite::BuiltinOperator_LESS_EQUAL, TensorType::kInt8, {4}, a, {4}, b, {4}, qa, qb), (B{1, 1, 0, 1}));
}

// TFLM refuses int16 for five of these and gets GREATER wrong (all false); tinyrt compares the
// real values exactly.
TEST(Comparisons, Int16ComparesRealValuesExactly) {
  // Same small scale: TFLM-style rescaling by 2^-15 after << 8 would merge 1 and 2.
  const Quant small{{1.0f / 32768}, {0}};
  const std::vector<int16_t> a = {1, 2, -3, 32767, -32768};
  const std::vector<int16_t> b = {2, 2, -4, 32766, -32768};
  EXPECT_EQ(Compare<int16_t>(tflite::BuiltinOperator_GREATER, TensorType::kInt16, {5}, a, {5}, b, {5}, small, small), (B{0, 0, 1, 1, 0}));
  EXPECT_EQ(Compare<int16_t>(tflite::BuiltinOperator_GREATER_EQUAL, TensorType::kInt16, {5}, a, {5}, b, {5}, small, small),
            (B{0, 1, 1, 1, 1}));
  EXPECT_EQ(Compare<int16_t>(tflite::BuiltinOperator_LESS, TensorType::kInt16, {5}, a, {5}, b, {5}, small, small), (B{1, 0, 0, 0, 0}));
  EXPECT_EQ(Compare<int16_t>(tflite::BuiltinOperator_LESS_EQUAL, TensorType::kInt16, {5}, a, {5}, b, {5}, small, small),
            (B{1, 1, 0, 0, 1}));
  EXPECT_EQ(Compare<int16_t>(tflite::BuiltinOperator_EQUAL, TensorType::kInt16, {5}, a, {5}, b, {5}, small, small), (B{0, 1, 0, 0, 1}));
  EXPECT_EQ(Compare<int16_t>(tflite::BuiltinOperator_NOT_EQUAL, TensorType::kInt16, {5}, a, {5}, b, {5}, small, small), (B{1, 0, 1, 1, 0}));

  // Different scales and zero points: a real = 0.001 (q - 10), b real = 0.002 q (exactly twice
  // the float 0.001f): a=12 equals b=1, a=13 > b=1, a=-20 < b=-14 (-0.030 vs -0.028).
  const Quant qa{{0.001f}, {10}};
  const Quant qb{{0.002f}, {0}};
  EXPECT_EQ(Compare<int16_t>(tflite::BuiltinOperator_EQUAL, TensorType::kInt16, {3}, {12, 13, -20}, {3}, {1, 1, -14}, {3}, qa, qb),
            (B{1, 0, 0}));
  EXPECT_EQ(Compare<int16_t>(tflite::BuiltinOperator_GREATER, TensorType::kInt16, {3}, {12, 13, -20}, {3}, {1, 1, -14}, {3}, qa, qb),
            (B{0, 1, 0}));

  // Scales 2^100 apart: any non-zero value of the large-scale side outweighs the other.
  const Quant tiny{{1e-30f}, {0}};
  const Quant one{{1.0f}, {0}};
  EXPECT_EQ(
      Compare<int16_t>(tflite::BuiltinOperator_LESS, TensorType::kInt16, {4}, {32767, -32768, 5, 0}, {4}, {1, -1, 0, 0}, {4}, tiny, one),
      (B{1, 0, 0, 0}));
  EXPECT_EQ(
      Compare<int16_t>(tflite::BuiltinOperator_GREATER, TensorType::kInt16, {4}, {32767, -32768, 5, 0}, {4}, {1, -1, 0, 0}, {4}, tiny, one),
      (B{0, 1, 1, 0}));
}

TEST(Comparisons, RejectsUint8AndNonBoolOutput) {
  Runner r(Binary(tflite::BuiltinOperator_LESS, TensorType::kUInt8, {2}, {2}, {2}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(Message(r).find("LESS (node 0): input type uint8 is not supported"), std::string::npos) << Message(r);
  Runner o(Binary(tflite::BuiltinOperator_EQUAL, TensorType::kInt32, {2}, {2}, {2}, {}, {}, TensorType::kInt32));
  EXPECT_EQ(o.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(Message(o).find("EQUAL (node 0): output type int32 is not bool"), std::string::npos) << Message(o);
}

TEST(Logical, AndOrWithBroadcast) {
  const std::vector<uint8_t> a = {0, 0, 1, 1};
  Runner r(Binary(tflite::BuiltinOperator_LOGICAL_AND, TensorType::kBool, {2, 2}, {2}, {2, 2}));
  ASSERT_TRUE(r.ok()) << Message(r);
  r.SetInput<uint8_t>(0, a);
  r.SetInput<uint8_t>(1, {1, 0});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<uint8_t>(0), (B{0, 0, 1, 0}));
  Runner o(Binary(tflite::BuiltinOperator_LOGICAL_OR, TensorType::kBool, {2, 2}, {2}, {2, 2}));
  ASSERT_TRUE(o.ok()) << Message(o);
  o.SetInput<uint8_t>(0, a);
  o.SetInput<uint8_t>(1, {1, 0});
  ASSERT_TRUE(o.Invoke().ok());
  EXPECT_EQ(o.Output<uint8_t>(0), (B{1, 0, 1, 1}));
}

TEST(Logical, RejectsInt8) {
  Runner r(Binary(tflite::BuiltinOperator_LOGICAL_OR, TensorType::kInt8, {2}, {2}, {2}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(Message(r).find("LOGICAL_OR (node 0): input type int8 is not supported (supported: bool)"), std::string::npos) << Message(r);
}

host::AlignedBuffer Select(TensorType type, const std::vector<int32_t>& sc, const std::vector<int32_t>& sx, const std::vector<int32_t>& sy,
                           const std::vector<int32_t>& so, const Quant& q = {}, const Quant& qy = {}) {
  ModelBuilder b;
  const int c = b.AddTensor(TensorType::kBool, sc);
  const int x = b.AddTensor(type, sx, q);
  const int y = b.AddTensor(type, sy, qy.scales.empty() ? q : qy);
  const int out = b.AddTensor(type, so, q);
  b.AddOp(tflite::BuiltinOperator_SELECT_V2, {c, x, y}, {out});
  b.SetInputs({c, x, y});
  b.SetOutputs({out});
  return b.Finish();
}

TEST(SelectV2, ThreeWayBroadcast) {
  // cond [2,1], x [2,3], y [3] -> [2,3].
  Runner r(Select(TensorType::kFloat32, {2, 1}, {2, 3}, {3}, {2, 3}));
  ASSERT_TRUE(r.ok()) << Message(r);
  r.SetInput<uint8_t>(0, {1, 0});
  r.SetInput<float>(1, {1, 2, 3, 4, 5, 6});
  r.SetInput<float>(2, {-1, -2, -3});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{1, 2, 3, -1, -2, -3}));

  // cond [3] against x [2,1] and y [1,1] (int16), and an int8 same-shape case.
  Runner h(Select(TensorType::kInt16, {3}, {2, 1}, {1, 1}, {2, 3}, Quant{{0.5f}, {0}}));
  ASSERT_TRUE(h.ok()) << Message(h);
  h.SetInput<uint8_t>(0, {0, 1, 1});
  h.SetInput<int16_t>(1, {100, -200});
  h.SetInput<int16_t>(2, {7});
  ASSERT_TRUE(h.Invoke().ok());
  EXPECT_EQ(h.Output<int16_t>(0), (std::vector<int16_t>{7, 100, 100, 7, -200, -200}));
  Runner i(Select(TensorType::kInt8, {3}, {3}, {3}, {3}, Quant{{0.5f}, {3}}));
  ASSERT_TRUE(i.ok()) << Message(i);
  i.SetInput<uint8_t>(0, {1, 0, 1});
  i.SetInput<int8_t>(1, {1, 2, 3});
  i.SetInput<int8_t>(2, {-1, -2, -3});
  ASSERT_TRUE(i.Invoke().ok());
  EXPECT_EQ(i.Output<int8_t>(0), (std::vector<int8_t>{1, -2, 3}));
}

TEST(SelectV2, RejectsDifferentQuantization) {
  Runner r(Select(TensorType::kInt8, {3}, {3}, {3}, {3}, Quant{{0.5f}, {0}}, Quant{{0.25f}, {0}}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(Message(r).find("SELECT_V2 (node 0): quantized x, y and output must share one scale and zero point"), std::string::npos)
      << Message(r);
}

}  // namespace
}  // namespace tinyrt
