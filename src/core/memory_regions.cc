// SPDX-License-Identifier: Apache-2.0
// Several memories in one plan (MicroInterpreter::UseMemoryRegions): which planned buffers go to
// the arena (the fastest memory) and which to each further region, then the plan within each.
// Linked only by applications that call UseMemoryRegions (the interpreter reaches this file
// through a function pointer that call sets).
#include "src/core/error_builder.h"
#include "src/core/interpreter_internal.h"
#include "src/core/planner.h"

namespace tinyrt {

using internal::AlignUp;

namespace {

constexpr uint8_t kUnplaced = 0xFF;

// The per-buffer arrays PlaceInRegions keeps past the planner's own workspace.
struct RegionWork {
  uint32_t* accesses;  // estimated accesses per Invoke; then the final offsets
  uint32_t* sizes;     // the buffers' sizes (PlanMemory plans only those with a size)
  uint16_t* order;     // group leaders, most accessed per byte first
  uint8_t* region;     // per buffer: its region, or kUnplaced
};

uint32_t SaturatingAdd(uint32_t a, uint64_t b) {
  const uint64_t sum = a + b;
  return sum > 0xFFFFFFFFu ? 0xFFFFFFFFu : static_cast<uint32_t>(sum);
}

uint64_t Elements(const tflite::SubGraph* graph, int32_t t) {
  if (t < 0 || graph->tensors() == nullptr || static_cast<uint32_t>(t) >= graph->tensors()->size()) return 0;
  return TensorView(graph->tensors()->Get(static_cast<uint32_t>(t)), nullptr).elements();
}

// Multiply-accumulates per Invoke of a convolution or fully connected layer (the filter is input 1,
// already validated by the kernel's Prepare), or 0 for other ops.
uint64_t LayerMacs(const flatbuffers::Vector<flatbuffers::Offset<tflite::OperatorCode>>* codes, const tflite::SubGraph* graph,
                   const tflite::Operator* op) {
  if (op->inputs() == nullptr || op->inputs()->size() < 2 || op->outputs() == nullptr || op->outputs()->size() == 0) return 0;
  const int32_t builtin = codes != nullptr && op->opcode_index() < codes->size() ? OperatorBuiltinCode(codes->Get(op->opcode_index())) : -1;
  const int32_t filter = op->inputs()->Get(1);
  if (filter < 0) return 0;
  const TensorView view(graph->tensors()->Get(static_cast<uint32_t>(filter)), nullptr);
  const uint64_t elements = view.elements();
  if (view.rank() == 0) return 0;
  int dim = -1;  // the filter dimension that counts output channels
  if (builtin == static_cast<int32_t>(tflite::BuiltinOperator_CONV_2D) ||
      builtin == static_cast<int32_t>(tflite::BuiltinOperator_FULLY_CONNECTED)) {
    dim = 0;
  } else if (builtin == static_cast<int32_t>(tflite::BuiltinOperator_DEPTHWISE_CONV_2D)) {
    dim = view.rank() - 1;
  }
  if (dim < 0 || view.dim(dim) <= 0) return 0;
  return elements / static_cast<uint64_t>(view.dim(dim)) * Elements(graph, op->outputs()->Get(0));
}

}  // namespace

Status MicroInterpreter::UseMemoryRegions(const MemoryRegion* regions, size_t count) {
  if (state_ != State::kCreated) return Status(StatusCode::kNotReady, TINYRT_MSG("UseMemoryRegions() must come before AllocateTensors()"));
  if (count > kMaxMemoryRegions || (count != 0 && regions == nullptr)) {
    return Status(StatusCode::kInvalidArgument, TINYRT_MSG("UseMemoryRegions() takes at most 3 regions besides the arena"));
  }
  for (size_t r = 0; r < count; ++r) {
    if (regions[r].memory == nullptr || (reinterpret_cast<uintptr_t>(regions[r].memory) & (internal::kArenaAlignment - 1)) != 0) {
      return Status(StatusCode::kInvalidArgument, TINYRT_MSG("UseMemoryRegions(): a region's memory is null or not 16-byte aligned"));
    }
  }
  for (size_t r = 0; r < count; ++r) {
    region_memory_[r] = regions[r].memory;
    // Region offsets are 29-bit, like the arena's.
    region_size_[r] = static_cast<uint32_t>(regions[r].size > internal::kMaxArenaBytes ? internal::kMaxArenaBytes : regions[r].size);
    region_used_[r] = 0;
  }
  num_regions_ = static_cast<uint8_t>(count);
  place_in_regions_ = count != 0 ? &PlaceInRegions : nullptr;
  return Status::Ok();
}

// Fills the arena's planned region (from `start`), then each further region, with the buffers
// accessed most per byte; the last region takes the rest. Buffers of one group (in-place ops)
// stay together. On return every buffer's offset is final (see the last loop); planned_size_ is
// the arena's planned bytes and region_used_ the others'.
Status MicroInterpreter::PlaceInRegions(MicroInterpreter& in, const SubgraphView& sg, PlannerBuffer* buffers, uint32_t count,
                                        size_t start) {
  if (in.shared_ != nullptr || in.plan_ != nullptr || in.num_subgraphs_ > 1) {
    return in.Fail(StatusCode::kUnsupported) << "memory regions (UseMemoryRegions) do not combine with "
                                             << (in.shared_ != nullptr ? "a shared arena"
                                                 : in.plan_ != nullptr ? "an arena plan (UseArenaPlan)"
                                                                       : "models of several subgraphs");
  }
  for (uint32_t i = 0; i < count; ++i) {
    if (buffers[i].fixed) {
      return in.Fail(StatusCode::kUnsupported)
             << "memory regions (UseMemoryRegions) do not combine with the model's offline arena plan (OfflineMemoryAllocation)";
    }
  }
  // The arrays, past the buffers and the planner's workspace: this placement's share of the
  // arena's workspace (the arena needs at least its end during AllocateTensors).
  const size_t arrays = AlignUp(PlannerWorkspaceBytes(count), 4);
  const size_t workspace_end = start + count * sizeof(PlannerBuffer) + arrays + static_cast<size_t>(count) * 11;
  if (workspace_end > in.arena_size_) return in.ArenaTooSmall(workspace_end, TINYRT_MSG("planning (placing buffers in memory regions)"));
  if (workspace_end - in.persistent_used_ > in.workspace_peak_) in.workspace_peak_ = workspace_end - in.persistent_used_;
  if (workspace_end > in.arena_used_) in.arena_used_ = workspace_end;
  uint8_t* const base = reinterpret_cast<uint8_t*>(buffers + count) + arrays;
  RegionWork w{reinterpret_cast<uint32_t*>(base), reinterpret_cast<uint32_t*>(base) + count,
               reinterpret_cast<uint16_t*>(reinterpret_cast<uint32_t*>(base) + 2 * count), nullptr};
  w.region = reinterpret_cast<uint8_t*>(w.order + count);
  for (uint32_t i = 0; i < count; ++i) {
    w.accesses[i] = 0;
    w.sizes[i] = buffers[i].size;
    w.region[i] = kUnplaced;
  }

  // Estimated accesses per Invoke: a convolution's or fully connected layer's activation input
  // and scratch are read once per multiply-accumulate; other buffers once per element an op
  // reads or writes.
  const tflite::SubGraph* graph = sg.graph;
  const auto* codes = in.model_.flatbuffer()->operator_codes();
  const uint32_t* locations = sg.locations;
  auto buffer_index = [&](int32_t t) -> int32_t {
    if (t < 0 || static_cast<uint32_t>(t) >= sg.num_tensors) return -1;
    const uint32_t location = locations[t];
    return (location & internal::kLocationPlanningMask) == internal::kLocationPlanning
               ? static_cast<int32_t>(location & ~internal::kLocationPlanningMask)
               : -1;
  };
  for (uint32_t n = 0; n < sg.num_nodes; ++n) {
    const tflite::Operator* op = graph->operators()->Get(n);
    const uint64_t macs = LayerMacs(codes, graph, op);
    if (op->inputs() != nullptr) {
      for (uint32_t k = 0; k < op->inputs()->size(); ++k) {
        const int32_t b = buffer_index(op->inputs()->Get(k));
        if (b >= 0) w.accesses[b] = SaturatingAdd(w.accesses[b], k == 0 && macs != 0 ? macs : Elements(graph, op->inputs()->Get(k)));
      }
    }
    if (op->outputs() != nullptr) {
      for (uint32_t k = 0; k < op->outputs()->size(); ++k) {
        const int32_t b = buffer_index(op->outputs()->Get(k));
        if (b >= 0) w.accesses[b] = SaturatingAdd(w.accesses[b], Elements(graph, op->outputs()->Get(k)));
      }
    }
  }
  // Scratch buffers follow the tensors' buffers; each belongs to one node.
  uint32_t num_tensor_buffers = 0;
  for (uint32_t t = 0; t < sg.num_tensors; ++t) num_tensor_buffers += buffer_index(static_cast<int32_t>(t)) >= 0 ? 1 : 0;
  for (uint32_t i = num_tensor_buffers; i < count; ++i) {
    const int32_t node = buffers[i].first;
    if (node < 0) continue;
    const uint64_t macs = LayerMacs(codes, graph, graph->operators()->Get(static_cast<uint32_t>(node)));
    w.accesses[i] = SaturatingAdd(0, macs != 0 ? macs : buffers[i].size);
  }

  // The groups' leaders, by accesses per byte (a group: its members' accesses over its largest
  // member), most first; ties keep the buffers' order.
  uint32_t leaders = 0;
  for (uint32_t i = 0; i < count; ++i) {
    if (buffers[i].group != i || w.sizes[i] == 0) continue;
    uint64_t accesses = 0, bytes = 0;
    for (uint16_t m = static_cast<uint16_t>(i); m != kPlannerNoBuffer; m = buffers[m].next) {
      accesses += w.accesses[m];
      if (w.sizes[m] > bytes) bytes = w.sizes[m];
    }
    w.accesses[i] = accesses > 0xFFFFFFFFu ? 0xFFFFFFFFu : static_cast<uint32_t>(accesses);
    w.sizes[i] = static_cast<uint32_t>(bytes);  // restored below
    // Insertion sort: a few hundred buffers at most in the models this is for.
    uint32_t j = leaders++;
    while (j > 0) {
      const uint16_t prev = w.order[j - 1];
      if (static_cast<uint64_t>(w.accesses[prev]) * bytes >= static_cast<uint64_t>(w.accesses[i]) * w.sizes[prev]) break;
      w.order[j] = prev;
      --j;
    }
    w.order[j] = static_cast<uint16_t>(i);
  }
  // The leaders' own sizes back (the group's largest was only for the ordering).
  for (uint32_t i = 0; i < count; ++i) w.sizes[i] = buffers[i].size;

  void* const workspace = buffers + count;
  auto plan_region = [&](uint8_t r) -> uint32_t {
    for (uint32_t i = 0; i < count; ++i) buffers[i].size = w.region[buffers[i].group] == r ? w.sizes[i] : 0;
    return PlanMemory(buffers, count, workspace);
  };
  auto place_group = [&](uint16_t leader, uint8_t r) {
    for (uint16_t m = leader; m != kPlannerNoBuffer; m = buffers[m].next) w.region[m] = r;
  };
  const uint8_t last = in.num_regions_;
  auto capacity = [&](uint8_t r) -> size_t { return r == 0 ? in.arena_size_ - start : in.region_size_[r - 1]; };
  for (uint8_t r = 0; r < last; ++r) {
    for (uint32_t k = 0; k < leaders; ++k) {
      const uint16_t u = w.order[k];
      if (w.region[u] != kUnplaced) continue;
      place_group(u, r);
      if (plan_region(r) > capacity(r)) place_group(u, kUnplaced);
    }
  }
  for (uint32_t k = 0; k < leaders; ++k) {
    if (w.region[w.order[k]] == kUnplaced) place_group(w.order[k], last);
  }
  // The final plan of each region; offsets kept in w.accesses (each pass rewrites them all).
  size_t used[1 + kMaxMemoryRegions] = {};
  for (uint8_t r = 0; r <= last; ++r) {
    used[r] = plan_region(r);
    for (uint32_t i = 0; i < count; ++i) {
      // PlanActivations writes start + offset (32-bit) as the location: for another region, an
      // offset that wraps to the location with the region's number (kernel.h).
      if (w.region[buffers[i].group] == r)
        w.accesses[i] = r == 0 ? buffers[i].offset
                               : static_cast<uint32_t>(((static_cast<uint32_t>(r) << kLocationRegionShift) | buffers[i].offset) - start);
    }
  }
  for (uint32_t i = 0; i < count; ++i) {
    buffers[i].size = w.sizes[i];
    buffers[i].offset = w.region[buffers[i].group] == kUnplaced ? 0 : w.accesses[i];  // unplaced: never used
  }
  if (used[last] > capacity(last)) {
    ErrorBuilder e = in.Fail(StatusCode::kArenaTooSmall);
    e << "the planned buffers do not fit: region " << last << " needs " << static_cast<uint64_t>(used[last]) << " bytes and has "
      << static_cast<uint64_t>(capacity(last)) << " (";
    e << "the arena holds " << static_cast<uint64_t>(used[0]);
    for (uint8_t r = 1; r < last; ++r) e << ", region " << r << " " << static_cast<uint64_t>(used[r]);
    e << " planned bytes)";
    return e;
  }
  for (uint8_t r = 1; r <= last; ++r) in.region_used_[r - 1] = static_cast<uint32_t>(used[r]);
  in.planned_size_ = used[0];
  return Status::Ok();
}

}  // namespace tinyrt
