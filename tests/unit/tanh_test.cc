// SPDX-License-Identifier: Apache-2.0
// TANH: float32 against libm, int8 against the exactly rounded real tanh (the fixed-point error is
// far below half a step), int16 against the real tanh within the table's interpolation error for
// each of TFLM's input rescalings, hand-worked values and saturation, and rejections.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

host::AlignedBuffer BuildTanh(TensorType in_type, TensorType out_type, const std::vector<int32_t>& shape, const Quant& in_quant = {},
                              const Quant& out_quant = {}) {
  ModelBuilder b;
  const int in = b.AddTensor(in_type, shape, in_quant);
  const int out = b.AddTensor(out_type, shape, out_quant);
  b.AddOp(tflite::BuiltinOperator_TANH, {in}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

TEST(Tanh, Float) {
  const std::vector<float> x = {0.0f, 0.5f, -0.5f, 1.0f, -2.0f, 3.0f, -10.0f, 30.0f};
  Runner r(BuildTanh(TensorType::kFloat32, TensorType::kFloat32, {2, 4}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference float32");
  r.SetInput<float>(0, x);
  ASSERT_TRUE(r.Invoke().ok());
  const auto out = r.Output<float>(0);
  for (size_t i = 0; i < x.size(); ++i) EXPECT_NEAR(out[i], std::tanh(static_cast<double>(x[i])), 1e-6) << x[i];
}

// int8 over its whole range, scale 1/8 (inputs in [-16, 16)), output 1/128.
TEST(Tanh, Int8MatchesRoundedTanh) {
  for (int32_t zp : {0, 30}) {
    Runner r(BuildTanh(TensorType::kInt8, TensorType::kInt8, {256}, Quant{{1.0f / 8}, {zp}}, Quant{{1.0f / 128}, {0}}));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8");
    std::vector<int8_t> in(256);
    for (int i = 0; i < 256; ++i) in[static_cast<size_t>(i)] = static_cast<int8_t>(i - 128);
    r.SetInput<int8_t>(0, in);
    ASSERT_TRUE(r.Invoke().ok());
    const auto out = r.Output<int8_t>(0);
    for (size_t i = 0; i < in.size(); ++i) {
      const int32_t centred = in[i] - zp;
      // Multiplier 2^24 = 0.5 * 2^25: left shift 25, radius floor(15 * 2^27 / 2^25) = 60.
      if (centred >= 60 || centred <= -60) {
        EXPECT_EQ(out[i], centred > 0 ? 127 : -128) << centred;
        continue;
      }
      const double scaled = std::tanh(centred / 8.0) * 128.0;
      const double expected = std::fmax(std::fmin(std::round(scaled), 127), -128);
      const double frac = std::fabs(scaled) - std::floor(std::fabs(scaled));
      if (std::fabs(frac - 0.5) > 0.01) {
        EXPECT_EQ(out[i], expected) << centred;
      } else {
        EXPECT_NEAR(out[i], expected, 1) << centred;
      }
    }
  }
}

TEST(Tanh, Int8HandComputed) {
  Runner r(BuildTanh(TensorType::kInt8, TensorType::kInt8, {4}, Quant{{1.0f / 8}, {0}}, Quant{{1.0f / 128}, {0}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int8_t>(0, {0, 8, -4, 59});
  ASSERT_TRUE(r.Invoke().ok());
  // tanh(1) * 128 = 97.48 -> 97; tanh(-0.5) * 128 = -59.18 -> -59; tanh(7.375) * 128 = 127.99 -> 128
  // clamped to 127.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{0, 97, -59, 127}));
}

void CheckInt16(float scale, double tolerance_steps, const char* variant = "reference int16") {
  Runner r(BuildTanh(TensorType::kInt16, TensorType::kInt16, {512}, Quant{{scale}, {0}}, Quant{{1.0f / 32768}, {0}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, variant);
  std::vector<int16_t> in(512);
  for (int i = 0; i < 512; ++i) in[static_cast<size_t>(i)] = static_cast<int16_t>(-32768 + i * 128 + (i % 5));
  r.SetInput<int16_t>(0, in);
  ASSERT_TRUE(r.Invoke().ok());
  const auto out = r.Output<int16_t>(0);
  for (size_t i = 0; i < in.size(); ++i) {
    const double expected = std::fmax(std::fmin(std::tanh(in[i] * static_cast<double>(scale)) * 32768.0, 32767.0), -32767.0);
    EXPECT_NEAR(out[i], expected, tolerance_steps) << in[i] << " scale " << scale;
  }
}

TEST(Tanh, Int16Scales) {
  CheckInt16(1.0f / 4096, 3.0);  // power of two: multiplier 3
  CheckInt16(1.0f / 2048, 3.0);  // TANH also takes 2^-11 as a power of two: multiplier 6
  CheckInt16(1.0f / 8192, 3.0);  // otherwise an integer multiplier: 24576 >> 14
  CheckInt16(1.0f / 3000, 3.0);
}

// Input scales above 2.67 (TFLM: multiplier scale * 12288 above 2^15, no right shift) still run:
// 4.0 gives 49152 in the int32 path; 10.0 gives 122880, where TFLM's int32 product overflows for
// |x| >= 17477 (undefined) and tinyrt computes it in 64 bits.
TEST(Tanh, Int16LargeInputScales) {
  CheckInt16(4.0f, 3.0);
  CheckInt16(10.0f, 3.0, "reference int16 (input scale above 5.33)");
  Runner r(BuildTanh(TensorType::kInt16, TensorType::kInt16, {5}, Quant{{10.0f}, {0}}, Quant{{1.0f / 32768}, {0}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int16_t>(0, {0, 1, -1, 30000, -32768});
  ASSERT_TRUE(r.Invoke().ok());
  // |x| >= 1 rescales to 122880 or more, past the table (65280): +-32767.
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{0, 32767, -32767, 32767, -32767}));
}

// An int8 input scale of 16 or more: TFLM's shift is 31+, its radius floor(15 * 2^27 / 2^shift) is
// 0, and every input saturates: at or below the zero point to -128, above it to 127.
TEST(Tanh, Int8HugeInputScaleSaturatesAsTflm) {
  for (float scale : {12.0f, 20.0f, 1000.0f}) {
    Runner r(BuildTanh(TensorType::kInt8, TensorType::kInt8, {5}, Quant{{scale}, {3}}, Quant{{1.0f / 128}, {0}}));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    r.SetInput<int8_t>(0, {-128, 2, 3, 4, 127});
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{-128, -128, -128, 127, 127})) << scale;
  }
}

// An int8 input scale below 2^-28: TFLM's radius shifts by a negative count (undefined; on x86
// every output saturates). tinyrt computes the function of inputs that are all within 2^-20 of
// the zero point: tanh(0), output 0.
TEST(Tanh, Int8TinyInputScaleGivesTheFunctionOfZero) {
  for (float scale : {1.79e-9f, 1e-12f, 1e-30f}) {
    Runner r(BuildTanh(TensorType::kInt8, TensorType::kInt8, {4}, Quant{{scale}, {3}}, Quant{{1.0f / 128}, {0}}));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    r.SetInput<int8_t>(0, {-128, 3, 50, 127});
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{0, 0, 0, 0})) << scale;
  }
}

TEST(Tanh, Int16HandComputed) {
  Runner r(BuildTanh(TensorType::kInt16, TensorType::kInt16, {3}, Quant{{1.0f / 4096}, {0}}, Quant{{1.0f / 32768}, {0}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int16_t>(0, {0, 4096, -4096});
  ASSERT_TRUE(r.Invoke().ok());
  // Worked out in int16_activations_test: tanh(+-1) at table index 48 exactly.
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{0, 24956, -24956}));
}

TEST(Tanh, Rejections) {
  Runner r(BuildTanh(TensorType::kUInt8, TensorType::kUInt8, {4}, Quant{{0.1f}, {0}}, Quant{{0.1f}, {0}}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("TANH (node 0): input type uint8 is not supported"), std::string::npos)
      << r.allocate_status().message();
  Runner r2(BuildTanh(TensorType::kInt8, TensorType::kInt8, {4}, Quant{{0.1f}, {0}}, Quant{{1.0f / 256}, {-128}}));
  EXPECT_NE(std::string(r2.allocate_status().message()).find("int8 output must have scale 1/128 and zero point 0"), std::string::npos)
      << r2.allocate_status().message();
  Runner r3(BuildTanh(TensorType::kInt16, TensorType::kInt16, {4}, Quant{{1.0f / 4096}, {3}}, Quant{{1.0f / 32768}, {0}}));
  EXPECT_NE(std::string(r3.allocate_status().message()).find("zero point 0"), std::string::npos) << r3.allocate_status().message();
  Runner r4(BuildTanh(TensorType::kInt16, TensorType::kInt16, {4}, Quant{{200000.0f}, {0}}, Quant{{1.0f / 32768}, {0}}));
  EXPECT_NE(std::string(r4.allocate_status().message()).find("too large"), std::string::npos) << r4.allocate_status().message();
}

}  // namespace
}  // namespace tinyrt
