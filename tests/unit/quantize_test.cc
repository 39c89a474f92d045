// SPDX-License-Identifier: Apache-2.0
// QUANTIZE: float -> integer rounding and TFLM's fixed-point requantization, worked out by hand
// (including its double rounding: SaturatingRoundingDoublingHighMul rounds half up, then the
// right shift rounds half away from zero).
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

host::AlignedBuffer BuildQuantize(TensorType in_type, TensorType out_type, const std::vector<int32_t>& shape, const Quant& in_quant,
                                  const Quant& out_quant) {
  ModelBuilder b;
  const int in = b.AddTensor(in_type, shape, in_quant);
  const int out = b.AddTensor(out_type, shape, out_quant);
  b.AddOp(tflite::BuiltinOperator_QUANTIZE, {in}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

TEST(Quantize, FloatToInt8) {
  Runner r(BuildQuantize(TensorType::kFloat32, TensorType::kInt8, {8}, {}, Quant{{0.5f}, {-1}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference float32->int8");
  r.SetInput<float>(0, {0, 0.25f, -0.25f, 1.0f, 100, -100, 0.74f, -0.76f});
  ASSERT_TRUE(r.Invoke().ok());
  // x / 0.5 = 0, 0.5, -0.5, 2, 200, -200, 1.48, -1.52 -> 0, 1, -1, 2, 200, -200, 1, -2; then - 1, clamped.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{-1, 0, -2, 1, 127, -128, 0, -3}));
}

TEST(Quantize, FloatToUInt8AndInt16) {
  Runner r(BuildQuantize(TensorType::kFloat32, TensorType::kUInt8, {6}, {}, Quant{{0.5f}, {128}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference float32->uint8");
  r.SetInput<float>(0, {0, 0.25f, -0.25f, 1.0f, 100, -100});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<uint8_t>(0), (std::vector<uint8_t>{128, 129, 127, 130, 255, 0}));

  Runner r16(BuildQuantize(TensorType::kFloat32, TensorType::kInt16, {6}, {}, Quant{{0.25f}, {0}}));
  ASSERT_TRUE(r16.ok()) << r16.allocate_status().message();
  EXPECT_STREQ(r16.interpreter().node(0).variant, "reference float32->int16");
  r16.SetInput<float>(0, {1.0f, -0.125f, 0.125f, 10000, -10000, 2.3f});
  ASSERT_TRUE(r16.Invoke().ok());
  EXPECT_EQ(r16.Output<int16_t>(0), (std::vector<int16_t>{4, -1, 1, 32767, -32768, 9}));
}

TEST(Quantize, Int8ToInt8HalfScale) {
  // Ratio 0.5 = 2^30 with shift 0: only the doubling high multiply rounds, half up.
  Runner r(BuildQuantize(TensorType::kInt8, TensorType::kInt8, {7}, Quant{{1.0f}, {0}}, Quant{{2.0f}, {5}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8->int8");
  r.SetInput<int8_t>(0, {0, 1, -1, 3, -3, 127, -128});
  ASSERT_TRUE(r.Invoke().ok());
  // 0, 0.5 -> 1, -0.5 -> 0, 1.5 -> 2, -1.5 -> -1, 63.5 -> 64, -64; then + 5.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{5, 6, 5, 7, 4, 69, -59}));
}

TEST(Quantize, Int8ToInt8QuarterScaleRoundsTwice) {
  // Ratio 0.25 = 2^30 with shift -1: x/2 rounded half up, then /2 rounded half away from zero.
  Runner r(BuildQuantize(TensorType::kInt8, TensorType::kInt8, {8}, Quant{{1.0f}, {2}}, Quant{{4.0f}, {0}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  // Centred inputs (q - 2): 2, -2, -1, 6, -6, 3, -3, 5.
  r.SetInput<int8_t>(0, {4, 0, 1, 8, -4, 5, -1, 7});
  ASSERT_TRUE(r.Invoke().ok());
  // 0.5 -> 1, -0.5 -> -1, -0.25 -> 0, 1.5 -> 2, -1.5 -> -2, 0.75 -> 1, -0.75 -> -1, and 1.25 -> 2
  // (5/2 = 2.5 rounds up to 3 first, then 3/2 = 1.5 rounds to 2).
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{1, -1, 0, 2, -2, 1, -1, 2}));
}

TEST(Quantize, RequantizeBetweenIntegerTypes) {
  // Equal scales: the multiplier is exactly 1 (2^30, shift 1); only zero points and clamping act.
  {
    Runner r(BuildQuantize(TensorType::kInt8, TensorType::kUInt8, {4}, Quant{{0.5f}, {-128}}, Quant{{0.5f}, {0}}));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8->uint8");
    r.SetInput<int8_t>(0, {-128, -1, 0, 127});
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_EQ(r.Output<uint8_t>(0), (std::vector<uint8_t>{0, 127, 128, 255}));
  }
  {
    Runner r(BuildQuantize(TensorType::kUInt8, TensorType::kInt8, {4}, Quant{{0.5f}, {128}}, Quant{{0.5f}, {0}}));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    EXPECT_STREQ(r.interpreter().node(0).variant, "reference uint8->int8");
    r.SetInput<uint8_t>(0, {0, 127, 128, 255});
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{-128, -1, 0, 127}));
  }
  {
    Runner r(BuildQuantize(TensorType::kInt8, TensorType::kInt16, {3}, Quant{{0.5f}, {10}}, Quant{{0.5f}, {0}}));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8->int16");
    r.SetInput<int8_t>(0, {-128, 10, 127});
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{-138, 0, 117}));
  }
  {
    Runner r(BuildQuantize(TensorType::kInt8, TensorType::kInt32, {3}, Quant{{0.5f}, {10}}, Quant{{0.5f}, {1000}}));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8->int32");
    r.SetInput<int8_t>(0, {-128, 10, 127});
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{862, 1000, 1117}));
  }
  {
    // int16 -> int8, ratio 1/256 = 2^30 with shift -7.
    Runner r(BuildQuantize(TensorType::kInt16, TensorType::kInt8, {5}, Quant{{1.0f}, {0}}, Quant{{256.0f}, {0}}));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    EXPECT_STREQ(r.interpreter().node(0).variant, "reference int16->int8");
    r.SetInput<int16_t>(0, {256, 384, -384, 32767, -32768});
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{1, 2, -2, 127, -128}));  // 1, 1.5, -1.5, 128 clamps, -128
  }
  {
    // int16 -> int16, ratio 2 (2^30 with shift 2).
    Runner r(BuildQuantize(TensorType::kInt16, TensorType::kInt16, {4}, Quant{{1.0f}, {0}}, Quant{{0.5f}, {0}}));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    EXPECT_STREQ(r.interpreter().node(0).variant, "reference int16->int16");
    r.SetInput<int16_t>(0, {3, -3, 20000, -20000});
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{6, -6, 32767, -32768}));
  }
  {
    Runner r(BuildQuantize(TensorType::kInt16, TensorType::kInt32, {2}, Quant{{1.0f}, {0}}, Quant{{0.5f}, {-7}}));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    EXPECT_STREQ(r.interpreter().node(0).variant, "reference int16->int32");
    r.SetInput<int16_t>(0, {-32768, 32767});
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{-65543, 65527}));
  }
}

