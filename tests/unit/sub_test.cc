// SPDX-License-Identifier: Apache-2.0
// SUB: float, int32 and quantized cases worked out by hand; broadcasting checked against a plain
// index computation in the test.
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

host::AlignedBuffer BuildSub(TensorType type, const std::vector<int32_t>& s1, const std::vector<int32_t>& s2,
                             const std::vector<int32_t>& out_shape,
                             tflite::ActivationFunctionType activation = tflite::ActivationFunctionType_NONE, const Quant& q1 = {},
                             const Quant& q2 = {}, const Quant& qo = {}) {
  ModelBuilder b;
  const int in1 = b.AddTensor(type, s1, q1);
  const int in2 = b.AddTensor(type, s2, q2);
  const int out = b.AddTensor(type, out_shape, qo);
  auto opts = tflite::CreateSubOptions(b.fbb(), activation);
  b.AddOp(tflite::BuiltinOperator_SUB, {in1, in2}, {out}, tflite::BuiltinOptions_SubOptions, opts.Union());
  b.SetInputs({in1, in2});
  b.SetOutputs({out});
  return b.Finish();
}

std::string Message(const Runner& r) { return std::string(r.allocate_status().message()); }

TEST(Sub, FloatSameShapeRelu6) {
  Runner r(BuildSub(TensorType::kFloat32, {1, 2, 2, 1}, {1, 2, 2, 1}, {1, 2, 2, 1}, tflite::ActivationFunctionType_RELU6));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference float32");
  r.SetInput<float>(0, {1, -2, 3, 4.5f});
  r.SetInput<float>(1, {0.5f, 1, 3, -2});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{0.5f, 0, 0, 6}));  // 0.5, -3, 0, 6.5 clamped to [0, 6]
}

TEST(Sub, FloatBroadcast) {
  Runner r(BuildSub(TensorType::kFloat32, {2, 3}, {3}, {2, 3}));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference float32 broadcast");
  r.SetInput<float>(0, {1, 2, 3, 4, 5, 6});
  r.SetInput<float>(1, {10, 20, 30});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{-9, -18, -27, -6, -15, -24}));

  // Both inputs broadcast; the order of the operands matters for SUB.
  Runner r2(BuildSub(TensorType::kFloat32, {1, 3}, {2, 1}, {2, 3}));
  ASSERT_TRUE(r2.ok()) << Message(r2);
  r2.SetInput<float>(0, {10, 20, 30});
  r2.SetInput<float>(1, {1, 2});
  ASSERT_TRUE(r2.Invoke().ok());
  EXPECT_EQ(r2.Output<float>(0), (std::vector<float>{9, 19, 29, 8, 18, 28}));

  // A scalar second input.
  Runner r3(BuildSub(TensorType::kFloat32, {2, 2}, {}, {2, 2}));
  ASSERT_TRUE(r3.ok()) << Message(r3);
  r3.SetInput<float>(0, {1, 2, 3, 4});
  r3.SetInput<float>(1, {0.5f});
  ASSERT_TRUE(r3.Invoke().ok());
  EXPECT_EQ(r3.Output<float>(0), (std::vector<float>{0.5f, 1.5f, 2.5f, 3.5f}));
}

TEST(Sub, FloatBroadcastFiveDimensions) {
  const std::vector<int32_t> s1 = {2, 1, 3, 1, 2};
  const std::vector<int32_t> s2 = {1, 2, 1, 4, 1};
  Runner r(BuildSub(TensorType::kFloat32, s1, s2, {2, 2, 3, 4, 2}));
  ASSERT_TRUE(r.ok()) << Message(r);
  std::vector<float> a(12), b(8);
  for (int i = 0; i < 12; ++i) a[i] = static_cast<float>(i);
  for (int i = 0; i < 8; ++i) b[i] = static_cast<float>(100 * i);
  r.SetInput<float>(0, a);
  r.SetInput<float>(1, b);
  ASSERT_TRUE(r.Invoke().ok());
  const std::vector<float> out = r.Output<float>(0);
  ASSERT_EQ(out.size(), 96u);
  size_t o = 0;
  for (int i0 = 0; i0 < 2; ++i0)
    for (int i1 = 0; i1 < 2; ++i1)
      for (int i2 = 0; i2 < 3; ++i2)
        for (int i3 = 0; i3 < 4; ++i3)
          for (int i4 = 0; i4 < 2; ++i4, ++o) {
            const int ia = (i0 * 3 + i2) * 2 + i4;  // a is [2,1,3,1,2]
            const int ib = i1 * 4 + i3;             // b is [1,2,1,4,1]
            ASSERT_EQ(out[o], a[ia] - b[ib]) << o;
          }
}

// Scales 0.5 - 0.5 -> 1.0: input multipliers 0.5 (2^30, shift 0) and output multiplier 2^-20
// (2^30, shift -19): results are the real differences rounded half away from zero.
TEST(Sub, Int8HandComputed) {
  Runner r(BuildSub(TensorType::kInt8, {1, 6}, {1, 6}, {1, 6}, tflite::ActivationFunctionType_NONE, Quant{{0.5f}, {-2}}, Quant{{0.5f}, {0}},
                    Quant{{1.0f}, {10}}));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8");
  // Real inputs: (q1 + 2) / 2 = 1.5, -1.5, 1.5, 50, 64.5, -63 and q2 / 2 = 2, -2, 1, -50, -63.5, 63.5.
  r.SetInput<int8_t>(0, {1, -5, 1, 98, 127, -128});
  r.SetInput<int8_t>(1, {4, -4, 2, -100, -127, 127});
  ASSERT_TRUE(r.Invoke().ok());
  // Differences -0.5, 0.5, 0.5, 100, 128, -126.5 -> -1, 1, 1, 100, 128, -127; + 10, clamped.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{9, 11, 11, 110, 127, -117}));
}

