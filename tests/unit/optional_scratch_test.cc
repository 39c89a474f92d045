// SPDX-License-Identifier: Apache-2.0
// An optimized variant's scratch (PrepareContext::RequestOptionalScratch) never makes the arena
// larger than the peak live activations demand: the planner drops it and the node runs its
// reference variant; a scratch that fits in the plan's slack stays. An offline plan records a
// dropped buffer as offset -1 and gives the same arena, variant and results. (Against TFLM's own
// arena on random models: ctest difftest.arena_vs_tflm.)
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "src/kernels/opt/variants.h"
#include "tests/unit/conv_test_util.h"
#include "tinyrt/interpreter.h"
#include "tinyrt/kernel.h"
#include "tinyrt/op_resolver.h"

namespace tinyrt {
namespace {

using conv_test::ConvCase;
using conv_test::ConvRun;

struct Outcome {
  bool ok = false;
  std::string variant, reason;
  size_t arena_used = 0, planned = 0, persistent = 0;
  std::vector<int32_t> tensors, scratch;  // the plan, as `tinyrt plan --header` writes it
  std::vector<int32_t> output;
};

Outcome RunConv(const ConvRun& run, const ArenaPlan* plan = nullptr, bool keep_requant_tables = false) {
  Outcome o;
  host::AlignedBuffer bytes = run.BuildModel();
  Model model;
  EXPECT_TRUE(model.Load(bytes.data(), bytes.size()).ok());
  AllOpsResolver resolver;
  host::AlignedBuffer arena(1u << 20);
  MicroInterpreter interpreter(model, resolver, arena.data(), arena.size());
  if (plan != nullptr) interpreter.UseArenaPlan(plan);
  interpreter.KeepRequantizationTables(keep_requant_tables);
  const Status status = interpreter.AllocateTensors();
  EXPECT_TRUE(status.ok()) << status.message();
  if (!status.ok()) return o;
  o.variant = interpreter.node(0).variant;
  o.reason = interpreter.node(0).reference_reason;
  o.arena_used = interpreter.arena_used_bytes();
  o.planned = interpreter.arena_planned_bytes();
  o.persistent = interpreter.arena_persistent_bytes();
  o.tensors.assign(interpreter.tensors_size(), -1);
  for (size_t i = 0; i < interpreter.planned_buffers_size(); ++i) {
    const PlannedBuffer b = interpreter.planned_buffer(i);
    if (b.tensor >= 0)
      o.tensors[static_cast<size_t>(b.tensor)] = static_cast<int32_t>(b.offset);
    else
      o.scratch.push_back(b.size == 0 ? -1 : static_cast<int32_t>(b.offset));
  }
  const TensorView in = interpreter.input(0);
  for (size_t i = 0; i < run.in_q.size(); ++i) in.data<int8_t>()[i] = static_cast<int8_t>(run.in_q[i]);
  EXPECT_TRUE(interpreter.Invoke().ok());
  const TensorView out = interpreter.output(0);
  o.output.assign(out.data<int8_t>(), out.data<int8_t>() + out.elements());
  o.ok = true;
  return o;
}

ConvCase Int8Conv(int32_t h, int32_t w, int32_t d, int32_t fh, int32_t fw, int32_t out_d) {
  ConvCase c;
  c.type = TensorType::kInt8;
  c.bias_type = TensorType::kInt32;
  c.in_h = h;
  c.in_w = w;
  c.in_d = d;
  c.f_h = fh;
  c.f_w = fw;
  c.out_d = out_d;
  c.padding = tflite::Padding_SAME;
  c.out_scale = 2.0f;
  return c;
}

bool OptimizedBuild() { return TINYRT_OPT_KERNELS != 0; }

// The CNN keyword model's shape: a 10x4 filter over 28 channels of a 10x4 input. The optimized
// CONV_2D would ask for 11,200 bytes of im2col and split columns beside 1,760 bytes of
// activations.
TEST(OptionalScratch, ScratchThatWouldSetThePeakIsDropped) {
  const ConvRun run(Int8Conv(10, 4, 28, 10, 4, 16));
  const Outcome o = RunConv(run);
  ASSERT_TRUE(o.ok);
  EXPECT_EQ(o.output, run.ExpectedQuantized());
  const size_t activations = 10 * 4 * 28 + 10 * 4 * 16;
  // Input, output and the 16-channel requantization table (80 bytes): the columns are not planned.
  EXPECT_LE(o.planned, activations + 80 + 32);
  if (!OptimizedBuild()) GTEST_SKIP() << "reference kernels only: nothing to drop";
  EXPECT_EQ(o.variant.rfind("reference", 0), 0u) << o.variant;
  EXPECT_EQ(o.reason, std::string(ReferenceReasonText(ReferenceReason::kScratch)));
  size_t dropped = 0;
  for (int32_t offset : o.scratch) dropped += offset < 0 ? 1 : 0;
  EXPECT_EQ(dropped, 1u);  // the columns; the requantization table (and any ring) stay

  // The plan handed back: the dropped buffer stays dropped, the same arena and results.
  const ArenaPlan plan{o.tensors.data(), static_cast<uint32_t>(o.tensors.size()), o.scratch.data(),
                       static_cast<uint32_t>(o.scratch.size())};
  const Outcome offline = RunConv(run, &plan);
  ASSERT_TRUE(offline.ok);
  EXPECT_EQ(offline.arena_used, o.arena_used);
  EXPECT_EQ(offline.variant, o.variant);
  EXPECT_EQ(offline.output, o.output);
}

// Large activations, a 3x3 filter over 8 channels: the columns fit in the plan's slack.
TEST(OptionalScratch, ScratchWithinTheSlackStays) {
  const ConvRun run(Int8Conv(24, 24, 8, 3, 3, 16));
  const Outcome o = RunConv(run);
  ASSERT_TRUE(o.ok);
  EXPECT_EQ(o.output, run.ExpectedQuantized());
  if (!OptimizedBuild()) GTEST_SKIP() << "reference kernels only";
  EXPECT_NE(o.variant.rfind("reference", 0), 0u) << o.variant;
  EXPECT_EQ(o.reason, std::string(""));
  for (int32_t offset : o.scratch) EXPECT_GE(offset, 0);
  EXPECT_LE(o.planned, size_t{24 * 24 * 8 + 24 * 24 * 16});  // no more than the peak live activations
}

// Speed over RAM: with KeepRequantizationTables(true) the 24-channel table (24 x 5 bytes, instead
// of its 16-byte source) stays in the persistent arena instead of being recomputed into
// planned scratch at every Invoke; the results are the same.
TEST(KeepRequantizationTables, TableInThePersistentArenaSameResults) {
  const ConvRun run(Int8Conv(6, 6, 8, 3, 3, 24));
  const Outcome recomputed = RunConv(run);
  const Outcome kept = RunConv(run, nullptr, true);
  ASSERT_TRUE(recomputed.ok && kept.ok);
  EXPECT_EQ(recomputed.output, run.ExpectedQuantized());
  EXPECT_EQ(kept.output, recomputed.output);
  EXPECT_EQ(kept.variant, recomputed.variant);
  // The table (120 bytes) in, its source (16) out, up to 16 bytes of allocation alignment either way.
  EXPECT_GE(kept.persistent + 16, recomputed.persistent + 24 * 5 - 16);
  EXPECT_LE(kept.persistent, recomputed.persistent + 24 * 5 - 16 + 16);
  EXPECT_EQ(kept.scratch.size() + 1, recomputed.scratch.size()) << "the table's scratch is gone";
}

}  // namespace
}  // namespace tinyrt
