// SPDX-License-Identifier: Apache-2.0
// ADD: float and quantized cases worked out by hand, broadcasting checked against a plain
// index computation in the test.
#include <gtest/gtest.h>

#include <string>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

host::AlignedBuffer BuildAdd(TensorType type, const std::vector<int32_t>& s1, const std::vector<int32_t>& s2,
                             const std::vector<int32_t>& out_shape,
                             tflite::ActivationFunctionType activation = tflite::ActivationFunctionType_NONE, const Quant& q1 = {},
                             const Quant& q2 = {}, const Quant& qo = {}) {
  ModelBuilder b;
  const int in1 = b.AddTensor(type, s1, q1);
  const int in2 = b.AddTensor(type, s2, q2);
  const int out = b.AddTensor(type, out_shape, qo);
  auto opts = tflite::CreateAddOptions(b.fbb(), activation);
  b.AddOp(tflite::BuiltinOperator_ADD, {in1, in2}, {out}, tflite::BuiltinOptions_AddOptions, opts.Union());
  b.SetInputs({in1, in2});
  b.SetOutputs({out});
  return b.Finish();
}

TEST(Add, FloatSameShapeRelu6) {
  Runner r(BuildAdd(TensorType::kFloat32, {1, 2, 2, 1}, {1, 2, 2, 1}, {1, 2, 2, 1}, tflite::ActivationFunctionType_RELU6));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference float32");
  r.SetInput<float>(0, {1, -2, 3, 4.5f});
  r.SetInput<float>(1, {0.5f, 1, 3, 2});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{1.5f, 0, 6, 6}));
}

TEST(Add, FloatBroadcastRowAndOuter) {
  Runner r(BuildAdd(TensorType::kFloat32, {2, 3}, {3}, {2, 3}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference float32 broadcast");
  r.SetInput<float>(0, {1, 2, 3, 4, 5, 6});
  r.SetInput<float>(1, {10, 20, 30});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{11, 22, 33, 14, 25, 36}));

  // [2,1] + [1,3]: both inputs broadcast.
  Runner r2(BuildAdd(TensorType::kFloat32, {2, 1}, {1, 3}, {2, 3}));
  ASSERT_TRUE(r2.ok()) << r2.allocate_status().message();
  r2.SetInput<float>(0, {1, 2});
  r2.SetInput<float>(1, {10, 20, 30});
  ASSERT_TRUE(r2.Invoke().ok());
  EXPECT_EQ(r2.Output<float>(0), (std::vector<float>{11, 21, 31, 12, 22, 32}));

  // A scalar first input.
  Runner r3(BuildAdd(TensorType::kFloat32, {}, {2, 2}, {2, 2}));
  ASSERT_TRUE(r3.ok()) << r3.allocate_status().message();
  r3.SetInput<float>(0, {0.5f});
  r3.SetInput<float>(1, {1, 2, 3, 4});
  ASSERT_TRUE(r3.Invoke().ok());
  EXPECT_EQ(r3.Output<float>(0), (std::vector<float>{1.5f, 2.5f, 3.5f, 4.5f}));
}

TEST(Add, FloatBroadcastSixDimensions) {
  const std::vector<int32_t> s1 = {2, 1, 3, 1, 2, 1};
  const std::vector<int32_t> s2 = {1, 2, 1, 2, 1, 3};
  const std::vector<int32_t> so = {2, 2, 3, 2, 2, 3};
  Runner r(BuildAdd(TensorType::kFloat32, s1, s2, so));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  std::vector<float> a(12), b(12);
  for (int i = 0; i < 12; ++i) {
    a[i] = static_cast<float>(i);
    b[i] = static_cast<float>(100 * i);
  }
  r.SetInput<float>(0, a);
  r.SetInput<float>(1, b);
  ASSERT_TRUE(r.Invoke().ok());
  const std::vector<float> out = r.Output<float>(0);
  ASSERT_EQ(out.size(), 144u);
  // Expected by indexing each input with its own coordinates (0 where it has extent 1).
  size_t o = 0;
  for (int i0 = 0; i0 < 2; ++i0)
    for (int i1 = 0; i1 < 2; ++i1)
      for (int i2 = 0; i2 < 3; ++i2)
        for (int i3 = 0; i3 < 2; ++i3)
          for (int i4 = 0; i4 < 2; ++i4)
            for (int i5 = 0; i5 < 3; ++i5, ++o) {
              const int ia = (i0 * 3 + i2) * 2 + i4;  // a is [2,1,3,1,2,1]
              const int ib = (i1 * 2 + i3) * 3 + i5;  // b is [1,2,1,2,1,3]
              ASSERT_EQ(out[o], a[ia] + b[ib]) << o;
            }
}

