// SPDX-License-Identifier: Apache-2.0
// Several interpreters in one arena (SharedArena, interpreter.h): each AllocateTensors() runs the
// single-arena code on the bytes past the persistent parts allocated before it, then moves its
// planned region to the arena's tail, where every model's planned region starts at most
// (largest plan) bytes before the end. The arena holds offsets only, so moving the plan is
// adding one number to every planned location and scratch record. The interpreter reaches this
// file through SharedArena::allocate_ only: a program without a SharedArena links none of it.
#include <string.h>

#include "src/core/error_builder.h"
#include "src/core/interpreter_internal.h"

namespace tinyrt {

using internal::AlignUp;
using internal::kArenaAlignment;

SharedArena::SharedArena(uint8_t* arena, size_t arena_size) : allocate_(&SharedArena::Allocate) {
  const uintptr_t address = reinterpret_cast<uintptr_t>(arena);
  misalignment_ = (kArenaAlignment - (address & (kArenaAlignment - 1))) & (kArenaAlignment - 1);
  if (arena == nullptr || arena_size < misalignment_) {
    arena_ = nullptr;
    size_ = 0;
    misalignment_ = 0;
  } else {
    arena_ = arena + misalignment_;
    size_ = arena_size - misalignment_;
    if (size_ > internal::kMaxArenaBytes) size_ = internal::kMaxArenaBytes;  // arena offsets are 29-bit (kernel.h)
  }
  floor_ = size_;
}

MicroInterpreter::MicroInterpreter(const Model& model, const OpResolver& resolver, SharedArena& arena, MicroProfiler* profiler)
    : MicroInterpreter(model, resolver, arena.arena_, arena.size_, profiler) {
  shared_ = &arena;
}

// Single arena: right after the persistent data. Shared: at the tail of what the shared arena
// left this interpreter, on a 16-byte boundary.
size_t MicroInterpreter::PlannedStart() const {
  if (shared_ == nullptr) return persistent_used_;
  return (arena_size_ - planned_size_) & ~(kArenaAlignment - 1);
}

void MicroInterpreter::RelocatePlan(size_t delta) {
  for (uint32_t s = 0; s < num_subgraphs_; ++s) {
    const SubgraphView sg = View(s);
    for (uint32_t t = 0; t < sg.num_tensors; ++t) {
      const uint32_t location = sg.locations[t];
      if (!internal::ArenaLocationFrom(location, persistent_used_)) continue;
      sg.locations[t] = static_cast<uint32_t>(location + delta);
    }
  }
  for (uint32_t r = scratch_head_; r != internal::kEndOfList;) {
    auto* record = reinterpret_cast<internal::ScratchRecord*>(arena_ + r);
    record->offset = static_cast<uint32_t>(record->offset + delta);
    r = record->next;
  }
}

Status SharedArena::Allocate(MicroInterpreter& in) {
  SharedArena& sa = *in.shared_;
  if (sa.arena_ == nullptr) return in.AllocateTensorsImpl();  // fails: names the null arena
  const size_t model = sa.models_ + 1;
  const size_t begin = sa.persistent_end_;  // a multiple of 16, at most floor_ <= size_
  in.arena_ = sa.arena_ + begin;
  in.arena_size_ = sa.size_ - begin;
  in.arena_misalignment_ = 0;
  char cause[sizeof(in.error_)];
  cause[0] = '\0';
  Status status = in.AllocateTensorsImpl();
  // The models' needs with this one: exact once this model's plan is known (planned_size_ is
  // set only when every subgraph is planned).
  const size_t own = in.persistent_used_;
  const size_t planned = in.planned_size_ > sa.max_planned_ ? in.planned_size_ : sa.max_planned_;
  size_t total = begin + own + planned;
  if (begin + in.arena_used_ > total) total = begin + in.arena_used_;
  if (sa.needed_ > total) total = sa.needed_;
  const bool exact = in.planned_size_ != 0 || status.ok();
  if (status.ok() && begin + own > sa.floor_) status = Status(StatusCode::kArenaTooSmall, "");
  if (status.ok()) {
    const size_t start = in.PlannedStart();
    in.RelocatePlan(start - own);
    if (begin + start < sa.floor_) sa.floor_ = begin + start;
    sa.persistent_end_ = begin + own;
    sa.max_planned_ = planned;
    sa.needed_ = total;
    sa.models_ = model;
    return status;
  }
  if (status.code() != StatusCode::kArenaTooSmall) return status;
#if TINYRT_ERROR_MESSAGES
  strncpy(cause, status.message(), sizeof(cause) - 1);
  cause[sizeof(cause) - 1] = '\0';
#endif
  ErrorBuilder e = in.Fail(StatusCode::kArenaTooSmall);
  e << "shared arena has " << static_cast<uint64_t>(sa.size_ + sa.misalignment_) << " bytes, ";
  if (exact) {
    e << "models 1-" << model << " need " << static_cast<uint64_t>(total + sa.misalignment_) << " (" << static_cast<uint64_t>(begin + own)
      << " persistent + " << static_cast<uint64_t>(planned) << " planned";
    if (total > begin + own + planned) e << " + " << static_cast<uint64_t>(total - begin - own - planned) << " planner workspace";
    if (sa.misalignment_ != 0) e << " + " << static_cast<uint64_t>(sa.misalignment_) << " to align the arena to 16 bytes";
    e << "): model " << model << " does not fit";
  } else {
    e << "model " << model << " does not fit";
    if (model > 1)
      e << " in the " << static_cast<uint64_t>(in.arena_size_) << " bytes past models 1-" << (model - 1) << "'s persistent "
        << static_cast<uint64_t>(begin);
    e << ": " << cause;
  }
  return e;
}

}  // namespace tinyrt
