// SPDX-License-Identifier: Apache-2.0
// MicroInterpreter: runs one model in one caller-owned arena. Shaped like TFLM's so that TFLM
// application code ports with few changes:
//
//   tinyrt::Model model;                         // verified, read in place
//   TINYRT_RETURN_IF_ERROR(model.Load(g_model, g_model_len));
//   tinyrt::MicroMutableOpResolver<2> resolver;  // only these kernels are linked
//   TINYRT_RETURN_IF_ERROR(resolver.AddFullyConnected());
//   alignas(16) static uint8_t arena[2048];
//   tinyrt::MicroInterpreter interpreter(model, resolver, arena, sizeof(arena));
//   TINYRT_RETURN_IF_ERROR(interpreter.AllocateTensors());  // plans the arena once
//   interpreter.input(0).data<int8_t>()[0] = 42;
//   TINYRT_RETURN_IF_ERROR(interpreter.Invoke());           // as often as you like
//
// Arena layout: [persistent: tensor locations, nodes, op data, state][planned activations].
// Everything is an offset, nothing a pointer, so the used size is the same on every target.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "tinyrt/model.h"
#include "tinyrt/op_resolver.h"
#include "tinyrt/profiler.h"
#include "tinyrt/status.h"
#include "tinyrt/tensor.h"

namespace tinyrt {

class PrepareContext;
class ErrorBuilder;   // src/core/error_builder.h
namespace internal {  // src/core/interpreter_internal.h
struct Node;
struct ScratchRecord;
struct SubgraphRecord;
struct ResourceRecord;
struct SubgraphView;
}  // namespace internal

// Introspection of one node after AllocateTensors (for tools and profilers).
struct NodeInfo {
  int32_t builtin_code;
  const char* custom_name;  // custom ops only
  int version;
  const char* variant;           // name of the Eval variant chosen in Prepare
  const char* reference_reason;  // why the reference variant runs where optimized ones exist, or ""
};

// One planned buffer: a non-constant tensor or a scratch buffer (tensor index -1).
struct PlannedBuffer {
  int32_t tensor;
  int32_t node;     // scratch buffers: the node that owns it
  uint32_t offset;  // within its region's planned bytes
  uint32_t size;
  int32_t first_use;
  int32_t last_use;
  int32_t region = 0;  // 0: the arena; 1-3: MicroInterpreter::UseMemoryRegions' regions
};

// A further memory for planned buffers (MicroInterpreter::UseMemoryRegions).
struct MemoryRegion {
  uint8_t* memory;  // 16-byte aligned
  size_t size;
};
constexpr size_t kMaxMemoryRegions = 3;  // besides the arena

// An arena plan made ahead of time (`tinyrt plan MODEL --header FILE` writes one): the offset,
// within the planned region, of every tensor of the main subgraph (-1 for tensors the runtime
// does not plan: constants, state, unused ones) and of every scratch buffer in the order the
// kernels request them. AllocateTensors() checks it (counts, alignment, no two buffers live at
// the same time share bytes) instead of planning; a build with TINYRT_ONLINE_PLANNER=0 has no
// planner code and needs one.
struct ArenaPlan {
  const int32_t* tensor_offsets;
  uint32_t num_tensors;
  const int32_t* scratch_offsets;
  uint32_t num_scratch;
};

class MicroInterpreter;

// One caller-owned arena shared by several interpreters of which only one runs at a time (a
// wake-word model and a vision model, an audio front end and a keyword model). Each
// interpreter's persistent part (tables, op data, state: variable tensors, resource variables,
// kernels' delay lines) gets its own bytes, stacked from the head in the order of the
// AllocateTensors() calls; the planned region (activations, scratch) is shared at the tail and
// is as large as the largest model's, so one model's Invoke overwrites the other models'
// activations: fill a model's inputs before each of its Invoke() calls and read its outputs
// before another model runs. Nothing is heap allocated; the object holds offsets and counts.
//
//   alignas(16) static uint8_t arena[kBytes];
//   tinyrt::SharedArena shared(arena, sizeof(arena));
//   tinyrt::MicroInterpreter frontend(frontend_model, frontend_ops, shared);
//   tinyrt::MicroInterpreter kws(kws_model, kws_ops, shared);
//   TINYRT_RETURN_IF_ERROR(frontend.AllocateTensors());  // every interpreter, before any Invoke
//   TINYRT_RETURN_IF_ERROR(kws.AllocateTensors());
//   printf("%zu\n", shared.used_bytes());              // exact: one byte less fails
//
// Layout: [persistent 1][persistent 2]...[free][shared planned region]. used_bytes() after the
// AllocateTensors() calls is exact, the same on every target, and equals
//   max( persistent_bytes() + max over models of arena_planned_bytes(),
//        max over models k of (persistent parts of models 1..k + model k's arena_planned_bytes()
//                              or, if larger, its planner workspace) )
// (every persistent part is a multiple of 16 bytes, so there is no other padding; the planner's
// workspace of model k lives only during its AllocateTensors(), past the persistent parts
// allocated up to then). Plus, like arena_used_bytes(), the bytes that align `arena` to 16.
// A shared arena that is too small fails the AllocateTensors() that does not fit, with a
// message naming the model (its order in the arena) and the bytes the models need.
class SharedArena {
 public:
  SharedArena(uint8_t* arena, size_t arena_size);
  SharedArena(const SharedArena&) = delete;
  SharedArena& operator=(const SharedArena&) = delete;