TEST(Quantize, Int32Requantize) {
  // Ratio 0.25 (2^30 with shift -1): 1.5 and -1.5 round half away from zero (6 -> 2, -6 -> -2).
  Runner r(BuildQuantize(TensorType::kInt32, TensorType::kInt16, {5}, Quant{{0.25f}, {0}}, Quant{{1.0f}, {0}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int32->int16");
  r.SetInput<int32_t>(0, {100, -100, 6, -6, 1000000});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{25, -25, 2, -2, 32767}));

  Runner r8(BuildQuantize(TensorType::kInt32, TensorType::kInt8, {5}, Quant{{0.25f}, {0}}, Quant{{1.0f}, {5}}));
  ASSERT_TRUE(r8.ok()) << r8.allocate_status().message();
  EXPECT_STREQ(r8.interpreter().node(0).variant, "reference int32->int8");
  r8.SetInput<int32_t>(0, {100, -100, 6, -6, -1000000});
  ASSERT_TRUE(r8.Invoke().ok());
  EXPECT_EQ(r8.Output<int8_t>(0), (std::vector<int8_t>{30, -20, 7, 3, -128}));
}

TEST(Quantize, RejectsUnsupportedTypes) {
  Runner r(BuildQuantize(TensorType::kFloat32, TensorType::kFloat32, {2}, {}, Quant{{0.5f}, {0}}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("QUANTIZE (node 0): quantizing float32 to float32 is not supported"),
            std::string::npos)
      << r.allocate_status().message();
  Runner r2(BuildQuantize(TensorType::kUInt8, TensorType::kInt16, {2}, Quant{{0.5f}, {0}}, Quant{{0.5f}, {0}}));
  EXPECT_NE(std::string(r2.allocate_status().message()).find("quantizing uint8 to int16 is not supported"), std::string::npos)
      << r2.allocate_status().message();
  Runner r3(BuildQuantize(TensorType::kFloat32, TensorType::kInt8, {2}, {}, Quant{{0.5f, 0.25f}, {0, 0}}));
  EXPECT_NE(std::string(r3.allocate_status().message()).find("exactly one (per-tensor) scale"), std::string::npos)
      << r3.allocate_status().message();
}

}  // namespace
}  // namespace tinyrt
