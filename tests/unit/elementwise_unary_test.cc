// SPDX-License-Identifier: Apache-2.0
// Unary element-wise kernels: ABS, CEIL, COS, EXP, FLOOR, LOG, NEG, ROUND, RSQRT, SIN, SQRT,
// SQUARE, HARD_SWISH, ELU, LOGICAL_NOT. Float results against double-precision <cmath>
// (independent of the kernels' float functions), quantized ones worked out by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

host::AlignedBuffer Unary(tflite::BuiltinOperator op, TensorType type, int32_t n, const Quant& in_quant = {}, const Quant& out_quant = {},
                          TensorType out_type = TensorType::kFloat32) {
  ModelBuilder b;
  const int in = b.AddTensor(type, {n}, in_quant);
  const int out = b.AddTensor(out_type == TensorType::kFloat32 ? type : out_type, {n}, out_quant);
  b.AddOp(op, {in}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

std::string Message(const Runner& r) { return std::string(r.allocate_status().message()); }

const std::vector<float> kInputs = {-3.75f, -1.5f, -0.5f, -0.25f, 0.0f, 0.3f, 0.5f, 1.0f, 2.5f, 7.0f};

// Runs a float32 unary op over kInputs and checks it against `expected` (double precision).
void CheckFloat(tflite::BuiltinOperator op, double (*expected)(double)) {
  Runner r(Unary(op, TensorType::kFloat32, static_cast<int32_t>(kInputs.size())));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference float32");
  r.SetInput<float>(0, kInputs);
  ASSERT_TRUE(r.Invoke().ok());
  const std::vector<float> out = r.Output<float>(0);
  for (size_t i = 0; i < kInputs.size(); ++i) {
    const double want = expected(static_cast<double>(kInputs[i]));
    if (std::isnan(want)) {
      EXPECT_TRUE(std::isnan(out[i])) << "op " << op << " input " << kInputs[i];
    } else if (std::isinf(want)) {
      EXPECT_EQ(static_cast<double>(out[i]), want) << "op " << op << " input " << kInputs[i];
    } else {
      EXPECT_NEAR(out[i], want, 1e-6 * std::max(1.0, std::fabs(want))) << "op " << op << " input " << kInputs[i];
    }
  }
}

TEST(UnaryFloat, MathFunctions) {
  CheckFloat(tflite::BuiltinOperator_CEIL, [](double x) { return std::ceil(x); });
  CheckFloat(tflite::BuiltinOperator_FLOOR, [](double x) { return std::floor(x); });
  CheckFloat(tflite::BuiltinOperator_COS, [](double x) { return std::cos(x); });
  CheckFloat(tflite::BuiltinOperator_SIN, [](double x) { return std::sin(x); });
  CheckFloat(tflite::BuiltinOperator_EXP, [](double x) { return std::exp(x); });
  CheckFloat(tflite::BuiltinOperator_LOG, [](double x) { return std::log(x); });  // NaN below 0, -inf at 0
  CheckFloat(tflite::BuiltinOperator_SQRT, [](double x) { return std::sqrt(x); });
  CheckFloat(tflite::BuiltinOperator_RSQRT, [](double x) { return 1.0 / std::sqrt(x); });
  CheckFloat(tflite::BuiltinOperator_SQUARE, [](double x) { return x * x; });
  CheckFloat(tflite::BuiltinOperator_NEG, [](double x) { return -x; });
  CheckFloat(tflite::BuiltinOperator_ABS, [](double x) { return std::fabs(x); });
  CheckFloat(tflite::BuiltinOperator_HARD_SWISH, [](double x) { return x * std::min(6.0, std::max(0.0, x + 3.0)) / 6.0; });
  CheckFloat(tflite::BuiltinOperator_ELU, [](double x) { return x < 0 ? std::expm1(x) : x; });
}

TEST(UnaryFloat, RoundHalfToEven) {
  Runner r(Unary(tflite::BuiltinOperator_ROUND, TensorType::kFloat32, 9));
  ASSERT_TRUE(r.ok()) << Message(r);
  r.SetInput<float>(0, {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, -2.5f, 2.4f, -2.6f, 3e9f});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{0, 2, 2, 0, -2, -2, 2, -3, 3e9f}));
}

TEST(UnaryFloat, RejectsInt8) {
  Runner r(Unary(tflite::BuiltinOperator_SIN, TensorType::kInt8, 2, Quant{{1.0f}, {0}}, Quant{{1.0f}, {0}}, TensorType::kInt8));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(Message(r).find("SIN (node 0): input type int8 is not supported (supported: float32)"), std::string::npos) << Message(r);
}

