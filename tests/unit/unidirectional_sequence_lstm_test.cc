// SPDX-License-Identifier: Apache-2.0
// UNIDIRECTIONAL_SEQUENCE_LSTM against a plain LSTM written here (gates, cell and hidden state per
// batch row, in double): float32 batch-major and time-major, state carried across invocations and
// cleared by Reset(), cell clipping; int8 (int16 cell) and int16 activations against the same
// reference fed with the kernel's quantized states (the remaining gate/table rounding is below
// the stated tolerances). The bit-exact check of the quantized paths is the trained_lstm_int8
// golden model. Rejections of what TFLM's kernel refuses too.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "src/kernels/op_data.h"
#include "src/kernels/opt/variants.h"
#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

constexpr int kGates = 4;  // input, forget, cell, output (TFLite's order of the weight inputs)

struct LstmShape {
  int32_t batches, time_steps, input_size, units;
  bool time_major;
};

// Real-valued weights: w[g] is [units, input_size], r[g] is [units, units], bias[g] is [units].
struct LstmWeights {
  std::vector<double> w[kGates], r[kGates], bias[kGates];
};

LstmWeights MakeWeights(const LstmShape& d, double scale) {
  LstmWeights p;
  for (int g = 0; g < kGates; ++g) {
    for (int i = 0; i < d.units * d.input_size; ++i) p.w[g].push_back(scale * std::sin(0.7 * (g * 31 + i) + 0.3));
    for (int i = 0; i < d.units * d.units; ++i) p.r[g].push_back(scale * std::cos(1.1 * (g * 17 + i) + 0.5));
    for (int i = 0; i < d.units; ++i) p.bias[g].push_back(0.2 * std::sin(2.3 * (g * 5 + i)) + (g == 1 ? 0.5 : 0.0));
  }
  return p;
}

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// The plain LSTM. h and c are [batches][units]; x_at(b, t, k) reads the input.
struct RefLstm {
  LstmShape d;
  const LstmWeights& p;
  double cell_clip;
  std::vector<std::vector<double>> h, c;
  RefLstm(const LstmShape& shape, const LstmWeights& weights, double clip = 0.0)
      : d(shape),
        p(weights),
        cell_clip(clip),
        h(static_cast<size_t>(shape.batches), std::vector<double>(static_cast<size_t>(shape.units), 0.0)),
        c(h) {}

  // One time step of batch row b with input row x; returns the new h.
  std::vector<double> Step(int b, const std::vector<double>& x) {
    const auto& hb = h[static_cast<size_t>(b)];
    auto& cb = c[static_cast<size_t>(b)];
    auto gate = [&](int g, int j) {
      double v = p.bias[g][static_cast<size_t>(j)];
      for (int k = 0; k < d.input_size; ++k) v += p.w[g][static_cast<size_t>(j * d.input_size + k)] * x[static_cast<size_t>(k)];
      for (int k = 0; k < d.units; ++k) v += p.r[g][static_cast<size_t>(j * d.units + k)] * hb[static_cast<size_t>(k)];
      return v;
    };
    std::vector<double> h_new(static_cast<size_t>(d.units));
    for (int j = 0; j < d.units; ++j) {
      const double i = Sigmoid(gate(0, j)), f = Sigmoid(gate(1, j)), g = std::tanh(gate(2, j)), o = Sigmoid(gate(3, j));
      double cj = f * cb[static_cast<size_t>(j)] + i * g;
      if (cell_clip > 0) cj = std::min(std::max(cj, -cell_clip), cell_clip);
      cb[static_cast<size_t>(j)] = cj;
      h_new[static_cast<size_t>(j)] = o * std::tanh(cj);
    }
    h[static_cast<size_t>(b)] = h_new;
    return h_new;
  }
};

// Model description: types and quantization; weights are given as real values and stored as
// float, or quantized with weight_q / bias_q.
struct LstmSpec {
  LstmShape shape;
  TensorType act = TensorType::kFloat32, weight = TensorType::kFloat32, bias = TensorType::kFloat32, cell = TensorType::kFloat32;
  Quant input_q, weight_q, bias_q, hidden_q, cell_q;
  float cell_clip = 0.0f;
  tflite::ActivationFunctionType activation = tflite::ActivationFunctionType_TANH;
  bool states_variable = true;
  int extra_input = -1;  // an optional input (peephole, projection, layer norm) to add
};

std::vector<int32_t> InputShape(const LstmShape& d) {
  return d.time_major ? std::vector<int32_t>{d.time_steps, d.batches, d.input_size}
                      : std::vector<int32_t>{d.batches, d.time_steps, d.input_size};
}