  // Exact bytes the interpreters allocated so far need together (see above).
  size_t used_bytes() const { return needed_; }
  // The persistent parts (their sum) and the shared planned region (the largest model's plan).
  size_t persistent_bytes() const { return persistent_end_; }
  size_t planned_bytes() const { return max_planned_; }
  // Interpreters allocated in this arena so far.
  size_t models() const { return models_; }

 private:
  friend class MicroInterpreter;
  static Status Allocate(MicroInterpreter& interpreter);
  Status (*allocate_)(MicroInterpreter&);  // set by the constructor: single-arena builds link none of this
  uint8_t* arena_;                         // 16-byte aligned start
  size_t size_;                            // usable bytes from arena_
  size_t misalignment_;
  size_t persistent_end_ = 0;  // end of the persistent parts so far (a multiple of 16)
  size_t floor_;               // lowest start of a planned region so far
  size_t max_planned_ = 0;
  size_t needed_ = 0;
  size_t models_ = 0;
};

class MicroInterpreter {
 public:
  MicroInterpreter(const Model& model, const OpResolver& resolver, uint8_t* arena, size_t arena_size, MicroProfiler* profiler = nullptr);
  // Shares `arena` with other interpreters (see SharedArena). arena_used_bytes() and its
  // breakdown stay this model's own figures (what it would need alone).
  MicroInterpreter(const Model& model, const OpResolver& resolver, SharedArena& arena, MicroProfiler* profiler = nullptr);
  MicroInterpreter(const MicroInterpreter&) = delete;
  MicroInterpreter& operator=(const MicroInterpreter&) = delete;

  // Before AllocateTensors: run the reference Eval variants only (default: each op's optimized
  // variant where the build has one and its conditions hold). Lets one binary measure both.
  void UseReferenceKernels(bool reference_only) { reference_only_ = reference_only; }
  // Before AllocateTensors: keep the per-channel requantization tables of CONV_2D,
  // DEPTHWISE_CONV_2D and FULLY_CONNECTED in the persistent arena (5 bytes per output channel)
  // instead of recomputing them from the model's scales into shared scratch at every Invoke (the
  // default: the smaller arena, for 5-9% more instructions per Invoke on per-channel models;
  // docs/results.md). Speed over RAM.
  void KeepRequantizationTables(bool keep) { keep_requant_tables_ = keep; }

