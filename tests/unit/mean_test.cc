// SPDX-License-Identifier: Apache-2.0
// MEAN: float averages computed in the test straight from the definition (each output summed in
// increasing input order, as TFLM does, then divided by the count), and quantized cases worked
// out by hand, including TFLM's rounding (not truncating) division when the input and output
// quantization agree.
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

host::AlignedBuffer BuildMean(TensorType type, const std::vector<int32_t>& in_shape, const std::vector<int32_t>& axes,
                              const std::vector<int32_t>& out_shape, bool keep_dims, const Quant& in_quant = {},
                              const Quant& out_quant = {}, bool constant_axes = true, bool scalar_axis = false) {
  ModelBuilder b;
  const int in = b.AddTensor(type, in_shape, in_quant);
  const std::vector<int32_t> axis_shape = scalar_axis ? std::vector<int32_t>{} : std::vector<int32_t>{static_cast<int32_t>(axes.size())};
  const int axis =
      constant_axes ? b.AddConstant<int32_t>(TensorType::kInt32, axis_shape, axes) : b.AddTensor(TensorType::kInt32, axis_shape);
  const int out = b.AddTensor(type, out_shape, out_quant);
  auto opts = tflite::CreateReducerOptions(b.fbb(), keep_dims);
  b.AddOp(tflite::BuiltinOperator_MEAN, {in, axis}, {out}, tflite::BuiltinOptions_ReducerOptions, opts.Union());
  b.SetInputs(constant_axes ? std::vector<int32_t>{in} : std::vector<int32_t>{in, axis});
  b.SetOutputs({out});
  return b.Finish();
}

std::vector<float> Values(size_t n) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<float>((static_cast<int>(i) * 37) % 23) * 0.173f - 1.9f;
  return v;
}

std::string Message(const Runner& r) { return std::string(r.allocate_status().message()); }

TEST(Mean, FloatMiddleAxis) {
  Runner r(BuildMean(TensorType::kFloat32, {2, 3, 4}, {1}, {2, 4}, false));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference float32");
  const std::vector<float> in = Values(24);
  r.SetInput<float>(0, in);
  ASSERT_TRUE(r.Invoke().ok());
  std::vector<float> expected;
  for (int b = 0; b < 2; ++b) {
    for (int c = 0; c < 4; ++c) {
      float sum = 0.0f;
      for (int h = 0; h < 3; ++h) sum += in[static_cast<size_t>((b * 3 + h) * 4 + c)];
      expected.push_back(sum / 3.0f);
    }
  }
  EXPECT_EQ(r.Output<float>(0), expected);
}

TEST(Mean, FloatSpatialKeepDims) {
  // The 4-D axes {1, 2} case (TFLM's special path sums in the same order).
  Runner r(BuildMean(TensorType::kFloat32, {2, 3, 4, 3}, {2, 1}, {2, 1, 1, 3}, true));
  ASSERT_TRUE(r.ok()) << Message(r);
  const std::vector<float> in = Values(72);
  r.SetInput<float>(0, in);
  ASSERT_TRUE(r.Invoke().ok());
  std::vector<float> expected;
  for (int b = 0; b < 2; ++b) {
    for (int c = 0; c < 3; ++c) {
      float sum = 0.0f;
      for (int h = 0; h < 3; ++h)
        for (int w = 0; w < 4; ++w) sum += in[static_cast<size_t>(((b * 3 + h) * 4 + w) * 3 + c)];
      expected.push_back(sum / 12.0f);
    }
  }
  EXPECT_EQ(r.Output<float>(0), expected);
}

