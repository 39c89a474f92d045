// SPDX-License-Identifier: Apache-2.0
// In-place execution: windowed ops writing their output over their input (row ring buffer) and
// element-wise ops taking over an input must give exactly the out-of-place results.
#include <gtest/gtest.h>

#include "src/kernels/in_place_rows.h"
#include "tests/unit/conv_test_util.h"

namespace tinyrt {
namespace {

using conv_test::ConvCase;
using conv_test::ConvRun;
using conv_test::Lcg;

// A random geometry: expanding and shrinking channel counts, strides, dilations, both paddings.
ConvCase RandomCase(Lcg& rng, bool depthwise, TensorType type, uint32_t seed) {
  ConvCase c;
  c.depthwise = depthwise;
  c.type = type;
  c.bias_type = type == TensorType::kFloat32 ? TensorType::kFloat32 : (type == TensorType::kInt8 ? TensorType::kInt32 : TensorType::kInt64);
  c.in_h = rng.Int(1, 12);
  c.in_w = rng.Int(1, 9);
  c.in_d = rng.Int(1, 6);
  c.f_h = rng.Int(1, 5);
  c.f_w = rng.Int(1, 4);
  c.stride_h = rng.Int(1, 3);
  c.stride_w = rng.Int(1, 3);
  c.dil_h = rng.Int(1, 2);
  c.dil_w = rng.Int(1, 2);
  c.padding = rng.Int(0, 1) == 0 ? tflite::Padding_SAME : tflite::Padding_VALID;
  c.out_d = depthwise ? c.in_d * rng.Int(1, 3) : rng.Int(1, 12);
  c.seed = seed;
  if (c.padding == tflite::Padding_VALID) {  // keep at least one output row and column
    if ((c.f_h - 1) * c.dil_h + 1 > c.in_h) c.f_h = 1;
    if ((c.f_w - 1) * c.dil_w + 1 > c.in_w) c.f_w = 1;
  }
  return c;
}

// The model's only input ends at the op, so the planner lets the output take it over whenever
// the kernel asks; the naive reference in ConvRun is computed out of place.
void CheckRandomCases(bool depthwise, TensorType type) {
  Lcg rng(depthwise ? 77 : 78);
  int in_place = 0, reverse = 0;
  for (uint32_t i = 0; i < 300; ++i) {
    const ConvCase c = RandomCase(rng, depthwise, type, i + 1);
    SCOPED_TRACE(::testing::Message() << "case " << i << ": " << c.in_h << "x" << c.in_w << "x" << c.in_d << " filter " << c.f_h << "x"
                                      << c.f_w << " stride " << c.stride_h << " dilation " << c.dil_h << " out_d " << c.out_d
                                      << (c.padding == tflite::Padding_SAME ? " SAME" : " VALID"));
    ConvRun run(c);
    run.Check();
    if (::testing::Test::HasFailure()) return;
    testing::Runner r(run.BuildModel());
    ASSERT_TRUE(r.ok());
    if (r.interpreter().input(0).raw() == r.interpreter().output(0).raw()) {
      ++in_place;
      const size_t in_bytes = r.interpreter().input(0).bytes(), out_bytes = r.interpreter().output(0).bytes();
      if (out_bytes > in_bytes) ++reverse;
    }
  }
  // Both processing orders must have been exercised.
  EXPECT_GT(in_place, 100);
  EXPECT_GT(reverse, 10);
}

TEST(InPlace, DepthwiseInt8MatchesOutOfPlace) { CheckRandomCases(true, TensorType::kInt8); }
TEST(InPlace, DepthwiseFloatMatchesOutOfPlace) { CheckRandomCases(true, TensorType::kFloat32); }
TEST(InPlace, ConvInt8MatchesOutOfPlace) { CheckRandomCases(false, TensorType::kInt8); }
TEST(InPlace, ConvInt16MatchesOutOfPlace) { CheckRandomCases(false, TensorType::kInt16); }

TEST(InPlace, RingSizes) {
  using kernels::InPlaceRows;
  using kernels::PlanInPlaceRows;
  using kernels::RowWindow;
  InPlaceRows plan;
  // 3x3 stride 1 SAME, same row size (ResNet's second convolution): two rows in the ring.
  ASSERT_TRUE(PlanInPlaceRows(RowWindow{32, 32, 512, 512, 1, 1, 3}, &plan));
  EXPECT_EQ(plan.ring_rows, 2);
  EXPECT_EQ(plan.reverse, 0);
  // 1x1 expanding 8 -> 16 channels: backwards, one row (the row being computed).
  ASSERT_TRUE(PlanInPlaceRows(RowWindow{48, 48, 48 * 8, 48 * 16, 1, 0, 1}, &plan));
  EXPECT_EQ(plan.reverse, 1);
  EXPECT_EQ(plan.ring_rows, 1);
  // 3x3 stride 2 shrinking rows: forward.
  ASSERT_TRUE(PlanInPlaceRows(RowWindow{48, 24, 48 * 16, 24 * 16, 2, 0, 3}, &plan));
  EXPECT_EQ(plan.reverse, 0);
  EXPECT_LE(plan.ring_rows, 2);
  // A single tall row: the ring would be as large as the input; not worth it.
  EXPECT_FALSE(PlanInPlaceRows(RowWindow{1, 1, 64, 64, 1, 0, 1}, &plan));
}

// Element-wise: ADD takes over the input that ends at it; a second model keeps that input alive
// (a model output), so it runs out of place; the results agree.
TEST(InPlace, AddTakesOverAnInputThatEndsThere) {
  std::vector<int8_t> results[2];
  for (bool keep_input : {false, true}) {
    testing::ModelBuilder b;
    const testing::Quant q{{0.1f}, {3}};
    const int x = b.AddTensor(TensorType::kInt8, {1, 4, 4, 3}, q);
    const int y = b.AddTensor(TensorType::kInt8, {1, 4, 4, 3}, q);
    const int sum = b.AddTensor(TensorType::kInt8, {1, 4, 4, 3}, testing::Quant{{0.2f}, {-1}});
    auto opts = tflite::CreateAddOptions(b.fbb());
    b.AddOp(tflite::BuiltinOperator_ADD, {x, y}, {sum}, tflite::BuiltinOptions_AddOptions, opts.Union());
    b.SetInputs({x, y});
    b.SetOutputs(keep_input ? std::vector<int32_t>{sum, x, y} : std::vector<int32_t>{sum});
    testing::Runner r(b.Finish());
    ASSERT_TRUE(r.ok());
    std::vector<int8_t> a(48), c(48);
    for (int i = 0; i < 48; ++i)
      a[static_cast<size_t>(i)] = static_cast<int8_t>(i * 5 - 100), c[static_cast<size_t>(i)] = static_cast<int8_t>(50 - i * 3);
    r.SetInput<int8_t>(0, a);
    r.SetInput<int8_t>(1, c);
    EXPECT_EQ(r.interpreter().output(0).raw() == r.interpreter().input(0).raw(), !keep_input);
    ASSERT_TRUE(r.Invoke().ok());
    results[keep_input ? 1 : 0] = r.Output<int8_t>(0);
    const std::vector<int8_t>& got = results[keep_input ? 1 : 0];
    for (size_t i = 0; i < 48; ++i) {
      // (0.1 (a-3) + 0.1 (c-3)) / 0.2 - 1 = (a + c - 6) / 2 - 1: exact halves may round either way
      // in the fixed-point pipeline, so allow one step; the two runs must agree exactly below.
      const double real = 0.1 * (a[i] - 3) + 0.1 * (c[i] - 3);
      const long expected = std::lround(real / 0.2) - 1;
      EXPECT_NEAR(got[i], std::max(-128L, std::min(127L, expected)), 1) << i;
    }
  }
  EXPECT_EQ(results[0], results[1]);
}

// RELU6 reads each element before writing it, so its output takes over an input that ends there
// (as RELU, LEAKY_RELU, LOGISTIC and TANH do): the planned arena is one tensor smaller.
TEST(InPlace, Relu6TakesOverItsInput) {
  size_t planned[2] = {0, 0};
  for (bool keep_input : {false, true}) {
    testing::ModelBuilder b;
    const testing::Quant q{{0.05f}, {-10}};
    const int x = b.AddTensor(TensorType::kInt8, {1, 8, 8, 4}, q);
    const int y = b.AddTensor(TensorType::kInt8, {1, 8, 8, 4}, q);
    b.AddOp(tflite::BuiltinOperator_RELU6, {x}, {y});
    b.SetInputs({x});
    b.SetOutputs(keep_input ? std::vector<int32_t>{y, x} : std::vector<int32_t>{y});
    testing::Runner r(b.Finish());
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.interpreter().output(0).raw() == r.interpreter().input(0).raw(), !keep_input);
    std::vector<int8_t> a(256);
    for (int i = 0; i < 256; ++i) a[static_cast<size_t>(i)] = static_cast<int8_t>(i - 128);
    r.SetInput<int8_t>(0, a);
    ASSERT_TRUE(r.Invoke().ok());
    const std::vector<int8_t> got = r.Output<int8_t>(0);
    // zero point -10; 6 / 0.05 = 120 -> 110: clamp to [-10, 110].
    for (size_t i = 0; i < 256; ++i) EXPECT_EQ(got[i], std::max<int>(-10, std::min<int>(110, a[i]))) << i;
    planned[keep_input ? 1 : 0] = r.interpreter().arena_planned_bytes();
  }
  EXPECT_EQ(planned[0], 256u);
  EXPECT_EQ(planned[1], 512u);
}

}  // namespace
}  // namespace tinyrt
