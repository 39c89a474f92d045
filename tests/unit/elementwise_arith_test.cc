// SPDX-License-Identifier: Apache-2.0
// ADD_N, FLOOR_DIV, FLOOR_MOD, SQUARED_DIFFERENCE, PRELU, L2_NORMALIZATION, LOG_SOFTMAX, and the
// fixed-point helpers behind the last two (InvSqrtMultiplier, LogXForXGreaterThanOrEqualTo1).
// Expectations by hand (power-of-two scales where quantized) or from double-precision formulas.
#include <gtest/gtest.h>

#include <cmath>

#include "src/math/fixed_point.h"
#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

std::string Message(const Runner& r) { return std::string(r.allocate_status().message()); }

host::AlignedBuffer Binary(tflite::BuiltinOperator op, TensorType type, const std::vector<int32_t>& s1, const std::vector<int32_t>& s2,
                           const std::vector<int32_t>& so, const Quant& q1 = {}, const Quant& q2 = {}, const Quant& qo = {},
                           TensorType type2 = TensorType::kFloat32) {
  ModelBuilder b;
  const int in1 = b.AddTensor(type, s1, q1);
  const int in2 = b.AddTensor(type2 == TensorType::kFloat32 ? type : type2, s2, q2);
  const int out = b.AddTensor(type, so, qo);
  b.AddOp(op, {in1, in2}, {out});
  b.SetInputs({in1, in2});
  b.SetOutputs({out});
  return b.Finish();
}

template <typename T>
std::vector<T> Run2(tflite::BuiltinOperator op, TensorType type, const std::vector<int32_t>& s1, const std::vector<T>& a,
                    const std::vector<int32_t>& s2, const std::vector<T>& b, const std::vector<int32_t>& so) {
  Runner r(Binary(op, type, s1, s2, so));
  EXPECT_TRUE(r.ok()) << Message(r);
  if (!r.ok()) return {};
  r.SetInput<T>(0, a);
  r.SetInput<T>(1, b);
  EXPECT_TRUE(r.Invoke().ok());
  return r.Output<T>(0);
}

TEST(FloorDivMod, FloatAndInt32Signs) {
  using F = std::vector<float>;
  using I = std::vector<int32_t>;
  EXPECT_EQ(Run2<float>(tflite::BuiltinOperator_FLOOR_DIV, TensorType::kFloat32, {4}, {7, -7, 7, -7}, {4}, {2, 2, -2, -2}, {4}),
            (F{3, -4, -4, 3}));
  EXPECT_EQ(Run2<float>(tflite::BuiltinOperator_FLOOR_MOD, TensorType::kFloat32, {4}, {7, -7, 7, -7}, {4}, {2, 2, -2, -2}, {4}),
            (F{1, 1, -1, -1}));
  // The quotient is taken in double, as TFLM: 1 / 0.1f = 9.99999985 floors to 9 (the float
  // quotient would round to 10).
  EXPECT_EQ(Run2<float>(tflite::BuiltinOperator_FLOOR_DIV, TensorType::kFloat32, {2}, {1, -1}, {1}, {0.1f}, {2}), (F{9, -10}));
  // Broadcast a row of divisors: 5.5 mod 2 = 1.5, -5.5 mod 2 = 0.5, 5.5 mod -4 = -2.5.
  EXPECT_EQ(Run2<float>(tflite::BuiltinOperator_FLOOR_MOD, TensorType::kFloat32, {2, 1}, {5.5f, -5.5f}, {2}, {2, -4}, {2, 2}),
            (F{1.5f, -2.5f, 0.5f, -1.5f}));
  EXPECT_EQ(Run2<int32_t>(tflite::BuiltinOperator_FLOOR_DIV, TensorType::kInt32, {6}, {7, -7, 7, -7, 5, INT32_MIN}, {6},
                          {2, 2, -2, -2, 0, -1}, {6}),
            (I{3, -4, -4, 3, 0, INT32_MIN}));
  EXPECT_EQ(Run2<int32_t>(tflite::BuiltinOperator_FLOOR_MOD, TensorType::kInt32, {6}, {7, -7, 7, -7, 5, INT32_MIN}, {6},
                          {2, 2, -2, -2, 0, -1}, {6}),
            (I{1, 1, -1, -1, 0, 0}));
}

