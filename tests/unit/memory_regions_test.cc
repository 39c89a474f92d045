// SPDX-License-Identifier: Apache-2.0
// Several memories in one plan (MicroInterpreter::UseMemoryRegions): with the arena too small
// for the model's plan, the planned buffers spread over the arena and further regions; every
// output, Invoke after Invoke, is bit-identical to the model alone in one arena; no two buffers
// live at the same time share bytes of one region; each region's reported need is exact (the
// regions cut to exactly those bytes give the same plan and outputs, one byte less in the last
// region fails naming it); the buffers accessed most per byte are the arena's; nothing outside
// the memories is written; and what does not combine is refused with a reason.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

constexpr int kInvokes = 3;
constexpr size_t kGuard = 64;

// A memory with guard bytes on both sides.
struct Guarded {
  explicit Guarded(size_t bytes) : storage(bytes + 2 * kGuard), size(bytes) { std::memset(storage.data(), 0x5A, storage.size()); }
  uint8_t* data() { return storage.data() + kGuard; }
  void ExpectIntact(const char* what) {
    for (size_t i = 0; i < kGuard; ++i) {
      ASSERT_EQ(storage.data()[i], 0x5A) << what << ": a byte before it was written";
      ASSERT_EQ(storage.data()[kGuard + size + i], 0x5A) << what << ": a byte after it was written";
    }
  }
  host::AlignedBuffer storage;  // 16-byte aligned; kGuard is a multiple of 16
  size_t size;
};

struct Placement {
  Status status;
  std::string message;  // status.message() points into the interpreter, gone with Place()
  size_t arena_used = 0, planned = 0;
  std::vector<size_t> region_used;
  std::vector<PlannedBuffer> buffers;
  std::vector<std::vector<uint8_t>> outputs;
};

// The model with an arena of `arena_bytes` and regions of `region_bytes`: its plan and outputs.
Placement Place(const Model& model, size_t arena_bytes, const std::vector<size_t>& region_bytes) {
  AllOpsResolver resolver;
  Guarded arena(arena_bytes);
  std::vector<std::unique_ptr<Guarded>> memories;
  std::vector<MemoryRegion> regions;
  for (size_t bytes : region_bytes) {
    memories.push_back(std::make_unique<Guarded>(bytes));
    regions.push_back(MemoryRegion{memories.back()->data(), bytes});
  }
  MicroInterpreter interpreter(model, resolver, arena.data(), arena_bytes);
  Placement p;
  p.status = interpreter.UseMemoryRegions(regions.data(), regions.size());
  if (p.status.ok()) p.status = interpreter.AllocateTensors();
  p.message = p.status.message();
  if (!p.status.ok()) return p;
  p.arena_used = interpreter.arena_used_bytes();
  p.planned = interpreter.arena_planned_bytes();
  for (size_t r = 1; r <= regions.size(); ++r) p.region_used.push_back(interpreter.region_used_bytes(r));
  for (size_t i = 0; i < interpreter.planned_buffers_size(); ++i) p.buffers.push_back(interpreter.planned_buffer(i));
  for (int i = 0; i < kInvokes; ++i) {
    Status invoked;
    p.outputs.push_back(testing::InvokeOnGoldenInputs(interpreter, i, &invoked));
    EXPECT_TRUE(invoked.ok()) << invoked.message();
  }
  arena.ExpectIntact("the arena");
  for (auto& m : memories) m->ExpectIntact("a memory region");
  return p;
}

// Buffers live at the same time never share bytes of one region, and each region's buffers end
// within its reported need.
void ExpectSoundPlan(const Placement& p) {
  for (size_t i = 0; i < p.buffers.size(); ++i) {
    const PlannedBuffer& a = p.buffers[i];
    ASSERT_GE(a.region, 0);
    ASSERT_LE(static_cast<size_t>(a.region), p.region_used.size());
    const size_t limit = a.region == 0 ? p.planned : p.region_used[static_cast<size_t>(a.region) - 1];
    EXPECT_LE(a.offset + a.size, limit) << "buffer " << i << " ends past its region's need";
    for (size_t j = i + 1; j < p.buffers.size(); ++j) {
      const PlannedBuffer& b = p.buffers[j];
      if (a.region != b.region) continue;
      const bool live_together = a.first_use <= b.last_use && b.first_use <= a.last_use;
      const bool share_bytes = a.offset < b.offset + b.size && b.offset < a.offset + a.size;
      // In-place ops: an output starts where the input it takes over starts.
      if (live_together && share_bytes && a.offset != b.offset) ADD_FAILURE() << "buffers " << i << " and " << j << " overlap";
    }
  }
}

