// SPDX-License-Identifier: Apache-2.0
// The optimized-variant tables of src/kernels/opt/variants.h: what each predicate accepts, the
// scratch it asks for, the order of preference, and the op's whole table (reference variants
// first, then the optimized ones).
#include <gtest/gtest.h>

#include <cstring>

#include "src/kernels/opt/variants.h"

namespace tinyrt {
namespace kernels {
namespace {

ConvData Conv(int32_t filter, int32_t input_depth, int32_t output_depth, int32_t groups) {
  ConvData d{};
  d.g.batches = 1;
  d.g.input_height = d.g.input_width = 16;
  d.g.input_depth = input_depth;
  d.g.filter_height = d.g.filter_width = filter;
  d.g.output_height = d.g.output_width = 16;
  d.g.output_depth = output_depth;
  d.g.stride_height = d.g.stride_width = 1;
  d.g.dilation_height = d.g.dilation_width = 1;
  d.g.pad_height = d.g.pad_width = filter / 2;
  d.filter_depth = input_depth / groups;
  d.filters_per_group = output_depth / groups;
  return d;
}

TEST(VariantSelection, Conv2DPredicate) {
  EXPECT_EQ(Conv2DInt8Supports(Conv(3, 8, 16, 1)), ReferenceReason::kNone);
  EXPECT_EQ(Conv2DInt8Supports(Conv(3, 8, 16, 2)), ReferenceReason::kGroups);
  // 9 x 9 x 1024 taps: the im2col columns alone exceed the largest scratch.
  EXPECT_EQ(Conv2DInt8Supports(Conv(9, 1024, 16, 1)), ReferenceReason::kScratch);
}

TEST(VariantSelection, Conv2DScratch) {
  // Pointwise: no im2col columns, only the split form (8 bytes per tap: four columns).
  ConvData pointwise = Conv(1, 16, 8, 1);
  pointwise.g.pad_height = pointwise.g.pad_width = 0;
  EXPECT_EQ(Conv2DInt8ScratchBytes(pointwise), 16u * 8);
  // 3x3 over 3 channels: 27 taps padded to 28 (two columns, split form, padded weights).
  EXPECT_EQ(Conv2DInt8ScratchBytes(Conv(3, 3, 8, 1)), 2u * 28 + 28 / 4 * 16 + 28u * 8);
  // Every instruction set's variant asks for the same bytes, so plans do not depend on the core.
  for (const auto& v : kConv2DInt8Variants) EXPECT_EQ(v.scratch_bytes, &Conv2DInt8ScratchBytes);
}

TEST(VariantSelection, FullyConnectedPredicate) {
  FullyConnectedData d{};
  EXPECT_EQ(FullyConnectedInt8Supports(d), ReferenceReason::kNone);
  d.filter_offset = 3;
  EXPECT_EQ(FullyConnectedInt8Supports(d), ReferenceReason::kFilterZeroPoint);
  for (const auto& v : kFullyConnectedInt8Variants) EXPECT_EQ(v.scratch_bytes, nullptr);
}

TEST(VariantSelection, DepthwiseConv2DPredicateAndScratch) {
  DepthwiseConvData d{};
  d.g = Conv(3, 8, 8, 1).g;
  d.depth_multiplier = 1;
  EXPECT_EQ(DepthwiseConv2DInt8Supports(d), ReferenceReason::kNone);
  EXPECT_EQ(DepthwiseConv2DInt8ScratchBytes(d), 0u);
  // One input channel, 8 filters of 3x3: run as a convolution. 9 taps padded to 12: transposed
  // weights, two columns, the two columns split (4 bytes per tap).
  d.g.input_depth = 1;
  d.depth_multiplier = 8;
  EXPECT_EQ(DepthwiseConv2DInt8ScratchBytes(d), 12u * 8 + 2 * 12 + 12 * 4);
  EXPECT_EQ(DepthwiseConv2DInt8Supports(d), ReferenceReason::kNone);
  d.g.output_depth = d.depth_multiplier = 4096;  // weights alone beyond 32 KB
  EXPECT_EQ(DepthwiseConv2DInt8Supports(d), ReferenceReason::kScratch);
  for (const auto& v : kDepthwiseConv2DInt8Variants) EXPECT_EQ(v.scratch_bytes, &DepthwiseConv2DInt8ScratchBytes);
#if defined(TINYRT_ISA_X86_AVX2)
  // AVX2 is written for multiplier 1 and one input channel; other multipliers go to the portable
  // variant without a refusal.
  ASSERT_EQ(sizeof(kDepthwiseConv2DInt8Variants) / sizeof(kDepthwiseConv2DInt8Variants[0]), 2u);
  EXPECT_TRUE(kDepthwiseConv2DInt8Variants[0].runs(d));
  d.g.input_depth = 2;
  d.g.output_depth = 8;
  d.depth_multiplier = 4;
  EXPECT_FALSE(kDepthwiseConv2DInt8Variants[0].runs(d));
  EXPECT_EQ(kDepthwiseConv2DInt8Variants[1].runs, nullptr);
#endif
}

TEST(VariantSelection, AddAndAveragePoolPredicates) {
  EXPECT_EQ(AddInt8Supports(AddShapes{true}), ReferenceReason::kNone);
  EXPECT_EQ(AddInt8Supports(AddShapes{false}), ReferenceReason::kBroadcast);
  for (const auto& v : kAddInt8Variants) EXPECT_EQ(v.scratch_bytes, nullptr);
  for (const auto& v : kAveragePool2DInt8Variants) {
    EXPECT_EQ(v.supports, nullptr);  // every shape
    EXPECT_EQ(v.scratch_bytes, nullptr);
  }
}

TEST(VariantSelection, OrderAndTable) {
  static constexpr EvalVariant kReference[] = {{nullptr, "reference a"}, {nullptr, "reference b"}};
  static constexpr auto kTable = WithOptVariants(kReference, kConv2DInt8Variants);
  constexpr size_t kOpt = sizeof(kConv2DInt8Variants) / sizeof(kConv2DInt8Variants[0]);
  static_assert(kTable.size() == 2 + kOpt, "reference variants, then the optimized ones");
  EXPECT_STREQ(kTable.v[1].name, "reference b");
  for (size_t i = 0; i < kOpt; ++i) EXPECT_EQ(kTable.v[2 + i].fn, kConv2DInt8Variants[i].eval.fn);
  // The last entry runs wherever the build's instruction set does (no runtime check); on x86-64
  // AVX2 comes first, behind its CPU check.
  EXPECT_EQ(kConv2DInt8Variants[kOpt - 1].available, nullptr);
  EXPECT_STREQ(kConv2DInt8Variants[kOpt - 1].eval.name, kOptInt8VariantName);
#if defined(TINYRT_ISA_X86_AVX2)
  ASSERT_EQ(kOpt, 2u);
  EXPECT_STREQ(kConv2DInt8Variants[0].eval.name, "x86 avx2 int8");
  EXPECT_NE(kConv2DInt8Variants[0].available, nullptr);
  EXPECT_STREQ(kFullyConnectedInt8Variants[0].eval.name, "x86 avx2 int8");
#endif
}

}  // namespace
}  // namespace kernels
}  // namespace tinyrt
