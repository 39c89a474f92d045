// SPDX-License-Identifier: Apache-2.0
// SVDF: several steps of the stateful op against a straightforward reference written here (a
// per-filter memory list that drops the oldest value and appends the new feature), for float32
// with bias and activations, int8 with int16 state (scales chosen so the rescaling is exact, plus
// saturation), int8 with an int8 state that has a zero point, TFLM's rounding worked out by hand,
// Reset(), and rejections.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "src/kernels/op_data.h"
#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

struct SvdfShape {
  int32_t batches, input_size, filters, rank, memory;
  int32_t units() const { return filters / rank; }
};

// Types and quantization of one SVDF model; weights are given as raw values of their types.
struct SvdfSpec {
  SvdfShape shape;
  TensorType input_type = TensorType::kFloat32;
  TensorType feature_type = TensorType::kFloat32;
  TensorType time_type = TensorType::kFloat32;
  TensorType state_type = TensorType::kFloat32;
  TensorType bias_type = TensorType::kFloat32;
  Quant input_q, feature_q, time_q, state_q, bias_q, output_q;
  tflite::ActivationFunctionType activation = tflite::ActivationFunctionType_NONE;
  bool state_variable = true;
  bool has_bias = true;
};

template <typename FeatureT, typename TimeT, typename BiasT>
host::AlignedBuffer BuildSvdf(const SvdfSpec& s, const std::vector<FeatureT>& feature, const std::vector<TimeT>& time,
                              const std::vector<BiasT>& bias) {
  const SvdfShape& d = s.shape;
  ModelBuilder b;
  const int in = b.AddTensor(s.input_type, {d.batches, d.input_size}, s.input_q);
  const int wf = b.AddConstant<FeatureT>(s.feature_type, {d.filters, d.input_size}, feature, s.feature_q);
  const int wt = b.AddConstant<TimeT>(s.time_type, {d.filters, d.memory}, time, s.time_q);
  const int bi = s.has_bias ? b.AddConstant<BiasT>(s.bias_type, {d.units()}, bias, s.bias_q) : -1;
  const int state = b.AddTensor(s.state_type, {d.batches, d.memory * d.filters}, s.state_q, s.state_variable);
  const int out = b.AddTensor(s.input_type, {d.batches, d.units()}, s.output_q);
  auto opts = tflite::CreateSVDFOptions(b.fbb(), d.rank, s.activation);
  b.AddOp(tflite::BuiltinOperator_SVDF, {in, wf, wt, bi, state}, {out}, tflite::BuiltinOptions_SVDFOptions, opts.Union());
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

// The reference: memory[b][f] holds the last `memory` feature values, oldest first.
struct RefSvdf {
  SvdfShape d;
  std::vector<std::vector<std::vector<double>>> memory;
  explicit RefSvdf(const SvdfShape& shape, double initial = 0.0)
      : d(shape),
        memory(static_cast<size_t>(shape.batches),
               std::vector<std::vector<double>>(static_cast<size_t>(shape.filters),
                                                std::vector<double>(static_cast<size_t>(shape.memory), initial))) {}
  // Appends one feature value per (batch, filter); `feature_of(b, f)` computes it.
  template <typename F>
  void Push(F feature_of) {
    for (int b = 0; b < d.batches; ++b) {
      for (int f = 0; f < d.filters; ++f) {
        auto& m = memory[static_cast<size_t>(b)][static_cast<size_t>(f)];
        m.erase(m.begin());
        m.push_back(feature_of(b, f));
      }
    }
  }
  // sum over the unit's filters of sum_j time[f][j] * memory[b][f][j], plus the bias.
  template <typename T>
  double Unit(int b, int u, const std::vector<T>& time, double bias, double memory_offset = 0.0) const {
    double sum = bias;
    for (int r = 0; r < d.rank; ++r) {
      const int f = u * d.rank + r;
      for (int j = 0; j < d.memory; ++j) {
        sum += static_cast<double>(time[static_cast<size_t>(f * d.memory + j)]) *
               (memory[static_cast<size_t>(b)][static_cast<size_t>(f)][static_cast<size_t>(j)] - memory_offset);
      }
    }
    return sum;
  }
};

TEST(Svdf, FloatStepsWithBiasAndActivations) {
  const SvdfShape d{2, 3, 4, 2, 3};
  const std::vector<float> feature = {0.5f, -1.0f, 0.25f, 1.5f, 0.75f, -0.5f, -0.25f, 2.0f, 1.0f, 0.1f, -0.3f, 0.6f};
  const std::vector<float> time = {1.0f, -0.5f, 0.25f, 0.3f, 0.2f, -0.1f, -1.0f, 0.5f, 2.0f, 0.7f, -0.4f, 0.9f};
  const std::vector<float> bias = {0.1f, -0.2f};
  for (auto activation : {tflite::ActivationFunctionType_NONE, tflite::ActivationFunctionType_RELU, tflite::ActivationFunctionType_TANH}) {
    SvdfSpec spec;
    spec.shape = d;
    spec.activation = activation;
    Runner r(BuildSvdf<float, float, float>(spec, feature, time, bias));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    EXPECT_STREQ(r.interpreter().node(0).variant, "reference float32");
    RefSvdf ref(d);
    std::vector<float> first;
    for (int step = 0; step < 5; ++step) {
      std::vector<float> x(6);
      for (int i = 0; i < 6; ++i) x[static_cast<size_t>(i)] = std::sin(1.3f * static_cast<float>(step * 6 + i)) * 2.0f;
      r.SetInput<float>(0, x);
      ASSERT_TRUE(r.Invoke().ok());
      ref.Push([&](int b, int f) {
        double dot = 0;
        for (int k = 0; k < 3; ++k) dot += static_cast<double>(feature[static_cast<size_t>(f * 3 + k)]) * x[static_cast<size_t>(b * 3 + k)];
        return dot;
      });
      const auto out = r.Output<float>(0);
      if (step == 0) first = out;
      for (int b = 0; b < 2; ++b) {
        for (int u = 0; u < 2; ++u) {
          double v = ref.Unit(b, u, time, bias[static_cast<size_t>(u)]);
          if (activation == tflite::ActivationFunctionType_RELU) v = std::max(v, 0.0);
          if (activation == tflite::ActivationFunctionType_TANH) v = std::tanh(v);
          EXPECT_NEAR(out[static_cast<size_t>(b * 2 + u)], v, 1e-5) << "step " << step << " b " << b << " u " << u;
        }
      }
    }
    // Reset() clears the memory: the first step's input gives the first step's output again.
    ASSERT_TRUE(r.interpreter().Reset().ok());
    std::vector<float> x0(6);
    for (int i = 0; i < 6; ++i) x0[static_cast<size_t>(i)] = std::sin(1.3f * static_cast<float>(i)) * 2.0f;
    r.SetInput<float>(0, x0);
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_EQ(r.Output<float>(0), first);
  }
}

TEST(Svdf, FloatWithoutBias) {
  const SvdfShape d{1, 2, 2, 1, 2};
  SvdfSpec spec;
  spec.shape = d;
  spec.has_bias = false;
  Runner r(BuildSvdf<float, float, float>(spec, {1, 2, 3, 4}, {1, 10, 100, 1000}, {}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<float>(0, {1, 1});
  ASSERT_TRUE(r.Invoke().ok());
  // Features 3 and 7 land in the newest slot: 10 * 3 = 30 and 1000 * 7 = 7000.
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{30, 7000}));
  r.SetInput<float>(0, {2, 0});
  ASSERT_TRUE(r.Invoke().ok());
  // Memories now {3, 2} and {7, 6}: 1*3 + 10*2 = 23, 100*7 + 1000*6 = 6700.
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{23, 6700}));
}

