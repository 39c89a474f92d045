// SPDX-License-Identifier: Apache-2.0
// Randomized equivalence of the optimized int8 kernels (src/kernels/opt) with the reference ones:
// many random shapes, strides, paddings, dilations, channel counts, depth multipliers, per-channel
// and per-tensor quantization, offsets and activations; every output byte must be equal. Each
// case also checks that the optimized variant really ran (else the comparison proves nothing).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "src/core/scratch_policy.h"
#include "src/kernels/opt/x86_avx2.h"
#include "tests/test_util.h"
#include "tests/unit/conv_test_util.h"

namespace tinyrt {
namespace {

using conv_test::ConvCase;
using conv_test::ConvRun;
using conv_test::Lcg;

struct Result {
  std::vector<int8_t> output;
  std::string variant;
  std::string reason;
};

Result RunModel(const host::AlignedBuffer& bytes, bool reference, const std::vector<std::vector<int8_t>>& inputs) {
  Result result;
  Model model;
  EXPECT_TRUE(model.Load(bytes.data(), bytes.size()).ok());
  AllOpsResolver resolver;
  host::AlignedBuffer arena;
  arena.Resize(4 << 20);
  MicroInterpreter interpreter(model, resolver, arena.data(), arena.size());
  interpreter.UseReferenceKernels(reference);
  // The optimized variants must run even where their scratch would set the arena's peak.
  internal::SetKeepOptionalScratch(true);
  const Status status = interpreter.AllocateTensors();
  internal::SetKeepOptionalScratch(false);
  EXPECT_TRUE(status.ok()) << status.message();
  if (!status.ok()) return result;
  result.variant = interpreter.node(0).variant;
  result.reason = interpreter.node(0).reference_reason;
  for (size_t i = 0; i < inputs.size(); ++i) {
    TensorView in = interpreter.input(i);
    EXPECT_EQ(in.bytes(), inputs[i].size());
    std::memcpy(in.raw(), inputs[i].data(), inputs[i].size());
  }
  EXPECT_TRUE(interpreter.Invoke().ok());
  const TensorView out = interpreter.output(0);
  result.output.assign(out.data<int8_t>(), out.data<int8_t>() + out.elements());
  return result;
}

bool OptimizedBuild() {
#if TINYRT_OPT_KERNELS
  return true;
#else
  return false;
#endif
}

// The optimized variant a case must run: the x86 AVX2 one where the build has it, the CPU runs it,
// the test allows it and the op's shape is one it takes (avx2_shape), else the build's variant.
bool Avx2Active() {
#if defined(TINYRT_ISA_X86_AVX2)
  return kernels::X86Avx2Enabled();
#else
  return false;
#endif
}
std::string ExpectedVariant(bool avx2_shape) {
#if defined(TINYRT_ISA_X86_AVX2)
  if (avx2_shape && Avx2Active()) return kernels::kX86Avx2Int8VariantName;
#else
  (void)avx2_shape;
#endif
  return kernels::kOptInt8VariantName;
}

// The portable variants on x86-64 (AVX2 switched off while alive).
class PortableOnly {
 public:
#if defined(TINYRT_ISA_X86_AVX2)
  PortableOnly() { kernels::SetX86Avx2Allowed(false); }
  ~PortableOnly() { kernels::SetX86Avx2Allowed(true); }
#endif
};

// Runs the model both ways and compares; `expected`: the optimized variant's name if not empty.
void ExpectEquivalent(const host::AlignedBuffer& model, const std::vector<std::vector<int8_t>>& input, const std::string& what,
                      const std::string& expected = "") {
  const Result ref = RunModel(model, true, input);
  const Result opt = RunModel(model, false, input);
  EXPECT_EQ(ref.variant, "reference int8") << what;
  EXPECT_EQ(ref.reason, OptimizedBuild() ? "reference kernels forced" : "built with TINYRT_REFERENCE_KERNELS") << what;
  if (OptimizedBuild()) {
    EXPECT_NE(opt.variant.find("int8"), std::string::npos) << what;
    EXPECT_EQ(opt.variant.find("reference"), std::string::npos) << what << ": " << opt.variant << " (" << opt.reason << ")";
    EXPECT_EQ(opt.reason, "") << what;
    if (!expected.empty()) {
      EXPECT_EQ(opt.variant, expected) << what;
    }
  }
  ASSERT_EQ(ref.output.size(), opt.output.size()) << what;
  size_t mismatches = 0;
  for (size_t i = 0; i < ref.output.size(); ++i) mismatches += ref.output[i] != opt.output[i];
  EXPECT_EQ(mismatches, 0u) << what;
}

ConvCase RandomConv(Lcg& rng, bool depthwise, uint32_t seed) {
  ConvCase c;
  c.depthwise = depthwise;
  c.type = TensorType::kInt8;
  c.bias_type = TensorType::kInt32;
  c.has_bias = rng.Int(0, 4) != 0;
  c.per_channel = rng.Int(0, 2) != 0;
  c.batches = rng.Int(0, 5) == 0 ? 2 : 1;
  c.f_h = rng.Int(1, 5);
  c.f_w = rng.Int(1, 5);
  c.stride_h = rng.Int(1, 3);
  c.stride_w = rng.Int(1, 3);
  c.dil_h = rng.Int(0, 4) == 0 ? 2 : 1;
  c.dil_w = rng.Int(0, 4) == 0 ? 2 : 1;
  c.padding = rng.Int(0, 1) ? tflite::Padding_SAME : tflite::Padding_VALID;
  c.in_h = (c.f_h - 1) * c.dil_h + rng.Int(1, 9);
  c.in_w = (c.f_w - 1) * c.dil_w + rng.Int(1, 9);
  if (depthwise) {
    static const int32_t kMultipliers[] = {1, 1, 1, 2, 3, 4, 8};
    const int32_t m = kMultipliers[rng.Int(0, 6)];
    c.in_d = rng.Int(1, m == 1 ? 19 : 5);
    c.out_d = c.in_d * m;
  } else {
    c.in_d = rng.Int(1, 19);
    c.out_d = rng.Int(1, 19);
  }
  static const tflite::ActivationFunctionType kActs[] = {tflite::ActivationFunctionType_NONE, tflite::ActivationFunctionType_RELU,
                                                         tflite::ActivationFunctionType_RELU6, tflite::ActivationFunctionType_RELU_N1_TO_1};
  c.act = kActs[rng.Int(0, 3)];
  c.in_scale = 0.01f + 0.01f * static_cast<float>(rng.Int(0, 20));
  c.out_scale = 0.02f + 0.02f * static_cast<float>(rng.Int(0, 20));
  c.in_zp = rng.Int(-128, 127);
  c.out_zp = rng.Int(-128, 127);
  c.seed = seed;
  return c;
}

std::string Describe(const ConvCase& c) {
  return std::string(c.depthwise ? "depthwise" : "conv") + " b" + std::to_string(c.batches) + " in " + std::to_string(c.in_h) + "x" +
         std::to_string(c.in_w) + "x" + std::to_string(c.in_d) + " f " + std::to_string(c.f_h) + "x" + std::to_string(c.f_w) + " out_d " +
         std::to_string(c.out_d) + " stride " + std::to_string(c.stride_h) + "x" + std::to_string(c.stride_w) + " dil " +
         std::to_string(c.dil_h) + "x" + std::to_string(c.dil_w) + (c.padding == tflite::Padding_SAME ? " SAME" : " VALID") +
         (c.per_channel ? " per-channel" : " per-tensor") + (c.has_bias ? "" : " no-bias") + " act " + std::to_string(c.act) + " zp " +
         std::to_string(c.in_zp) + "/" + std::to_string(c.out_zp) + " seed " + std::to_string(c.seed);
}

void RunConvCases(bool depthwise, int count) {
  Lcg rng(depthwise ? 77 : 42);
  for (int i = 0; i < count; ++i) {
    const ConvCase c = RandomConv(rng, depthwise, static_cast<uint32_t>(i + 1));
    const ConvRun run(c);
    std::vector<int8_t> input(run.in_q.begin(), run.in_q.end());
    const bool avx2_shape = !depthwise || c.out_d == c.in_d || c.in_d == 1;  // DepthwiseConv2DInt8X86Avx2Runs (filters up to 5 rows)
    ExpectEquivalent(run.BuildModel(), {input}, Describe(c), ExpectedVariant(avx2_shape));
    if (::testing::Test::HasFailure()) return;  // one readable failure, not hundreds
  }
}

TEST(Int8Equivalence, Conv2DRandomCases) { RunConvCases(false, 400); }

TEST(Int8Equivalence, DepthwiseConv2DRandomCases) { RunConvCases(true, 400); }

// The same cases on the portable variants (on x86-64 hosts with AVX2 they would not run else).
TEST(Int8Equivalence, Conv2DRandomCasesPortable) {
  const PortableOnly portable;
  RunConvCases(false, 400);
}

TEST(Int8Equivalence, DepthwiseConv2DRandomCasesPortable) {
  const PortableOnly portable;
  RunConvCases(true, 400);
}

// Multiplier-1 depthwise on wider images, so that rows have an interior run of output pixels
// whose taps are all inside the input in x (the AVX2 variant's per-row base pointers; with 8
// channels, two pixels per vector) besides the border pixels; channel counts 8, 16, 24, 32 and
// others.
TEST(Int8Equivalence, DepthwiseConv2DWideRandomCases) {
  Lcg rng(314);
  static const int32_t kDepths[] = {8, 8, 8, 16, 16, 24, 32, 40, 9, 12, 17};
  for (int i = 0; i < 120; ++i) {
    ConvCase c = RandomConv(rng, true, static_cast<uint32_t>(1000 + i));
    c.in_d = c.out_d = kDepths[rng.Int(0, 10)];
    if (rng.Int(0, 3) == 0) {  // one input channel with a multiplier (by filter rows when the filter row is at most 16 taps)
      c.in_d = 1;
      c.out_d = 8 * rng.Int(1, 3);
    }
    c.batches = 1;
    c.in_w = (c.f_w - 1) * c.dil_w + rng.Int(1, 50);
    c.in_h = (c.f_h - 1) * c.dil_h + rng.Int(1, 6);
    const ConvRun run(c);
    ExpectEquivalent(run.BuildModel(), {std::vector<int8_t>(run.in_q.begin(), run.in_q.end())}, Describe(c), ExpectedVariant(true));
    if (::testing::Test::HasFailure()) return;
  }
}

// CONV_2D with filter rows of at most 16 input bytes (the AVX2 variant's direct convolution by
// filter rows: 16-byte row loads inside the input, gathered rows at the borders) on wider images.
TEST(Int8Equivalence, Conv2DNarrowRowsRandomCases) {
  Lcg rng(2718);
  static const int32_t kDepths[] = {1, 2, 3, 3, 4, 5, 8, 16};
  for (int i = 0; i < 120; ++i) {
    ConvCase c = RandomConv(rng, false, static_cast<uint32_t>(2000 + i));
    c.in_d = kDepths[rng.Int(0, 7)];
    c.out_d = rng.Int(0, 3) == 0 ? rng.Int(1, 40) : 8 * rng.Int(1, 5);
    c.f_w = rng.Int(1, 16 / c.in_d < 5 ? 16 / c.in_d : 5);
    c.in_w = (c.f_w - 1) * c.dil_w + rng.Int(1, 50);
    c.in_h = (c.f_h - 1) * c.dil_h + rng.Int(1, 6);
    const ConvRun run(c);
    ExpectEquivalent(run.BuildModel(), {std::vector<int8_t>(run.in_q.begin(), run.in_q.end())}, Describe(c), ExpectedVariant(true));
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(Int8Equivalence, Conv2DModelShapes) {
  // Shapes of the benchmark models: kws' first 10x4 stride-2 window on one channel, 1x1 pointwise
  // layers with channel counts that are and are not multiples of 4, resnet's 3x3 SAME.
  struct Shape {
    int32_t in_h, in_w, in_d, f_h, f_w, out_d, stride;
    tflite::Padding padding;
  };
  const Shape shapes[] = {{49, 10, 1, 10, 4, 64, 2, tflite::Padding_SAME}, {25, 5, 64, 1, 1, 64, 1, tflite::Padding_SAME},
                          {12, 12, 8, 1, 1, 16, 1, tflite::Padding_VALID}, {8, 8, 16, 3, 3, 16, 1, tflite::Padding_SAME},
                          {9, 9, 3, 3, 3, 8, 2, tflite::Padding_SAME},     {6, 6, 6, 1, 1, 10, 1, tflite::Padding_VALID}};
  for (const Shape& s : shapes) {
    ConvCase c;
    c.type = TensorType::kInt8;
    c.bias_type = TensorType::kInt32;
    c.in_h = s.in_h, c.in_w = s.in_w, c.in_d = s.in_d, c.f_h = s.f_h, c.f_w = s.f_w, c.out_d = s.out_d;
    c.stride_h = c.stride_w = s.stride;
    c.padding = s.padding;
    c.in_zp = -128;
    c.out_zp = 7;
    const ConvRun run(c);
    ExpectEquivalent(run.BuildModel(), {std::vector<int8_t>(run.in_q.begin(), run.in_q.end())}, Describe(c), ExpectedVariant(true));
  }
}

TEST(Int8Equivalence, DepthwiseConv2DModelShapes) {
  // Multiplier-1 depthwise layers of the benchmark models (kws: 64 channels; mobilenet: 8 to 256,
  // stride 2) and channel counts with 16-, 8- and 1-channel remainders; micro_speech's one input
  // channel with 8 filters.
  struct Shape {
    int32_t in_h, in_w, in_d, f_h, f_w, out_d, stride;
    tflite::Padding padding;
  };
  const Shape shapes[] = {{25, 5, 64, 3, 3, 64, 1, tflite::Padding_SAME},  {12, 12, 32, 3, 3, 32, 2, tflite::Padding_SAME},
                          {6, 6, 256, 3, 3, 256, 1, tflite::Padding_SAME}, {7, 9, 43, 3, 3, 43, 1, tflite::Padding_VALID},
                          {5, 5, 24, 3, 3, 24, 2, tflite::Padding_SAME},   {49, 40, 1, 10, 8, 8, 2, tflite::Padding_SAME}};
  for (const Shape& s : shapes) {
    ConvCase c;
    c.depthwise = true;
    c.type = TensorType::kInt8;
    c.bias_type = TensorType::kInt32;
    c.in_h = s.in_h, c.in_w = s.in_w, c.in_d = s.in_d, c.f_h = s.f_h, c.f_w = s.f_w, c.out_d = s.out_d;
    c.stride_h = c.stride_w = s.stride;
    c.padding = s.padding;
    c.in_zp = -128;
    c.out_zp = 7;
    c.act = tflite::ActivationFunctionType_RELU6;
    const ConvRun run(c);
    ExpectEquivalent(run.BuildModel(), {std::vector<int8_t>(run.in_q.begin(), run.in_q.end())}, Describe(c), ExpectedVariant(true));
  }
}

// FULLY_CONNECTED: [batches, depth] x [channels, depth].
host::AlignedBuffer FcModel(Lcg& rng, int32_t batches, int32_t depth, int32_t channels, bool per_channel, bool has_bias, int32_t in_zp,
                            int32_t out_zp, tflite::ActivationFunctionType act, int32_t filter_zp = 0) {
  testing::ModelBuilder b;
  const int in = b.AddTensor(TensorType::kInt8, {batches, depth}, testing::Quant{{0.05f}, {in_zp}});
  std::vector<int8_t> w(static_cast<size_t>(channels) * depth);
  for (auto& v : w) v = static_cast<int8_t>(rng.Int(-127, 127));
  testing::Quant wq;
  for (int32_t o = 0; o < (per_channel ? channels : 1); ++o) wq.scales.push_back(0.002f + 0.001f * static_cast<float>(rng.Int(0, 9)));
  wq.zero_points.assign(wq.scales.size(), filter_zp);
  const int wt = b.AddConstant<int8_t>(TensorType::kInt8, {channels, depth}, w, wq);
  std::vector<int32_t> inputs = {in, wt};
  if (has_bias) {
    std::vector<int32_t> bias(static_cast<size_t>(channels));
    for (auto& v : bias) v = rng.Int(-5000, 5000);
    inputs.push_back(b.AddConstant<int32_t>(TensorType::kInt32, {channels}, bias, testing::Quant{{0.0001f}, {0}}));
  }
  const int out =
      b.AddTensor(TensorType::kInt8, {batches, channels}, testing::Quant{{0.1f + 0.01f * static_cast<float>(rng.Int(0, 30))}, {out_zp}});
  auto opts = tflite::CreateFullyConnectedOptions(b.fbb(), act);
  b.AddOp(tflite::BuiltinOperator_FULLY_CONNECTED, inputs, {out}, tflite::BuiltinOptions_FullyConnectedOptions, opts.Union(), 4);
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

void RunFullyConnectedCases() {
  Lcg rng(9);
  for (int i = 0; i < 300; ++i) {
    // Depths beyond 70 now and then: several 16-byte slices and every remainder.
    const int32_t batches = rng.Int(1, 4), depth = rng.Int(0, 4) == 0 ? rng.Int(1, 700) : rng.Int(1, 70), channels = rng.Int(1, 40);
    const bool per_channel = rng.Int(0, 1) != 0, has_bias = rng.Int(0, 3) != 0;
    const int32_t in_zp = rng.Int(-128, 127), out_zp = rng.Int(-128, 127);
    const auto act = rng.Int(0, 1) ? tflite::ActivationFunctionType_RELU : tflite::ActivationFunctionType_NONE;
    const host::AlignedBuffer model = FcModel(rng, batches, depth, channels, per_channel, has_bias, in_zp, out_zp, act);
    std::vector<int8_t> input(static_cast<size_t>(batches) * depth);
    for (auto& v : input) v = static_cast<int8_t>(rng.Int(-128, 127));
    ExpectEquivalent(model, {input},
                     "fc b" + std::to_string(batches) + " depth " + std::to_string(depth) + " channels " + std::to_string(channels) +
                         (per_channel ? " per-channel" : " per-tensor") + (has_bias ? "" : " no-bias"),
                     ExpectedVariant(true));
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(Int8Equivalence, FullyConnectedRandomCases) { RunFullyConnectedCases(); }

// One input row of depth 8 (ad01's 8 -> 128 layer; the AVX2 variant takes two weight rows per
// 16-byte slice), odd batch counts so that the last row runs alone.
TEST(Int8Equivalence, FullyConnectedDepth8) {
  Lcg rng(88);
  for (int i = 0; i < 40; ++i) {
    const int32_t batches = 2 * rng.Int(0, 1) + 1, channels = rng.Int(1, 140);
    const bool per_channel = rng.Int(0, 1) != 0, has_bias = rng.Int(0, 3) != 0;
    const int32_t in_zp = rng.Int(-128, 127), out_zp = rng.Int(-128, 127);
    const host::AlignedBuffer model =
        FcModel(rng, batches, 8, channels, per_channel, has_bias, in_zp, out_zp, tflite::ActivationFunctionType_RELU);
    std::vector<int8_t> input(static_cast<size_t>(batches) * 8);
    for (auto& v : input) v = static_cast<int8_t>(rng.Int(-128, 127));
    ExpectEquivalent(model, {input}, "fc depth 8 b" + std::to_string(batches) + " channels " + std::to_string(channels),
                     ExpectedVariant(true));
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(Int8Equivalence, FullyConnectedRandomCasesPortable) {
  const PortableOnly portable;
  RunFullyConnectedCases();
}

// ADD of two int8 tensors: shape1 and shape2 (equal, or broadcast).
host::AlignedBuffer AddModel(Lcg& rng, const std::vector<int32_t>& shape1, const std::vector<int32_t>& shape2,
                             const std::vector<int32_t>& out_shape, tflite::ActivationFunctionType act) {
  testing::ModelBuilder b;
  auto scale = [&]() { return 0.005f + 0.005f * static_cast<float>(rng.Int(0, 40)); };
  const int in1 = b.AddTensor(TensorType::kInt8, shape1, testing::Quant{{scale()}, {rng.Int(-128, 127)}});
  const int in2 = b.AddTensor(TensorType::kInt8, shape2, testing::Quant{{scale()}, {rng.Int(-128, 127)}});
  const int out = b.AddTensor(TensorType::kInt8, out_shape, testing::Quant{{scale() * 2}, {rng.Int(-128, 127)}});
  auto opts = tflite::CreateAddOptions(b.fbb(), act);
  b.AddOp(tflite::BuiltinOperator_ADD, {in1, in2}, {out}, tflite::BuiltinOptions_AddOptions, opts.Union(), 2);
  b.SetInputs({in1, in2});
  b.SetOutputs({out});
  return b.Finish();
}

void RunAddCases() {
  Lcg rng(5);
  static const tflite::ActivationFunctionType kActs[] = {tflite::ActivationFunctionType_NONE, tflite::ActivationFunctionType_RELU,
                                                         tflite::ActivationFunctionType_RELU6};
  for (int i = 0; i < 300; ++i) {
    const std::vector<int32_t> shape = {1, rng.Int(1, 7), rng.Int(1, 7), rng.Int(1, 9)};
    const size_t n = static_cast<size_t>(shape[1] * shape[2] * shape[3]);
    const host::AlignedBuffer model = AddModel(rng, shape, shape, shape, kActs[rng.Int(0, 2)]);
    std::vector<int8_t> a(n), b(n);
    for (auto& v : a) v = static_cast<int8_t>(rng.Int(-128, 127));
    for (auto& v : b) v = static_cast<int8_t>(rng.Int(-128, 127));
    ExpectEquivalent(model, {a, b}, "add " + std::to_string(n) + " elements, case " + std::to_string(i), ExpectedVariant(true));
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(Int8Equivalence, AddRandomCases) { RunAddCases(); }

TEST(Int8Equivalence, AddRandomCasesPortable) {
  const PortableOnly portable;
  RunAddCases();
}

TEST(Int8Equivalence, ReferenceReasons) {
  if (!OptimizedBuild()) GTEST_SKIP() << "built with TINYRT_REFERENCE_KERNELS";
  // A filter zero point keeps FULLY_CONNECTED on the reference variant, and says why.
  Lcg rng(3);
  const host::AlignedBuffer fc = FcModel(rng, 1, 8, 4, false, true, 0, 0, tflite::ActivationFunctionType_NONE, 3);
  const Result r = RunModel(fc, false, {std::vector<int8_t>(8, 1)});
  EXPECT_EQ(r.variant, "reference int8");
  EXPECT_EQ(r.reason, "filter zero point is not 0");
  // Grouped convolution: two groups of 2 input channels.
  ConvCase c;
  c.type = TensorType::kInt8;
  c.bias_type = TensorType::kInt32;
  c.in_d = 4;
  c.filter_depth = 2;
  c.out_d = 4;
  const ConvRun run(c);
  const Result g = RunModel(run.BuildModel(), false, {std::vector<int8_t>(run.in_q.begin(), run.in_q.end())});
  EXPECT_EQ(g.variant, "reference int8");
  EXPECT_EQ(g.reason, "grouped convolution");
  // ADD with broadcasting.
  const host::AlignedBuffer add = AddModel(rng, {1, 2, 2, 3}, {1, 1, 1, 3}, {1, 2, 2, 3}, tflite::ActivationFunctionType_NONE);
  const Result a = RunModel(add, false, {std::vector<int8_t>(12, 1), std::vector<int8_t>(3, 2)});
  EXPECT_EQ(a.variant, "reference int8 broadcast");
  EXPECT_EQ(a.reason, "broadcasting");
  // float32 has no optimized variant: no reason to report.
  ConvCase f;
  const ConvRun frun(f);
  Model model;
  const host::AlignedBuffer bytes = frun.BuildModel();
  ASSERT_TRUE(model.Load(bytes.data(), bytes.size()).ok());
  AllOpsResolver resolver;
  host::AlignedBuffer arena;
  arena.Resize(1 << 20);
  MicroInterpreter interpreter(model, resolver, arena.data(), arena.size());
  ASSERT_TRUE(interpreter.AllocateTensors().ok());
  EXPECT_STREQ(interpreter.node(0).variant, "reference float32");
  EXPECT_STREQ(interpreter.node(0).reference_reason, "");
}

TEST(Int8Equivalence, AveragePoolRandomCases) {
  Lcg rng(13);
  for (int i = 0; i < 300; ++i) {
    testing::ModelBuilder b;
    const int32_t fh = rng.Int(1, 6), fw = rng.Int(1, 6), sh = rng.Int(1, 3), sw = rng.Int(1, 3);
    const bool same = rng.Int(0, 1) != 0;
    const int32_t h = fh + rng.Int(0, 9), w = fw + rng.Int(0, 9), d = rng.Int(1, 70);
    const int32_t oh = same ? (h + sh - 1) / sh : (h - fh) / sh + 1, ow = same ? (w + sw - 1) / sw : (w - fw) / sw + 1;
    const testing::Quant q{{0.01f * static_cast<float>(rng.Int(1, 20))}, {rng.Int(-128, 127)}};
    const int in = b.AddTensor(TensorType::kInt8, {1, h, w, d}, q);
    const int out = b.AddTensor(TensorType::kInt8, {1, oh, ow, d}, q);
    const auto act = rng.Int(0, 1) ? tflite::ActivationFunctionType_RELU6 : tflite::ActivationFunctionType_NONE;
    auto opts = tflite::CreatePool2DOptions(b.fbb(), same ? tflite::Padding_SAME : tflite::Padding_VALID, sw, sh, fw, fh, act);
    b.AddOp(tflite::BuiltinOperator_AVERAGE_POOL_2D, {in}, {out}, tflite::BuiltinOptions_Pool2DOptions, opts.Union(), 2);
    b.SetInputs({in});
    b.SetOutputs({out});
    std::vector<int8_t> input(static_cast<size_t>(h) * w * d);
    for (auto& v : input) v = static_cast<int8_t>(rng.Int(-128, 127));
    ExpectEquivalent(b.Finish(), {input},
                     "average pool " + std::to_string(h) + "x" + std::to_string(w) + "x" + std::to_string(d) + " f" + std::to_string(fh) +
                         "x" + std::to_string(fw) + " s" + std::to_string(sh) + std::to_string(sw));
    if (HasFailure()) return;
  }
}

}  // namespace
}  // namespace tinyrt