TEST(Neg, IntegersWrap) {
  Runner r(Unary(tflite::BuiltinOperator_NEG, TensorType::kInt32, 3, {}, {}, TensorType::kInt32));
  ASSERT_TRUE(r.ok()) << Message(r);
  r.SetInput<int32_t>(0, {5, -7, INT32_MIN});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{-5, 7, INT32_MIN}));
  Runner l(Unary(tflite::BuiltinOperator_NEG, TensorType::kInt64, 2, {}, {}, TensorType::kInt64));
  ASSERT_TRUE(l.ok()) << Message(l);
  l.SetInput<int64_t>(0, {-(int64_t{1} << 40), 3});
  ASSERT_TRUE(l.Invoke().ok());
  EXPECT_EQ(l.Output<int64_t>(0), (std::vector<int64_t>{int64_t{1} << 40, -3}));
}

TEST(Abs, Int8SameScaleShiftsZeroPoint) {
  // Same scale: |q - (-10)| + (-128), clamped.
  Runner r(Unary(tflite::BuiltinOperator_ABS, TensorType::kInt8, 5, Quant{{0.5f}, {-10}}, Quant{{0.5f}, {-128}}, TensorType::kInt8));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8");
  r.SetInput<int8_t>(0, {-10, 0, -20, 127, -128});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{-128, -118, -118, 9, -10}));
}

TEST(Abs, Int8AndInt16Rescale) {
  // Input scale 1/128, output 1/64: |q| / 2 rounded half away from zero.
  Runner r(Unary(tflite::BuiltinOperator_ABS, TensorType::kInt8, 5, Quant{{1.0f / 128}, {0}}, Quant{{1.0f / 64}, {0}}, TensorType::kInt8));
  ASSERT_TRUE(r.ok()) << Message(r);
  r.SetInput<int8_t>(0, {3, -3, -128, 127, -6});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{2, 2, 64, 64, 3}));

  // int16, output scale 2x: |q| / 2; scale 0.5x: |q| * 2 saturating.
  Runner h(Unary(tflite::BuiltinOperator_ABS, TensorType::kInt16, 3, Quant{{0.25f}, {0}}, Quant{{0.5f}, {0}}, TensorType::kInt16));
  ASSERT_TRUE(h.ok()) << Message(h);
  EXPECT_STREQ(h.interpreter().node(0).variant, "reference int16");
  h.SetInput<int16_t>(0, {-32768, 1001, -7});
  ASSERT_TRUE(h.Invoke().ok());
  EXPECT_EQ(h.Output<int16_t>(0), (std::vector<int16_t>{16384, 501, 4}));
  Runner d(Unary(tflite::BuiltinOperator_ABS, TensorType::kInt16, 2, Quant{{0.5f}, {0}}, Quant{{0.25f}, {0}}, TensorType::kInt16));
  ASSERT_TRUE(d.ok()) << Message(d);
  d.SetInput<int16_t>(0, {-20000, 100});
  ASSERT_TRUE(d.Invoke().ok());
  EXPECT_EQ(d.Output<int16_t>(0), (std::vector<int16_t>{32767, 200}));
}

TEST(Abs, ScaleRatioAtTheEdgeOfTflmsRescale) {
  // Ratio 2^29 (shift 30, the last one TFLM's rescale defines): any |q - zp| >= 1 saturates.
  Runner r(Unary(tflite::BuiltinOperator_ABS, TensorType::kInt8, 3, Quant{{536870912.0f}, {0}}, Quant{{1.0f}, {-5}}, TensorType::kInt8));
  ASSERT_TRUE(r.ok()) << Message(r);
  r.SetInput<int8_t>(0, {0, 1, -1});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{-5, 127, 127}));
  // Ratio 2^31 needs shift 32: refused, with the ratio and the reason in the message.
  Runner big(Unary(tflite::BuiltinOperator_ABS, TensorType::kInt8, 3, Quant{{2147483648.0f}, {0}}, Quant{{1.0f}, {0}}, TensorType::kInt8));
  ASSERT_FALSE(big.ok());
  EXPECT_NE(Message(big).find("ABS (node 0): input/output scale ratio 2.147"), std::string::npos) << Message(big);
  EXPECT_NE(Message(big).find("is out of range (its fixed-point multiplier needs a shift outside -31..30"), std::string::npos)
      << Message(big);
}

TEST(Abs, Int16WithoutQuantization) {
  Runner r(Unary(tflite::BuiltinOperator_ABS, TensorType::kInt16, 3, {}, {}, TensorType::kInt16));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int16 unquantized");
  r.SetInput<int16_t>(0, {-5, 9, -32768});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{5, 9, -32768}));
}

TEST(Abs, RejectsInt32) {
  Runner r(Unary(tflite::BuiltinOperator_ABS, TensorType::kInt32, 2, {}, {}, TensorType::kInt32));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(Message(r).find("ABS (node 0): input type int32 is not supported"), std::string::npos) << Message(r);
}