int AddValues(ModelBuilder& b, TensorType type, const std::vector<int32_t>& shape, const std::vector<double>& real, const Quant& q) {
  if (type == TensorType::kFloat32) return b.AddConstant<float>(type, shape, std::vector<float>(real.begin(), real.end()), q);
  const double scale = q.scales[0];
  if (type == TensorType::kInt8) {
    std::vector<int8_t> v;
    for (double x : real) v.push_back(static_cast<int8_t>(std::lround(x / scale)));
    return b.AddConstant<int8_t>(type, shape, v, q);
  }
  if (type == TensorType::kInt32) {
    std::vector<int32_t> v;
    for (double x : real) v.push_back(static_cast<int32_t>(std::lround(x / scale)));
    return b.AddConstant<int32_t>(type, shape, v, q);
  }
  std::vector<int64_t> v;
  for (double x : real) v.push_back(std::llround(x / scale));
  return b.AddConstant<int64_t>(type, shape, v, q);
}

host::AlignedBuffer BuildLstm(const LstmSpec& s, const LstmWeights& p) {
  const LstmShape& d = s.shape;
  ModelBuilder b;
  std::vector<int32_t> inputs(24, -1);
  inputs[0] = b.AddTensor(s.act, InputShape(d), s.input_q);
  for (int g = 0; g < kGates; ++g) {
    inputs[static_cast<size_t>(1 + g)] = AddValues(b, s.weight, {d.units, d.input_size}, p.w[g], s.weight_q);
    inputs[static_cast<size_t>(5 + g)] = AddValues(b, s.weight, {d.units, d.units}, p.r[g], s.weight_q);
    inputs[static_cast<size_t>(12 + g)] = AddValues(b, s.bias, {d.units}, p.bias[g], s.bias_q);
  }
  inputs[18] = b.AddTensor(s.act, {d.batches, d.units}, s.hidden_q, s.states_variable);
  inputs[19] = b.AddTensor(s.cell, {d.batches, d.units}, s.cell_q, s.states_variable);
  if (s.extra_input >= 0) {
    inputs[static_cast<size_t>(s.extra_input)] =
        AddValues(b, s.weight, {d.units}, std::vector<double>(static_cast<size_t>(d.units), 0.0), s.weight_q);
  }
  const std::vector<int32_t> out_shape =
      d.time_major ? std::vector<int32_t>{d.time_steps, d.batches, d.units} : std::vector<int32_t>{d.batches, d.time_steps, d.units};
  const int out = b.AddTensor(s.act, out_shape, s.hidden_q);
  auto opts = tflite::CreateUnidirectionalSequenceLSTMOptions(b.fbb(), s.activation, s.cell_clip, 0.0f, d.time_major);
  b.AddOp(tflite::BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_LSTM, inputs, {out}, tflite::BuiltinOptions_UnidirectionalSequenceLSTMOptions,
          opts.Union());
  b.SetInputs({inputs[0]});
  b.SetOutputs({out});
  return b.Finish();
}

// Element offset of (batch, time) rows in the input/output layout.
int32_t Row(const LstmShape& d, int b, int t) { return d.time_major ? t * d.batches + b : b * d.time_steps + t; }

std::vector<float> FloatInput(const LstmShape& d, int invocation) {
  std::vector<float> x(static_cast<size_t>(d.batches * d.time_steps * d.input_size));
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(std::sin(0.9 * static_cast<double>(i) + 1.7 * invocation));
  return x;
}

// Runs `invocations` Invokes of a float LSTM and compares every output with the reference.
void CheckFloat(const LstmShape& d, float cell_clip) {
  const LstmWeights p = MakeWeights(d, 0.6);
  LstmSpec spec;
  spec.shape = d;
  spec.cell_clip = cell_clip;
  Runner r(BuildLstm(spec, p));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
#if TINYRT_OPT_KERNELS
  EXPECT_STREQ(r.interpreter().node(0).variant, kernels::kOptFloatVariantName);
#else
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference float32");
#endif
  RefLstm ref(d, p, cell_clip);
  std::vector<float> first;
  for (int invocation = 0; invocation < 3; ++invocation) {
    const std::vector<float> x = FloatInput(d, invocation);
    r.SetInput<float>(0, x);
    ASSERT_TRUE(r.Invoke().ok());
    const auto out = r.Output<float>(0);
    if (invocation == 0) first = out;
    // TFLM's order: batch-major runs each batch row's whole sequence; the state is per row either way.
    for (int t = 0; t < d.time_steps; ++t) {
      for (int b = 0; b < d.batches; ++b) {
        const int32_t row = Row(d, b, t);
        const std::vector<double> xr(x.begin() + row * d.input_size, x.begin() + (row + 1) * d.input_size);
        const std::vector<double> h = ref.Step(b, xr);
        for (int j = 0; j < d.units; ++j) {
          EXPECT_NEAR(out[static_cast<size_t>(row * d.units + j)], h[static_cast<size_t>(j)], 1e-5)
              << "invocation " << invocation << " b " << b << " t " << t << " j " << j;
        }
      }
    }
  }
  ASSERT_TRUE(r.interpreter().Reset().ok());
  r.SetInput<float>(0, FloatInput(d, 0));
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), first);  // the same as from the initial (zero) state
}