// The model in one arena, then with the arena cut to hold about `arena_share` of its plan and
// `regions` further regions.
void CheckModel(const std::string& name, double arena_share, size_t regions) {
  auto m = testing::LoadModelFile(name);
  if (m == nullptr) GTEST_SKIP() << name << " missing";
  const Placement alone = Place(m->model, 8u << 20, {});
  ASSERT_TRUE(alone.status.ok()) << alone.message;

  // The arena: persistent data plus part of the plan; the regions split the rest unevenly.
  AllOpsResolver resolver;
  size_t persistent_bytes = 0;
  {
    host::AlignedBuffer probe(8u << 20);
    MicroInterpreter in(m->model, resolver, probe.data(), probe.size());
    ASSERT_TRUE(in.AllocateTensors().ok());
    persistent_bytes = in.arena_persistent_bytes();
  }
  const size_t arena_bytes = persistent_bytes + static_cast<size_t>(static_cast<double>(alone.planned) * arena_share);
  std::vector<size_t> sizes;
  for (size_t r = 0; r + 1 < regions; ++r) sizes.push_back(alone.planned / 4);
  sizes.push_back(8u << 20);
  const Placement split = Place(m->model, arena_bytes, sizes);
  ASSERT_TRUE(split.status.ok()) << split.message;
  EXPECT_LE(split.arena_used, arena_bytes);
  EXPECT_GT(split.region_used.back(), 0u) << "the last region holds nothing: the test does not test";
  ExpectSoundPlan(split);
  for (int i = 0; i < kInvokes; ++i)
    EXPECT_EQ(split.outputs[static_cast<size_t>(i)], alone.outputs[static_cast<size_t>(i)]) << "Invoke " << i;
  size_t in_regions = 0;
  for (size_t used : split.region_used) in_regions += used;
  std::printf("[ regions  ] %s: one arena %zu bytes (planned %zu); arena %zu (planned %zu)", name.c_str(), alone.arena_used, alone.planned,
              split.arena_used, split.planned);
  for (size_t r = 0; r < split.region_used.size(); ++r) std::printf(" + region %zu: %zu", r + 1, split.region_used[r]);
  std::printf("\n");
  if (std::getenv("TINYRT_DEBUG_REGIONS") != nullptr)
    for (const PlannedBuffer& b : split.buffers)
      std::printf("  t%d r%d off %u size %u ops %d-%d\n", b.tensor, b.region, b.offset, b.size, b.first_use, b.last_use);

  bool arena_holds_something = false;
  for (const PlannedBuffer& b : split.buffers) arena_holds_something = arena_holds_something || b.region == 0;
  EXPECT_TRUE(arena_holds_something);

  // Exact: the memories cut to the reported needs give the same plan and outputs.
  std::vector<size_t> exact = split.region_used;
  const Placement again = Place(m->model, split.arena_used, exact);
  ASSERT_TRUE(again.status.ok()) << again.message;
  EXPECT_EQ(again.region_used, split.region_used);
  EXPECT_EQ(again.arena_used, split.arena_used);
  EXPECT_EQ(again.outputs, split.outputs);
  // One byte less in the last region: fails, naming the region and the bytes.
  exact.back() -= 1;
  const Placement short_one = Place(m->model, split.arena_used, exact);
  ASSERT_FALSE(short_one.status.ok());
  EXPECT_EQ(short_one.status.code(), StatusCode::kArenaTooSmall);
  const std::string message = short_one.message;
  EXPECT_NE(message.find("region " + std::to_string(exact.size()) + " needs " + std::to_string(split.region_used.back()) +
                         " bytes and has " + std::to_string(exact.back())),
            std::string::npos)
      << message;
}

TEST(MemoryRegions, MicroSpeechHalfInTheArena) { CheckModel("micro_speech_quantized", 0.5, 1); }
TEST(MemoryRegions, KwsQuarterInTheArena) { CheckModel("kws_ref_model", 0.25, 1); }
TEST(MemoryRegions, PersonDetectionThreeMemories) { CheckModel("person_detect", 0.3, 2); }
TEST(MemoryRegions, ResnetWithResidualsFourMemories) { CheckModel("pretrainedResnet_quant", 0.3, 3); }
TEST(MemoryRegions, LstmHalfInTheArena) { CheckModel("trained_lstm_int8", 0.5, 1); }