// int8 input, int16 state: feature scale 0.5 * 0.25 / 0.125 = 1 and output scale
// 0.125 * 0.5 / 0.0625 = 1, so the quantized op is exact integer arithmetic with saturation.
TEST(Svdf, Int8Int16StateExactScales) {
  const SvdfShape d{2, 3, 4, 2, 3};
  SvdfSpec spec;
  spec.shape = d;
  spec.input_type = spec.feature_type = TensorType::kInt8;
  spec.time_type = spec.state_type = TensorType::kInt16;
  spec.bias_type = TensorType::kInt32;
  spec.input_q = Quant{{0.5f}, {-3}};
  spec.feature_q = Quant{{0.25f}, {0}};
  spec.state_q = Quant{{0.125f}, {0}};
  spec.time_q = Quant{{0.5f}, {0}};
  spec.bias_q = Quant{{0.0625f}, {0}};
  spec.output_q = Quant{{0.0625f}, {5}};
  spec.activation = tflite::ActivationFunctionType_RELU;  // ignored by TFLM's integer SVDF
  const std::vector<int8_t> feature = {3, -2, 1, 127, 127, 127, -5, 4, 0, 2, 2, -1};
  const std::vector<int16_t> time = {1, -1, 2, 0, 1, 0, -2, 1, 1, 3, -1, 0};
  const std::vector<int32_t> bias = {-20, 7};
  Runner r(BuildSvdf<int8_t, int16_t, int32_t>(spec, feature, time, bias));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
#if TINYRT_OPT_KERNELS
  EXPECT_STREQ(r.interpreter().node(0).variant, kernels::kOptInt8VariantName);
#else
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8 (int16 state)");
#endif
  RefSvdf ref(d);
  for (int step = 0; step < 4; ++step) {
    std::vector<int8_t> x(6);
    for (int i = 0; i < 6; ++i) x[static_cast<size_t>(i)] = static_cast<int8_t>((step * 37 + i * 53) % 256 - 128);
    r.SetInput<int8_t>(0, x);
    ASSERT_TRUE(r.Invoke().ok());
    ref.Push([&](int b, int f) {
      int64_t dot = 0;
      for (int k = 0; k < 3; ++k) dot += feature[static_cast<size_t>(f * 3 + k)] * (x[static_cast<size_t>(b * 3 + k)] + 3);
      return static_cast<double>(std::min<int64_t>(std::max<int64_t>(dot, -32768), 32767));  // saturates into the int16 state
    });
    const auto out = r.Output<int8_t>(0);
    for (int b = 0; b < 2; ++b) {
      for (int u = 0; u < 2; ++u) {
        const double q = ref.Unit(b, u, time, bias[static_cast<size_t>(u)]) + 5;
        EXPECT_EQ(out[static_cast<size_t>(b * 2 + u)], std::min(std::max(q, -128.0), 127.0)) << "step " << step << " b " << b << " u " << u;
      }
    }
  }
}