TEST(FloorDivMod, RejectsInt8) {
  Runner r(Binary(tflite::BuiltinOperator_FLOOR_DIV, TensorType::kInt8, {2}, {2}, {2}, Quant{{1.0f}, {0}}, Quant{{1.0f}, {0}},
                  Quant{{1.0f}, {0}}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(Message(r).find("FLOOR_DIV (node 0): input type int8 is not supported (supported: float32, int32)"), std::string::npos)
      << Message(r);
}

TEST(SquaredDifference, FloatAndInt32) {
  EXPECT_EQ(Run2<float>(tflite::BuiltinOperator_SQUARED_DIFFERENCE, TensorType::kFloat32, {2, 2}, {1, 2, 3, 4}, {2}, {4, -1}, {2, 2}),
            (std::vector<float>{9, 9, 1, 25}));
  EXPECT_EQ(Run2<int32_t>(tflite::BuiltinOperator_SQUARED_DIFFERENCE, TensorType::kInt32, {2}, {3, -5}, {2}, {1, 5}, {2}),
            (std::vector<int32_t>{4, 100}));
}

TEST(SquaredDifference, Int8AndInt16) {
  // Scales 0.5 and 1.0 in, 0.25 out: (0.5 a - b)^2 / 0.25.
  Runner r(Binary(tflite::BuiltinOperator_SQUARED_DIFFERENCE, TensorType::kInt8, {4}, {4}, {4}, Quant{{0.5f}, {0}}, Quant{{1.0f}, {0}},
                  Quant{{0.25f}, {0}}));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8");
  r.SetInput<int8_t>(0, {4, 10, -6, 127});
  r.SetInput<int8_t>(1, {1, 2, 0, -128});
  ASSERT_TRUE(r.Invoke().ok());
  // (2-1)^2 = 1 -> 4; (5-2)^2 = 9 -> 36; (-3)^2 = 9 -> 36; huge -> 127.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{4, 36, 36, 127}));

  // Zero points: a real = q - 3, b real = q + 2, output zero point -100, all scales 1.
  Runner z(Binary(tflite::BuiltinOperator_SQUARED_DIFFERENCE, TensorType::kInt8, {2}, {2}, {2}, Quant{{1.0f}, {3}}, Quant{{1.0f}, {-2}},
                  Quant{{1.0f}, {-100}}));
  ASSERT_TRUE(z.ok()) << Message(z);
  z.SetInput<int8_t>(0, {8, 3});
  z.SetInput<int8_t>(1, {-2, 5});
  ASSERT_TRUE(z.Invoke().ok());
  EXPECT_EQ(z.Output<int8_t>(0), (std::vector<int8_t>{-75, -51}));  // 25 - 100, 49 - 100

  Runner h(Binary(tflite::BuiltinOperator_SQUARED_DIFFERENCE, TensorType::kInt16, {3}, {3}, {3}, Quant{{1.0f}, {0}}, Quant{{1.0f}, {0}},
                  Quant{{1.0f}, {0}}));
  ASSERT_TRUE(h.ok()) << Message(h);
  h.SetInput<int16_t>(0, {30, -100, 300});
  h.SetInput<int16_t>(1, {10, 50, -100});
  ASSERT_TRUE(h.Invoke().ok());
  EXPECT_EQ(h.Output<int16_t>(0), (std::vector<int16_t>{400, 22500, 32767}));
}

TEST(SquaredDifference, OutputMultiplierBeyondTheRescaleIsRefusedWithIt) {
  // The output multiplier (2 * max input scale)^2 / output scale: 2^29 still has a shift of 30
  // and runs; 2^30 needs 31, where TFLM computes squared_diff * (1 << 31) in int32 (an overflow
  // for every difference of 2 or more), so it is refused with the multiplier named.
  Runner edge(Binary(tflite::BuiltinOperator_SQUARED_DIFFERENCE, TensorType::kInt16, {1}, {1}, {1}, Quant{{1.0f}, {0}}, Quant{{1.0f}, {0}},
                     Quant{{0x1p-27f}, {0}}));
  ASSERT_TRUE(edge.ok()) << Message(edge);
  Runner past(Binary(tflite::BuiltinOperator_SQUARED_DIFFERENCE, TensorType::kInt16, {1}, {1}, {1}, Quant{{1.0f}, {0}}, Quant{{1.0f}, {0}},
                     Quant{{0x1p-28f}, {0}}));
  ASSERT_FALSE(past.ok());
  EXPECT_NE(Message(past).find("output multiplier (2 * max input scale)^2 / output scale = 1.07374e+9 is out of range (its "
                               "fixed-point multiplier needs a shift outside -31..30"),
            std::string::npos)
      << Message(past);
  // The differential campaign's case (seeds 7010046, 7112649): input scales 691.2 and 0.328,
  // output 0.00139.
  Runner seen(Binary(tflite::BuiltinOperator_SQUARED_DIFFERENCE, TensorType::kInt16, {1}, {1}, {1}, Quant{{691.2f}, {0}},
                     Quant{{0.328f}, {0}}, Quant{{0.00139f}, {0}}));
  ASSERT_FALSE(seen.ok());
  EXPECT_NE(Message(seen).find("output multiplier (2 * max input scale)^2 / output scale = 1.37"), std::string::npos) << Message(seen);
}

TEST(Prelu, FloatBroadcastAndInt8) {
  Runner f(Binary(tflite::BuiltinOperator_PRELU, TensorType::kFloat32, {1, 2, 2}, {2}, {1, 2, 2}));
  ASSERT_TRUE(f.ok()) << Message(f);
  f.SetInput<float>(0, {-1, -2, 3, -4});
  f.SetInput<float>(1, {0.5f, -1});
  ASSERT_TRUE(f.Invoke().ok());
  EXPECT_EQ(f.Output<float>(0), (std::vector<float>{-0.5f, 2, 3, 4}));

  // Input scale 0.5, alpha scale 0.25, output scale 0.5: positive q unchanged, negative q times
  // alpha's real value (q_alpha / 4).
  Runner r(Binary(tflite::BuiltinOperator_PRELU, TensorType::kInt8, {2, 2}, {2}, {2, 2}, Quant{{0.5f}, {0}}, Quant{{0.25f}, {0}},
                  Quant{{0.5f}, {0}}));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8");
  r.SetInput<int8_t>(0, {-8, -8, 100, -7});
  r.SetInput<int8_t>(1, {2, -4});
  ASSERT_TRUE(r.Invoke().ok());
  // -8 * 0.5 = -4; -8 * -1 = 8; 100; -7 * -1 = 7.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{-4, 8, 100, 7}));

  Runner h(Binary(tflite::BuiltinOperator_PRELU, TensorType::kInt16, {3}, {1}, {3}, Quant{{1.0f}, {0}}, Quant{{0.125f}, {0}},
                  Quant{{1.0f}, {0}}, TensorType::kInt8));
  ASSERT_TRUE(h.ok()) << Message(h);
  EXPECT_STREQ(h.interpreter().node(0).variant, "reference int16");
  h.SetInput<int16_t>(0, {-800, 800, -32768});
  h.SetInput<int8_t>(1, {2});  // alpha 0.25
  ASSERT_TRUE(h.Invoke().ok());
  EXPECT_EQ(h.Output<int16_t>(0), (std::vector<int16_t>{-200, 800, -8192}));
}

// Rank 5: TFLM's PRELU extends shapes to 4-D and aborts (TFLITE_CHECK) on a fifth dimension
// (difftest seed 8001027); tinyrt broadcasts any rank up to 6.
TEST(Prelu, FloatRankFive) {
  Runner f(Binary(tflite::BuiltinOperator_PRELU, TensorType::kFloat32, {2, 1, 1, 2, 2}, {1, 1, 1, 1, 2}, {2, 1, 1, 2, 2}));
  ASSERT_TRUE(f.ok()) << Message(f);
  f.SetInput<float>(0, {-1, -2, 3, -4, -8, 6, 0, -0.5f});
  f.SetInput<float>(1, {0.5f, -1});
  ASSERT_TRUE(f.Invoke().ok());
  EXPECT_EQ(f.Output<float>(0), (std::vector<float>{-0.5f, 2, 3, 4, -4, 6, 0, 0.5f}));
}

TEST(Prelu, RejectsInt16Alpha) {
  Runner r(
      Binary(tflite::BuiltinOperator_PRELU, TensorType::kInt16, {2}, {2}, {2}, Quant{{1.0f}, {0}}, Quant{{1.0f}, {0}}, Quant{{1.0f}, {0}}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(Message(r).find("PRELU (node 0): alpha type int16 is not supported with int16 input (needs int8)"), std::string::npos)
      << Message(r);
}

host::AlignedBuffer AddN(TensorType type, int n, const std::vector<int32_t>& shape, const Quant& q = {}, const Quant& qo = {}) {
  ModelBuilder b;
  std::vector<int32_t> inputs;
  for (int i = 0; i < n; ++i) inputs.push_back(b.AddTensor(type, shape, q));
  const int out = b.AddTensor(type, shape, qo);
  b.AddOp(tflite::BuiltinOperator_ADD_N, inputs, {out});
  b.SetInputs(inputs);
  b.SetOutputs({out});
  return b.Finish();
}

TEST(AddN, FloatAndInt32) {
  Runner f(AddN(TensorType::kFloat32, 3, {2}));
  ASSERT_TRUE(f.ok()) << Message(f);
  f.SetInput<float>(0, {1, 0.5f});
  f.SetInput<float>(1, {2, -0.25f});
  f.SetInput<float>(2, {-4, 8});
  ASSERT_TRUE(f.Invoke().ok());
  EXPECT_EQ(f.Output<float>(0), (std::vector<float>{-1, 8.25f}));

  // int32 is beyond TFLM; sums wrap.
  Runner i(AddN(TensorType::kInt32, 2, {3}));
  ASSERT_TRUE(i.ok()) << Message(i);
  EXPECT_STREQ(i.interpreter().node(0).variant, "reference int32");
  i.SetInput<int32_t>(0, {1, -5, INT32_MAX});
  i.SetInput<int32_t>(1, {2, 3, 1});
  ASSERT_TRUE(i.Invoke().ok());
  EXPECT_EQ(i.Output<int32_t>(0), (std::vector<int32_t>{3, -2, INT32_MIN}));
}

TEST(AddN, Int8) {
  // All scales 1: the output is the sum of the offset inputs, plus TFLM's extra -zero point term.
  Runner r(AddN(TensorType::kInt8, 3, {3}, Quant{{1.0f}, {0}}, Quant{{1.0f}, {0}}));
  ASSERT_TRUE(r.ok()) << Message(r);
  r.SetInput<int8_t>(0, {1, 2, 100});
  r.SetInput<int8_t>(1, {10, -20, 100});
  r.SetInput<int8_t>(2, {5, 5, 100});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{16, -13, 127}));

  // Input zero point 2, output scale 2 and zero point 1: (sum(q - 2) - 2) / 2 + 1, halves rounded
  // away from zero.
  Runner z(AddN(TensorType::kInt8, 2, {2}, Quant{{1.0f}, {2}}, Quant{{2.0f}, {1}}));
  ASSERT_TRUE(z.ok()) << Message(z);
  z.SetInput<int8_t>(0, {12, 2});
  z.SetInput<int8_t>(1, {7, -3});
  ASSERT_TRUE(z.Invoke().ok());
  // (10 + 5 - 2) / 2 = 6.5 -> 7, + 1 = 8; (0 - 5 - 2) / 2 = -3.5 -> -4, + 1 = -3.
  EXPECT_EQ(z.Output<int8_t>(0), (std::vector<int8_t>{8, -3}));
}

// Output multiplier 2 s_in / (2^20 s_out) of 1 or more: TFLM aborts in Prepare
// (QuantizeMultiplierSmallerThanOneExp's TFLITE_CHECK; difftest seed 8005348); tinyrt runs TFLM's
// arithmetic with the larger multiplier. s_in 1, s_out 2^-20: each input q * 2^20 * 0.5, summed,
// times 2: every non-zero sum saturates.
TEST(AddN, Int8OutputMultiplierOfOneOrMoreSaturates) {
  Runner r(AddN(TensorType::kInt8, 2, {4}, Quant{{1.0f}, {0}}, Quant{{std::ldexp(1.0f, -20)}, {0}}));
  ASSERT_TRUE(r.ok()) << Message(r);
  r.SetInput<int8_t>(0, {1, -1, 0, 5});
  r.SetInput<int8_t>(1, {0, 0, 0, -5});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{127, -128, 0, 0}));
}