  // Resolves every op, runs every kernel's Prepare and plans the arena. Call once. A model with
  // TFLM's "OfflineMemoryAllocation" metadata gets those tensors where it says; the others are
  // planned around them.
  Status AllocateTensors();
  // Before AllocateTensors(): use this plan for every buffer (it must outlive the call).
  void UseArenaPlan(const ArenaPlan* plan) { plan_ = plan; }
  // Before AllocateTensors(): up to kMaxMemoryRegions further memories for the planned buffers
  // (activations and scratch), each slower or larger than the one before: a board's small fast
  // RAM (DTCM, internal SRAM) is the arena, its large slow one (SRAM behind a bus, PSRAM, SDRAM)
  // a region. The arena keeps the persistent data and the planner's workspace; the planner
  // fills the arena, then each region in turn, with the buffers accessed most per byte first
  // (a convolution's or fully connected layer's input and scratch count its MACs, other
  // buffers the elements each op reads or writes), and fails only when the last region cannot
  // hold the rest. region_used_bytes(r) is then region r's exact need for the plan made; the
  // arena's is arena_used_bytes(). Not with SharedArena, UseArenaPlan or models with several
  // subgraphs (AllocateTensors says so). The regions must outlive the interpreter.
  Status UseMemoryRegions(const MemoryRegion* regions, size_t count);
  // Bytes of region `r` (1..count of UseMemoryRegions; 0 is the arena) the plan uses.
  size_t region_used_bytes(size_t r) const { return r == 0 ? arena_used_ : r <= num_regions_ ? region_used_[r - 1] : 0; }
  // Runs the ops in order.
  Status Invoke();
  // Returns variable (state) tensors to their initial values.
  Status Reset();

  size_t inputs_size() const;
  size_t outputs_size() const;
  // Invalid views (valid() == false) for out-of-range indices or before AllocateTensors.
  // Inputs' bytes are reused once the model has read them (as in TFLM, and by in-place ops):
  // fill the inputs before every Invoke().
  TensorView input(size_t index) const;
  TensorView output(size_t index) const;
  TensorView tensor(size_t tensor_index) const;
  size_t tensors_size() const { return num_tensors_; }
  size_t operators_size() const { return num_nodes_; }
  NodeInfo node(size_t index) const;

  // Exact bytes of the arena this model needs: an arena of this size (16-byte aligned) works,
  // one byte less fails. Identical on every target.
  size_t arena_used_bytes() const { return arena_used_; }
  // Breakdown of arena_used_bytes() = persistent + planned + planner workspace:
  // tables, op data and state; the planned activations and scratch buffers; and the bytes the
  // planner's workspace (which AllocateTensors places where the planned buffers go) needs
  // beyond the plan, 0 when the plan is the larger.
  size_t arena_persistent_bytes() const { return persistent_used_; }
  size_t arena_planned_bytes() const { return planned_size_; }
  size_t arena_planner_workspace_bytes() const { return workspace_peak_ > planned_size_ ? workspace_peak_ - planned_size_ : 0; }

  // Walks the arena plan (call after AllocateTensors): buffer `i` of planned_buffers_size().
  size_t planned_buffers_size() const;
  PlannedBuffer planned_buffer(size_t index) const;

  // The message of the last error.
  const char* error() const { return error_; }

 private:
  // The runtime's parts (src/core): each concern's code lives in its own file, on this state.
  friend class PrepareContext;
  friend class EvalContext;
  using SubgraphView = internal::SubgraphView;

