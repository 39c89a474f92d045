// SPDX-License-Identifier: Apache-2.0
// The interpreter's arena records and the constants its parts share (interpreter.cc: the
// lifecycle; arena.cc: persistent allocation; planning.cc and lifetimes.h: the plan;
// offline_plan.cc: given plans; resource_variables.cc; kernel_context.cc: what kernels see).
// Everything in the arena is an offset, never a pointer.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "tinyrt/interpreter.h"
#include "tinyrt/kernel.h"
#include "tinyrt/schema_generated.h"

namespace tinyrt {
namespace internal {

constexpr size_t kArenaAlignment = 16;
constexpr size_t kMaxArenaBytes = size_t{1} << kLocationRegionShift;  // 512 MiB: a location's offset bits
// Control flow nesting (IF in WHILE in ...) that Invoke follows; bounds the C stack.
constexpr uint32_t kMaxSubgraphDepth = 8;
// While planning, a plannable tensor's location holds this marker plus its buffer index.
constexpr uint32_t kLocationPlanning = 0xC0000000u;
constexpr uint32_t kLocationPlanningMask = 0xC0000000u;
constexpr uint8_t kNoInPlace = 0xFF;
// A node whose every output has no elements has nothing to compute: Invoke skips it (a zero
// dimension beside huge ones would otherwise cost the kernel's outer loops up to 2^31 steps).
constexpr uint8_t kSkipNode = 0x80;
// The end of the arena's linked lists (scratch requests, resource variables).
constexpr uint32_t kEndOfList = 0xFFFFFFFFu;

inline size_t AlignUp(size_t value, size_t alignment) { return (value + alignment - 1) & ~(alignment - 1); }
// A tensor location in the arena (neither none nor read in place from the model) at or past
// `start`: the planned region's buffers when `start` is where that region begins.
inline bool ArenaLocationFrom(uint32_t location, size_t start) {
  return location != kLocationNone && (location & kLocationInModel) == 0 && location >= start;
}

// A planned buffer's offset within its region's planned bytes, from its location (the arena's
// planned region starts at `start`; memory_regions.cc).
inline uint32_t PlannedOffset(uint32_t location, size_t start) {
  return (location >> kLocationRegionShift) != 0 ? (location & kLocationOffsetMask) : static_cast<uint32_t>(location - start);
}

// strcmp() == 0 without the C library's (large, word-at-a-time) strcmp in firmware.
inline bool SameText(const char* a, const char* b) {
  while (*a != '\0' && *a == *b) ++a, ++b;
  return *a == *b;
}

// Per-node state in the arena. Offsets and indices only (see kernel.h).
struct Node {
  uint32_t op_data;        // arena offset, or kLocationNone
  uint8_t registration;    // index into the resolver
  uint8_t variant;         // index into the kernel's Eval variants
  uint8_t in_place_input;  // input whose bytes output 0 may take over, or kNoInPlace
  uint8_t reason;          // ReferenceReason, | kSkipNode when Invoke skips the node
};

// A scratch request, kept in the arena as a linked list (requests arrive during Prepare,
// interleaved with op data, so they cannot form one array).
// In a ScratchRecord's offset before planning: optional scratch (RequestOptionalScratch), | the
// node's fallback variant.
constexpr uint32_t kOptionalScratch = 0x80000000u;

struct ScratchRecord {
  uint32_t offset;  // arena offset once planned (before: kOptionalScratch | fallback variant, or 0)
  uint32_t size;
  uint32_t next;  // arena offset of the next record, or kEndOfList
  int32_t node;   // (subgraph << 16) | node
};

// Multi-subgraph models: where each subgraph's tables live, and whether it is running.
struct SubgraphRecord {
  uint32_t locations;  // arena offset of its tensor-location table
  uint32_t nodes;      // arena offset of its node table
  uint32_t num_tensors;
  uint32_t num_nodes;
  uint32_t running;  // 1 while it runs: a subgraph may not invoke itself
};

// A resource variable, kept in the arena as a linked list in creation order (id = position).
struct ResourceRecord {
  uint32_t container;  // model offset of the name's characters, or kLocationNone ("")
  uint32_t name;
  uint32_t data;  // arena offset of the value, kLocationNone until an op sizes it
  uint32_t bytes;
  uint32_t next;  // arena offset of the next record, or kEndOfList
};

// One subgraph as the interpreter's parts work on it: passed explicitly, never selected.
struct SubgraphView {
  uint32_t index;
  const tflite::SubGraph* graph;
  uint32_t* locations;
  Node* nodes;
  uint32_t num_tensors;
  uint32_t num_nodes;
};

// Whether `tensor` is one of the graph's outputs (inputs). In interpreter.cc.
bool IsGraphOutput(const tflite::SubGraph* graph, int32_t tensor);
bool IsGraphInput(const tflite::SubGraph* graph, int32_t tensor);

}  // namespace internal
}  // namespace tinyrt