// An arena that holds the whole plan leaves the region empty, and the plan is the one-arena plan.
TEST(MemoryRegions, AllInTheArenaWhenItFits) {
  auto m = testing::LoadModelFile("micro_speech_quantized");
  if (m == nullptr) GTEST_SKIP() << "model missing";
  const Placement alone = Place(m->model, 8u << 20, {});
  const Placement p = Place(m->model, 8u << 20, {4096});
  ASSERT_TRUE(p.status.ok()) << p.message;
  EXPECT_EQ(p.region_used, std::vector<size_t>{0});
  EXPECT_EQ(p.planned, alone.planned);
  EXPECT_EQ(p.outputs, alone.outputs);
}

TEST(MemoryRegions, RefusedArgumentsAndCombinations) {
  auto m = testing::LoadModelFile("micro_speech_quantized");
  if (m == nullptr) GTEST_SKIP() << "model missing";
  AllOpsResolver resolver;
  host::AlignedBuffer arena(1u << 20), memory(1u << 16);
  {
    MicroInterpreter in(m->model, resolver, arena.data(), arena.size());
    const MemoryRegion four[4] = {{memory.data(), 16}, {memory.data(), 16}, {memory.data(), 16}, {memory.data(), 16}};
    EXPECT_EQ(in.UseMemoryRegions(four, 4).code(), StatusCode::kInvalidArgument);
    const MemoryRegion misaligned{memory.data() + 1, 1000};
    const Status status = in.UseMemoryRegions(&misaligned, 1);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(std::string(status.message()).find("16-byte aligned"), std::string::npos) << status.message();
    const MemoryRegion null{nullptr, 1000};
    EXPECT_EQ(in.UseMemoryRegions(&null, 1).code(), StatusCode::kInvalidArgument);
    ASSERT_TRUE(in.AllocateTensors().ok());  // the refused calls left no regions
    const MemoryRegion fine{memory.data(), memory.size()};
    EXPECT_EQ(in.UseMemoryRegions(&fine, 1).code(), StatusCode::kNotReady);
  }
  {
    SharedArena shared(arena.data(), arena.size());
    MicroInterpreter in(m->model, resolver, shared);
    const MemoryRegion fine{memory.data(), memory.size()};
    ASSERT_TRUE(in.UseMemoryRegions(&fine, 1).ok());
    const Status status = in.AllocateTensors();
    EXPECT_EQ(status.code(), StatusCode::kUnsupported);
    EXPECT_NE(std::string(status.message()).find("shared arena"), std::string::npos) << status.message();
  }
  {
    // A valid plan: the one the planner makes.
    std::vector<int32_t> tensor_offsets, scratch_offsets;
    {
      MicroInterpreter in(m->model, resolver, arena.data(), arena.size());
      ASSERT_TRUE(in.AllocateTensors().ok());
      tensor_offsets.assign(in.tensors_size(), -1);
      for (size_t i = 0; i < in.planned_buffers_size(); ++i) {
        const PlannedBuffer b = in.planned_buffer(i);
        if (b.tensor >= 0)
          tensor_offsets[static_cast<size_t>(b.tensor)] = static_cast<int32_t>(b.offset);
        else
          scratch_offsets.push_back(static_cast<int32_t>(b.offset));
      }
    }
    const ArenaPlan plan{tensor_offsets.data(), static_cast<uint32_t>(tensor_offsets.size()), scratch_offsets.data(),
                         static_cast<uint32_t>(scratch_offsets.size())};
    MicroInterpreter in(m->model, resolver, arena.data(), arena.size());
    in.UseArenaPlan(&plan);
    const MemoryRegion fine{memory.data(), memory.size()};
    ASSERT_TRUE(in.UseMemoryRegions(&fine, 1).ok());
    const Status status = in.AllocateTensors();
    EXPECT_EQ(status.code(), StatusCode::kUnsupported);
    EXPECT_NE(std::string(status.message()).find("UseArenaPlan"), std::string::npos) << status.message();
  }
}

}  // namespace
}  // namespace tinyrt
