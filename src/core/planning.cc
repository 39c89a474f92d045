// SPDX-License-Identifier: Apache-2.0
// Planning a subgraph's activations and scratch buffers into the arena after the persistent
// data, and walking the plan afterwards (planned_buffer). The placement itself is planner.cc's.
#include "src/core/error_builder.h"
#include "src/core/interpreter_internal.h"
#include "src/core/lifetimes.h"
#include "src/core/planner.h"
#include "src/core/scratch_policy.h"

#ifndef TINYRT_ONLINE_PLANNER
#define TINYRT_ONLINE_PLANNER 1
#endif

namespace tinyrt {

namespace internal {
namespace {
bool keep_optional_scratch = false;  // scratch_policy.h
}  // namespace
void SetKeepOptionalScratch(bool keep) { keep_optional_scratch = keep; }
bool KeepOptionalScratch() { return keep_optional_scratch; }
}  // namespace internal

using internal::AlignUp;
using internal::kLocationPlanning;
using internal::kLocationPlanningMask;
using internal::kMaxArenaBytes;
using internal::ScratchRecord;

// Plans subgraph `sg`'s activations and scratch buffers into the region that starts `base`
// bytes after the persistent data; *region is the region's size.
Status MicroInterpreter::PlanActivations(const SubgraphView& sg, size_t base, size_t* region) {
  if (sg.num_nodes > static_cast<uint32_t>(kPlannerMaxNodes))
    return Fail(StatusCode::kUnsupported) << "model has more than 32767 operators";
  // Number the plannable tensors (no data yet: not constant, not state). While planning, their
  // location slot holds kLocationPlanning | buffer index, so the workspace holds only them.
  uint32_t* const locations = sg.locations;
  uint32_t count = 0;
  for (uint32_t t = 0; t < sg.num_tensors; ++t) {
    if (locations[t] == kLocationNone) locations[t] = kLocationPlanning | count++;
  }
  const uint32_t num_tensor_buffers = count;
  // Scratch records carry (subgraph << 16) | node; this subgraph plans its own.
  auto record_in_subgraph = [&](const ScratchRecord* record) { return static_cast<uint32_t>(record->node) >> 16 == sg.index; };
  for (uint32_t r = scratch_head_; r != internal::kEndOfList;) {
    const auto* record = reinterpret_cast<const ScratchRecord*>(arena_ + r);
    if (record_in_subgraph(record)) ++count;
    r = record->next;
  }
  if (count > kPlannerMaxBuffers) return Fail(StatusCode::kUnsupported) << "model has more than 65535 activation and scratch buffers";
  // The workspace sits where the planned buffers will go: nothing is written there before Invoke.
  const size_t workspace = AlignUp(static_cast<size_t>(count) * sizeof(PlannerBuffer) + PlannerWorkspaceBytes(count), kPlannerAlignment);
  const size_t start = persistent_used_ + base;
  if (start > arena_size_ || workspace > arena_size_ - start) {
    return ArenaTooSmall(start + workspace, TINYRT_MSG("planning (the planner's workspace does not fit)"));
  }
  if (base + workspace > workspace_peak_) workspace_peak_ = base + workspace;
  auto* buffers = reinterpret_cast<PlannerBuffer*>(arena_ + start);
  for (uint32_t i = 0; i < count; ++i) buffers[i] = PlannerBuffer{0, 0, 0, -1, -1, static_cast<uint16_t>(i), kPlannerNoBuffer};
  auto buffer_of = [&](int32_t t) -> PlannerBuffer* {
    const uint32_t location = locations[t];
    return (location & kLocationPlanningMask) == kLocationPlanning ? &buffers[location & ~kLocationPlanningMask] : nullptr;
  };

  // Writing state in place is fine; writing a constant is not.
  auto may_write = [&](int32_t t) { return (locations[t] & kLocationInModel) == 0; };
  auto issue = [&](LifetimeIssue kind, int32_t node, uint32_t index, int32_t t) -> Status {
    switch (kind) {
      case LifetimeIssue::kReadBeforeWrite:
        return NodeFail(StatusCode::kInvalidModel, sg, node)
               << "input " << index << " reads tensor " << t << " ('"
               << TensorView(sg.graph->tensors()->Get(static_cast<uint32_t>(t)), nullptr).name()
               << "'), which no earlier op writes and which is neither a model input nor a constant";
      case LifetimeIssue::kWritesUntracked:
        return NodeFail(StatusCode::kInvalidModel, sg, node) << "output " << index << " writes constant tensor " << t;
      case LifetimeIssue::kWrittenTwice:
        return NodeFail(StatusCode::kInvalidModel, sg, node) << "output " << index << " writes tensor " << t
                                                             << ", which a model input or an earlier op (or this op's input) already holds";
      default: return Fail(StatusCode::kInvalidModel) << "model output " << index << " (tensor " << t << ") is never written";
    }
  };
  TINYRT_RETURN_IF_ERROR(ComputeLifetimes(sg.graph, buffer_of, may_write, issue));
  for (uint32_t t = 0; t < sg.num_tensors; ++t) {
    PlannerBuffer* b = buffer_of(static_cast<int32_t>(t));
    if (b == nullptr || b->first < 0) continue;
    const TensorView view(sg.graph->tensors()->Get(t), nullptr);
    if (TensorTypeSize(view.type()) == 0) {
      return Fail(StatusCode::kUnsupported) << "tensor " << t << " ('" << view.name() << "') has type " << TensorTypeName(view.type())
                                            << ", which tinyrt cannot store";
    }
    const size_t size = AlignUp(view.bytes(), kPlannerAlignment);
    if (size > kMaxArenaBytes) return ArenaTooSmall(persistent_used_ + size, TINYRT_MSG("planning a tensor larger than any arena"));
    b->size = static_cast<uint32_t>(size);
    if (b->size == 0) b->size = kPlannerAlignment;  // keep a distinct address for empty tensors
  }
  uint32_t s = num_tensor_buffers;
  for (uint32_t r = scratch_head_; r != internal::kEndOfList;) {
    const auto* record = reinterpret_cast<const ScratchRecord*>(arena_ + r);
    if (record_in_subgraph(record)) {
      const auto node = static_cast<int16_t>(record->node & 0xFFFF);
      const size_t scratch_size = AlignUp(record->size, kPlannerAlignment);
      if (scratch_size > kMaxArenaBytes)
        return ArenaTooSmall(start + scratch_size, TINYRT_MSG("planning a scratch buffer larger than any arena"));
      buffers[s] = PlannerBuffer{static_cast<uint32_t>(scratch_size), 0, 0, node, node, static_cast<uint16_t>(s), kPlannerNoBuffer};
      // An optional scratch buffer the arena plan leaves out (offset -1) is dropped, as when planned.
      if ((record->offset & internal::kOptionalScratch) != 0 && plan_ != nullptr && s - num_tensor_buffers < plan_->num_scratch &&
          plan_->scratch_offsets != nullptr && plan_->scratch_offsets[s - num_tensor_buffers] < 0) {
        DropOptionalScratch(sg, r, &buffers[s]);
      }
      ++s;
    }
    r = record->next;
  }

  TINYRT_RETURN_IF_ERROR(FixOfflineOffsets(sg, buffers, num_tensor_buffers, count));
  // In-place ops: the output starts where the input it takes over starts. The kernel asked only
  // when the input ends at this op; checked again here against the lifetimes just computed.
  for (uint32_t n = 0; n < sg.num_nodes; ++n) {
    if (sg.nodes[n].in_place_input == internal::kNoInPlace) continue;
    const tflite::Operator* op = sg.graph->operators()->Get(n);
    const int32_t in = op->inputs()->Get(sg.nodes[n].in_place_input);
    const int32_t out = op->outputs()->Get(0);
    PlannerBuffer* b_in = buffer_of(in);
    PlannerBuffer* b_out = buffer_of(out);
    if (b_in == nullptr || b_out == nullptr || b_in == b_out || b_in->last != static_cast<int16_t>(n) ||
        b_out->first != static_cast<int16_t>(n) || internal::IsGraphOutput(sg.graph, in)) {
      continue;
    }
    // An offline plan decides: one start offset for both, or none.
    if ((b_in->fixed || b_out->fixed) && !(b_in->fixed && b_out->fixed && b_in->offset == b_out->offset)) continue;
    PlannerJoin(buffers, static_cast<uint16_t>(b_in - buffers), static_cast<uint16_t>(b_out - buffers));
  }
  uint32_t clash_a = 0, clash_b = 0;
  if (PlannerFindConflict(buffers, count, /*fixed_only=*/true, &clash_a, &clash_b)) {
    auto describe = [&](ErrorBuilder& e, uint32_t i) {
      if (i < num_tensor_buffers) {
        for (uint32_t t = 0; t < sg.num_tensors; ++t) {
          if (buffer_of(static_cast<int32_t>(t)) == &buffers[i]) e << "tensor " << t;
        }
      } else {
        e << "scratch buffer " << (i - num_tensor_buffers);
      }
      e << " (bytes " << buffers[i].offset << "+" << buffers[i].size << ", ops " << buffers[i].first << "-" << buffers[i].last << ")";
    };
    ErrorBuilder e = Fail(StatusCode::kInvalidArgument);
    e << "the offline arena plan puts ";
    describe(e, clash_a);
    e << " and ";
    describe(e, clash_b);
    e << " in overlapping bytes while both are live";
    return e;
  }
  bool all_fixed = true;
  uint32_t fixed_total = 0;
  for (uint32_t i = 0; i < count; ++i) {
    if (buffers[i].size == 0) continue;
    all_fixed = all_fixed && buffers[i].fixed;
    if (buffers[i].offset + buffers[i].size > fixed_total) fixed_total = buffers[i].offset + buffers[i].size;
  }
#if TINYRT_ONLINE_PLANNER
  size_t planned;
  if (place_in_regions_ != nullptr) {
    TINYRT_RETURN_IF_ERROR(place_in_regions_(*this, sg, buffers, count, start));
    planned = planned_size_;
  } else {
    planned = all_fixed ? fixed_total : PlanMemory(buffers, count, buffers + count);
    if (!all_fixed && plan_ == nullptr && !internal::KeepOptionalScratch()) {
      planned = DropCostlyScratch(sg, buffers, num_tensor_buffers, count, planned);
    }
  }
  if (planned > kMaxArenaBytes) return ArenaTooSmall(start + kMaxArenaBytes, TINYRT_MSG("planning (the buffers need more than 512 MiB)"));
#else
  if (!all_fixed)
    return Fail(StatusCode::kUnsupported)
           << "this build has no online planner (TINYRT_ONLINE_PLANNER=0): pass a complete plan with UseArenaPlan()";
  const size_t planned = fixed_total;
#endif
  *region = planned;
  const size_t needed = start + (planned > workspace ? planned : workspace);
  if (needed > arena_used_) arena_used_ = needed;
  // Write the plan back (also on failure, so no slot keeps a planning marker).
  for (uint32_t t = 0; t < sg.num_tensors; ++t) {
    PlannerBuffer* b = buffer_of(static_cast<int32_t>(t));
    if (b != nullptr) locations[t] = b->size != 0 ? static_cast<uint32_t>(start + b->offset) : kLocationNone;
  }
  s = num_tensor_buffers;
  for (uint32_t r = scratch_head_; r != internal::kEndOfList;) {
    auto* record = reinterpret_cast<ScratchRecord*>(arena_ + r);
    if (record_in_subgraph(record)) record->offset = static_cast<uint32_t>(start + buffers[s++].offset);
    r = record->next;
  }
  return Status::Ok();
}

// The node of optional scratch record `r` runs its fallback variant; the buffer is not planned.
void MicroInterpreter::DropOptionalScratch(const SubgraphView& sg, uint32_t r, PlannerBuffer* buffer) {
  auto* record = reinterpret_cast<ScratchRecord*>(arena_ + r);
  internal::Node& node = sg.nodes[record->node & 0xFFFF];
  node.variant = static_cast<uint8_t>(record->offset & 0xFF);
  node.reason = static_cast<uint8_t>((node.reason & internal::kSkipNode) | static_cast<uint8_t>(ReferenceReason::kScratch));
  record->size = 0;
  record->offset = 0;
  buffer->size = 0;
}

#if TINYRT_ONLINE_PLANNER
// While the plan is larger than both the largest sum of activations live at one op (TFLM's plan
// needs at least that) and what it would be without an optional scratch buffer, drops that
// buffer (RequestOptionalScratch). Returns the planned size; the buffers hold the final plan.
size_t MicroInterpreter::DropCostlyScratch(const SubgraphView& sg, PlannerBuffer* buffers, uint32_t num_tensor_buffers, uint32_t count,
                                           size_t planned) {
  size_t peak_live = 0;
  for (int32_t n = 0; n < static_cast<int32_t>(sg.num_nodes); ++n) {
    size_t live = 0;
    for (uint32_t i = 0; i < num_tensor_buffers; ++i) {
      if (buffers[i].size != 0 && buffers[i].first <= n && n <= buffers[i].last) live += buffers[i].size;
    }
    if (live > peak_live) peak_live = live;
  }
  if (planned <= peak_live) return planned;
  bool tried = false;
  uint32_t s = num_tensor_buffers;
  for (uint32_t r = scratch_head_; r != internal::kEndOfList && s < count && planned > peak_live;) {
    auto* record = reinterpret_cast<ScratchRecord*>(arena_ + r);
    const uint32_t next = record->next;
    if (static_cast<uint32_t>(record->node) >> 16 != sg.index) {
      r = next;
      continue;
    }
    PlannerBuffer& b = buffers[s++];
    if ((record->offset & internal::kOptionalScratch) != 0 && b.size != 0) {
      const uint32_t size = b.size;
      b.size = 0;
      tried = true;
      const size_t without = PlanMemory(buffers, count, buffers + count);
      b.size = size;
      if (without < planned) {
        DropOptionalScratch(sg, r, &b);
        planned = without;
      }
    }
    r = next;
  }
  // Plan the buffers as they stay (the last trial may have been undone).
  return tried ? PlanMemory(buffers, count, buffers + count) : planned;
}
#endif

size_t MicroInterpreter::planned_buffers_size() const {
  if (state_ != State::kAllocated) return 0;
  size_t count = num_scratch_;
  const size_t start = PlannedStart();
  for (uint32_t t = 0; t < num_tensors_; ++t) {
    if (internal::ArenaLocationFrom(locations_[t], start)) ++count;
  }
  return count;
}

PlannedBuffer MicroInterpreter::planned_buffer(size_t index) const {
  PlannedBuffer result{-1, -1, 0, 0, -1, -1};
  if (state_ != State::kAllocated) return result;
  size_t seen = 0;
  const size_t start = PlannedStart();
  for (uint32_t t = 0; t < num_tensors_; ++t) {
    const uint32_t location = locations_[t];
    if (!internal::ArenaLocationFrom(location, start)) continue;
    if (seen++ != index) continue;
    result.tensor = static_cast<int32_t>(t);
    result.region = static_cast<int32_t>(location >> kLocationRegionShift);
    result.offset = internal::PlannedOffset(location, start);
    result.size = static_cast<uint32_t>(AlignUp(tensor(t).bytes(), kPlannerAlignment));
    if (result.size == 0) result.size = kPlannerAlignment;
    // The lifetime (the planner's workspace is gone): the planner's walk, for this tensor only.
    struct Lifetime {
      int32_t first;
      int32_t last;
    } lifetime{-1, -1};
    const int32_t target = result.tensor;
    auto slot = [&](int32_t u) { return u == target ? &lifetime : nullptr; };
    // (An allocated model has no lifetime issues.)
    static_cast<void>(ComputeLifetimes(
        model_.main_subgraph(), slot, [](int32_t) { return true; },
        [](LifetimeIssue, int32_t, uint32_t, int32_t) { return Status::Ok(); }));
    result.first_use = lifetime.first;
    result.last_use = lifetime.last;
    return result;
  }
  for (uint32_t r = scratch_head_; r != internal::kEndOfList;) {
    const auto* record = reinterpret_cast<const ScratchRecord*>(arena_ + r);
    if (seen++ == index) {
      return PlannedBuffer{-1,
                           record->node,
                           internal::PlannedOffset(record->offset, start),
                           static_cast<uint32_t>(AlignUp(record->size, kPlannerAlignment)),
                           record->node,
                           record->node,
                           static_cast<int32_t>(record->offset >> kLocationRegionShift)};
    }
    r = record->next;
  }
  return result;
}

}  // namespace tinyrt