  // Lifecycle (interpreter.cc).
  Status AllocateTensorsImpl();
  Status PrepareSubgraph(uint32_t index);
  Status ResolveOps(const SubgraphView& sg);
  Status MissingOp(int node, int32_t builtin, const char* custom, int version);
  Status AllocateConstantsAndState(const SubgraphView& sg);
  Status PrepareNodes(const SubgraphView& sg);
  Status RunNodes(const SubgraphView& sg);
  Status InvokeSubgraph(int index);
  void ResetSubgraph(const SubgraphView& sg);
  SubgraphView View(uint32_t index) const;
  TensorView SubgraphTensor(int subgraph, int i, bool output, bool with_data) const;
  uint8_t* TensorData(const uint32_t* locations, int32_t tensor) const;
  ErrorBuilder Fail(StatusCode code);
  ErrorBuilder NodeFail(StatusCode code, const SubgraphView& sg, int node);
  // The arena's persistent side (arena.cc).
  void* AllocatePersistent(size_t bytes, size_t alignment);
  Status ArenaTooSmall(size_t needed, const char* during);
  // Planning (planning.cc) and offline plans (offline_plan.cc).
  Status PlanActivations(const SubgraphView& sg, size_t base, size_t* region);
  Status FixOfflineOffsets(const SubgraphView& sg, struct PlannerBuffer* buffers, uint32_t num_tensor_buffers, uint32_t count);
  void DropOptionalScratch(const SubgraphView& sg, uint32_t record, struct PlannerBuffer* buffer);
  size_t DropCostlyScratch(const SubgraphView& sg, struct PlannerBuffer* buffers, uint32_t num_tensor_buffers, uint32_t count,
                           size_t planned);
  // Resource variables (resource_variables.cc).
  internal::ResourceRecord* Resource(int32_t id);
  void ResetResources();

  // Memory regions (memory_regions.cc): places the planned buffers across the arena and the
  // regions; set by UseMemoryRegions, so builds that never call it link none of it.
  // Leaves the arena's planned bytes in planned_size_.
  static Status PlaceInRegions(MicroInterpreter& in, const SubgraphView& sg, struct PlannerBuffer* buffers, uint32_t count, size_t start);
  void FillBases(uint8_t** bases) const;  // kLocationBases entries (kernel.h)
  // Shared arena (shared_arena.cc): where the planned region starts, past the persistent data.
  size_t PlannedStart() const;
  void RelocatePlan(size_t delta);
  friend class SharedArena;

  const Model& model_;
  const OpResolver& resolver_;
  MicroProfiler* profiler_;
  const ArenaPlan* plan_ = nullptr;
  uint8_t* arena_;     // 16-byte aligned start of the caller's arena
  size_t arena_size_;  // usable bytes from arena_
  size_t arena_misalignment_;

  // The main subgraph's tables (in the arena); other subgraphs' are found through subgraphs_.
  uint32_t num_tensors_ = 0;
  uint32_t num_nodes_ = 0;
  uint32_t* locations_ = nullptr;  // per tensor, see kLocationInModel
  internal::Node* nodes_ = nullptr;
  uint32_t scratch_head_ = 0xFFFFFFFFu;  // offset of the first ScratchRecord in the arena, or none
  uint32_t num_scratch_ = 0;
  // Multi-subgraph models: a table in the arena (one record per subgraph; none for
  // single-subgraph models, whose arena is as before), and the control-flow nesting depth.
  uint32_t num_subgraphs_ = 1;
  internal::SubgraphRecord* subgraphs_ = nullptr;
  uint32_t invoke_depth_ = 0;
  uint32_t resource_head_ = 0xFFFFFFFFu;  // offset of the first ResourceRecord, or none
  size_t persistent_used_ = 0;
  size_t planned_size_ = 0;
  size_t workspace_peak_ = 0;  // end of the largest planner workspace, past the persistent data
  size_t arena_used_ = 0;
  enum class State : uint8_t { kCreated, kAllocated, kFailed } state_ = State::kCreated;
  bool reference_only_ = false;
  bool keep_requant_tables_ = false;
  SharedArena* shared_ = nullptr;  // or none: the arena is this interpreter's alone
  char error_[ErrorCapacity(192)] = {};
  // Memory regions (UseMemoryRegions), last: the fields above keep their offsets (short
  // instruction encodings in firmware).
  Status (*place_in_regions_)(MicroInterpreter&, const SubgraphView&, struct PlannerBuffer*, uint32_t, size_t) = nullptr;
  uint8_t* region_memory_[kMaxMemoryRegions] = {};
  uint32_t region_size_[kMaxMemoryRegions] = {};
  uint32_t region_used_[kMaxMemoryRegions] = {};
  uint8_t num_regions_ = 0;
};

}  // namespace tinyrt
