// SPDX-License-Identifier: Apache-2.0
// int4 weights (TFLite INT4, packed two a byte) for CONV_2D, DEPTHWISE_CONV_2D and
// FULLY_CONNECTED with int8 activations (src/kernels/int4.h): hand-worked cases, random cases
// against the naive reference of conv_test_util.h, and the equivalence every int4 model must
// satisfy: the same model with the weights widened to an int8 filter gives the same outputs,
// bit for bit, on every kernel variant.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "src/core/scratch_policy.h"
#include "src/kernels/int4.h"
#include "src/kernels/opt/variants.h"
#include "tests/unit/conv_test_util.h"
#include "tests/unit/one_op_test_util.h"
#include "tests/unit/tflm_arith.h"

namespace tinyrt {
namespace {

using conv_test::ConvCase;
using conv_test::ConvRun;
using conv_test::PackInt4;
using testing::Act;
using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

TEST(Int4Weights, NibbleOrderAndSignExtension) {
  // byte 0: 0xE1 = elements 1 (low), -2 (high); byte 1: 0x87 = 7, -8; byte 2: 0x0F = -1, 0.
  const int8_t packed[] = {static_cast<int8_t>(0xE1), static_cast<int8_t>(0x87), static_cast<int8_t>(0x0F)};
  const int32_t expected[] = {1, -2, 7, -8, -1, 0};
  for (size_t i = 0; i < 6; ++i) EXPECT_EQ(kernels::Int4At(packed, i), expected[i]) << i;
  // Every byte value: both nibbles, sign-extended from 4 bits.
  for (int b = 0; b < 256; ++b) {
    const int8_t byte = static_cast<int8_t>(b);
    EXPECT_EQ(kernels::Int4At(&byte, 0), (b & 0x0F) >= 8 ? (b & 0x0F) - 16 : (b & 0x0F));
    EXPECT_EQ(kernels::Int4At(&byte, 1), (b >> 4) >= 8 ? (b >> 4) - 16 : (b >> 4));
  }
  EXPECT_EQ(PackInt4({1, -2, 7, -8, -1}), (std::vector<uint8_t>{0xE1, 0x87, 0x0F}));
}

// Three outputs of three taps each: weights [1 -2 7; -8 3 -1; 0 5 -3] (9 nibbles: the last byte's
// high nibble is unused and set to 0xA, which must not matter), input [2 3 -1], bias [5 -4 1]:
// sums -11, -6, 18, plus bias -6, -10, 19. Scales 1 everywhere (per-channel: 1, 0.5, 2).
const std::vector<int8_t> kHandWeights = {1, -2, 7, -8, 3, -1, 0, 5, -3};
const std::vector<int8_t> kHandInput = {2, 3, -1};
const std::vector<int32_t> kHandBias = {5, -4, 1};

enum class HandOp { kFullyConnected, kConv, kDepthwise };

host::AlignedBuffer HandModel(HandOp op, bool per_channel, const std::vector<uint8_t>& filter_bytes, TensorType filter_type,
                              int64_t filter_zero_point = 0, TensorType input_type = TensorType::kInt8) {
  ModelBuilder b;
  Quant w_quant;
  w_quant.scales = per_channel ? std::vector<float>{1.0f, 0.5f, 2.0f} : std::vector<float>{1.0f};
  w_quant.zero_points.assign(w_quant.scales.size(), filter_zero_point);
  w_quant.axis = op == HandOp::kDepthwise ? 3 : 0;
  Quant b_quant = w_quant;
  b_quant.axis = 0;
  const Quant unit{{1.0f}, {0}};
  const std::vector<int32_t> act_shape = op == HandOp::kFullyConnected ? std::vector<int32_t>{1, 3} : std::vector<int32_t>{1, 1, 1, 3};
  const int in = b.AddTensor(input_type, act_shape, unit);
  const std::vector<int32_t> w_shape = op == HandOp::kFullyConnected ? std::vector<int32_t>{3, 3}
                                       : op == HandOp::kConv         ? std::vector<int32_t>{3, 1, 1, 3}
                                                                     : std::vector<int32_t>{1, 1, 3, 3};
  const int w = b.AddConstantBytes(filter_type, w_shape, filter_bytes.data(), filter_bytes.size(), w_quant);
  const int bias = b.AddConstant<int32_t>(TensorType::kInt32, {3}, kHandBias, b_quant);
  const int out = b.AddTensor(input_type, act_shape, unit);
  if (op == HandOp::kFullyConnected) {
    auto opts = tflite::CreateFullyConnectedOptions(b.fbb());
    b.AddOp(tflite::BuiltinOperator_FULLY_CONNECTED, {in, w, bias}, {out}, tflite::BuiltinOptions_FullyConnectedOptions, opts.Union());
  } else if (op == HandOp::kConv) {
    auto opts = tflite::CreateConv2DOptions(b.fbb(), tflite::Padding_VALID, 1, 1);
    b.AddOp(tflite::BuiltinOperator_CONV_2D, {in, w, bias}, {out}, tflite::BuiltinOptions_Conv2DOptions, opts.Union(), 7);
  } else {
    // A 1x3 filter over a 1x1 image with SAME padding: only the middle column (weights 3, 4, 5 of
    // the nine: -8, 3, -1) meets the pixel.
    auto opts = tflite::CreateDepthwiseConv2DOptions(b.fbb(), tflite::Padding_SAME, 1, 1, 1);
    b.AddOp(tflite::BuiltinOperator_DEPTHWISE_CONV_2D, {in, w, bias}, {out}, tflite::BuiltinOptions_DepthwiseConv2DOptions, opts.Union(),
            7);
  }
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

#if TINYRT_INT4_WEIGHTS
// Runs `model` on an int8 input with the reference variants only or with the optimized ones
// (set before AllocateTensors); returns the output and node 0's reason for running its reference
// variant.
struct RunResult {
  std::vector<int8_t> output;
  std::string reason;
};
RunResult RunInt8(const host::AlignedBuffer& bytes, const std::vector<int32_t>& input, bool reference_only) {
  RunResult run;
  Model model;
  EXPECT_TRUE(model.Load(bytes.data(), bytes.size()).ok());
  AllOpsResolver resolver;
  host::AlignedBuffer arena;
  arena.Resize(TINYRT_TEST_ARENA_BYTES);
  MicroInterpreter interpreter(model, resolver, arena.data(), arena.size());
  interpreter.UseReferenceKernels(reference_only);
  // The widened int8 models' optimized variants must run even where their scratch would set the
  // arena's peak.
  internal::SetKeepOptionalScratch(true);
  const Status status = interpreter.AllocateTensors();
  internal::SetKeepOptionalScratch(false);
  EXPECT_TRUE(status.ok()) << status.message();
  if (!status.ok()) return run;
  run.reason = interpreter.node(0).reference_reason;
  const std::vector<int8_t> in(input.begin(), input.end());
  EXPECT_EQ(interpreter.input(0).bytes(), in.size());
  std::memcpy(interpreter.input(0).raw(), in.data(), in.size());
  EXPECT_TRUE(interpreter.Invoke().ok());
  const TensorView out = interpreter.output(0);
  run.output.assign(out.data<int8_t>(), out.data<int8_t>() + out.elements());
  return run;
}

// The int4 model's outputs; checks that each node says why its reference variant runs (none:
// the portable optimized FULLY_CONNECTED reads int4 weights).
std::vector<int32_t> RunHand(const host::AlignedBuffer& model, bool reference_only, bool optimized_int4 = false) {
  const RunResult run = RunInt8(model, std::vector<int32_t>(kHandInput.begin(), kHandInput.end()), reference_only);
#if TINYRT_OPT_KERNELS
  const ReferenceReason optimized =
      optimized_int4 && TINYRT_OPT_INT4_FULLY_CONNECTED ? ReferenceReason::kNone : ReferenceReason::kInt4Filter;
  EXPECT_EQ(run.reason, ReferenceReasonText(reference_only ? ReferenceReason::kForced : optimized));
#else
  EXPECT_EQ(run.reason, ReferenceReasonText(ReferenceReason::kNotBuilt));
#endif
  return std::vector<int32_t>(run.output.begin(), run.output.end());
}

TEST(Int4Weights, HandWorkedFullyConnectedAndConv) {
  const std::vector<uint8_t> packed = PackInt4(kHandWeights, 0x0A);
  ASSERT_EQ(packed, (std::vector<uint8_t>{0xE1, 0x87, 0xF3, 0x50, 0xAD}));
  for (bool reference_only : {false, true}) {
    for (HandOp op : {HandOp::kFullyConnected, HandOp::kConv}) {
      const bool fc = op == HandOp::kFullyConnected;
      EXPECT_EQ(RunHand(HandModel(op, false, packed, TensorType::kInt4), reference_only, fc), (std::vector<int32_t>{-6, -10, 19}));
      // Per-channel: -6 * 1, -10 * 0.5, 19 * 2.
      EXPECT_EQ(RunHand(HandModel(op, true, packed, TensorType::kInt4), reference_only, fc), (std::vector<int32_t>{-6, -5, 38}));
    }
  }
}

TEST(Int4Weights, HandWorkedDepthwise) {
  const std::vector<uint8_t> packed = PackInt4(kHandWeights, 0x0A);
  // Channel c: input[c] * weight[3 + c] + bias[c]: 2 * -8 + 5, 3 * 3 - 4, -1 * -1 + 1.
  EXPECT_EQ(RunHand(HandModel(HandOp::kDepthwise, false, packed, TensorType::kInt4), false), (std::vector<int32_t>{-11, 5, 2}));
  // Per-channel: -11 * 1, 5 * 0.5 (2.5 rounds to 3 away from zero), 2 * 2.
  EXPECT_EQ(RunHand(HandModel(HandOp::kDepthwise, true, packed, TensorType::kInt4), false), (std::vector<int32_t>{-11, 3, 4}));
}

TEST(Int4Weights, PrepareNamesWhatIsWrong) {
  const std::vector<uint8_t> packed = PackInt4(kHandWeights);
  // 9 int4 values need 5 bytes.
  std::vector<uint8_t> longer = packed;
  longer.push_back(0);
  for (HandOp op : {HandOp::kFullyConnected, HandOp::kConv, HandOp::kDepthwise}) {
    SCOPED_TRACE(static_cast<int>(op));
    Runner too_long(HandModel(op, false, longer, TensorType::kInt4));
    ASSERT_FALSE(too_long.load_status().ok());
    EXPECT_NE(std::string(too_long.load_status().message()).find("holds 6 bytes but the shape and type (int4) need 5"), std::string::npos)
        << too_long.load_status().message();
    testing::ExpectPrepareError(HandModel(op, false, packed, TensorType::kInt4, /*filter_zero_point=*/1), "zero point 1");
  }
  testing::ExpectPrepareError(HandModel(HandOp::kConv, false, packed, TensorType::kInt4, 0, TensorType::kInt16),
                              "int16 input needs int8 filters, got int4");
  testing::ExpectPrepareError(HandModel(HandOp::kDepthwise, false, packed, TensorType::kInt4, 0, TensorType::kInt16),
                              "int16 input needs int8 filters, got int4");
  testing::ExpectPrepareError(HandModel(HandOp::kFullyConnected, false, packed, TensorType::kInt4, 0, TensorType::kInt16),
                              "int16 input needs int8 filters, got int4");
}

TEST(Int4Weights, FilterMustBeAConstant) {
  // An int4 filter fed as a graph input: refused by the kernel, naming the filter.
  ModelBuilder b;
  const Quant unit{{1.0f}, {0}};
  const int in = b.AddTensor(TensorType::kInt8, {1, 4}, unit);
  const int w = b.AddTensor(TensorType::kInt4, {2, 4}, unit, false, "w4");
  const int out = b.AddTensor(TensorType::kInt8, {1, 2}, unit);
  auto opts = tflite::CreateFullyConnectedOptions(b.fbb());
  b.AddOp(tflite::BuiltinOperator_FULLY_CONNECTED, {in, w, -1}, {out}, tflite::BuiltinOptions_FullyConnectedOptions, opts.Union());
  b.SetInputs({in, w});
  b.SetOutputs({out});
  Runner r(b.Finish());
  ASSERT_FALSE(r.ok());
  const std::string message = r.load_status().ok() ? r.allocate_status().message() : r.load_status().message();
  EXPECT_TRUE(message.find("'w4' is not a constant") != std::string::npos ||
              message.find("int4, which tinyrt cannot store") != std::string::npos)
      << message;
}

// The naive reference, and the same model with an int8 filter on every variant.
void CheckInt4Conv(ConvCase c) {
  c.type = TensorType::kInt8;
  c.bias_type = TensorType::kInt32;
  c.int4 = true;
  const ConvRun run(c);
  run.Check();
  const std::vector<int8_t> int4_out = RunInt8(run.BuildModel(), run.in_q, false).output;
  EXPECT_EQ(int4_out, RunInt8(run.BuildModel(), run.in_q, true).output);
  EXPECT_EQ(int4_out, RunInt8(run.BuildModel(/*int4_as_int8=*/true), run.in_q, false).output);
  EXPECT_EQ(int4_out, RunInt8(run.BuildModel(/*int4_as_int8=*/true), run.in_q, true).output);
}

TEST(Int4Weights, Conv2DRandomCases) {
  uint32_t seed = 100;
  for (bool per_channel : {true, false}) {
    for (int shape = 0; shape < 6; ++shape) {
      ConvCase c;
      c.seed = ++seed;
      c.per_channel = per_channel;
      c.act = shape % 2 ? tflite::ActivationFunctionType_RELU : tflite::ActivationFunctionType_NONE;
      if (shape == 1) c.in_d = 3, c.out_d = 5, c.f_h = 3, c.f_w = 1;  // odd filter sizes: rows start mid-byte
      if (shape == 2) c.padding = tflite::Padding_SAME, c.stride_h = 2, c.stride_w = 2, c.in_d = 7, c.out_d = 3;
      if (shape == 3) c.dil_h = 2, c.dil_w = 2, c.in_h = 7, c.in_w = 6, c.in_d = 5, c.out_d = 9;
      if (shape == 4) c.in_d = 6, c.filter_depth = 3, c.out_d = 4;  // grouped
      if (shape == 5) c.batches = 2, c.f_h = 1, c.f_w = 1, c.in_d = 33, c.out_d = 17, c.has_bias = false;
      SCOPED_TRACE(shape);
      CheckInt4Conv(c);
    }
  }
}

TEST(Int4Weights, DepthwiseConv2DRandomCases) {
  uint32_t seed = 200;
  for (bool per_channel : {true, false}) {
    for (int shape = 0; shape < 5; ++shape) {
      ConvCase c;
      c.depthwise = true;
      c.seed = ++seed;
      c.per_channel = per_channel;
      if (shape == 0) c.in_d = 3, c.out_d = 3;
      if (shape == 1) c.in_d = 3, c.out_d = 9, c.f_w = 2;  // depth multiplier 3
      if (shape == 2) c.in_d = 5, c.out_d = 5, c.padding = tflite::Padding_SAME, c.stride_h = 2;
      if (shape == 3) c.in_d = 7, c.out_d = 7, c.dil_h = 2, c.dil_w = 2, c.in_h = 7, c.in_w = 7, c.has_bias = false;
      if (shape == 4) c.in_d = 1, c.out_d = 3, c.f_h = 5, c.f_w = 5, c.in_h = 9, c.in_w = 9, c.act = tflite::ActivationFunctionType_RELU6;
      SCOPED_TRACE(shape);
      CheckInt4Conv(c);
    }
  }
}

TEST(Int4Weights, FullyConnectedRandomCases) {
  conv_test::Lcg rng(7);
  for (int n = 0; n < 16; ++n) {
    const bool per_channel = n % 2 == 0;
    const int32_t batches = 1 + n % 3;
    // Depths past the optimized variant's 32-weight chunks too, odd ones (rows start mid-byte).
    const int32_t depth = n < 12 ? 1 + rng.Int(0, 40) : 60 + rng.Int(0, 50);
    const int32_t outputs = 1 + rng.Int(0, 12);
    const int32_t in_zp = rng.Int(-20, 20);
    const int32_t out_zp = rng.Int(-20, 20);
    const float in_scale = 0.05f, out_scale = 0.1f + 0.05f * static_cast<float>(n);
    std::vector<int8_t> weights;
    for (int32_t i = 0; i < outputs * depth; ++i) weights.push_back(static_cast<int8_t>(rng.Int(-8, 7)));
    std::vector<float> scales;
    for (int32_t o = 0; o < (per_channel ? outputs : 1); ++o) scales.push_back(0.01f + 0.005f * static_cast<float>(rng.Int(0, 10)));
    std::vector<int32_t> bias, input;
    for (int32_t o = 0; o < outputs; ++o) bias.push_back(rng.Int(-2000, 2000));
    for (int32_t i = 0; i < batches * depth; ++i) input.push_back(rng.Int(-128, 127));
    auto build = [&](bool as_int8) {
      ModelBuilder b;
      Quant w_quant;
      w_quant.scales = scales;
      w_quant.zero_points.assign(scales.size(), 0);
      Quant b_quant;
      for (float s : scales) b_quant.scales.push_back(in_scale * s);
      b_quant.zero_points.assign(scales.size(), 0);
      const int in = b.AddTensor(TensorType::kInt8, {batches, depth}, Quant{{in_scale}, {in_zp}});
      const std::vector<uint8_t> packed = PackInt4(weights, 0x07);
      const int w = as_int8 ? b.AddConstant<int8_t>(TensorType::kInt8, {outputs, depth}, weights, w_quant)
                            : b.AddConstantBytes(TensorType::kInt4, {outputs, depth}, packed.data(), packed.size(), w_quant);
      const int bi = b.AddConstant<int32_t>(TensorType::kInt32, {outputs}, bias, b_quant);
      const int out = b.AddTensor(TensorType::kInt8, {batches, outputs}, Quant{{out_scale}, {out_zp}});
      auto opts = tflite::CreateFullyConnectedOptions(b.fbb());
      b.AddOp(tflite::BuiltinOperator_FULLY_CONNECTED, {in, w, bi}, {out}, tflite::BuiltinOptions_FullyConnectedOptions, opts.Union());
      b.SetInputs({in});
      b.SetOutputs({out});
      return b.Finish();
    };
    // TFLM's arithmetic: per-channel multipliers from double(in) * double(filter) / double(out);
    // per-tensor from the float product in * filter, divided by out in double.
    std::vector<int32_t> expected;
    for (int32_t bt = 0; bt < batches; ++bt) {
      for (int32_t o = 0; o < outputs; ++o) {
        int32_t acc = bias[static_cast<size_t>(o)];
        for (int32_t i = 0; i < depth; ++i)
          acc += weights[static_cast<size_t>(o * depth + i)] * (input[static_cast<size_t>(bt * depth + i)] - in_zp);
        const float s = scales[per_channel ? static_cast<size_t>(o) : 0];
        const double real = per_channel ? static_cast<double>(in_scale) * s / static_cast<double>(out_scale)
                                        : static_cast<double>(in_scale * s) / static_cast<double>(out_scale);
        int32_t m = 0;
        int shift = 0;
        tflm_arith::QuantizeMultiplier(real, &m, &shift);
        expected.push_back(std::min(127, std::max(-128, tflm_arith::Mbqm32(acc, m, shift) + out_zp)));
      }
    }
    SCOPED_TRACE(n);
    const RunResult optimized = RunInt8(build(false), input, false);
#if TINYRT_OPT_KERNELS
    EXPECT_EQ(optimized.reason,
              ReferenceReasonText(TINYRT_OPT_INT4_FULLY_CONNECTED ? ReferenceReason::kNone : ReferenceReason::kInt4Filter));
#endif
    const std::vector<int8_t> got = optimized.output;
    EXPECT_EQ(std::vector<int32_t>(got.begin(), got.end()), expected);
    EXPECT_EQ(got, RunInt8(build(false), input, true).output);
    EXPECT_EQ(got, RunInt8(build(true), input, false).output);
    EXPECT_EQ(got, RunInt8(build(true), input, true).output);
  }
}

#else   // TINYRT_INT4_WEIGHTS: firmware builds leave the int4 paths out unless asked

TEST(Int4Weights, RefusedNamingTheBuildOptionWhenNotBuiltIn) {
  const std::vector<uint8_t> packed = PackInt4(kHandWeights);
  testing::ExpectPrepareError(HandModel(HandOp::kConv, false, packed, TensorType::kInt4), "got int4 (int4 filters: CONV_2D");
  testing::ExpectPrepareError(HandModel(HandOp::kDepthwise, true, packed, TensorType::kInt4), "-DTINYRT_INT4_WEIGHTS=ON");
  testing::ExpectPrepareError(HandModel(HandOp::kFullyConnected, false, packed, TensorType::kInt4), "-DTINYRT_INT4_WEIGHTS=ON");
}
#endif  // TINYRT_INT4_WEIGHTS

}  // namespace
}  // namespace tinyrt
