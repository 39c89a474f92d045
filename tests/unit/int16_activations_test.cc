// SPDX-License-Identifier: Apache-2.0
// Logistic and tanh building blocks: gemmlowp's fixed-point logistic/tanh (src/math/fixed_point.h)
// and TFLite's int16 table functions (src/math/int16_activations.h). Exact values worked out by
// hand, symmetries, and accuracy against libm.
#include <gtest/gtest.h>

#include <cmath>

#include "src/math/fixed_point.h"
#include "src/math/int16_activations.h"

namespace tinyrt {
namespace math {
namespace {

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

TEST(FixedActivations, OneMinusXOverOnePlusX) {
  // (1 - 0.5) / 1.5 = 1/3; (1 - 0.25) / 1.25 = 0.6.
  EXPECT_NEAR(OneMinusXOverOnePlusXForXIn01(1 << 30) / 2147483648.0, 1.0 / 3.0, 1e-8);
  EXPECT_NEAR(OneMinusXOverOnePlusXForXIn01(1 << 29) / 2147483648.0, 0.6, 1e-8);
  EXPECT_NEAR(OneMinusXOverOnePlusXForXIn01(0) / 2147483648.0, 1.0, 1e-8);
  // The shared Newton iteration still gives 1 / (1 + x).
  EXPECT_NEAR(OneOverOnePlusXForXIn01(1 << 30) / 2147483648.0, 2.0 / 3.0, 1e-8);
}

TEST(FixedActivations, LogisticExactPoints) {
  EXPECT_EQ(FixedLogistic(0, 4), 1 << 30);  // exactly one half
  for (int32_t a : std::initializer_list<int32_t>{1, 12345, 1 << 27, 5 << 26, INT32_MAX / 2, INT32_MAX}) {
    // logistic(-a) = 1 - logistic(a), exactly: the negative side is computed as One - positive.
    EXPECT_EQ(static_cast<int64_t>(FixedLogistic(a, 4)) + FixedLogistic(-a, 4), INT32_MAX) << a;
  }
}

TEST(FixedActivations, LogisticIsAccurate) {
  for (double x = -15.9; x < 15.9; x += 0.37) {
    const int32_t raw = static_cast<int32_t>(std::lround(x * (1 << 27)));  // Q4.27
    const double got = FixedLogistic(raw, 4) / 2147483648.0;
    EXPECT_NEAR(got, Sigmoid(raw / 134217728.0), 2e-6) << x;
  }
  // Q3.28 input reads the same number with one integer bit less.
  EXPECT_NEAR(FixedLogistic(1 << 28, 3) / 2147483648.0, Sigmoid(1.0), 2e-6);
}

TEST(FixedActivations, TanhExactPointsAndAccuracy) {
  EXPECT_EQ(FixedTanh(0, 4), 0);
  for (int32_t a : std::initializer_list<int32_t>{1, 777, 1 << 27, 7 << 26, INT32_MAX}) EXPECT_EQ(FixedTanh(-a, 4), -FixedTanh(a, 4)) << a;
  for (double x = -15.9; x < 15.9; x += 0.29) {
    const int32_t raw = static_cast<int32_t>(std::lround(x * (1 << 27)));
    EXPECT_NEAR(FixedTanh(raw, 4) / 2147483648.0, std::tanh(raw / 134217728.0), 2e-6) << x;
  }
}

TEST(Int16Activations, TableIsTheSigmoid) {
  // Entry i is sigmoid(i / 24) in Q0.16 (TFLite's values are within 1.5 units of it), increasing.
  for (int i = 0; i < 256; ++i) {
    EXPECT_NEAR(kSigmoidTableUint16[i], std::min(65535.0, 65536.0 * Sigmoid(i / 24.0)), 1.5) << i;
    if (i > 0) {
      EXPECT_GE(kSigmoidTableUint16[i], kSigmoidTableUint16[i - 1]);
    }
  }
  EXPECT_EQ(kSigmoidTableUint16[0], 32768);
  EXPECT_EQ(kSigmoidTableUint16[255], 65535);
}

TEST(Int16Activations, LogisticHandComputed) {
  // Q3.12 input (multiplier 3, no shift): 3 * x in units of 2^-9 table steps of 1/24.
  EXPECT_EQ(LogisticInt16(0, 3, 0), 16384);  // (32768 << 9 + 512) >> 10 = 16384.5 -> 16384
  // x = -32768 (-8.0): index 192 exactly, table 65514: (2^25 - 65514 * 512 + 511) >> 10 = 11.
  EXPECT_EQ(LogisticInt16(-32768, 3, 0), 11);
  // x = 32767: index 191, fraction 509 of the way from 65513 to 65514:
  // (65513 * 512 + 509 * 1 + 512) >> 10 = 32757.
  EXPECT_EQ(LogisticInt16(32767, 3, 0), 32757);
  // Beyond the table (|3x| >> 9 >= 255) it saturates to 0x7FFF and 1.
  EXPECT_EQ(LogisticInt16(32767, 6, 0), 32767);
  EXPECT_EQ(LogisticInt16(-32768, 6, 0), 1);
}

TEST(Int16Activations, TanhHandComputed) {
  EXPECT_EQ(TanhInt16(0, 3, 0), 0);  // (32768 << 8) - 2^23 + 128 = 128 -> 0
  // 4096 (1.0 in Q3.12): 3 * 4096 = 12288 is table index 48 exactly (sigmoid(2.0) = 57724 / 2^16):
  // (57724 << 8) - 2^23 + 2^7 = 6388864 -> >> 8 = 24956 (tanh(1) * 2^15 = 24956.0).
  EXPECT_EQ(TanhInt16(4096, 3, 0), 24956);
  // Negative: -(57724 << 8) + 2^23 + 2^7 - 1 = -6388609 -> arithmetic >> 8 = -24956.
  EXPECT_EQ(TanhInt16(-4096, 3, 0), -24956);
  // Saturation: index >= 255.
  EXPECT_EQ(TanhInt16(32767, 6, 0), 32767);
  EXPECT_EQ(TanhInt16(-32768, 6, 0), -32767);
}

TEST(Int16Activations, AccurateOverTheRange) {
  // Q3.12 inputs (LSTM gates) and a non-power-of-two rescaling (multiplier 24576, shift 14: x1.5,
  // as for an input scale of 2^-13).
  for (int32_t x = -32768; x <= 32767; x += 97) {
    const double real = x / 4096.0;
    EXPECT_NEAR(LogisticInt16(static_cast<int16_t>(x), 3, 0) / 32768.0, Sigmoid(real), 2.0 / 32768) << x;
    EXPECT_NEAR(TanhInt16(static_cast<int16_t>(x), 3, 0) / 32768.0, std::tanh(real), 3.0 / 32768) << x;
    const double real13 = x / 8192.0;
    EXPECT_NEAR(TanhInt16(static_cast<int16_t>(x), 24576, 14) / 32768.0, std::tanh(real13), 3.0 / 32768) << x;
  }
}

TEST(Int16Activations, PowerOfTwoRescale) {
  int32_t multiplier = 0;
  int shift = 0;
  PowerOfTwoActivationRescale(0, &multiplier, &shift);
  EXPECT_EQ(multiplier, 3);
  EXPECT_EQ(shift, 0);
  PowerOfTwoActivationRescale(2, &multiplier, &shift);  // cell scale 2^-10
  EXPECT_EQ(multiplier, 12);
  EXPECT_EQ(shift, 0);
  PowerOfTwoActivationRescale(-3, &multiplier, &shift);  // cell scale 2^-15
  EXPECT_EQ(multiplier, 3);
  EXPECT_EQ(shift, 3);
}

TEST(Int16Activations, CheckedLog2) {
  int log2 = 0;
  EXPECT_TRUE(CheckedLog2(1.0f / 4096, &log2));
  EXPECT_EQ(log2, -12);
  EXPECT_TRUE(CheckedLog2(8.0f, &log2));
  EXPECT_EQ(log2, 3);
  EXPECT_TRUE(CheckedLog2(0.000244140625f * 1.0002f, &log2));  // within 1e-3 of -12 in log2
  EXPECT_EQ(log2, -12);
  EXPECT_TRUE(CheckedLog2(0.000244140625f * 0.9998f, &log2));  // just below: rounds up to -12
  EXPECT_EQ(log2, -12);
  EXPECT_FALSE(CheckedLog2(3.0f, &log2));  // log2 3 = 1.585
  EXPECT_EQ(log2, 2);
  EXPECT_FALSE(CheckedLog2(0.75f, &log2));  // -0.415
  EXPECT_EQ(log2, 0);
  EXPECT_FALSE(CheckedLog2(1.0f / 5000, &log2));  // -12.29
  EXPECT_EQ(log2, -12);
  EXPECT_FALSE(CheckedLog2(1.0f / 6000, &log2));  // -12.55
  EXPECT_EQ(log2, -13);
}

}  // namespace
}  // namespace math
}  // namespace tinyrt
