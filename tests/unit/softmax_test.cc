// SPDX-License-Identifier: Apache-2.0
// SOFTMAX: hand-worked fixed-point cases (uniform rows, values below diff_min) plus comparisons
// with a double-precision softmax computed here.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

host::AlignedBuffer BuildSoftmax(TensorType in_type, TensorType out_type, const std::vector<int32_t>& shape, float beta,
                                 const Quant& in_quant = {}, const Quant& out_quant = {}) {
  ModelBuilder b;
  const int in = b.AddTensor(in_type, shape, in_quant);
  const int out = b.AddTensor(out_type, shape, out_quant);
  auto opts = tflite::CreateSoftmaxOptions(b.fbb(), beta);
  b.AddOp(tflite::BuiltinOperator_SOFTMAX, {in}, {out}, tflite::BuiltinOptions_SoftmaxOptions, opts.Union());
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

// Softmax of one row in double: the independent reference.
std::vector<double> RefSoftmax(const std::vector<double>& x, double beta) {
  double max = x[0];
  for (double v : x) max = std::fmax(max, v);
  std::vector<double> e(x.size());
  double sum = 0;
  for (size_t i = 0; i < x.size(); ++i) sum += e[i] = std::exp(beta * (x[i] - max));
  for (double& v : e) v /= sum;
  return e;
}

// Deterministic pseudo-random integers in [lo, hi].
struct Lcg {
  uint32_t state = 12345;
  int32_t Next(int32_t lo, int32_t hi) {
    state = state * 1664525u + 1013904223u;
    return lo + static_cast<int32_t>((state >> 8) % static_cast<uint32_t>(hi - lo + 1));
  }
};

const Quant kInt8Out{{1.0f / 256}, {-128}};
const Quant kInt16OutFromInt8{{1.0f / 65536}, {-32768}};
const Quant kInt16Out{{1.0f / 32768}, {0}};

TEST(Softmax, FloatRowsAndBeta) {
  Runner r(BuildSoftmax(TensorType::kFloat32, TensorType::kFloat32, {2, 3}, 0.5f));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference float32");
  r.SetInput<float>(0, {1, 2, 3, -1, 5, -1});
  ASSERT_TRUE(r.Invoke().ok());
  const std::vector<float> out = r.Output<float>(0);
  const auto row0 = RefSoftmax({1, 2, 3}, 0.5);
  const auto row1 = RefSoftmax({-1, 5, -1}, 0.5);
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(out[i], row0[i], 1e-6);
    EXPECT_NEAR(out[3 + i], row1[i], 1e-6);
  }
  EXPECT_NEAR(out[0], 0.186324, 1e-6);  // exp(-1) / (exp(-1) + exp(-0.5) + 1)
}

TEST(Softmax, Int8UniformRowsAreExact) {
  // exp(0) = 1 for every element: 1/4 -> 64/256 -> -64 and 1/2 -> 128/256 -> 0.
  Runner r(BuildSoftmax(TensorType::kInt8, TensorType::kInt8, {1, 4}, 1.0f, Quant{{0.0625f}, {3}}, kInt8Out));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8");
  r.SetInput<int8_t>(0, {10, 10, 10, 10});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{-64, -64, -64, -64}));

  Runner r2(BuildSoftmax(TensorType::kInt8, TensorType::kInt8, {2, 2}, 1.0f, Quant{{0.0625f}, {0}}, kInt8Out));
  ASSERT_TRUE(r2.ok()) << r2.allocate_status().message();
  r2.SetInput<int8_t>(0, {5, 5, -128, -128});
  ASSERT_TRUE(r2.Invoke().ok());
  EXPECT_EQ(r2.Output<int8_t>(0), (std::vector<int8_t>{0, 0, 0, 0}));
}

TEST(Softmax, Int8LongRowsGiveSmallProbabilities) {
  // Rows whose exps sum past 512: the row maximum's exp is 1, the largest, so every probability
  // is at most 1/sum < 1/512, under half of the output step 1/256: every output is the zero point
  // -128. The reciprocal's exponent is then above 31, where TFLM aborts and a plain shift would be
  // undefined. (1024 equal values: 1/1024 = 0.25 steps. 1000 values, one 0.5 above the rest:
  // sum = 1 + 999 e^-0.5 = 606.9, the largest probability 1/606.9 = 0.42 steps.)
  Runner r(BuildSoftmax(TensorType::kInt8, TensorType::kInt8, {2, 1024}, 1.0f, Quant{{0.0625f}, {0}}, kInt8Out));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  std::vector<int8_t> in(2048, 7);
  r.SetInput<int8_t>(0, in);
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), std::vector<int8_t>(2048, -128));

  Runner r2(BuildSoftmax(TensorType::kInt8, TensorType::kInt8, {1, 1000}, 1.0f, Quant{{0.0625f}, {0}}, kInt8Out));
  ASSERT_TRUE(r2.ok()) << r2.allocate_status().message();
  std::vector<int8_t> in2(1000, 0);
  in2[17] = 8;  // 8 * 0.0625 = 0.5 above the others
  r2.SetInput<int8_t>(0, in2);
  ASSERT_TRUE(r2.Invoke().ok());
  EXPECT_EQ(r2.Output<int8_t>(0), std::vector<int8_t>(1000, -128));
}

TEST(Softmax, Int8DifferencesBelowDiffMinAreZero) {
  // Scale 1, beta 1: multiplier 2^26 = 0.5 * 2^27 (shift 27), radius 31 * 2^26 / 2^27 = 15.
  Runner r(BuildSoftmax(TensorType::kInt8, TensorType::kInt8, {3, 2}, 1.0f, Quant{{1.0f}, {0}}, kInt8Out));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  // Row 0: a difference of -16 is skipped; the maximum gets probability 1 -> 256 - 128 saturates.
  // Row 1: exp(-15) ~ 3e-7 vanishes in the Q12.19 sum and in the output alike.
  // Row 2: two equal maxima get exactly 1/2.
  r.SetInput<int8_t>(0, {0, -16, 3, -12, 7, 7});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{127, -128, 127, -128, 0, 0}));
}