TEST(Mean, FloatNegativeDuplicateAndAllAxes) {
  // A scalar axis -1 on [3, 5].
  Runner r(BuildMean(TensorType::kFloat32, {3, 5}, {-1}, {3}, false, {}, {}, true, /*scalar_axis=*/true));
  ASSERT_TRUE(r.ok()) << Message(r);
  r.SetInput<float>(0, {1, 2, 3, 4, 5, -1, -1, -1, -1, -1, 0, 0, 0, 0, 10});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{3, -1, 2}));

  // Axes {0, -2} name the same dimension of a rank-2 input: counted once.
  Runner dup(BuildMean(TensorType::kFloat32, {2, 3}, {0, -2}, {1, 3}, true));
  ASSERT_TRUE(dup.ok()) << Message(dup);
  dup.SetInput<float>(0, {1, 2, 3, 5, 6, 7});
  ASSERT_TRUE(dup.Invoke().ok());
  EXPECT_EQ(dup.Output<float>(0), (std::vector<float>{3, 4, 5}));

  // Every axis.
  Runner all(BuildMean(TensorType::kFloat32, {2, 2}, {1, 0}, {}, false));
  ASSERT_TRUE(all.ok()) << Message(all);
  all.SetInput<float>(0, {1, 2, 3, 6});
  ASSERT_TRUE(all.Invoke().ok());
  EXPECT_EQ(all.Output<float>(0), (std::vector<float>{3}));
}

TEST(Mean, Int8Requantizes) {
  // Scale 0.5 -> 0.25 (ratio 2, 2^30 with shift 2); count 4 folds in: 2^30 with shift 0. So each
  // output is round(sum(q - 2) / 2) - 3.
  Runner r(BuildMean(TensorType::kInt8, {2, 4}, {1}, {2}, false, Quant{{0.5f}, {2}}, Quant{{0.25f}, {-3}}));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8");
  r.SetInput<int8_t>(0, {2, 4, 6, 11, -128, -100, 1, 127});
  ASSERT_TRUE(r.Invoke().ok());
  // Sums of q - 2: 15 -> 7.5 -> 8 - 3 = 5; -108 -> -54 - 3 = -57.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{5, -57}));

  // Saturation at the type limits.
  Runner s(BuildMean(TensorType::kInt8, {1, 2}, {1}, {1, 1}, true, Quant{{1.0f}, {0}}, Quant{{0.25f}, {0}}));
  ASSERT_TRUE(s.ok()) << Message(s);
  s.SetInput<int8_t>(0, {100, 120});
  ASSERT_TRUE(s.Invoke().ok());
  EXPECT_EQ(s.Output<int8_t>(0), (std::vector<int8_t>{127}));  // 110 / 0.25 = 440
}

TEST(Mean, Int16RoundsRatherThanTruncates) {
  // Same quantization in and out, count 3: the multiplier becomes 2^31 / 3 and the result is the
  // nearest integer to sum / 3 (a truncating division would give 3, -3, 3, -3).
  Runner r(BuildMean(TensorType::kInt16, {2, 3, 2}, {1}, {2, 1, 2}, true, Quant{{1.0f / 32768}, {0}}, Quant{{1.0f / 32768}, {0}}));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int16");
  // Column sums: 10, -11 (batch 0) and 11, -10 (batch 1).
  r.SetInput<int16_t>(0, {3, -3, 3, -4, 4, -4, 5, -2, 3, -4, 3, -4});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{3, -4, 4, -3}));
}

TEST(Mean, Rejects) {
  Runner r(BuildMean(TensorType::kInt32, {2, 2}, {1}, {2}, false));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(Message(r).find("MEAN (node 0): input type int32 is not supported"), std::string::npos) << Message(r);
  Runner r2(BuildMean(TensorType::kFloat32, {2, 2}, {1}, {2}, false, {}, {}, /*constant_axes=*/false));
  EXPECT_NE(Message(r2).find("axis must be a constant tensor"), std::string::npos) << Message(r2);
  Runner r3(BuildMean(TensorType::kFloat32, {2, 2}, {2}, {2}, false));
  EXPECT_NE(Message(r3).find("axis 2 is out of range for rank 2"), std::string::npos) << Message(r3);
  Runner r4(BuildMean(TensorType::kFloat32, {2, 2}, {1}, {3}, false));
  EXPECT_NE(Message(r4).find("the reduction gives 2"), std::string::npos) << Message(r4);
}

}  // namespace
}  // namespace tinyrt
