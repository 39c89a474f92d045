// SPDX-License-Identifier: Apache-2.0
// The public kernel API (docs/custom_kernels.md): the example custom kernel
// (examples/custom_kernel/int8_scale.h) registered with AddCustom runs a model that uses it and
// gives TFLite's requantization results for every int8 input; its checks and options fail with
// messages naming the cause; and AddBuiltinKernel puts an application's kernel in place of a
// built-in one.
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "examples/custom_kernel/int8_scale.h"
#include "tests/test_util.h"
#include "tests/unit/signal_test_util.h"
#include "tinyrt/interpreter.h"

namespace {

using tinyrt::Status;
using tinyrt::TensorType;
using tinyrt::testing::ModelBuilder;
using tinyrt::testing::Quant;

// input (int8, scale in_scale, zero point in_zp) -> Int8Scale -> output (out_scale, out_zp).
tinyrt::host::AlignedBuffer Int8ScaleModel(const std::vector<uint8_t>& options, TensorType type = TensorType::kInt8) {
  ModelBuilder b;
  const int in = b.AddTensor(type, {2, 128}, Quant{{0.25f}, {5}, 0});
  const int out = b.AddTensor(TensorType::kInt8, {2, 128}, Quant{{0.5f}, {-3}, 0});
  b.AddOp(tflite::BuiltinOperator_CUSTOM, {in}, {out}, tflite::BuiltinOptions_NONE, 0, 1, "Int8Scale", options);
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

std::vector<uint8_t> Options(int factor_milli, bool relu) {
  return tinyrt::testing::FlexOptions([&](flexbuffers::Builder& fb) {
    fb.Int("factor_milli", factor_milli);
    fb.Bool("relu", relu);
  });
}

struct ScaleRun {
  explicit ScaleRun(tinyrt::host::AlignedBuffer bytes) : model_bytes(std::move(bytes)) {
    load = model.Load(model_bytes.data(), model_bytes.size());
    registered = resolver.AddCustom("Int8Scale", &int8_scale::kKernel);
  }
  Status Allocate() {
    if (!registered.ok()) return registered;
    interpreter.reset(new tinyrt::MicroInterpreter(model, resolver, arena, sizeof(arena)));
    return interpreter->AllocateTensors();
  }
  tinyrt::host::AlignedBuffer model_bytes;
  tinyrt::Model model;
  Status load;
  tinyrt::MicroMutableOpResolver<1> resolver;
  Status registered;
  alignas(16) uint8_t arena[4096];
  std::unique_ptr<tinyrt::MicroInterpreter> interpreter;
};

// TFLite's result: out_zp + (x - in_zp) * in_scale * factor / out_scale, clamped. The effective
// scale is fraction * 2^exponent with fraction in [0.5, 1) (exact in Q31 for the factors used
// here), and TFLite rounds in two steps: the Q31 product half up (gemmlowp's
// SaturatingRoundingDoublingHighMul), then a division by 2^-exponent half away from zero
// (RoundingDivideByPOT). The expectation follows those rules in double arithmetic.
void CheckEveryInput(int factor_milli, bool relu, double fraction, int exponent) {
  ASSERT_DOUBLE_EQ(std::ldexp(fraction, exponent), 0.25 * (factor_milli / 1000.0) / 0.5);
  ScaleRun run(Int8ScaleModel(Options(factor_milli, relu)));
  ASSERT_TRUE(run.load.ok()) << run.load.message();
  const Status status = run.Allocate();
  ASSERT_TRUE(status.ok()) << status.message();
  int8_t* input = run.interpreter->input(0).data<int8_t>();
  for (int i = 0; i < 256; ++i) input[i] = static_cast<int8_t>(i - 128);
  ASSERT_TRUE(run.interpreter->Invoke().ok());
  const int8_t* output = run.interpreter->output(0).data<int8_t>();
  for (int i = 0; i < 256; ++i) {
    const int x = i - 128;
    const double shifted = static_cast<double>(x - 5) * (exponent > 0 ? std::ldexp(1.0, exponent) : 1.0);
    const double high = std::floor(shifted * fraction + 0.5);  // half up
    const double divided = exponent < 0 ? high / std::ldexp(1.0, -exponent) : high;
    const double rounded = divided < 0 ? -std::floor(-divided + 0.5) : std::floor(divided + 0.5);  // half away from zero
    const int expected = std::max(relu ? -3 : -128, std::min(127, -3 + static_cast<int>(rounded)));
    ASSERT_EQ(output[i], expected) << "x = " << x << ", factor " << factor_milli << "e-3, relu " << relu;
  }
}

TEST(CustomKernel, Int8ScaleGivesTfliteRequantizationForEveryInput) {
  CheckEveryInput(1500, true, 0.75, 0);   // effective scale 0.75
  CheckEveryInput(3000, false, 0.75, 1);  // 1.5: a left shift
  CheckEveryInput(250, false, 0.5, -2);   // 0.125: a right shift
  CheckEveryInput(250, true, 0.5, -2);
}

TEST(CustomKernel, ChecksAndOptionsNameTheCause) {
  {
    ScaleRun run(Int8ScaleModel(tinyrt::testing::FlexOptions([](flexbuffers::Builder& fb) { fb.Bool("relu", true); })));
    const Status status = run.Allocate();
    ASSERT_FALSE(status.ok());
    EXPECT_NE(std::string(status.message()).find("custom option 'factor_milli' is missing"), std::string::npos) << status.message();
  }
  {
    ScaleRun run(Int8ScaleModel(Options(0, false)));
    const Status status = run.Allocate();
    ASSERT_FALSE(status.ok());
    EXPECT_NE(std::string(status.message()).find("'factor_milli' is 0, must be in [1, 1000000]"), std::string::npos) << status.message();
  }
  {
    ScaleRun run(Int8ScaleModel(Options(1000, false), TensorType::kInt16));
    const Status status = run.Allocate();
    ASSERT_FALSE(status.ok());
    EXPECT_NE(std::string(status.message()).find("input type int16 is not supported; Int8Scale takes int8"), std::string::npos)
        << status.message();
    EXPECT_NE(std::string(status.message()).find("Int8Scale (node 0)"), std::string::npos) << status.message();
  }
  {  // Not registered: the error says how to register it.
    tinyrt::host::AlignedBuffer bytes = Int8ScaleModel(Options(1000, false));
    tinyrt::Model model;
    ASSERT_TRUE(model.Load(bytes.data(), bytes.size()).ok());
    tinyrt::MicroMutableOpResolver<1> empty;
    alignas(16) static uint8_t arena[4096];
    tinyrt::MicroInterpreter interpreter(model, empty, arena, sizeof(arena));
    const Status status = interpreter.AllocateTensors();
    ASSERT_FALSE(status.ok());
    EXPECT_NE(std::string(status.message()).find("Int8Scale"), std::string::npos) << status.message();
  }
}

// An application's ZEROS_LIKE in place of tinyrt's: it fills with zeros too, and counts its calls.
int g_my_zeros_like_calls = 0;
Status MyZerosLikePrepare(tinyrt::PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(tinyrt::kernels::RequireIo(ctx, 1, 1));
  uint32_t* bytes = ctx.AllocateOpData<uint32_t>();
  if (bytes == nullptr) return ctx.ArenaExhausted();
  *bytes = static_cast<uint32_t>(ctx.output(0).bytes());
  return Status::Ok();
}
Status MyZerosLikeEval(const tinyrt::EvalContext& ctx) {
  ++g_my_zeros_like_calls;
  std::memset(ctx.output<uint8_t>(0), 0, *ctx.op_data<uint32_t>());
  return Status::Ok();
}
constexpr tinyrt::EvalVariant kMyZerosLikeVariants[] = {{MyZerosLikeEval, "application"}};
constexpr tinyrt::OpKernel kMyZerosLike = {MyZerosLikePrepare, kMyZerosLikeVariants, 1, 1};

tinyrt::host::AlignedBuffer ZerosLikeModel() {
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kInt8, {8});
  const int out = b.AddTensor(TensorType::kInt8, {8});
  b.AddOp(tflite::BuiltinOperator_ZEROS_LIKE, {in}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

template <typename Resolver>
void CheckReplacedZerosLike(Resolver& resolver, int expected_size) {
  tinyrt::host::AlignedBuffer bytes = ZerosLikeModel();
  tinyrt::Model model;
  ASSERT_TRUE(model.Load(bytes.data(), bytes.size()).ok());
  ASSERT_TRUE(resolver.AddBuiltinKernel(tflite::BuiltinOperator_ZEROS_LIKE, &kMyZerosLike).ok());
  EXPECT_EQ(resolver.size(), expected_size);  // replaced, not added twice
  alignas(16) static uint8_t arena[8192];
  tinyrt::MicroInterpreter interpreter(model, resolver, arena, sizeof(arena));
  const Status status = interpreter.AllocateTensors();
  ASSERT_TRUE(status.ok()) << status.message();
  std::memset(interpreter.input(0).raw(), 7, 8);
  std::memset(interpreter.output(0).raw(), 9, 8);
  g_my_zeros_like_calls = 0;
  ASSERT_TRUE(interpreter.Invoke().ok());
  EXPECT_EQ(g_my_zeros_like_calls, 1);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(interpreter.output(0).data<int8_t>()[i], 0);
}

TEST(CustomKernel, ApplicationKernelReplacesBuiltin) {
  {  // Instead of AddZerosLike().
    tinyrt::MicroMutableOpResolver<1> resolver;
    CheckReplacedZerosLike(resolver, 1);
  }
  {  // After AddZerosLike().
    tinyrt::MicroMutableOpResolver<1> resolver;
    ASSERT_TRUE(resolver.AddZerosLike().ok());
    CheckReplacedZerosLike(resolver, 1);
  }
  {  // In an AllOpsResolver, which already has tinyrt's.
    tinyrt::AllOpsResolver resolver;
    const int size = resolver.size();
    CheckReplacedZerosLike(resolver, size);
  }
  {  // Without the replacement, tinyrt's kernel runs (the counter stays 0).
    tinyrt::host::AlignedBuffer bytes = ZerosLikeModel();
    tinyrt::Model model;
    ASSERT_TRUE(model.Load(bytes.data(), bytes.size()).ok());
    tinyrt::MicroMutableOpResolver<1> resolver;
    ASSERT_TRUE(resolver.AddZerosLike().ok());
    alignas(16) static uint8_t arena[8192];
    tinyrt::MicroInterpreter interpreter(model, resolver, arena, sizeof(arena));
    ASSERT_TRUE(interpreter.AllocateTensors().ok());
    g_my_zeros_like_calls = 0;
    ASSERT_TRUE(interpreter.Invoke().ok());
    EXPECT_EQ(g_my_zeros_like_calls, 0);
  }
  tinyrt::MicroMutableOpResolver<1> resolver;
  EXPECT_FALSE(resolver.AddBuiltinKernel(tinyrt::kBuiltinCustom, &kMyZerosLike).ok());
  EXPECT_FALSE(resolver.AddBuiltinKernel(tflite::BuiltinOperator_ZEROS_LIKE, nullptr).ok());
}

}  // namespace