TEST(Sub, Int8DifferentScalesBroadcastRelu6) {
  // Scales 0.25 and 0.5: twice the max is 1.0, so input 1 is scaled by 0.25 and input 2 by 0.5.
  // Output scale 0.5, zero point -3: RELU6 clamps to [-3, -3 + 12].
  Runner r(BuildSub(TensorType::kInt8, {2, 2}, {2}, {2, 2}, tflite::ActivationFunctionType_RELU6, Quant{{0.25f}, {0}}, Quant{{0.5f}, {0}},
                    Quant{{0.5f}, {-3}}));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8 broadcast");
  r.SetInput<int8_t>(0, {6, -6, 40, -20});  // 1.5, -1.5, 10, -5
  r.SetInput<int8_t>(1, {1, -3});           // 0.5, -1.5
  ASSERT_TRUE(r.Invoke().ok());
  // 1.0, 0.0, 9.5, -3.5 = 2, 0, 19, -7 output steps; -3 -> -1, -3, 16 -> 9, -10 -> -3.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{-1, -3, 9, -3}));
}

TEST(Sub, Int16HandComputed) {
  // left_shift 15: input multipliers 0.5, output 1.0 / 2^15 = 2^30 with shift -14.
  Runner r(BuildSub(TensorType::kInt16, {4}, {4}, {4}, tflite::ActivationFunctionType_NONE, Quant{{0.5f}, {0}}, Quant{{0.5f}, {0}},
                    Quant{{1.0f}, {0}}));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int16");
  r.SetInput<int16_t>(0, {3, -3, 30000, -32768});
  r.SetInput<int16_t>(1, {4, -4, -30000, 32767});
  ASSERT_TRUE(r.Invoke().ok());
  // (q1 - q2) / 2 = -0.5, 0.5, 30000, -32767.5 -> -1, 1, 30000, -32768.
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{-1, 1, 30000, -32768}));

  Runner rb(BuildSub(TensorType::kInt16, {2, 2}, {1}, {2, 2}, tflite::ActivationFunctionType_RELU_N1_TO_1, Quant{{0.5f}, {0}},
                     Quant{{0.5f}, {0}}, Quant{{0.25f}, {0}}));
  ASSERT_TRUE(rb.ok()) << Message(rb);
  EXPECT_STREQ(rb.interpreter().node(0).variant, "reference int16 broadcast");
  rb.SetInput<int16_t>(0, {0, 1, -3, 10});
  rb.SetInput<int16_t>(1, {1});
  ASSERT_TRUE(rb.Invoke().ok());
  // Differences -0.5, 0, -2, 4.5 in units of 0.25 -> -2, 0, -8, 18, clamped to [-4, 4].
  EXPECT_EQ(rb.Output<int16_t>(0), (std::vector<int16_t>{-2, 0, -4, 4}));
}

TEST(Sub, Int32WrapsAndClamps) {
  Runner r(BuildSub(TensorType::kInt32, {4}, {4}, {4}));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int32");
  r.SetInput<int32_t>(0, {10, -5, INT32_MIN, INT32_MAX});
  r.SetInput<int32_t>(1, {2, 3, 1, -1});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{8, -8, INT32_MAX, INT32_MIN}));  // two's complement wrap

  Runner r6(BuildSub(TensorType::kInt32, {2, 2}, {2}, {2, 2}, tflite::ActivationFunctionType_RELU6));
  ASSERT_TRUE(r6.ok()) << Message(r6);
  EXPECT_STREQ(r6.interpreter().node(0).variant, "reference int32 broadcast");
  r6.SetInput<int32_t>(0, {10, 3, 4, -100});
  r6.SetInput<int32_t>(1, {1, 2});
  ASSERT_TRUE(r6.Invoke().ok());
  EXPECT_EQ(r6.Output<int32_t>(0), (std::vector<int32_t>{6, 1, 3, 0}));
}

TEST(Sub, RejectsUnsupportedTypesAndShapes) {
  Runner r(BuildSub(TensorType::kUInt8, {2}, {2}, {2}, tflite::ActivationFunctionType_NONE, Quant{{1.0f}, {0}}, Quant{{1.0f}, {0}},
                    Quant{{1.0f}, {0}}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(Message(r).find("SUB (node 0): output type uint8 is not supported"), std::string::npos) << Message(r);

  Runner r2(BuildSub(TensorType::kFloat32, {2, 3}, {2}, {2, 3}));
  EXPECT_NE(Message(r2).find("do not broadcast"), std::string::npos) << Message(r2);

  Runner r3(BuildSub(TensorType::kInt16, {2}, {2}, {2}, tflite::ActivationFunctionType_NONE, Quant{{0.5f}, {1}}, Quant{{0.5f}, {0}},
                     Quant{{1.0f}, {0}}));
  EXPECT_NE(Message(r3).find("zero point 0"), std::string::npos) << Message(r3);

  Runner r4(BuildSub(TensorType::kInt32, {2}, {2}, {2}, tflite::ActivationFunctionType_NONE, Quant{{1.0f}, {0}}));
  EXPECT_NE(Message(r4).find("quantized int32 tensors are not supported"), std::string::npos) << Message(r4);

  Runner r5(BuildSub(TensorType::kInt8, {2}, {2}, {2}));
  EXPECT_NE(Message(r5).find("quantization scales"), std::string::npos) << Message(r5);
}

}  // namespace
}  // namespace tinyrt