// int8 weights_time and an int8 state with zero point 2 (the state starts at its zero point).
TEST(Svdf, Int8StateWithZeroPoint) {
  const SvdfShape d{1, 2, 2, 1, 2};
  SvdfSpec spec;
  spec.shape = d;
  spec.input_type = spec.feature_type = spec.time_type = spec.state_type = TensorType::kInt8;
  spec.bias_type = TensorType::kInt32;
  spec.input_q = Quant{{0.5f}, {0}};
  spec.feature_q = Quant{{0.25f}, {0}};
  spec.state_q = Quant{{0.125f}, {2}};
  spec.time_q = Quant{{0.5f}, {0}};
  spec.bias_q = Quant{{0.0625f}, {0}};
  spec.output_q = Quant{{0.0625f}, {0}};
  const std::vector<int8_t> feature = {1, 2, -3, 1};
  const std::vector<int8_t> time = {2, 1, -1, 3};
  Runner r(BuildSvdf<int8_t, int8_t, int32_t>(spec, feature, time, {1, -1}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8 (int8 state)");
  r.SetInput<int8_t>(0, {4, 5});
  ASSERT_TRUE(r.Invoke().ok());
  // Features 14 and -7 are stored as 16 and -5 (zero point 2); the old slot holds 2 (real 0).
  // Unit 0: 1 + 1 * 14 = 15; unit 1: -1 + 3 * -7 = -22.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{15, -22}));
  r.SetInput<int8_t>(0, {-1, 0});
  ASSERT_TRUE(r.Invoke().ok());
  // Features -1 and 3: unit 0: 1 + 2 * 14 + 1 * -1 = 28; unit 1: -1 - 1 * -7 + 3 * 3 = 15.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{28, 15}));
}

// Output rescaling by 0.5 (multiplier 2^30, shift 0) rounds like TFLM's fixed point: halves up.
TEST(Svdf, Int8RoundingHandComputed) {
  const SvdfShape d{1, 1, 2, 1, 1};
  SvdfSpec spec;
  spec.shape = d;
  spec.input_type = spec.feature_type = TensorType::kInt8;
  spec.time_type = spec.state_type = TensorType::kInt16;
  spec.bias_type = TensorType::kInt32;
  spec.input_q = Quant{{0.5f}, {0}};
  spec.feature_q = Quant{{0.25f}, {0}};
  spec.state_q = Quant{{0.125f}, {0}};
  spec.time_q = Quant{{0.5f}, {0}};
  spec.bias_q = Quant{{0.0625f}, {0}};
  spec.output_q = Quant{{0.125f}, {0}};
  Runner r(BuildSvdf<int8_t, int16_t, int32_t>(spec, {1, -1}, {1, 1}, {0, 0}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  for (int8_t x : {3, 5, 1}) {
    r.SetInput<int8_t>(0, {x});
    ASSERT_TRUE(r.Invoke().ok());
    // Sums x and -x halved: 1.5 -> 2 and -1.5 -> -1; 2.5 -> 3 and -2.5 -> -2; 0.5 -> 1 and -0.5 -> 0.
    const int8_t up = static_cast<int8_t>((x + 1) / 2);
    const int8_t down = static_cast<int8_t>(-(x - 1) / 2);
    EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{up, down})) << static_cast<int>(x);
  }
}

TEST(Svdf, Rejections) {
  const SvdfShape d{1, 2, 4, 2, 2};
  SvdfSpec spec;
  spec.shape = d;
  spec.input_type = TensorType::kInt8;
  spec.input_q = Quant{{0.5f}, {0}};
  spec.output_q = Quant{{0.5f}, {0}};
  Runner r(BuildSvdf<float, float, float>(spec, std::vector<float>(8, 1.0f), std::vector<float>(8, 1.0f), {0, 0}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("SVDF (node 0): int8 input needs int8 weights_feature, got float32"),
            std::string::npos)
      << r.allocate_status().message();

  SvdfSpec hybrid;
  hybrid.shape = d;
  hybrid.feature_type = TensorType::kInt8;
  hybrid.feature_q = Quant{{0.5f}, {0}};
  Runner r2(BuildSvdf<int8_t, float, float>(hybrid, std::vector<int8_t>(8, 1), std::vector<float>(8, 1.0f), {0, 0}));
  EXPECT_NE(std::string(r2.allocate_status().message()).find("hybrid models (float32 activations with int8 weights) are not supported yet"),
            std::string::npos)
      << r2.allocate_status().message();

  SvdfSpec not_variable;
  not_variable.shape = d;
  not_variable.state_variable = false;
  Runner r3(BuildSvdf<float, float, float>(not_variable, std::vector<float>(8, 1.0f), std::vector<float>(8, 1.0f), {0, 0}));
  EXPECT_NE(std::string(r3.allocate_status().message()).find("must be a variable tensor"), std::string::npos)
      << r3.allocate_status().message();

  SvdfSpec bad_rank;
  bad_rank.shape = SvdfShape{1, 2, 4, 3, 2};
  Runner r4(BuildSvdf<float, float, float>(bad_rank, std::vector<float>(8, 1.0f), std::vector<float>(8, 1.0f), {0}));
  EXPECT_NE(std::string(r4.allocate_status().message()).find("rank 3 does not divide the 4 filters"), std::string::npos)
      << r4.allocate_status().message();
}

}  // namespace
}  // namespace tinyrt