TEST(UnidirectionalSequenceLstm, FloatBatchMajor) { CheckFloat(LstmShape{2, 3, 3, 2, false}, 0.0f); }

TEST(UnidirectionalSequenceLstm, FloatTimeMajor) { CheckFloat(LstmShape{3, 4, 2, 3, true}, 0.0f); }

TEST(UnidirectionalSequenceLstm, FloatCellClip) { CheckFloat(LstmShape{1, 5, 2, 3, false}, 0.15f); }

TEST(UnidirectionalSequenceLstm, FloatOneStepByHand) {
  // One unit, one input, all weights 0 except: input gate bias 0 (sigmoid 0.5), forget gate
  // irrelevant (c starts at 0), cell gate W = 1, output gate bias 0. x = 1:
  // c = 0.5 * tanh(1) = 0.3807971, h = 0.5 * tanh(0.3807971) = 0.5 * 0.3633995 = 0.1816997.
  const LstmShape d{1, 1, 1, 1, false};
  LstmWeights p;
  for (int g = 0; g < kGates; ++g) {
    p.w[g] = {g == 2 ? 1.0 : 0.0};
    p.r[g] = {0.0};
    p.bias[g] = {0.0};
  }
  LstmSpec spec;
  spec.shape = d;
  Runner r(BuildLstm(spec, p));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<float>(0, {1.0f});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_NEAR(r.Output<float>(0)[0], 0.1816997, 1e-6);
}

// Quantized: the reference runs in double on the dequantized weights, but takes the kernel's
// quantized hidden state and re-quantizes its cell state each step, as the kernel stores them.
template <typename ActT>
void CheckQuantized(const LstmSpec& spec, int tolerance) {
  const LstmShape& d = spec.shape;
  const LstmWeights real = MakeWeights(d, 0.6);
  // Dequantized weights: what the kernel actually multiplies with.
  LstmWeights p = real;
  for (int g = 0; g < kGates; ++g) {
    for (double& v : p.w[g]) v = std::lround(v / spec.weight_q.scales[0]) * static_cast<double>(spec.weight_q.scales[0]);
    for (double& v : p.r[g]) v = std::lround(v / spec.weight_q.scales[0]) * static_cast<double>(spec.weight_q.scales[0]);
    for (double& v : p.bias[g]) v = static_cast<double>(std::llround(v / spec.bias_q.scales[0])) * spec.bias_q.scales[0];
  }
  Runner r(BuildLstm(spec, real));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  const double in_scale = spec.input_q.scales[0], h_scale = spec.hidden_q.scales[0], c_scale = spec.cell_q.scales[0];
  const int32_t in_zp = static_cast<int32_t>(spec.input_q.zero_points[0]), h_zp = static_cast<int32_t>(spec.hidden_q.zero_points[0]);
  const int32_t qmin = std::numeric_limits<ActT>::min(), qmax = std::numeric_limits<ActT>::max();
  RefLstm ref(d, p, spec.cell_clip);
  for (int invocation = 0; invocation < 2; ++invocation) {
    std::vector<ActT> x(static_cast<size_t>(d.batches * d.time_steps * d.input_size));
    for (size_t i = 0; i < x.size(); ++i) {
      x[i] = static_cast<ActT>(std::lround(std::sin(0.9 * static_cast<double>(i) + 1.7 * invocation) / in_scale) + in_zp);
    }
    r.SetInput<ActT>(0, x);
    ASSERT_TRUE(r.Invoke().ok());
    const auto out = r.Output<ActT>(0);
    for (int t = 0; t < d.time_steps; ++t) {
      for (int b = 0; b < d.batches; ++b) {
        const int32_t row = Row(d, b, t);
        std::vector<double> xr;
        for (int k = 0; k < d.input_size; ++k) xr.push_back((x[static_cast<size_t>(row * d.input_size + k)] - in_zp) * in_scale);
        ref.Step(b, xr);
        for (int j = 0; j < d.units; ++j) {
          double& h = ref.h[static_cast<size_t>(b)][static_cast<size_t>(j)];
          double& c = ref.c[static_cast<size_t>(b)][static_cast<size_t>(j)];
          c = std::min(std::max(static_cast<double>(std::lround(c / c_scale)), -32768.0), 32767.0) * c_scale;
          const int32_t expected = std::min(std::max(static_cast<int32_t>(std::lround(h / h_scale)) + h_zp, qmin), qmax);
          const int32_t got = out[static_cast<size_t>(row * d.units + j)];
          EXPECT_NEAR(got, expected, tolerance) << "invocation " << invocation << " b " << b << " t " << t << " j " << j;
          h = (got - h_zp) * h_scale;  // continue from the kernel's state
        }
      }
    }
  }
}

