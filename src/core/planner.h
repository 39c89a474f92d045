// SPDX-License-Identifier: Apache-2.0
// Static arena planning: give each buffer an offset so that buffers whose lifetimes overlap
// never share bytes. Works in caller-provided memory (the arena's unplanned region).
#pragma once

#include <stdint.h>

namespace tinyrt {

struct PlannerBuffer {
  uint32_t size : 31;  // bytes, already rounded to the buffer alignment; 0 = not planned
  uint32_t fixed : 1;  // offset given by an offline plan: placed first, never moved
  uint32_t offset;     // output
  int16_t first;       // first node that uses it (inclusive)
  int16_t last;        // last node that uses it (inclusive)
  // Buffers of one group start at the same offset (an op writing its output over an input it
  // is the last reader of); they may overlap in time. `group` is the first member's index,
  // `next` the next member's (kPlannerNoBuffer ends the list). A lone buffer is its own group.
  uint16_t group;
  uint16_t next;
};

constexpr int32_t kPlannerMaxNodes = 32767;
constexpr uint32_t kPlannerMaxBuffers = 65535;
constexpr uint16_t kPlannerNoBuffer = 0xFFFF;
constexpr uint32_t kPlannerAlignment = 16;
// Buffer sizes are below 2^31 (checked by the caller); offsets too, so offset + size never wraps.
constexpr uint32_t kPlannerMaxOffset = 0x7FFFFFFFu;

// Workspace bytes PlanMemory needs for `count` buffers, besides the buffers themselves.
constexpr uint32_t PlannerWorkspaceBytes(uint32_t count) { return count * sizeof(uint16_t); }

// Puts buffer `member` into the group of buffer `leader` (same start offset).
void PlannerJoin(PlannerBuffer* buffers, uint16_t leader, uint16_t member);

// Two buffers (only fixed ones if `fixed_only`) that are live at the same time, share bytes and
// are not one group; false if there are none.
bool PlannerFindConflict(const PlannerBuffer* buffers, uint32_t count, bool fixed_only, uint32_t* a, uint32_t* b);

// Plans with several greedy orderings (largest first, earliest first, largest size x lifetime
// first) and keeps the smallest result; every ordering places each group at the lowest offset
// where none of its members collides with an already placed, simultaneously live buffer.
// Fixed buffers keep their offsets and are placed first.
// `workspace` holds PlannerWorkspaceBytes(count) bytes, 2-byte aligned. Returns the planned
// region's size (0xFFFFFFFF if no plan stays below 2^31 bytes); offsets are written to the buffers.
uint32_t PlanMemory(PlannerBuffer* buffers, uint32_t count, void* workspace);

}  // namespace tinyrt
