// SPDX-License-Identifier: Apache-2.0
// LOGISTIC: float32 against libm (and TFLite's cutoffs), int8 against the exactly rounded real
// sigmoid (the fixed-point error is far below half a step), int16 against the real sigmoid within
// the table's interpolation error, hand-worked saturation, and rejections.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

host::AlignedBuffer BuildLogistic(TensorType in_type, TensorType out_type, const std::vector<int32_t>& shape, const Quant& in_quant = {},
                                  const Quant& out_quant = {}) {
  ModelBuilder b;
  const int in = b.AddTensor(in_type, shape, in_quant);
  const int out = b.AddTensor(out_type, shape, out_quant);
  b.AddOp(tflite::BuiltinOperator_LOGISTIC, {in}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

TEST(Logistic, Float) {
  const std::vector<float> x = {0.0f, 1.0f, -1.0f, 3.5f, -4.25f, 8.0f, -8.9f, -9.5f, -20.0f, 16.0f, 17.0f, 100.0f};
  Runner r(BuildLogistic(TensorType::kFloat32, TensorType::kFloat32, {3, 4}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference float32");
  r.SetInput<float>(0, x);
  ASSERT_TRUE(r.Invoke().ok());
  const auto out = r.Output<float>(0);
  for (size_t i = 0; i < x.size(); ++i) {
    if (x[i] > 16.619047f) {
      EXPECT_EQ(out[i], 1.0f) << x[i];  // TFLite's upper cutoff
    } else if (x[i] < -9.0f) {
      EXPECT_EQ(out[i], std::exp(x[i])) << x[i];  // lower cutoff: exp(x) itself
    } else {
      EXPECT_NEAR(out[i], Sigmoid(x[i]), 1e-6) << x[i];
    }
  }
  EXPECT_EQ(out[0], 0.5f);
}

// int8 over its whole range: scale 1/16 (inputs in [-8, 8)), zero point `zp`.
void CheckInt8(int32_t zp) {
  Runner r(BuildLogistic(TensorType::kInt8, TensorType::kInt8, {256}, Quant{{1.0f / 16}, {zp}}, Quant{{1.0f / 256}, {-128}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8");
  std::vector<int8_t> in(256);
  for (int i = 0; i < 256; ++i) in[static_cast<size_t>(i)] = static_cast<int8_t>(i - 128);
  r.SetInput<int8_t>(0, in);
  ASSERT_TRUE(r.Invoke().ok());
  const auto out = r.Output<int8_t>(0);
  for (int i = 0; i < 256; ++i) {
    const int32_t centred = in[static_cast<size_t>(i)] - zp;
    // Input multiplier 2^23 = 0.5 * 2^24: left shift 24, radius floor(15 * 2^27 / 2^24) = 120.
    if (centred >= 120) {
      EXPECT_EQ(out[static_cast<size_t>(i)], 127) << centred;
      continue;
    }
    if (centred <= -120) {
      EXPECT_EQ(out[static_cast<size_t>(i)], -128) << centred;
      continue;
    }
    const double scaled = Sigmoid(centred / 16.0) * 256.0;
    const double expected = std::fmin(std::round(scaled) - 128, 127);
    if (std::fabs(scaled - std::floor(scaled) - 0.5) > 0.01) {
      EXPECT_EQ(out[static_cast<size_t>(i)], expected) << centred;
    } else {
      EXPECT_NEAR(out[static_cast<size_t>(i)], expected, 1) << centred;
    }
  }
}

TEST(Logistic, Int8MatchesRoundedSigmoid) {
  CheckInt8(0);
  CheckInt8(-20);
}

TEST(Logistic, Int8HandComputed) {
  Runner r(BuildLogistic(TensorType::kInt8, TensorType::kInt8, {4}, Quant{{1.0f / 16}, {0}}, Quant{{1.0f / 256}, {-128}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int8_t>(0, {0, 16, -16, 119});
  ASSERT_TRUE(r.Invoke().ok());
  // 0.5 * 256 - 128 = 0; sigmoid(1) * 256 = 187.15 -> 59; sigmoid(-1) * 256 = 68.85 -> -59;
  // sigmoid(7.4375) * 256 = 255.85 -> 256 -> 128, clamped to 127.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{0, 59, -59, 127}));
}

void CheckInt16(float scale, double tolerance_steps, const char* variant = "reference int16") {
  Runner r(BuildLogistic(TensorType::kInt16, TensorType::kInt16, {1, 512}, Quant{{scale}, {0}}, Quant{{1.0f / 32768}, {0}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, variant);
  std::vector<int16_t> in(512);
  for (int i = 0; i < 512; ++i) in[static_cast<size_t>(i)] = static_cast<int16_t>(-32768 + i * 128 + (i % 7));
  r.SetInput<int16_t>(0, in);
  ASSERT_TRUE(r.Invoke().ok());
  const auto out = r.Output<int16_t>(0);
  for (size_t i = 0; i < in.size(); ++i) {
    EXPECT_NEAR(out[i], std::fmin(Sigmoid(in[i] * static_cast<double>(scale)) * 32768.0, 32767.0), tolerance_steps) << in[i];
  }
}

TEST(Logistic, Int16PowerOfTwoScale) { CheckInt16(1.0f / 4096, 2.0); }

TEST(Logistic, Int16OtherScale) {
  CheckInt16(1.0f / 5000, 3.0);
  CheckInt16(1.0f / 2048, 3.0);  // 2^-11 is not LOGISTIC's power-of-two case: rescaled by 24576 >> 12
}

// Input scales above 2.67 run (TFLM: multiplier scale * 12288, no right shift): 4.0 in the int32
// path; 10.0 (multiplier 122880) in 64 bits, where TFLM's int32 product overflows for |x| >= 17477.
TEST(Logistic, Int16LargeInputScales) {
  CheckInt16(4.0f, 3.0);
  CheckInt16(10.0f, 3.0, "reference int16 (input scale above 5.33)");
  Runner r(BuildLogistic(TensorType::kInt16, TensorType::kInt16, {5}, Quant{{10.0f}, {0}}, Quant{{1.0f / 32768}, {0}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int16_t>(0, {0, 2, -2, 30000, -32768});
  ASSERT_TRUE(r.Invoke().ok());
  // |x| >= 2 rescales to 245760 or more, past the table (130560): (0x7FFF << 10 + 2^9) >> 10 = 32767
  // and (2^25 - (0x7FFF << 10) + 2^9 - 1) >> 10 = 1.
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{16384, 32767, 1, 32767, 1}));
}

// An int8 input scale of 16 or more: TFLM's radius is 0 and every input saturates.
TEST(Logistic, Int8HugeInputScaleSaturatesAsTflm) {
  for (float scale : {12.0f, 20.0f, 1000.0f}) {
    Runner r(BuildLogistic(TensorType::kInt8, TensorType::kInt8, {5}, Quant{{scale}, {3}}, Quant{{1.0f / 256}, {-128}}));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    r.SetInput<int8_t>(0, {-128, 2, 3, 4, 127});
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{-128, -128, -128, 127, 127})) << scale;
  }
}

// An int8 input scale below 2^-28: TFLM's radius shifts by a negative count (undefined; on x86
// every output saturates). tinyrt computes the function of inputs that are all within 2^-20 of
// the zero point: logistic(0), output 0.
TEST(Logistic, Int8TinyInputScaleGivesTheFunctionOfZero) {
  for (float scale : {1.79e-9f, 1e-12f, 1e-30f}) {
    Runner r(BuildLogistic(TensorType::kInt8, TensorType::kInt8, {4}, Quant{{scale}, {3}}, Quant{{1.0f / 256}, {-128}}));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    r.SetInput<int8_t>(0, {-128, 3, 50, 127});
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{0, 0, 0, 0})) << scale;
  }
}

TEST(Logistic, Int16HandComputed) {
  Runner r(BuildLogistic(TensorType::kInt16, TensorType::kInt16, {3}, Quant{{1.0f / 4096}, {0}}, Quant{{1.0f / 32768}, {0}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int16_t>(0, {0, -32768, 32767});
  ASSERT_TRUE(r.Invoke().ok());
  // Worked out in int16_activations_test: 16384 (one half), 11 and 32757 at -8 and +8.
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{16384, 11, 32757}));
}

TEST(Logistic, Rejections) {
  Runner r(BuildLogistic(TensorType::kInt32, TensorType::kInt32, {4}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("LOGISTIC (node 0): input type int32 is not supported"), std::string::npos)
      << r.allocate_status().message();
  Runner r2(BuildLogistic(TensorType::kInt8, TensorType::kInt8, {4}, Quant{{0.1f}, {0}}, Quant{{1.0f / 256}, {0}}));
  EXPECT_NE(std::string(r2.allocate_status().message()).find("int8 output must have scale 1/256 and zero point -128"), std::string::npos)
      << r2.allocate_status().message();
  Runner r3(BuildLogistic(TensorType::kInt16, TensorType::kInt16, {4}, Quant{{1.0f / 4096}, {0}}, Quant{{1.0f / 16384}, {0}}));
  EXPECT_NE(std::string(r3.allocate_status().message()).find("output scale of 2^-15"), std::string::npos) << r3.allocate_status().message();
  Runner r4(BuildLogistic(TensorType::kInt8, TensorType::kInt16, {4}, Quant{{0.1f}, {0}}, Quant{{1.0f / 256}, {-128}}));
  EXPECT_NE(std::string(r4.allocate_status().message()).find("output type int16 differs from input type int8"), std::string::npos)
      << r4.allocate_status().message();
}

}  // namespace
}  // namespace tinyrt