// Scales 0.5 + 0.5 -> 1.0: multipliers 0.5 (2^30, shift 0) for the inputs and 2^-20
// (2^30, shift -19) for the output, so results are the real sums rounded half away from zero.
TEST(Add, Int8HandComputed) {
  Runner r(BuildAdd(TensorType::kInt8, {1, 6}, {1, 6}, {1, 6}, tflite::ActivationFunctionType_NONE, Quant{{0.5f}, {-2}}, Quant{{0.5f}, {0}},
                    Quant{{1.0f}, {10}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  // The optimized variant where the build has one (tests/kernels checks it against the reference).
  const std::string variant = r.interpreter().node(0).variant;
  EXPECT_TRUE(variant == "reference int8" || (variant.find("int8") != std::string::npos && variant.find("broadcast") == std::string::npos))
      << variant;
  // Real inputs: (q1 + 2) / 2 and q2 / 2.
  r.SetInput<int8_t>(0, {1, -5, 1, 98, 127, -128});
  r.SetInput<int8_t>(1, {4, -4, 2, 100, 127, -128});
  ASSERT_TRUE(r.Invoke().ok());
  // 1.5+2 = 3.5 -> 4; -1.5-2 = -3.5 -> -4; 1.5+1 = 2.5 -> 3; 50+50 = 100; 64.5+63.5 = 128 -> clamp;
  // -63-64 = -127 + 10 -> -117. Then + zero point 10.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{14, 6, 13, 110, 127, -117}));
}

TEST(Add, Int8DifferentScalesBroadcastAndRelu) {
  // Scales 0.25 and 0.5: twice the max is 1.0, so input 1 is scaled by 0.25 (shift -1).
  Runner r(BuildAdd(TensorType::kInt8, {2, 2}, {2}, {2, 2}, tflite::ActivationFunctionType_RELU, Quant{{0.25f}, {0}}, Quant{{0.5f}, {0}},
                    Quant{{1.0f}, {-3}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8 broadcast");
  r.SetInput<int8_t>(0, {6, -6, 10, -20});  // 1.5, -1.5, 2.5, -5
  r.SetInput<int8_t>(1, {3, -3});           // 1.5, -1.5
  ASSERT_TRUE(r.Invoke().ok());
  // 3 -> 0; -3 -> -6 clamps to 0 (zero point -3); 4 -> 1; -6.5 -> -7 -> 0.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{0, -3, 1, -3}));
}

TEST(Add, Int16HandComputed) {
  // left_shift 15: output multiplier 1.0 / 2^15 = 2^30 with shift -14.
  Runner r(BuildAdd(TensorType::kInt16, {4}, {4}, {4}, tflite::ActivationFunctionType_NONE, Quant{{0.5f}, {0}}, Quant{{0.5f}, {0}},
                    Quant{{1.0f}, {0}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int16");
  r.SetInput<int16_t>(0, {3, -3, 30000, 32767});
  r.SetInput<int16_t>(1, {4, -4, 30000, 32767});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{4, -4, 30000, 32767}));  // 3.5, -3.5 round away

  Runner rb(BuildAdd(TensorType::kInt16, {2, 2}, {1}, {2, 2}, tflite::ActivationFunctionType_RELU_N1_TO_1, Quant{{0.5f}, {0}},
                     Quant{{0.5f}, {0}}, Quant{{0.25f}, {0}}));
  ASSERT_TRUE(rb.ok()) << rb.allocate_status().message();
  EXPECT_STREQ(rb.interpreter().node(0).variant, "reference int16 broadcast");
  rb.SetInput<int16_t>(0, {0, 1, -3, 10});
  rb.SetInput<int16_t>(1, {-1});
  ASSERT_TRUE(rb.Invoke().ok());
  // Sums -0.5, 0, -2, 4.5 in units of 0.25 -> -2, 0, -8, 18, clamped to [-4, 4].
  EXPECT_EQ(rb.Output<int16_t>(0), (std::vector<int16_t>{-2, 0, -4, 4}));
}

TEST(Add, RejectsUnsupportedTypesAndShapes) {
  Runner r(BuildAdd(TensorType::kInt64, {2}, {2}, {2}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("ADD (node 0): output type int64 is not supported"), std::string::npos)
      << r.allocate_status().message();

  Runner r2(BuildAdd(TensorType::kFloat32, {2, 3}, {2}, {2, 3}));
  EXPECT_NE(std::string(r2.allocate_status().message()).find("do not broadcast"), std::string::npos) << r2.allocate_status().message();

  Runner r3(BuildAdd(TensorType::kFloat32, {2, 3}, {3}, {3, 2}));
  EXPECT_NE(std::string(r3.allocate_status().message()).find("output shape does not match"), std::string::npos)
      << r3.allocate_status().message();

  Runner r4(BuildAdd(TensorType::kInt16, {2}, {2}, {2}, tflite::ActivationFunctionType_NONE, Quant{{0.5f}, {1}}, Quant{{0.5f}, {0}},
                     Quant{{1.0f}, {0}}));
  EXPECT_NE(std::string(r4.allocate_status().message()).find("zero point 0"), std::string::npos) << r4.allocate_status().message();
}

}  // namespace
}  // namespace tinyrt
