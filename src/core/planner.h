// Static arena planning: give each buffer an offset so that buffers whose lifetimes overlap
// never share bytes. Works in caller-provided memory (the arena's unplanned region).
#pragma once

#include <stdint.h>

namespace tinyrt {

struct PlannerBuffer {
  uint32_t size;    // bytes, already rounded to the buffer alignment; 0 = not planned
  uint32_t offset;  // output
  int16_t first;    // first node that uses it (inclusive)
  int16_t last;     // last node that uses it (inclusive)
};

constexpr int32_t kPlannerMaxNodes = 32767;
constexpr uint32_t kPlannerMaxBuffers = 65535;

constexpr uint32_t kPlannerAlignment = 16;

// Greedy placement in decreasing size order (ties: earlier first use), each buffer at the
// lowest offset that fits beside the already placed buffers it is live with. `order` is a
// workspace of `count` entries. Returns the planned region's size.
uint32_t PlanGreedyBySize(PlannerBuffer* buffers, uint32_t count, uint16_t* order);

}  // namespace tinyrt