TEST(Softmax, Int8MatchesRealSoftmaxWithinOneStep) {
  const float scale = 0.1f;
  const float beta = 0.7f;
  Runner r(BuildSoftmax(TensorType::kInt8, TensorType::kInt8, {8, 10}, beta, Quant{{scale}, {-5}}, kInt8Out));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  Lcg lcg;
  std::vector<int8_t> in(80);
  for (auto& v : in) v = static_cast<int8_t>(lcg.Next(-128, 127));
  r.SetInput<int8_t>(0, in);
  ASSERT_TRUE(r.Invoke().ok());
  const std::vector<int8_t> out = r.Output<int8_t>(0);
  for (int row = 0; row < 8; ++row) {
    std::vector<double> x(10);
    for (int c = 0; c < 10; ++c) x[c] = in[row * 10 + c] * static_cast<double>(scale);
    const auto p = RefSoftmax(x, beta);
    for (int c = 0; c < 10; ++c) {
      const double expected = std::fmin(std::round(p[c] * 256) - 128, 127);
      EXPECT_NEAR(out[row * 10 + c], expected, 1) << "row " << row << " col " << c;
    }
  }
}

TEST(Softmax, Int8ToInt16) {
  Runner r(BuildSoftmax(TensorType::kInt8, TensorType::kInt16, {2, 4}, 1.0f, Quant{{0.05f}, {0}}, kInt16OutFromInt8));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8->int16");
  r.SetInput<int8_t>(0, {-7, -7, -7, -7, 100, 80, 60, -128});
  ASSERT_TRUE(r.Invoke().ok());
  const std::vector<int16_t> out = r.Output<int16_t>(0);
  // Uniform row: 1/4 of 65536 = 16384, minus the zero point 32768.
  for (int c = 0; c < 4; ++c) EXPECT_EQ(out[c], -16384);
  const auto p = RefSoftmax({5.0, 4.0, 3.0, -6.4}, 1.0);
  for (int c = 0; c < 4; ++c) EXPECT_NEAR(out[4 + c], std::round(p[c] * 65536) - 32768, 2) << c;
}

TEST(Softmax, Int16MatchesRealSoftmax) {
  // Input scale 10/32768: int16 spans [-10, 10).
  const float scale = 10.0f / 32768;
  Runner r(BuildSoftmax(TensorType::kInt16, TensorType::kInt16, {6, 5}, 1.0f, Quant{{scale}, {0}}, kInt16Out));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int16");
  Lcg lcg;
  std::vector<int16_t> in(30);
  for (auto& v : in) v = static_cast<int16_t>(lcg.Next(-32768, 32767));
  for (int c = 0; c < 5; ++c) in[c] = 1234;  // a uniform row
  r.SetInput<int16_t>(0, in);
  ASSERT_TRUE(r.Invoke().ok());
  const std::vector<int16_t> out = r.Output<int16_t>(0);
  for (int row = 0; row < 6; ++row) {
    std::vector<double> x(5);
    for (int c = 0; c < 5; ++c) x[c] = in[row * 5 + c] * static_cast<double>(scale);
    const auto p = RefSoftmax(x, 1.0);
    for (int c = 0; c < 5; ++c) {
      // The exp table saturates exp(0) at 32767 and interpolates from exp(-10/512): the largest
      // element comes out up to 6 units low.
      EXPECT_NEAR(out[row * 5 + c], std::fmin(std::round(p[c] * 32768), 32767), 7) << "row " << row << " col " << c;
    }
  }
  for (int c = 1; c < 5; ++c) EXPECT_EQ(out[c], out[0]);  // uniform row: identical outputs
}

TEST(Softmax, RejectsUnsupportedTypesAndScales) {
  Runner r(BuildSoftmax(TensorType::kUInt8, TensorType::kUInt8, {1, 4}, 1.0f, Quant{{0.1f}, {0}}, Quant{{1.0f / 256}, {0}}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("SOFTMAX (node 0): input type uint8 is not supported"), std::string::npos)
      << r.allocate_status().message();

  Runner r2(BuildSoftmax(TensorType::kInt8, TensorType::kInt8, {1, 4}, 1.0f, Quant{{0.1f}, {0}}, Quant{{1.0f / 128}, {-128}}));
  EXPECT_NE(std::string(r2.allocate_status().message()).find("int8 output must have scale 1/256 and zero point -128"), std::string::npos)
      << r2.allocate_status().message();

  Runner r3(BuildSoftmax(TensorType::kInt16, TensorType::kInt8, {1, 4}, 1.0f, Quant{{0.1f}, {0}}, kInt8Out));
  EXPECT_NE(std::string(r3.allocate_status().message()).find("int16 input needs an int16 output"), std::string::npos)
      << r3.allocate_status().message();

  Runner r4(BuildSoftmax(TensorType::kFloat32, TensorType::kFloat32, {1, 4}, 1.0f));
  ASSERT_TRUE(r4.ok());
  Runner r5(BuildSoftmax(TensorType::kInt8, TensorType::kInt8, {1, 4}, 1e-9f, Quant{{1e-3f}, {0}}, kInt8Out));
  EXPECT_NE(std::string(r5.allocate_status().message()).find("too small"), std::string::npos) << r5.allocate_status().message();
}

}  // namespace
}  // namespace tinyrt
