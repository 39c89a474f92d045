// SPDX-License-Identifier: Apache-2.0
// Two memories in one plan on target (MicroInterpreter::UseMemoryRegions): the keyword model
// (micro_speech_quantized) runs alone in an arena of exactly its kArenaUsedBytes, then with an
// arena of kFastBytes (the board's fast RAM: DTCM on the Cortex-M55 board) too small for its
// plan and a region in the slow memory (the SRAM there: section .bss.slow_ram, placed by the
// board's linker script; other boards keep it in their one RAM). Every output must equal the
// model's own run byte for byte; the arena's and the region's needs are asserted (the same
// figures on every target and on the host, tests/unit/memory_regions_test.cc's model), and a
// region one byte smaller fails.
#include <stdint.h>
#include <string.h>

#include "board.h"
#include "put_number.h"
#include "shared_kws_ops.h"
#include "tinyrt/interpreter.h"

extern const unsigned char shared_kws[];
extern const unsigned int shared_kws_len;

namespace {

// The arena: persistent data and the planner's workspace, and room for part of the plan.
constexpr size_t kFastBytes = TINYRT_REGIONS_FAST_BYTES;
constexpr size_t kArenaUsed = TINYRT_REGIONS_ARENA_USED;
constexpr size_t kRegionUsed = TINYRT_REGIONS_REGION_USED;
constexpr int kInvokes = 2;
constexpr size_t kMaxOutput = 64;

alignas(16) uint8_t g_alone_arena[shared_kws_ops::kArenaUsedBytes];
alignas(16) uint8_t g_fast[kFastBytes];
alignas(16) __attribute__((section(".bss.slow_ram"))) uint8_t g_slow[kRegionUsed];
uint8_t g_alone[kInvokes][kMaxOutput];

int g_failures = 0;

void Fail(const char* what) {
  board_puts("memory_regions: FAIL ");
  board_puts(what);
  board_puts("\n");
  ++g_failures;
}

bool Invoke(tinyrt::MicroInterpreter& interpreter, int k) {
  tinyrt::TensorView input = interpreter.input(0);
  uint8_t* bytes = input.data<uint8_t>();
  for (size_t i = 0; i < input.bytes(); ++i) bytes[i] = static_cast<uint8_t>(i * 41 + 13 * k + 7);
  if (!interpreter.Invoke().ok()) return false;
  return interpreter.output(0).bytes() <= kMaxOutput;
}

}  // namespace

int main() {
  tinyrt::Model model;
  if (!model.Load(shared_kws, shared_kws_len).ok()) return 2;
  shared_kws_ops::ModelOpResolver ops;
  if (!shared_kws_ops::RegisterModelOps(ops).ok()) return 2;
  {
    tinyrt::MicroInterpreter interpreter(model, ops, g_alone_arena, sizeof(g_alone_arena));
    if (!interpreter.AllocateTensors().ok()) return 2;
    for (int k = 0; k < kInvokes; ++k) {
      if (!Invoke(interpreter, k)) return 2;
      memcpy(g_alone[k], interpreter.output(0).data<uint8_t>(), interpreter.output(0).bytes());
    }
  }
  const size_t region_sizes[2] = {kRegionUsed, kRegionUsed - 1};
  for (size_t region_bytes : region_sizes) {
    tinyrt::MicroInterpreter interpreter(model, ops, g_fast, sizeof(g_fast));
    const tinyrt::MemoryRegion slow{g_slow, region_bytes};
    if (!interpreter.UseMemoryRegions(&slow, 1).ok()) return 2;
    const tinyrt::Status status = interpreter.AllocateTensors();
    if (region_bytes != kRegionUsed) {
      if (status.ok()) Fail("a region one byte smaller than its need is not refused");
      board_puts("memory_regions: one byte less: ");
      board_puts(status.message());
      board_puts("\n");
      continue;
    }
    if (!status.ok()) {
      Fail(status.message());
      continue;
    }
    board_puts("memory_regions: fast ");
    PutNumber(static_cast<unsigned>(interpreter.arena_used_bytes()));
    board_puts(" (planned ");
    PutNumber(static_cast<unsigned>(interpreter.arena_planned_bytes()));
    board_puts(") + slow ");
    PutNumber(static_cast<unsigned>(interpreter.region_used_bytes(1)));
    board_puts(" (alone ");
    PutNumber(static_cast<unsigned>(sizeof(g_alone_arena)));
    board_puts(")\n");
    if (interpreter.arena_used_bytes() != kArenaUsed) Fail("arena_used_bytes() is not kArenaUsed");
    if (interpreter.region_used_bytes(1) != kRegionUsed) Fail("region_used_bytes(1) is not kRegionUsed");
    for (int k = 0; k < kInvokes; ++k) {
      if (!Invoke(interpreter, k)) {
        Fail("Invoke");
      } else if (memcmp(interpreter.output(0).data<uint8_t>(), g_alone[k], interpreter.output(0).bytes()) != 0) {
        Fail("output differs from the model's own run");
      }
    }
  }
  board_puts(g_failures == 0 ? "memory_regions: ok\n" : "memory_regions: FAILED\n");
  return g_failures == 0 ? 0 : 1;
}