TEST(AddN, RejectsInt16) {
  Runner r(AddN(TensorType::kInt16, 2, {2}, Quant{{1.0f}, {0}}, Quant{{1.0f}, {0}}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(Message(r).find("ADD_N (node 0): input type int16 is not supported (supported: float32, int8, int32)"), std::string::npos)
      << Message(r);
}

host::AlignedBuffer Norm(tflite::BuiltinOperator op, TensorType type, const std::vector<int32_t>& shape, const Quant& q = {},
                         const Quant& qo = {}) {
  ModelBuilder b;
  const int in = b.AddTensor(type, shape, q);
  const int out = b.AddTensor(type, shape, qo);
  b.AddOp(op, {in}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

TEST(L2Normalization, Float) {
  Runner r(Norm(tflite::BuiltinOperator_L2_NORMALIZATION, TensorType::kFloat32, {3, 2}));
  ASSERT_TRUE(r.ok()) << Message(r);
  r.SetInput<float>(0, {3, 4, 0, 0, -1, 0});
  ASSERT_TRUE(r.Invoke().ok());
  const std::vector<float> out = r.Output<float>(0);
  const std::vector<float> want = {0.6f, 0.8f, 0, 0, -1, 0};
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(out[i], want[i], 1e-7) << i;
}

TEST(L2Normalization, Int8) {
  // Output scale 1/128: x / ||x|| * 128. Rows [8,8,8,8] -> 0.5 -> 64; [64,0,0,0] -> 1 -> 128
  // clamped to 127; [-64,0,0,0] -> -128; input zero point 5 shifts the row [13,13,13,13] back.
  Runner r(Norm(tflite::BuiltinOperator_L2_NORMALIZATION, TensorType::kInt8, {3, 4}, Quant{{0.1f}, {0}}, Quant{{1.0f / 128}, {0}}));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8");
  r.SetInput<int8_t>(0, {8, 8, 8, 8, 64, 0, 0, 0, -64, 0, 0, 0});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{64, 64, 64, 64, 127, 0, 0, 0, -128, 0, 0, 0}));

  Runner z(Norm(tflite::BuiltinOperator_L2_NORMALIZATION, TensorType::kInt8, {1, 4}, Quant{{0.1f}, {5}}, Quant{{1.0f / 128}, {0}}));
  ASSERT_TRUE(z.ok()) << Message(z);
  z.SetInput<int8_t>(0, {13, 13, -3, 5});  // offsets 8, 8, -8, 0
  ASSERT_TRUE(z.Invoke().ok());
  // ||(8, 8, -8, 0)|| = 8 sqrt(3): 128 / sqrt(3) = 73.9 -> 74.
  EXPECT_EQ(z.Output<int8_t>(0), (std::vector<int8_t>{74, 74, -74, 0}));
}

TEST(L2Normalization, RejectsOtherInt8OutputScale) {
  Runner r(Norm(tflite::BuiltinOperator_L2_NORMALIZATION, TensorType::kInt8, {1, 4}, Quant{{0.1f}, {0}}, Quant{{0.5f}, {0}}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(Message(r).find("L2_NORMALIZATION (node 0): int8 output must have scale 1/128 and zero point 0"), std::string::npos)
      << Message(r);
}

TEST(LogSoftmax, FloatAgainstDouble) {
  Runner r(Norm(tflite::BuiltinOperator_LOG_SOFTMAX, TensorType::kFloat32, {2, 3}));
  ASSERT_TRUE(r.ok()) << Message(r);
  const std::vector<float> in = {1, 2, 3, -10, 0, 10};
  r.SetInput<float>(0, in);
  ASSERT_TRUE(r.Invoke().ok());
  const std::vector<float> out = r.Output<float>(0);
  for (int row = 0; row < 2; ++row) {
    double sum = 0;
    for (int c = 0; c < 3; ++c) sum += std::exp(static_cast<double>(in[row * 3 + c]));
    for (int c = 0; c < 3; ++c) {
      EXPECT_NEAR(out[row * 3 + c], in[row * 3 + c] - std::log(sum), 1e-5) << row << "," << c;
    }
  }
}

TEST(LogSoftmax, Int8) {
  // Output scale 1/16, zero point 127. A uniform row of 4: log(1/4) * 16 = -22.18 -> 105. A row
  // with one value far above the rest: log(1) = 0 -> 127 there; 12.7 below it: -203.2 + 127 ->
  // -76; 22.7 and 25.5 below: under the output range -> -128.
  Runner r(Norm(tflite::BuiltinOperator_LOG_SOFTMAX, TensorType::kInt8, {2, 4}, Quant{{0.1f}, {0}}, Quant{{16.0f / 256}, {127}}));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8");
  r.SetInput<int8_t>(0, {7, 7, 7, 7, 127, -128, 0, -100});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{105, 105, 105, 105, 127, -128, -76, -128}));
}

TEST(LogSoftmax, RejectsOtherInt8OutputQuantization) {
  Runner r(Norm(tflite::BuiltinOperator_LOG_SOFTMAX, TensorType::kInt8, {1, 4}, Quant{{0.1f}, {0}}, Quant{{0.1f}, {0}}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(Message(r).find("LOG_SOFTMAX (node 0): int8 output must have scale 16/256 and zero point 127"), std::string::npos)
      << Message(r);
}

TEST(FixedPointMath, InvSqrtMultiplier) {
  for (int32_t x : std::initializer_list<int32_t>{2, 3, 4, 100, 12345, 1 << 20, (1 << 30) + 7, INT32_MAX}) {
    int32_t multiplier = 0;
    int shift = 0;
    math::InvSqrtMultiplier(x, &multiplier, &shift);
    const double value = static_cast<double>(multiplier) / 2147483648.0 * std::ldexp(1.0, shift);
    EXPECT_NEAR(value * std::sqrt(static_cast<double>(x)), 1.0, 1e-5) << x;
  }
  int32_t multiplier = 0;
  int shift = 7;
  math::InvSqrtMultiplier(0, &multiplier, &shift);
  EXPECT_EQ(multiplier, INT32_MAX);
  EXPECT_EQ(shift, 0);
}

TEST(FixedPointMath, LogOfValuesAtLeastOne) {
  // Input Q12.19, output Q5.26.
  for (double x : {1.0, 1.5, 2.0, 2.718281828, 10.0, 100.0, 4000.0}) {
    const int32_t raw = static_cast<int32_t>(std::lround(x * (1 << 19)));
    const double got = math::LogXForXGreaterThanOrEqualTo1(raw, 12, 5) / static_cast<double>(1 << 26);
    EXPECT_NEAR(got, std::log(raw / static_cast<double>(1 << 19)), 2e-6) << x;
  }
}

TEST(FixedPointMath, SixteenBitHelpers) {
  // round(a * b / 2^15): 1.5 rounds up; gemmlowp's negative nudge makes -1.5 go to -1 as well.
  EXPECT_EQ(math::SaturatingRoundingDoublingHighMul16(16384, 16384), 8192);
  EXPECT_EQ(math::SaturatingRoundingDoublingHighMul16(3, 16384), 2);
  EXPECT_EQ(math::SaturatingRoundingDoublingHighMul16(-3, 16384), -1);
  EXPECT_EQ(math::SaturatingRoundingDoublingHighMul16(-5, 16384), -2);  // -2.5
  EXPECT_EQ(math::SaturatingRoundingDoublingHighMul16(INT16_MIN, INT16_MIN), INT16_MAX);
  // Truncating variant.
  EXPECT_EQ(math::SaturatingDoublingHighMul16(3, 16384), 1);
  EXPECT_EQ(math::SaturatingDoublingHighMul16(-3, 16384), -1);
  EXPECT_EQ(math::SaturatingDoublingHighMul16(INT16_MIN, INT16_MIN), INT16_MAX);
  EXPECT_EQ(math::SaturatingLeftShift16(100, 3), 800);
  EXPECT_EQ(math::SaturatingLeftShift16(20000, 1), INT16_MAX);
  EXPECT_EQ(math::SaturatingLeftShift16(-20000, 1), INT16_MIN);
  EXPECT_EQ(math::DownScaleMultiplierToInt16(1 << 30), 16384);
  EXPECT_EQ(math::DownScaleMultiplierToInt16((1 << 30) + (1 << 15)), 16385);  // rounds half up
  EXPECT_EQ(math::DownScaleMultiplierToInt16(INT32_MAX), INT16_MAX);
}

}  // namespace
}  // namespace tinyrt
