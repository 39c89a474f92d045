// SPDX-License-Identifier: Apache-2.0
#include "src/core/planner.h"

namespace tinyrt {
namespace {

enum class Ordering { kLargestFirst, kEarliestFirst, kLargestAreaFirst };
constexpr Ordering kOrderings[] = {Ordering::kLargestFirst, Ordering::kEarliestFirst, Ordering::kLargestAreaFirst};

bool LiveTogether(const PlannerBuffer& a, const PlannerBuffer& b) { return a.first <= b.last && b.first <= a.last; }

// A group's extent: its largest member and the union of its members' lifetimes.
struct GroupKey {
  uint32_t size;
  int32_t first;
  int32_t last;
};

GroupKey KeyOf(const PlannerBuffer* buffers, uint16_t root) {
  GroupKey key{0, 0x7FFFFFFF, -1};
  for (uint16_t m = root; m != kPlannerNoBuffer; m = buffers[m].next) {
    const PlannerBuffer& b = buffers[m];
    if (b.size > key.size) key.size = b.size;
    if (b.first < key.first) key.first = b.first;
    if (b.last > key.last) key.last = b.last;
  }
  return key;
}

// a goes before b in placement order.
bool PlaceBefore(Ordering ordering, const GroupKey& a, const GroupKey& b) {
  switch (ordering) {
    case Ordering::kEarliestFirst:
      if (a.first != b.first) return a.first < b.first;
      return a.size > b.size;
    case Ordering::kLargestAreaFirst: {
      const uint64_t area_a = static_cast<uint64_t>(a.size) * static_cast<uint64_t>(a.last - a.first + 1);
      const uint64_t area_b = static_cast<uint64_t>(b.size) * static_cast<uint64_t>(b.last - b.first + 1);
      if (area_a != area_b) return area_a > area_b;
      break;
    }
    case Ordering::kLargestFirst: break;
  }
  if (a.size != b.size) return a.size > b.size;
  return a.first < b.first;
}

// True when group `g` placed at `offset` collides with no member of the groups order[0..placed).
bool Fits(const PlannerBuffer* buffers, const uint16_t* order, uint32_t placed, uint16_t g, uint32_t offset) {
  for (uint16_t m = g; m != kPlannerNoBuffer; m = buffers[m].next) {
    const PlannerBuffer& b = buffers[m];
    for (uint32_t k = 0; k < placed; ++k) {
      for (uint16_t q = order[k]; q != kPlannerNoBuffer; q = buffers[q].next) {
        const PlannerBuffer& p = buffers[q];
        if (LiveTogether(p, b) && offset < p.offset + p.size && p.offset < offset + b.size) return false;
      }
    }
  }
  return true;
}

// Lowest offset for group g: 0 or the end of a placed buffer live with one of g's members.
uint32_t LowestFit(const PlannerBuffer* buffers, const uint16_t* order, uint32_t placed, uint16_t g) {
  uint32_t best = Fits(buffers, order, placed, g, 0) ? 0 : 0xFFFFFFFFu;
  for (uint32_t k = 0; k < placed && best != 0; ++k) {
    for (uint16_t q = order[k]; q != kPlannerNoBuffer; q = buffers[q].next) {
      const PlannerBuffer& p = buffers[q];
      const uint32_t candidate = p.offset + p.size;  // < 2^32: offsets and sizes stay below 2^31
      if (candidate >= best || candidate > kPlannerMaxOffset) continue;
      bool live = false;
      for (uint16_t m = g; m != kPlannerNoBuffer && !live; m = buffers[m].next) live = LiveTogether(p, buffers[m]);
      if (live && Fits(buffers, order, placed, g, candidate)) best = candidate;
    }
  }
  return best;
}

}  // namespace

bool PlannerFindConflict(const PlannerBuffer* buffers, uint32_t count, bool fixed_only, uint32_t* a, uint32_t* b) {
  for (uint32_t i = 0; i < count; ++i) {
    const PlannerBuffer& x = buffers[i];
    if (x.size == 0 || (fixed_only && !x.fixed)) continue;
    for (uint32_t j = i + 1; j < count; ++j) {
      const PlannerBuffer& y = buffers[j];
      if (y.size == 0 || (fixed_only && !y.fixed) || x.group == y.group || !LiveTogether(x, y)) continue;
      if (x.offset < y.offset + y.size && y.offset < x.offset + x.size) {
        *a = i;
        *b = j;
        return true;
      }
    }
  }
  return false;
}

void PlannerJoin(PlannerBuffer* buffers, uint16_t leader, uint16_t member) {
  const uint16_t root = buffers[leader].group;
  if (buffers[member].group == root) return;
  uint16_t tail = root;
  while (buffers[tail].next != kPlannerNoBuffer) tail = buffers[tail].next;
  // Move member's whole group (it is normally alone) behind the tail.
  const uint16_t old_root = buffers[member].group;
  buffers[tail].next = old_root;
  for (uint16_t m = old_root; m != kPlannerNoBuffer; m = buffers[m].next) buffers[m].group = root;
}

namespace {

// Places every non-fixed group in `ordering`; returns the planned size, or stops early (returning
// at least `give_up`) once it cannot beat it.
uint32_t PlaceInOrder(PlannerBuffer* buffers, uint32_t count, uint16_t* order, uint32_t fixed, uint32_t fixed_total, Ordering ordering,
                      uint32_t give_up) {
  uint32_t n = fixed;
  for (uint32_t i = 0; i < count; ++i) {
    if (buffers[i].group != i || buffers[i].fixed) continue;
    const GroupKey key = KeyOf(buffers, static_cast<uint16_t>(i));
    if (key.size == 0) continue;
    // Insertion sort: counts are small (hundreds) and this needs no extra memory.
    uint32_t j = n++;
    while (j > fixed && PlaceBefore(ordering, key, KeyOf(buffers, order[j - 1]))) {
      order[j] = order[j - 1];
      --j;
    }
    order[j] = static_cast<uint16_t>(i);
  }
  uint32_t total = fixed_total;
  for (uint32_t k = fixed; k < n && total < give_up; ++k) {
    const uint16_t g = order[k];
    const uint32_t offset = LowestFit(buffers, order, k, g);
    if (offset == 0xFFFFFFFFu) return 0xFFFFFFFFu;  // nothing fits below 2^31
    for (uint16_t m = g; m != kPlannerNoBuffer; m = buffers[m].next) {
      buffers[m].offset = offset;
      if (offset + buffers[m].size > total) total = offset + buffers[m].size;
    }
  }
  return total;
}

}  // namespace

uint32_t PlanMemory(PlannerBuffer* buffers, uint32_t count, void* workspace) {
  auto* order = static_cast<uint16_t*>(workspace);
  // Fixed groups first, in index order, where the offline plan put them.
  uint32_t fixed = 0;
  uint32_t fixed_total = 0;
  for (uint32_t i = 0; i < count; ++i) {
    if (buffers[i].group != i || !buffers[i].fixed) continue;
    order[fixed++] = static_cast<uint16_t>(i);
    for (uint16_t m = static_cast<uint16_t>(i); m != kPlannerNoBuffer; m = buffers[m].next) {
      if (buffers[m].offset + buffers[m].size > fixed_total) fixed_total = buffers[m].offset + buffers[m].size;
    }
  }
  // Try each ordering, then redo the best one (cheaper in memory than keeping its offsets).
  uint32_t best_total = 0xFFFFFFFFu;
  uint32_t best = 0;
  const uint32_t num_orderings = sizeof(kOrderings) / sizeof(kOrderings[0]);
  for (uint32_t o = 0; o < num_orderings; ++o) {
    const uint32_t total = PlaceInOrder(buffers, count, order, fixed, fixed_total, kOrderings[o], best_total);
    if (total < best_total) {
      best_total = total;
      best = o;
    }
  }
  if (best == num_orderings - 1) return best_total;  // the last run was the best: offsets are in place
  return PlaceInOrder(buffers, count, order, fixed, fixed_total, kOrderings[best], 0xFFFFFFFFu);
}

}  // namespace tinyrt
