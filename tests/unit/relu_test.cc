// SPDX-License-Identifier: Apache-2.0
// RELU and RELU6: float cases and quantized ones worked out by hand (power-of-two scale ratios, so
// the fixed-point rescale is exact or its rounding is easy to follow).
#include <gtest/gtest.h>

#include "tests/test_util.h"
#include "tests/unit/tflm_arith.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

host::AlignedBuffer BuildUnary(tflite::BuiltinOperator op, TensorType type, const std::vector<int32_t>& shape, const Quant& in_quant = {},
                               const Quant& out_quant = {}) {
  ModelBuilder b;
  const int in = b.AddTensor(type, shape, in_quant);
  const int out = b.AddTensor(type, shape, out_quant);
  b.AddOp(op, {in}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

std::string Message(const Runner& r) { return std::string(r.allocate_status().message()); }

TEST(Relu, Float) {
  Runner r(BuildUnary(tflite::BuiltinOperator_RELU, TensorType::kFloat32, {5}));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference float32");
  r.SetInput<float>(0, {-1, 0, 2.5f, -0.0001f, 7});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{0, 0, 2.5f, 0, 7}));
}

TEST(Relu, Int8RescalesToTheOutput) {
  // Ratio 0.5 / 0.25 = 2 (2^30 with shift 2): out = -20 + 2 * (q - 10), clamped below at the output
  // zero point -20 (real 0).
  Runner r(BuildUnary(tflite::BuiltinOperator_RELU, TensorType::kInt8, {6}, Quant{{0.5f}, {10}}, Quant{{0.25f}, {-20}}));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8");
  r.SetInput<int8_t>(0, {10, 0, 11, 60, 127, -128});
  ASSERT_TRUE(r.Invoke().ok());
  // 2 * (q - 10) = 0, -20, 2, 100, 234, -276; - 20 = -20, -40, -18, 80, 214, -296.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{-20, -20, -18, 80, 127, -20}));
}

TEST(Relu, Int16RoundsHalvesUp) {
  // Ratio 0.25 / 0.5 = 0.5 (2^30, shift 0): positive halves round up.
  Runner r(BuildUnary(tflite::BuiltinOperator_RELU, TensorType::kInt16, {6}, Quant{{0.25f}, {0}}, Quant{{0.5f}, {0}}));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int16");
  r.SetInput<int16_t>(0, {-100, 0, 1, 3, 5, 32767});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{0, 0, 1, 2, 3, 16384}));  // 0.5, 1.5, 2.5, 16383.5 round up
}

TEST(Relu, Int16ScaleRatioDividedInFloat) {
  // TFLM divides the two scales in float and widens the quotient (CalculateReluOpData); the double
  // quotient can quantize to another multiplier and move a product across .5. Find, by a fixed
  // search, scales and an input where the two multipliers give different outputs, then check that
  // the kernel gives the float-division answer on all 32768 non-negative inputs.
  float in_scale = 0, out_scale = 0;
  int16_t witness = -1;
  for (int i = 1; i < 20000 && witness < 0; ++i) {
    const float a = 0.001f * (1.0f + 0.000123f * static_cast<float>(i));
    const float b = 0.0015f * (1.0f + 0.0000771f * static_cast<float>(i % 997));
    int32_t qf = 0, qd = 0;
    int sf = 0, sd = 0;
    tflm_arith::QuantizeMultiplier(static_cast<double>(a / b), &qf, &sf);
    tflm_arith::QuantizeMultiplier(static_cast<double>(a) / static_cast<double>(b), &qd, &sd);
    if (qf == qd && sf == sd) continue;
    for (int32_t x = 1; x <= 32767; ++x) {
      if (tflm_arith::Mbqm32(x, qf, sf) != tflm_arith::Mbqm32(x, qd, sd)) {
        in_scale = a, out_scale = b, witness = static_cast<int16_t>(x);
        break;
      }
    }
  }
  ASSERT_GE(witness, 0) << "no scale pair separates float from double division";
  int32_t q = 0;
  int shift = 0;
  tflm_arith::QuantizeMultiplier(static_cast<double>(in_scale / out_scale), &q, &shift);
  Runner r(BuildUnary(tflite::BuiltinOperator_RELU, TensorType::kInt16, {32768}, Quant{{in_scale}, {0}}, Quant{{out_scale}, {0}}));
  ASSERT_TRUE(r.ok()) << Message(r);
  std::vector<int16_t> input(32768), expected(32768);
  for (int32_t x = 0; x < 32768; ++x) {
    input[static_cast<size_t>(x)] = static_cast<int16_t>(x);
    const int32_t y = tflm_arith::Mbqm32(x, q, shift);
    expected[static_cast<size_t>(x)] = static_cast<int16_t>(y < 0 ? 0 : (y > 32767 ? 32767 : y));
  }
  r.SetInput<int16_t>(0, input);
  ASSERT_TRUE(r.Invoke().ok());
  const std::vector<int16_t> got = r.Output<int16_t>(0);
  EXPECT_EQ(got, expected);
  EXPECT_EQ(got[static_cast<size_t>(witness)], expected[static_cast<size_t>(witness)]) << "input " << witness;
}