TEST(Elu, Int8Table) {
  // Input scale 1/16, output 1/64: x = q/16; y = x < 0 ? e^x - 1 : x; out = round(64 y).
  Runner r(Unary(tflite::BuiltinOperator_ELU, TensorType::kInt8, 6, Quant{{1.0f / 16}, {0}}, Quant{{1.0f / 64}, {0}}, TensorType::kInt8));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8");
  r.SetInput<int8_t>(0, {-16, 16, -128, 127, 0, -8});
  ASSERT_TRUE(r.Invoke().ok());
  // e^-1 - 1 = -0.6321 -> -40.45 -> -40; 1 -> 64; e^-8 - 1 -> -63.98 -> -64; 7.94 -> 508 -> 127;
  // e^-0.5 - 1 = -0.3935 -> -25.18 -> -25.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{-40, 64, -64, 127, 0, -25}));
}

TEST(Elu, RejectsInt16) {
  Runner r(Unary(tflite::BuiltinOperator_ELU, TensorType::kInt16, 2, Quant{{1.0f}, {0}}, Quant{{1.0f}, {0}}, TensorType::kInt16));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(Message(r).find("ELU (node 0): input type int16 is not supported"), std::string::npos) << Message(r);
}

TEST(HardSwish, Int8) {
  // Scales 3/128 in and out: hard_swish(q * 3/128) / (3/128), e.g. q=64 (1.5): 1.5 * 4.5 / 6 =
  // 1.125 -> 48; q=127: 126.504 -> 127; q=-128 (-3) -> 0; q=-64: -0.375 -> -16; q=10: 5.39 -> 5.
  // Output zero point -10.
  const float scale = 3.0f / 128;
  Runner r(Unary(tflite::BuiltinOperator_HARD_SWISH, TensorType::kInt8, 6, Quant{{scale}, {0}}, Quant{{scale}, {-10}}, TensorType::kInt8));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8");
  r.SetInput<int8_t>(0, {64, 127, -128, -64, 0, 10});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{38, 117, -10, -26, -10, -5}));
}

TEST(Rsqrt, Int8AndInt16) {
  // Input scale 1/4, output 1/32: out = 32 / sqrt(q / 4) = 64 / sqrt(q). Zero (and, unlike TFLM,
  // which fails, negative values) give the maximum.
  Runner r(Unary(tflite::BuiltinOperator_RSQRT, TensorType::kInt8, 7, Quant{{0.25f}, {0}}, Quant{{1.0f / 32}, {0}}, TensorType::kInt8));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8");
  r.SetInput<int8_t>(0, {4, 16, 64, 1, 0, 100, -5});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{32, 16, 8, 64, 127, 6, 127}));

  // Input zero point 10 (int8): q = 14 is x = 1 -> 32.
  Runner z(Unary(tflite::BuiltinOperator_RSQRT, TensorType::kInt8, 2, Quant{{0.25f}, {10}}, Quant{{1.0f / 32}, {-20}}, TensorType::kInt8));
  ASSERT_TRUE(z.ok()) << Message(z);
  z.SetInput<int8_t>(0, {14, 26});
  ASSERT_TRUE(z.Invoke().ok());
  EXPECT_EQ(z.Output<int8_t>(0), (std::vector<int8_t>{12, -4}));  // 32 - 20, 16 - 20

  // int16 (beyond TFLM): output scale 1/1024: 2048 / sqrt(q).
  Runner h(Unary(tflite::BuiltinOperator_RSQRT, TensorType::kInt16, 4, Quant{{0.25f}, {0}}, Quant{{1.0f / 1024}, {0}}, TensorType::kInt16));
  ASSERT_TRUE(h.ok()) << Message(h);
  h.SetInput<int16_t>(0, {4, 16384, 0, 3});
  ASSERT_TRUE(h.Invoke().ok());
  EXPECT_EQ(h.Output<int16_t>(0), (std::vector<int16_t>{1024, 16, 32767, 1182}));
}

// 1 / (sqrt(input scale) * output scale) = 2^36: multiplier shift 37, but Eval rescales by
// shift - 20 = 17, a valid shift (TFLM runs it; difftest seed 8057551). Every result is far above
// the type (1/sqrt(x) >= 2^36 / sqrt(255) quanta), so all saturate, also where TFLM's
// (1/sqrt(x) << 17) overflows int32 (x <= 16: undefined there).
TEST(Rsqrt, Int8LargeScaleRatioSaturates) {
  Runner r(Unary(tflite::BuiltinOperator_RSQRT, TensorType::kInt8, 7, Quant{{std::ldexp(1.0f, -22)}, {-100}},
                 Quant{{std::ldexp(1.0f, -25)}, {-5}}, TensorType::kInt8));
  ASSERT_TRUE(r.ok()) << Message(r);
  r.SetInput<int8_t>(0, {-99, -96, -84, -83, 0, 127, -100});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{127, 127, 127, 127, 127, 127, 127}));
}

TEST(LogicalNot, Bool) {
  Runner r(Unary(tflite::BuiltinOperator_LOGICAL_NOT, TensorType::kBool, 3, {}, {}, TensorType::kBool));
  ASSERT_TRUE(r.ok()) << Message(r);
  r.SetInput<uint8_t>(0, {1, 0, 1});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<uint8_t>(0), (std::vector<uint8_t>{0, 1, 0}));
}

}  // namespace
}  // namespace tinyrt
