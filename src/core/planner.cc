#include "src/core/planner.h"

namespace tinyrt {
namespace {

bool Overlaps(const PlannerBuffer& a, const PlannerBuffer& b) { return a.first <= b.last && b.first <= a.last; }

// a goes before b in placement order.
bool PlaceBefore(const PlannerBuffer& a, const PlannerBuffer& b) {
  if (a.size != b.size) return a.size > b.size;
  return a.first < b.first;
}

}  // namespace

uint32_t PlanGreedyBySize(PlannerBuffer* buffers, uint32_t count, uint16_t* order) {
  uint32_t n = 0;
  for (uint32_t i = 0; i < count; ++i) {
    if (buffers[i].size == 0) continue;
    // Insertion sort: counts are small (hundreds) and this needs no extra memory.
    uint32_t j = n++;
    while (j > 0 && PlaceBefore(buffers[i], buffers[order[j - 1]])) {
      order[j] = order[j - 1];
      --j;
    }
    order[j] = static_cast<uint16_t>(i);
  }
  uint32_t total = 0;
  for (uint32_t k = 0; k < n; ++k) {
    PlannerBuffer& b = buffers[order[k]];
    // Candidate offsets: 0 and the end of every placed live-overlapping buffer; take the
    // lowest candidate that collides with none of them.
    uint32_t best = 0xFFFFFFFFu;
    for (uint32_t c = 0; c <= k; ++c) {
      uint32_t candidate = 0;
      if (c < k) {
        const PlannerBuffer& p = buffers[order[c]];
        if (!Overlaps(p, b)) continue;
        candidate = p.offset + p.size;
      }
      if (candidate >= best) continue;
      bool fits = true;
      for (uint32_t q = 0; q < k && fits; ++q) {
        const PlannerBuffer& p = buffers[order[q]];
        if (!Overlaps(p, b)) continue;
        if (candidate < p.offset + p.size && p.offset < candidate + b.size) fits = false;
      }
      if (fits) best = candidate;
    }
    b.offset = best;
    if (best + b.size > total) total = best + b.size;
  }
  return total;
}

}  // namespace tinyrt