TEST(Relu, Rejects) {
  Runner r(BuildUnary(tflite::BuiltinOperator_RELU, TensorType::kInt32, {2}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(Message(r).find("RELU (node 0): input type int32 is not supported"), std::string::npos) << Message(r);
  Runner r2(BuildUnary(tflite::BuiltinOperator_RELU, TensorType::kInt16, {2}, Quant{{0.5f}, {1}}, Quant{{0.5f}, {1}}));
  EXPECT_NE(Message(r2).find("int16 tensors must have zero point 0"), std::string::npos) << Message(r2);
  Runner r3(BuildUnary(tflite::BuiltinOperator_RELU, TensorType::kInt8, {2}));
  EXPECT_NE(Message(r3).find("quantization scales"), std::string::npos) << Message(r3);
}

TEST(Relu6, Float) {
  Runner r(BuildUnary(tflite::BuiltinOperator_RELU6, TensorType::kFloat32, {6}));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference float32");
  r.SetInput<float>(0, {-1, 0, 3, 6, 6.5f, 1e30f});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{0, 0, 3, 6, 6, 6}));
}

TEST(Relu6, Int8ClampsInTheInputQuantization) {
  // Scale 0.125, zero point -50: 0 -> -50, 6 -> 48 - 50 = -2.
  Runner r(BuildUnary(tflite::BuiltinOperator_RELU6, TensorType::kInt8, {6}, Quant{{0.125f}, {-50}}, Quant{{0.125f}, {-50}}));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8");
  r.SetInput<int8_t>(0, {-128, -50, -49, -2, -1, 127});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{-50, -50, -49, -2, -2, -2}));
}

TEST(Relu6, Int16) {
  // Scale 2^-10: 6 -> 6144.
  Runner r(BuildUnary(tflite::BuiltinOperator_RELU6, TensorType::kInt16, {6}, Quant{{1.0f / 1024}, {0}}, Quant{{1.0f / 1024}, {0}}));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int16");
  r.SetInput<int16_t>(0, {-5, 0, 100, 6144, 6145, 32767});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{0, 0, 100, 6144, 6144, 6144}));

  // Scale 2^-14: 6 would be 98304, clamped to the type, so only negatives change.
  Runner r2(BuildUnary(tflite::BuiltinOperator_RELU6, TensorType::kInt16, {3}, Quant{{1.0f / 16384}, {0}}, Quant{{1.0f / 16384}, {0}}));
  ASSERT_TRUE(r2.ok()) << Message(r2);
  r2.SetInput<int16_t>(0, {-1, 30000, 32767});
  ASSERT_TRUE(r2.Invoke().ok());
  EXPECT_EQ(r2.Output<int16_t>(0), (std::vector<int16_t>{0, 30000, 32767}));
}

TEST(Relu6, Rejects) {
  Runner r(BuildUnary(tflite::BuiltinOperator_RELU6, TensorType::kUInt8, {2}, Quant{{0.5f}, {0}}, Quant{{0.5f}, {0}}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(Message(r).find("RELU6 (node 0): input type uint8 is not supported"), std::string::npos) << Message(r);
}

}  // namespace
}  // namespace tinyrt