TEST(UnidirectionalSequenceLstm, Int8MatchesRealLstm) {
  LstmSpec spec;
  spec.shape = LstmShape{2, 4, 3, 3, false};
  spec.act = TensorType::kInt8;
  spec.weight = TensorType::kInt8;
  spec.bias = TensorType::kInt32;
  spec.cell = TensorType::kInt16;
  spec.input_q = Quant{{1.0f / 64}, {5}};
  spec.weight_q = Quant{{1.0f / 128}, {0}};
  spec.bias_q = Quant{{1.0f / 8192}, {0}};
  spec.hidden_q = Quant{{1.0f / 128}, {-3}};  // the hidden state starts at its zero point
  spec.cell_q = Quant{{1.0f / 2048}, {0}};
  Runner r(BuildLstm(spec, MakeWeights(spec.shape, 0.6)));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
#if TINYRT_OPT_KERNELS
  EXPECT_STREQ(r.interpreter().node(0).variant, kernels::kOptInt8VariantName);
#else
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8 (int16 cell)");
#endif
  CheckQuantized<int8_t>(spec, 1);
  spec.shape.time_major = true;
  CheckQuantized<int8_t>(spec, 1);
  spec.cell_clip = 0.1f;  // quantized to 204 cell steps
  CheckQuantized<int8_t>(spec, 1);
}

TEST(UnidirectionalSequenceLstm, Int16MatchesRealLstm) {
  LstmSpec spec;
  spec.shape = LstmShape{2, 3, 4, 3, false};
  spec.act = TensorType::kInt16;
  spec.weight = TensorType::kInt8;
  spec.bias = TensorType::kInt64;
  spec.cell = TensorType::kInt16;
  spec.input_q = Quant{{1.0f / 8192}, {0}};
  spec.weight_q = Quant{{1.0f / 128}, {0}};
  spec.bias_q = Quant{{1.0f / (8192.0f * 128)}, {0}};
  spec.hidden_q = Quant{{1.0f / 16384}, {0}};
  spec.cell_q = Quant{{1.0f / 4096}, {0}};
  Runner r(BuildLstm(spec, MakeWeights(spec.shape, 0.6)));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int16 (int16 cell)");
  // Gate inputs are Q3.12 and the tables interpolate: a few 2^-14 steps.
  CheckQuantized<int16_t>(spec, 8);
}

TEST(UnidirectionalSequenceLstm, Rejections) {
  const LstmShape d{1, 2, 2, 2, false};
  const LstmWeights p = MakeWeights(d, 0.5);
  auto message = [&](const LstmSpec& spec) {
    Runner r(BuildLstm(spec, p));
    EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported) << r.allocate_status().message();
    return std::string(r.allocate_status().message());
  };
  LstmSpec spec;
  spec.shape = d;
  spec.extra_input = 10;  // cell-to-forget
  EXPECT_NE(message(spec).find("UNIDIRECTIONAL_SEQUENCE_LSTM (node 0): peephole connections are not supported"), std::string::npos);
  spec.extra_input = 21;
  EXPECT_NE(message(spec).find("layer normalisation is not supported"), std::string::npos);
  spec.extra_input = 17;
  EXPECT_NE(message(spec).find("projection is not supported"), std::string::npos);
  spec.extra_input = -1;
  spec.states_variable = false;
  EXPECT_NE(message(spec).find("must be variable tensors"), std::string::npos);
  spec.states_variable = true;
  spec.activation = tflite::ActivationFunctionType_RELU;
  EXPECT_NE(message(spec).find("cell gate activation 1 is not supported"), std::string::npos);
  spec.activation = tflite::ActivationFunctionType_TANH;
  spec.weight = TensorType::kInt8;
  spec.weight_q = Quant{{1.0f / 64}, {0}};
  EXPECT_NE(message(spec).find("hybrid models (float32 activations with int8 weights) are not supported yet"), std::string::npos);
  spec.act = TensorType::kInt8;
  spec.input_q = spec.hidden_q = Quant{{1.0f / 64}, {0}};
  spec.bias = TensorType::kInt32;
  spec.bias_q = Quant{{1.0f / 4096}, {0}};
  spec.cell = TensorType::kInt8;
  spec.cell_q = Quant{{1.0f / 64}, {0}};
  EXPECT_NE(message(spec).find("cell state type int8 is not supported"), std::string::npos);
  LstmSpec int32_input;
  int32_input.shape = d;
  int32_input.act = TensorType::kInt32;
  EXPECT_NE(message(int32_input).find("input type int32 is not supported"), std::string::npos);
}

}  // namespace
}  // namespace tinyrt
