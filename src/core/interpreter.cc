// SPDX-License-Identifier: Apache-2.0
#include "tinyrt/interpreter.h"

#include <string.h>

#include "src/core/planner.h"
#include "tinyrt/flatbuffer_verifier.h"
#include "tinyrt/kernel.h"
#include "tinyrt/schema_generated.h"

#ifndef TINYRT_ONLINE_PLANNER
#define TINYRT_ONLINE_PLANNER 1
#endif

namespace tinyrt {

// Per-node state in the arena. Offsets and indices only (see kernel.h).
struct MicroInterpreter::Node {
  uint32_t op_data;      // arena offset, or kLocationNone
  uint8_t registration;  // index into the resolver
  uint8_t variant;       // index into the kernel's Eval variants
  uint8_t in_place_input;  // input whose bytes output 0 may take over, or kNoInPlace
  uint8_t reason;          // ReferenceReason, | kSkipNode when Invoke skips the node
};

// A scratch request, kept in the arena as a linked list (requests arrive during Prepare,
// interleaved with op data, so they cannot form one array).
struct MicroInterpreter::ScratchRecord {
  uint32_t offset;  // arena offset once planned
  uint32_t size;
  uint32_t next;    // arena offset of the next record, or kNoScratch
  int32_t node;
};

// Multi-subgraph models: where each subgraph's tables live, and whether it is running.
struct MicroInterpreter::SubgraphRecord {
  uint32_t locations;  // arena offset of its tensor-location table
  uint32_t nodes;      // arena offset of its node table
  uint32_t num_tensors;
  uint32_t num_nodes;
  uint32_t running;  // 1 while it runs: a subgraph may not invoke itself
};

// A resource variable, kept in the arena as a linked list in creation order (id = position).
struct MicroInterpreter::ResourceRecord {
  uint32_t container;  // model offset of the name's characters, or kLocationNone ("")
  uint32_t name;
  uint32_t data;   // arena offset of the value, kLocationNone until an op sizes it
  uint32_t bytes;
  uint32_t next;   // arena offset of the next record, or kNoScratch
};

namespace {

constexpr size_t kArenaAlignment = 16;
// Control flow nesting (IF in WHILE in ...) that Invoke follows; bounds the C stack.
constexpr uint32_t kMaxSubgraphDepth = 8;
constexpr size_t kMaxArenaBytes = 0x40000000u;
// While planning, a plannable tensor's location holds this marker plus its buffer index.
constexpr uint32_t kLocationPlanning = 0xC0000000u;
constexpr uint32_t kLocationPlanningMask = 0xC0000000u;
constexpr uint8_t kNoInPlace = 0xFF;
// A node whose every output has no elements has nothing to compute: Invoke skips it (a zero
// dimension beside huge ones would otherwise cost the kernel's outer loops up to 2^31 steps).
constexpr uint8_t kSkipNode = 0x80;

size_t AlignUp(size_t value, size_t alignment) { return (value + alignment - 1) & ~(alignment - 1); }

// strcmp() == 0 without the C library's (large, word-at-a-time) strcmp in firmware.
bool SameText(const char* a, const char* b) {
  while (*a != '\0' && *a == *b) ++a, ++b;
  return *a == *b;
}

const uint8_t* ConstantData(const tflite::Model* model, const uint8_t* model_base, const tflite::Tensor* tensor, size_t* size) {
  *size = 0;
  if (tensor->buffer() == 0) return nullptr;
  const tflite::Buffer* buffer = model->buffers()->Get(tensor->buffer());
  if (buffer->offset() > 1) {
    *size = buffer->size();
    return *size == 0 ? nullptr : model_base + buffer->offset();
  }
  if (buffer->data() == nullptr || buffer->data()->size() == 0) return nullptr;
  *size = buffer->data()->size();
  return buffer->data()->data();
}

}  // namespace

MicroInterpreter::MicroInterpreter(const Model& model, const OpResolver& resolver, uint8_t* arena, size_t arena_size,
                                   MicroProfiler* profiler)
    : model_(model), resolver_(resolver), profiler_(profiler) {
  const uintptr_t address = reinterpret_cast<uintptr_t>(arena);
  arena_misalignment_ = (kArenaAlignment - (address & (kArenaAlignment - 1))) & (kArenaAlignment - 1);
  if (arena == nullptr || arena_size < arena_misalignment_) {
    arena_ = nullptr;
    arena_size_ = 0;
  } else {
    arena_ = arena + arena_misalignment_;
    arena_size_ = arena_size - arena_misalignment_;
    if (arena_size_ > kMaxArenaBytes) arena_size_ = kMaxArenaBytes;  // arena offsets are 30-bit
  }
}

ErrorBuilder MicroInterpreter::Fail(StatusCode code) {
  state_ = State::kFailed;
  return ErrorBuilder(code, error_, sizeof(error_));
}

// The name the op was registered under (only resolved nodes have one).
const char* MicroInterpreter::OpName(int node) const { return resolver_.registration(nodes_[node].registration).name; }

ErrorBuilder MicroInterpreter::NodeFail(StatusCode code, int node) {
  ErrorBuilder e = Fail(code);
#if TINYRT_ERROR_MESSAGES
  e << OpName(node) << " (node " << static_cast<int64_t>(node);
  if (current_subgraph_ != 0) e << " of subgraph " << current_subgraph_;
  e << "): ";
#else
  e.AtNode(node);
#endif
  return e;
}

void* MicroInterpreter::AllocatePersistent(size_t bytes, size_t alignment) {
  if (alignment == 0 || (alignment & (alignment - 1)) != 0 || alignment > kArenaAlignment) return nullptr;
  const size_t start = AlignUp(persistent_used_, alignment);
  if (start > arena_size_ || bytes > arena_size_ - start) {
    persistent_used_ = start + bytes;  // remembered for the error message
    return nullptr;
  }
  persistent_used_ = start + bytes;
  memset(arena_ + start, 0, bytes);
  return arena_ + start;
}

uint8_t* MicroInterpreter::TensorData(int32_t tensor) const {
  const uint32_t location = locations_[tensor];
  if (location == kLocationNone) return nullptr;
  if ((location & kLocationInModel) != 0) return const_cast<uint8_t*>(model_.data()) + (location & ~kLocationInModel);
  return arena_ + location;
}

Status MicroInterpreter::AllocateTensors() {
  if (state_ != State::kCreated) {
    return Status(StatusCode::kNotReady, state_ == State::kAllocated ? TINYRT_MSG("AllocateTensors() was already called") : error_);
  }
  const Status status = AllocateTensorsImpl();
  if (!status.ok()) {
    state_ = State::kFailed;
    return status;
  }
  state_ = State::kAllocated;
  return Reset();
}

Status MicroInterpreter::AllocateTensorsImpl() {
  if (!model_.loaded()) return Fail(StatusCode::kInvalidArgument) << "the model is not loaded (call Model::Load first and check its status)";
  if (arena_ == nullptr) return Fail(StatusCode::kInvalidArgument) << "the tensor arena is null or smaller than its alignment padding";
  num_subgraphs_ = model_.flatbuffer()->subgraphs()->size();
  if (num_subgraphs_ > 1) {
    subgraphs_ = static_cast<SubgraphRecord*>(AllocatePersistent(sizeof(SubgraphRecord) * num_subgraphs_, alignof(SubgraphRecord)));
    if (subgraphs_ == nullptr) return ArenaTooSmall(persistent_used_, TINYRT_MSG("allocating the subgraph table"));
  }
  // Every subgraph's persistent data first (tables, op data, state), then the plans: the
  // planner's workspace sits just past the persistent data. Subgraphs get consecutive planned
  // regions (a subgraph runs inside a node of its caller, so their buffers never share bytes).
  for (uint32_t s = 0; s < num_subgraphs_; ++s) TINYRT_RETURN_IF_ERROR(PrepareSubgraph(s));
  persistent_used_ = AlignUp(persistent_used_, kPlannerAlignment);
  size_t base = 0;
  for (uint32_t s = 0; s < num_subgraphs_; ++s) {
    if (subgraphs_ != nullptr) SelectSubgraph(s);
    size_t region = 0;
    TINYRT_RETURN_IF_ERROR(PlanActivations(base, &region));
    base += region;
  }
  planned_size_ = base;
  if (subgraphs_ != nullptr) SelectSubgraph(0);
  if (arena_used_ > arena_size_) return ArenaTooSmall(arena_used_, nullptr);
  return Status::Ok();
}

Status MicroInterpreter::PrepareSubgraph(uint32_t index) {
  current_subgraph_ = index;
  subgraph_ = model_.flatbuffer()->subgraphs()->Get(index);
  num_tensors_ = subgraph_->tensors() == nullptr ? 0 : subgraph_->tensors()->size();
  num_nodes_ = subgraph_->operators()->size();

  locations_ = static_cast<uint32_t*>(AllocatePersistent(sizeof(uint32_t) * num_tensors_, alignof(uint32_t)));
  nodes_ = static_cast<Node*>(AllocatePersistent(sizeof(Node) * num_nodes_, alignof(Node)));
  if (locations_ == nullptr || nodes_ == nullptr) return ArenaTooSmall(persistent_used_, TINYRT_MSG("allocating the tensor and node tables"));
  for (uint32_t t = 0; t < num_tensors_; ++t) locations_[t] = kLocationNone;
  if (subgraphs_ != nullptr) {
    subgraphs_[index] = SubgraphRecord{static_cast<uint32_t>(reinterpret_cast<uint8_t*>(locations_) - arena_),
                                       static_cast<uint32_t>(reinterpret_cast<uint8_t*>(nodes_) - arena_), num_tensors_, num_nodes_, 0};
  }

  TINYRT_RETURN_IF_ERROR(ResolveOps());
  TINYRT_RETURN_IF_ERROR(AllocateConstantsAndState());
  return PrepareNodes();
}

void MicroInterpreter::SelectSubgraph(uint32_t index) {
  const SubgraphRecord& r = subgraphs_[index];
  current_subgraph_ = index;
  subgraph_ = model_.flatbuffer()->subgraphs()->Get(index);
  locations_ = reinterpret_cast<uint32_t*>(arena_ + r.locations);
  nodes_ = reinterpret_cast<Node*>(arena_ + r.nodes);
  num_tensors_ = r.num_tensors;
  num_nodes_ = r.num_nodes;
}

Status MicroInterpreter::ResolveOps() {
  const auto* codes = model_.flatbuffer()->operator_codes();
  for (uint32_t n = 0; n < num_nodes_; ++n) {
    const tflite::Operator* op = subgraph_->operators()->Get(n);
    const tflite::OperatorCode* code = codes->Get(op->opcode_index());
    const int32_t builtin = OperatorBuiltinCode(code);
    const char* custom = builtin == kBuiltinCustom ? code->custom_code()->c_str() : nullptr;
    const int index = resolver_.Find(builtin, custom);
    if (index < 0) return MissingOp(static_cast<int>(n), builtin, custom, code->version());
    nodes_[n].registration = static_cast<uint8_t>(index);
    const OpKernel* kernel = resolver_.registration(index).kernel;
    if (code->version() < 1 || code->version() > kernel->max_version) {
      return NodeFail(StatusCode::kUnsupported, static_cast<int>(n))
             << "op version " << code->version() << " is not supported; tinyrt's kernel runs versions 1 to " << kernel->max_version;
    }
    nodes_[n].op_data = kLocationNone;
    nodes_[n].in_place_input = kNoInPlace;
  }
  return Status::Ok();
}

Status MicroInterpreter::MissingOp(int node, int32_t builtin, const char* custom, int version) {
  ErrorBuilder e = Fail(StatusCode::kMissingOp);
#if TINYRT_ERROR_MESSAGES
  e << "the model needs " << (custom != nullptr ? custom : BuiltinOperatorName(builtin)) << " version " << version << " (node "
    << node << "); ";
#if !TINYRT_FULL_OP_NAMES
  // Firmware: no table of every resolver method (a few KB); the generated ops header has the calls.
  e << "register it with its MicroMutableOpResolver Add method (tools/model_to_c --ops-header writes them)";
  static_cast<void>(custom);
#else
  const char* method = ResolverMethodName(builtin);
  if (custom != nullptr && CustomResolverMethodName(custom) != nullptr) {
    e << "register it with " << CustomResolverMethodName(custom);
  } else if (custom != nullptr) {
    e << "register it with AddCustom(\"" << custom << "\", ...)";
  } else if (method != nullptr) {
    e << "register it with " << method;
  } else {
    e << "tinyrt has no kernel for this operator";
  }
#endif
#else
  e.AtNode(node);
#endif
  return e;
}

Status MicroInterpreter::AllocateConstantsAndState() {
  const tflite::Model* model = model_.flatbuffer();
  for (uint32_t t = 0; t < num_tensors_; ++t) {
    const tflite::Tensor* tensor = subgraph_->tensors()->Get(t);
    const TensorView view(tensor, nullptr);
    const size_t element_size = TensorTypeSize(view.type());
    if (tensor->is_variable()) {
      if (element_size == 0) {
        return Fail(StatusCode::kUnsupported) << "variable tensor " << t << " has type " << TensorTypeName(view.type()) << ", which tinyrt cannot store";
      }
      void* state = AllocatePersistent(AlignUp(view.bytes(), 4), element_size >= 8 ? 8 : 4);
      if (state == nullptr) return ArenaTooSmall(persistent_used_, TINYRT_MSG("allocating variable (state) tensors"));
      locations_[t] = static_cast<uint32_t>(static_cast<uint8_t*>(state) - arena_);
      continue;
    }
    size_t size = 0;
    const uint8_t* data = ConstantData(model, model_.data(), tensor, &size);
    if (data == nullptr) continue;
    const size_t alignment = element_size == 0 ? 1 : (element_size > 8 ? 8 : element_size);
    if ((reinterpret_cast<uintptr_t>(data) & (alignment - 1)) == 0) {
      locations_[t] = kLocationInModel | static_cast<uint32_t>(data - model_.data());
    } else {
      // Misaligned weights (legal in the format, rare in practice): one aligned copy in the arena.
      void* copy = AllocatePersistent(size, alignment);
      if (copy == nullptr) return ArenaTooSmall(persistent_used_, TINYRT_MSG("copying misaligned constant tensors"));
      memcpy(copy, data, size);
      locations_[t] = static_cast<uint32_t>(static_cast<uint8_t*>(copy) - arena_);
    }
  }
  return Status::Ok();
}

Status MicroInterpreter::PrepareNodes() {
  const auto* codes = model_.flatbuffer()->operator_codes();
  for (uint32_t n = 0; n < num_nodes_; ++n) {
    const tflite::Operator* op = subgraph_->operators()->Get(n);
    PrepareContext ctx;
    ctx.interpreter_ = this;
    ctx.op_ = op;
    ctx.node_index_ = static_cast<int>(n);
    ctx.version_ = codes->Get(op->opcode_index())->version();
    const OpKernel* kernel = resolver_.registration(nodes_[n].registration).kernel;
    const Status status = kernel->prepare(ctx);
    if (!status.ok()) {
      state_ = State::kFailed;
      return status;
    }
    if (ctx.variant_ >= kernel->num_variants) return NodeFail(StatusCode::kInternal, static_cast<int>(n)) << "kernel selected a missing variant";
    nodes_[n].op_data = ctx.op_data_offset_;
    nodes_[n].variant = ctx.variant_;
    nodes_[n].in_place_input = ctx.in_place_input_;
    nodes_[n].reason = static_cast<uint8_t>(ctx.reason_);
    const int32_t builtin = OperatorBuiltinCode(codes->Get(op->opcode_index()));
    const bool side_effects = builtin == kBuiltinCustom || builtin == tflite::BuiltinOperator_IF || builtin == tflite::BuiltinOperator_WHILE;
    bool empty = ctx.num_outputs() > 0 && !side_effects;
    for (int o = 0; empty && o < ctx.num_outputs(); ++o) empty = ctx.output(o).valid() && ctx.output(o).elements() == 0;
    if (empty) nodes_[n].reason |= kSkipNode;
  }
  return Status::Ok();
}

// Plans the selected subgraph's activations and scratch buffers into the region that starts
// `base` bytes after the persistent data; *region is the region's size.
Status MicroInterpreter::PlanActivations(size_t base, size_t* region) {
  if (num_nodes_ > static_cast<uint32_t>(kPlannerMaxNodes)) return Fail(StatusCode::kUnsupported) << "model has more than 32767 operators";
  // Number the plannable tensors (no data yet: not constant, not state). While planning, their
  // location slot holds kLocationPlanning | buffer index, so the workspace holds only them.
  uint32_t count = 0;
  for (uint32_t t = 0; t < num_tensors_; ++t) {
    if (locations_[t] == kLocationNone) locations_[t] = kLocationPlanning | count++;
  }
  const uint32_t num_tensor_buffers = count;
  // Scratch records carry (subgraph << 16) | node; this subgraph plans its own.
  auto record_in_subgraph = [&](const ScratchRecord* record) { return static_cast<uint32_t>(record->node) >> 16 == current_subgraph_; };
  for (uint32_t r = scratch_head_; r != kNoScratch;) {
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
  auto* buffers = reinterpret_cast<PlannerBuffer*>(arena_ + start);
  for (uint32_t i = 0; i < count; ++i) buffers[i] = PlannerBuffer{0, 0, 0, -1, -1, static_cast<uint16_t>(i), kPlannerNoBuffer};
  auto buffer_of = [&](int32_t t) -> PlannerBuffer* {
    const uint32_t location = locations_[t];
    return (location & kLocationPlanningMask) == kLocationPlanning ? &buffers[location & ~kLocationPlanningMask] : nullptr;
  };

  const auto* graph_inputs = subgraph_->inputs();
  for (uint32_t i = 0; graph_inputs != nullptr && i < graph_inputs->size(); ++i) {
    if (PlannerBuffer* b = buffer_of(graph_inputs->Get(i))) b->first = b->last = 0;
  }
  const int16_t last_node = static_cast<int16_t>(num_nodes_ - 1);
  for (uint32_t n = 0; n < num_nodes_; ++n) {
    const tflite::Operator* op = subgraph_->operators()->Get(n);
    const int16_t node = static_cast<int16_t>(n);
    for (uint32_t i = 0; op->inputs() != nullptr && i < op->inputs()->size(); ++i) {
      const int32_t t = op->inputs()->Get(i);
      PlannerBuffer* b = t < 0 ? nullptr : buffer_of(t);
      if (b == nullptr) continue;
      if (b->first < 0) {
        return NodeFail(StatusCode::kInvalidModel, node)
               << "input " << i << " reads tensor " << t << " ('" << TensorView(subgraph_->tensors()->Get(static_cast<uint32_t>(t)), nullptr).name()
               << "'), which no earlier op writes and which is neither a model input nor a constant";
      }
      b->last = node;
    }
    for (uint32_t i = 0; op->outputs() != nullptr && i < op->outputs()->size(); ++i) {
      const int32_t t = op->outputs()->Get(i);
      PlannerBuffer* b = buffer_of(t);
      if (b == nullptr) {
        if ((locations_[t] & kLocationInModel) != 0) {
          return NodeFail(StatusCode::kInvalidModel, node) << "output " << i << " writes constant tensor " << t;
        }
        continue;  // a variable tensor updated in place
      }
      // Each activation has one writer: an op may not overwrite a model input, its own input or
      // another op's output (the kernels assume their outputs are fresh buffers).
      if (b->first >= 0) {
        return NodeFail(StatusCode::kInvalidModel, node) << "output " << i << " writes tensor " << t
                                                         << ", which a model input or an earlier op (or this op's input) already holds";
      }
      b->first = node;
      b->last = node;
    }
  }
  const auto* graph_outputs = subgraph_->outputs();
  for (uint32_t i = 0; graph_outputs != nullptr && i < graph_outputs->size(); ++i) {
    const int32_t t = graph_outputs->Get(i);
    PlannerBuffer* b = buffer_of(t);
    if (b == nullptr) continue;
    if (b->first < 0) return Fail(StatusCode::kInvalidModel) << "model output " << i << " (tensor " << t << ") is never written";
    b->last = last_node;
  }
  for (uint32_t t = 0; t < num_tensors_; ++t) {
    PlannerBuffer* b = buffer_of(static_cast<int32_t>(t));
    if (b == nullptr || b->first < 0) continue;
    const TensorView view(subgraph_->tensors()->Get(t), nullptr);
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
  for (uint32_t r = scratch_head_; r != kNoScratch;) {
    const auto* record = reinterpret_cast<const ScratchRecord*>(arena_ + r);
    if (record_in_subgraph(record)) {
      const auto node = static_cast<int16_t>(record->node & 0xFFFF);
      const size_t scratch_size = AlignUp(record->size, kPlannerAlignment);
      if (scratch_size > kMaxArenaBytes) return ArenaTooSmall(start + scratch_size, TINYRT_MSG("planning a scratch buffer larger than any arena"));
      buffers[s] = PlannerBuffer{static_cast<uint32_t>(scratch_size), 0, 0, node, node, static_cast<uint16_t>(s), kPlannerNoBuffer};
      ++s;
    }
    r = record->next;
  }

  TINYRT_RETURN_IF_ERROR(FixOfflineOffsets(buffers, num_tensor_buffers, count));
  // In-place ops: the output starts where the input it takes over starts. The kernel asked only
  // when the input ends at this op; checked again here against the lifetimes just computed.
  for (uint32_t n = 0; n < num_nodes_; ++n) {
    if (nodes_[n].in_place_input == kNoInPlace) continue;
    const tflite::Operator* op = subgraph_->operators()->Get(n);
    const int32_t in = op->inputs()->Get(nodes_[n].in_place_input);
    const int32_t out = op->outputs()->Get(0);
    PlannerBuffer* b_in = buffer_of(in);
    PlannerBuffer* b_out = buffer_of(out);
    if (b_in == nullptr || b_out == nullptr || b_in == b_out || b_in->last != static_cast<int16_t>(n) ||
        b_out->first != static_cast<int16_t>(n) || IsGraphOutput(in)) {
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
        for (uint32_t t = 0; t < num_tensors_; ++t) {
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
  const size_t planned = all_fixed ? fixed_total : PlanMemory(buffers, count, buffers + count);
  if (planned > kMaxArenaBytes) return ArenaTooSmall(start + kMaxArenaBytes, TINYRT_MSG("planning (the buffers need more than 1 GiB)"));
#else
  if (!all_fixed) return Fail(StatusCode::kUnsupported) << "this build has no online planner (TINYRT_ONLINE_PLANNER=0): pass a complete plan with UseArenaPlan()";
  const size_t planned = fixed_total;
#endif
  *region = planned;
  const size_t needed = start + (planned > workspace ? planned : workspace);
  if (needed > arena_used_) arena_used_ = needed;
  // Write the plan back (also on failure, so no slot keeps a planning marker).
  for (uint32_t t = 0; t < num_tensors_; ++t) {
    PlannerBuffer* b = buffer_of(static_cast<int32_t>(t));
    if (b != nullptr) locations_[t] = b->size != 0 ? static_cast<uint32_t>(start + b->offset) : kLocationNone;
  }
  s = num_tensor_buffers;
  for (uint32_t r = scratch_head_; r != kNoScratch;) {
    auto* record = reinterpret_cast<ScratchRecord*>(arena_ + r);
    if (record_in_subgraph(record)) record->offset = static_cast<uint32_t>(start + buffers[s++].offset);
    r = record->next;
  }
  return Status::Ok();
}

namespace {

// TFLM's offline plan: metadata "OfflineMemoryAllocation", a buffer of int32
// [version, subgraph, number of tensors, offset of each tensor or -1].
const int32_t* OfflineAllocation(const tflite::Model* model, uint32_t* num_offsets) {
  *num_offsets = 0;
  const auto* metadata = model->metadata();
  if (metadata == nullptr) return nullptr;
  for (uint32_t i = 0; i < metadata->size(); ++i) {
    const tflite::Metadata* entry = metadata->Get(i);
    if (entry->name() == nullptr || !SameText(entry->name()->c_str(), "OfflineMemoryAllocation")) continue;
    if (model->buffers() == nullptr || entry->buffer() >= model->buffers()->size()) return nullptr;
    const auto* data = model->buffers()->Get(entry->buffer())->data();
    if (data == nullptr || data->size() < 12 || (reinterpret_cast<uintptr_t>(data->data()) & 3u) != 0) return nullptr;
    const auto* words = reinterpret_cast<const int32_t*>(data->data());
    if (words[1] != 0 || words[2] < 0 || static_cast<uint64_t>(words[2]) + 3 > data->size() / 4) return nullptr;  // main subgraph only
    *num_offsets = static_cast<uint32_t>(words[2]);
    return words + 3;
  }
  return nullptr;
}

}  // namespace

Status MicroInterpreter::FixOfflineOffsets(PlannerBuffer* buffers, uint32_t num_tensor_buffers, uint32_t count) {
  if (current_subgraph_ != 0) {
    if (plan_ != nullptr) return Fail(StatusCode::kUnsupported) << "arena plans cover single-subgraph models only";
    return Status::Ok();
  }
  const int32_t* tensor_offsets = nullptr;
  const char* source = TINYRT_MSG("the arena plan");
  uint32_t alignment = kPlannerAlignment;
  if (plan_ != nullptr) {
    if (plan_->num_tensors != num_tensors_ || plan_->num_scratch != num_scratch_ || (plan_->num_tensors != 0 && plan_->tensor_offsets == nullptr) ||
        (plan_->num_scratch != 0 && plan_->scratch_offsets == nullptr)) {
      return Fail(StatusCode::kInvalidArgument) << "the arena plan has " << plan_->num_tensors << " tensors and " << plan_->num_scratch
                                                << " scratch buffers; this model and build have " << num_tensors_ << " and " << num_scratch_
                                                << " (was it made for another model or kernels?)";
    }
    tensor_offsets = plan_->tensor_offsets;
  } else {
    uint32_t n = 0;
    tensor_offsets = OfflineAllocation(model_.flatbuffer(), &n);
    if (tensor_offsets == nullptr) return Status::Ok();
    if (n != num_tensors_) {
      return Fail(StatusCode::kInvalidModel) << "OfflineMemoryAllocation metadata has " << n << " offsets for " << num_tensors_ << " tensors";
    }
    source = TINYRT_MSG("OfflineMemoryAllocation metadata");
    alignment = 4;  // TFLM's offline plans need not follow tinyrt's 16-byte buffer alignment
  }
  auto fix = [&](PlannerBuffer& b, int32_t offset, uint32_t index, bool scratch) -> Status {
    if (offset < 0 || b.size == 0) return Status::Ok();
    if ((static_cast<uint32_t>(offset) & (alignment - 1)) != 0 || static_cast<uint32_t>(offset) > kMaxArenaBytes) {
      return Fail(StatusCode::kInvalidArgument) << source << " gives " << (scratch ? "scratch buffer " : "tensor ") << index << " offset "
                                                << offset << ", not a multiple of " << alignment << " below 1 GiB";
    }
    b.offset = static_cast<uint32_t>(offset);
    b.fixed = 1;
    return Status::Ok();
  };
  for (uint32_t t = 0; t < num_tensors_; ++t) {
    const uint32_t location = locations_[t];
    if ((location & kLocationPlanningMask) != kLocationPlanning) continue;
    const uint32_t index = location & ~kLocationPlanningMask;
    TINYRT_RETURN_IF_ERROR(fix(buffers[index], tensor_offsets[t], t, false));
    if (plan_ != nullptr && buffers[index].size != 0 && !buffers[index].fixed) {
      return Fail(StatusCode::kInvalidArgument) << "the arena plan has no offset for tensor " << t;
    }
  }
  for (uint32_t s = num_tensor_buffers; plan_ != nullptr && s < count; ++s) {
    TINYRT_RETURN_IF_ERROR(fix(buffers[s], plan_->scratch_offsets[s - num_tensor_buffers], s - num_tensor_buffers, true));
    if (buffers[s].size != 0 && !buffers[s].fixed) return Fail(StatusCode::kInvalidArgument) << "the arena plan has no offset for scratch buffer " << (s - num_tensor_buffers);
  }
  return Status::Ok();
}

bool MicroInterpreter::IsGraphOutput(int32_t tensor) const {
  const auto* outputs = subgraph_->outputs();
  for (uint32_t i = 0; outputs != nullptr && i < outputs->size(); ++i) {
    if (outputs->Get(i) == tensor) return true;
  }
  return false;
}

Status MicroInterpreter::ArenaTooSmall(size_t needed, const char* during) {
  ErrorBuilder e = Fail(StatusCode::kArenaTooSmall);
  const uint64_t have = arena_size_ + arena_misalignment_;
  if (during == nullptr) {
    e << "arena has " << have << " bytes, model needs " << static_cast<uint64_t>(needed + arena_misalignment_) << " ("
      << static_cast<uint64_t>(persistent_used_) << " persistent + " << static_cast<uint64_t>(needed - persistent_used_) << " planned";
    if (arena_misalignment_ != 0) e << " + " << static_cast<uint64_t>(arena_misalignment_) << " to align the arena to 16 bytes";
    e << ")";
  } else {
    e << "arena has " << have << " bytes, model needs more than " << static_cast<uint64_t>(needed + arena_misalignment_)
      << " (ran out while " << during << ")";
  }
  return e;
}

Status MicroInterpreter::Invoke() {
  if (state_ != State::kAllocated) {
    return Status(StatusCode::kNotReady, state_ == State::kCreated ? TINYRT_MSG("Invoke() called before AllocateTensors()") : error_);
  }
  if (subgraphs_ == nullptr) return RunNodes();
  subgraphs_[0].running = 1;
  const Status status = RunNodes();
  subgraphs_[0].running = 0;
  return status;
}

// Runs the selected subgraph's nodes in order.
Status MicroInterpreter::RunNodes() {
  EvalContext ctx;
  ctx.locations_ = locations_;
  ctx.bases_[0] = arena_;
  ctx.bases_[1] = const_cast<uint8_t*>(model_.data());
  ctx.interpreter_ = this;
  const auto* ops = subgraph_->operators();
  for (uint32_t n = 0; n < num_nodes_; ++n) {
    const tflite::Operator* op = ops->Get(n);
    const Node& node = nodes_[n];
    if ((node.reason & kSkipNode) != 0) continue;
    ctx.inputs_ = op->inputs() != nullptr ? op->inputs()->data() : nullptr;
    ctx.num_inputs_ = op->inputs() != nullptr ? static_cast<int>(op->inputs()->size()) : 0;
    ctx.outputs_ = op->outputs() != nullptr ? op->outputs()->data() : nullptr;
    ctx.num_outputs_ = op->outputs() != nullptr ? static_cast<int>(op->outputs()->size()) : 0;
    ctx.op_data_ = node.op_data == kLocationNone ? nullptr : arena_ + node.op_data;
    const OpKernel* kernel = resolver_.registration(node.registration).kernel;
    uint32_t event = 0;
    if (profiler_ != nullptr) event = profiler_->BeginEvent(OpName(static_cast<int>(n)));
    const Status status = kernel->variants[node.variant].fn(ctx);
    if (profiler_ != nullptr) profiler_->EndEvent(event);
    if (!status.ok()) {
      // A failure inside a subgraph this node ran is already described in error_.
      if (status.message() == error_) return status;
      ErrorBuilder e = NodeFail(status.code(), static_cast<int>(n));
      e << status.message();
      state_ = State::kAllocated;  // a failed Invoke leaves the interpreter usable
      return e;
    }
  }
  return Status::Ok();
}

Status MicroInterpreter::InvokeSubgraph(int index) {
  if (subgraphs_ == nullptr || index < 0 || static_cast<uint32_t>(index) >= num_subgraphs_) {
    return Status(StatusCode::kInvalidModel, TINYRT_MSG("subgraph index out of range"));
  }
  if (subgraphs_[index].running != 0) return Status(StatusCode::kUnsupported, TINYRT_MSG("a subgraph cannot run itself (recursion)"));
  if (invoke_depth_ >= kMaxSubgraphDepth) return Status(StatusCode::kUnsupported, TINYRT_MSG("control flow is nested more than 8 deep"));
  const uint32_t caller = current_subgraph_;
  ++invoke_depth_;
  subgraphs_[index].running = 1;
  SelectSubgraph(static_cast<uint32_t>(index));
  const Status status = RunNodes();
  SelectSubgraph(caller);
  subgraphs_[index].running = 0;
  --invoke_depth_;
  return status;
}

TensorView MicroInterpreter::SubgraphTensor(int subgraph, int i, bool output, bool with_data) {
  if (subgraph < 0 || static_cast<uint32_t>(subgraph) >= num_subgraphs_) return TensorView();
  const tflite::SubGraph* graph = model_.flatbuffer()->subgraphs()->Get(static_cast<uint32_t>(subgraph));
  const auto* list = output ? graph->outputs() : graph->inputs();
  if (list == nullptr || i < 0 || static_cast<uint32_t>(i) >= list->size()) return TensorView();
  const int32_t t = list->Get(static_cast<uint32_t>(i));
  uint8_t* data = nullptr;
  if (with_data) {
    const uint32_t* locations = subgraphs_ == nullptr ? locations_ : reinterpret_cast<const uint32_t*>(arena_ + subgraphs_[subgraph].locations);
    const uint32_t location = locations[t];
    if (location != kLocationNone) {
      data = (location & kLocationInModel) != 0 ? const_cast<uint8_t*>(model_.data()) + (location & ~kLocationInModel) : arena_ + location;
    }
  }
  return TensorView(graph->tensors()->Get(static_cast<uint32_t>(t)), data);
}

MicroInterpreter::ResourceRecord* MicroInterpreter::Resource(int32_t id) {
  uint32_t r = resource_head_;
  for (int32_t i = 0; r != kNoScratch; ++i) {
    auto* record = reinterpret_cast<ResourceRecord*>(arena_ + r);
    if (i == id) return record;
    r = record->next;
  }
  return nullptr;
}

Status MicroInterpreter::Reset() {
  if (state_ != State::kAllocated) return Status(StatusCode::kNotReady, TINYRT_MSG("Reset() called before AllocateTensors()"));
  for (uint32_t s = num_subgraphs_; s-- > 0;) {
    if (subgraphs_ != nullptr) SelectSubgraph(s);
    ResetSubgraph();
  }
  // Resource variables start zero-filled, as TFLM's.
  for (uint32_t r = resource_head_; r != kNoScratch;) {
    const auto* record = reinterpret_cast<const ResourceRecord*>(arena_ + r);
    if (record->data != kLocationNone) memset(arena_ + record->data, 0, record->bytes);
    r = record->next;
  }
  return Status::Ok();
}

void MicroInterpreter::ResetSubgraph() {
  for (uint32_t t = 0; t < num_tensors_; ++t) {
    const tflite::Tensor* tensor = subgraph_->tensors()->Get(t);
    if (!tensor->is_variable()) continue;
    // TFLM's rule: int8 state starts at the zero point, everything else at 0.
    const TensorView view(tensor, TensorData(static_cast<int32_t>(t)));
    const int value = view.type() == TensorType::kInt8 ? view.zero_point() : 0;
    memset(view.raw(), value, view.bytes());
  }
  // State kept in op data (delay lines, noise estimates, ...).
  for (uint32_t n = 0; n < num_nodes_; ++n) {
    const OpKernel* kernel = resolver_.registration(nodes_[n].registration).kernel;
    if (kernel->reset != nullptr && nodes_[n].op_data != kLocationNone) kernel->reset(arena_ + nodes_[n].op_data);
  }
}

size_t MicroInterpreter::inputs_size() const {
  const auto* graph = model_.main_subgraph();
  return graph == nullptr || graph->inputs() == nullptr ? 0 : graph->inputs()->size();
}

size_t MicroInterpreter::outputs_size() const {
  const auto* graph = model_.main_subgraph();
  return graph == nullptr || graph->outputs() == nullptr ? 0 : graph->outputs()->size();
}

TensorView MicroInterpreter::tensor(size_t tensor_index) const {
  if (state_ != State::kAllocated || tensor_index >= num_tensors_) return TensorView();
  return TensorView(subgraph_->tensors()->Get(static_cast<uint32_t>(tensor_index)), TensorData(static_cast<int32_t>(tensor_index)));
}

TensorView MicroInterpreter::input(size_t index) const {
  if (state_ != State::kAllocated || index >= inputs_size()) return TensorView();
  return tensor(static_cast<size_t>(subgraph_->inputs()->Get(static_cast<uint32_t>(index))));
}

TensorView MicroInterpreter::output(size_t index) const {
  if (state_ != State::kAllocated || index >= outputs_size()) return TensorView();
  return tensor(static_cast<size_t>(subgraph_->outputs()->Get(static_cast<uint32_t>(index))));
}

NodeInfo MicroInterpreter::node(size_t index) const {
  if (state_ != State::kAllocated || index >= num_nodes_) return NodeInfo{-1, nullptr, 0, "", ""};
  const tflite::Operator* op = subgraph_->operators()->Get(static_cast<uint32_t>(index));
  const tflite::OperatorCode* code = model_.flatbuffer()->operator_codes()->Get(op->opcode_index());
  const int32_t builtin = OperatorBuiltinCode(code);
  const OpKernel* kernel = resolver_.registration(nodes_[index].registration).kernel;
  return NodeInfo{builtin, builtin == kBuiltinCustom ? code->custom_code()->c_str() : nullptr, code->version(),
                  kernel->variants[nodes_[index].variant].name,
                  ReferenceReasonText(static_cast<ReferenceReason>(nodes_[index].reason & ~kSkipNode))};
}

size_t MicroInterpreter::planned_buffers_size() const {
  if (state_ != State::kAllocated) return 0;
  size_t count = num_scratch_;
  for (uint32_t t = 0; t < num_tensors_; ++t) {
    if (locations_[t] != kLocationNone && (locations_[t] & kLocationInModel) == 0 &&
        locations_[t] >= persistent_used_) {
      ++count;
    }
  }
  return count;
}

PlannedBuffer MicroInterpreter::planned_buffer(size_t index) const {
  PlannedBuffer result{-1, -1, 0, 0, -1, -1};
  if (state_ != State::kAllocated) return result;
  size_t seen = 0;
  for (uint32_t t = 0; t < num_tensors_; ++t) {
    const uint32_t location = locations_[t];
    if (location == kLocationNone || (location & kLocationInModel) != 0 || location < persistent_used_) continue;
    if (seen++ != index) continue;
    result.tensor = static_cast<int32_t>(t);
    result.offset = static_cast<uint32_t>(location - persistent_used_);
    result.size = static_cast<uint32_t>(AlignUp(tensor(t).bytes(), kPlannerAlignment));
    if (result.size == 0) result.size = kPlannerAlignment;
    // Lifetime, recomputed from the graph (the planner's workspace is gone).
    const auto* graph_inputs = subgraph_->inputs();
    for (uint32_t i = 0; graph_inputs != nullptr && i < graph_inputs->size(); ++i) {
      if (graph_inputs->Get(i) == static_cast<int32_t>(t)) result.first_use = result.last_use = 0;
    }
    for (uint32_t n = 0; n < num_nodes_; ++n) {
      const tflite::Operator* op = subgraph_->operators()->Get(n);
      for (int pass = 0; pass < 2; ++pass) {
        const auto* list = pass == 0 ? op->inputs() : op->outputs();
        for (uint32_t i = 0; list != nullptr && i < list->size(); ++i) {
          if (list->Get(i) != static_cast<int32_t>(t)) continue;
          if (result.first_use < 0) result.first_use = static_cast<int32_t>(n);
          result.last_use = static_cast<int32_t>(n);
        }
      }
    }
    const auto* graph_outputs = subgraph_->outputs();
    for (uint32_t i = 0; graph_outputs != nullptr && i < graph_outputs->size(); ++i) {
      if (graph_outputs->Get(i) == static_cast<int32_t>(t)) result.last_use = static_cast<int32_t>(num_nodes_) - 1;
    }
    return result;
  }
  for (uint32_t r = scratch_head_; r != kNoScratch;) {
    const auto* record = reinterpret_cast<const ScratchRecord*>(arena_ + r);
    if (seen++ == index) {
      return PlannedBuffer{-1, record->node, static_cast<uint32_t>(record->offset - persistent_used_),
                           static_cast<uint32_t>(AlignUp(record->size, kPlannerAlignment)), record->node, record->node};
    }
    r = record->next;
  }
  return result;
}

// ---- PrepareContext -------------------------------------------------------------------------

int PrepareContext::num_inputs() const { return op_->inputs() == nullptr ? 0 : static_cast<int>(op_->inputs()->size()); }
int PrepareContext::num_outputs() const { return op_->outputs() == nullptr ? 0 : static_cast<int>(op_->outputs()->size()); }

bool PrepareContext::has_input(int i) const { return i >= 0 && i < num_inputs() && op_->inputs()->Get(static_cast<uint32_t>(i)) >= 0; }

TensorView PrepareContext::input(int i) const {
  if (!has_input(i)) return TensorView();
  const int32_t t = op_->inputs()->Get(static_cast<uint32_t>(i));
  return TensorView(interpreter_->subgraph_->tensors()->Get(static_cast<uint32_t>(t)), interpreter_->TensorData(t));
}

TensorView PrepareContext::output(int i) const {
  if (i < 0 || i >= num_outputs()) return TensorView();
  const int32_t t = op_->outputs()->Get(static_cast<uint32_t>(i));
  return TensorView(interpreter_->subgraph_->tensors()->Get(static_cast<uint32_t>(t)), interpreter_->TensorData(t));
}

const void* PrepareContext::VerifiedOptions(tflite::BuiltinOptions type, const TableSpec& spec) const {
  if (op_->builtin_options_type() != type || op_->builtin_options() == nullptr) return nullptr;
  const void* table = op_->builtin_options();
  FlatBufferVerifier verifier(interpreter_->model_.data(), interpreter_->model_.size());
  return verifier.VerifyTableAt(table, spec) ? table : nullptr;
}

const uint8_t* PrepareContext::custom_options(uint32_t* size) const {
  const auto* options = op_->custom_options();
  *size = options == nullptr ? 0 : options->size();
  return options == nullptr ? nullptr : options->data();
}

bool PrepareContext::InputEndsHere(int i) const {
  if (!has_input(i) || num_outputs() < 1) return false;
  const int32_t t = op_->inputs()->Get(static_cast<uint32_t>(i));
  const uint32_t location = interpreter_->locations_[t];
  if (location != kLocationNone) return false;  // constant or state: never overwritten
  if (interpreter_->IsGraphOutput(t)) return false;
  // A called subgraph's inputs and outputs are copied in and out by IF/WHILE: never shared.
  if (interpreter_->current_subgraph_ != 0) {
    const auto* graph_inputs = interpreter_->subgraph_->inputs();
    for (uint32_t k = 0; graph_inputs != nullptr && k < graph_inputs->size(); ++k) {
      if (graph_inputs->Get(k) == t) return false;
    }
  }
  const auto* ops = interpreter_->subgraph_->operators();
  for (uint32_t n = static_cast<uint32_t>(node_index_) + 1; n < ops->size(); ++n) {
    const auto* inputs = ops->Get(n)->inputs();
    for (uint32_t k = 0; inputs != nullptr && k < inputs->size(); ++k) {
      if (inputs->Get(k) == t) return false;
    }
  }
  // The output must be a fresh activation written first here.
  const int32_t out = op_->outputs()->Get(0);
  return out != t && interpreter_->locations_[out] == kLocationNone;
}

void PrepareContext::ShareInputWithOutput(int i) { in_place_input_ = static_cast<uint8_t>(i); }

void* PrepareContext::AllocatePersistent(size_t bytes, size_t alignment) { return interpreter_->AllocatePersistent(bytes, alignment); }

void* PrepareContext::op_data() const {
  return op_data_offset_ == kLocationNone ? nullptr : interpreter_->arena_ + op_data_offset_;
}

bool PrepareContext::reference_kernels_only() const { return interpreter_->reference_only_; }

void PrepareContext::SetOpData(void* data) {
  op_data_offset_ = static_cast<uint32_t>(static_cast<uint8_t*>(data) - interpreter_->arena_);
}

Status PrepareContext::ArenaExhausted() const {
  ErrorBuilder e = Fail(StatusCode::kArenaTooSmall);
  e << "arena has " << static_cast<uint64_t>(interpreter_->arena_size_ + interpreter_->arena_misalignment_)
    << " bytes, model needs more than " << static_cast<uint64_t>(interpreter_->persistent_used_ + interpreter_->arena_misalignment_)
    << " (ran out of persistent memory here)";
  return e;
}

Status PrepareContext::RequestScratch(size_t bytes, uint32_t* handle) {
  auto* record = static_cast<MicroInterpreter::ScratchRecord*>(
      interpreter_->AllocatePersistent(sizeof(MicroInterpreter::ScratchRecord), alignof(MicroInterpreter::ScratchRecord)));
  if (record == nullptr) return ArenaExhausted();
  if (bytes > 0x7FFFFFFFu) return Fail(StatusCode::kUnsupported) << "scratch buffer of " << static_cast<uint64_t>(bytes) << " bytes is too large";
  record->size = static_cast<uint32_t>(bytes);
  record->node = node_index_ | static_cast<int32_t>(interpreter_->current_subgraph_ << 16);
  record->next = MicroInterpreter::kNoScratch;
  const uint32_t offset = static_cast<uint32_t>(reinterpret_cast<uint8_t*>(record) - interpreter_->arena_);
  // Append, so planning order follows request order.
  uint32_t* link = &interpreter_->scratch_head_;
  while (*link != MicroInterpreter::kNoScratch) link = &reinterpret_cast<MicroInterpreter::ScratchRecord*>(interpreter_->arena_ + *link)->next;
  *link = offset;
  ++interpreter_->num_scratch_;
  *handle = offset;
  return Status::Ok();
}

ErrorBuilder PrepareContext::Fail(StatusCode code) const { return interpreter_->NodeFail(code, node_index_); }

int PrepareContext::num_subgraphs() const { return static_cast<int>(interpreter_->num_subgraphs_); }
int PrepareContext::subgraph_index() const { return static_cast<int>(interpreter_->current_subgraph_); }

int PrepareContext::subgraph_inputs_size(int s) const {
  if (s < 0 || s >= num_subgraphs()) return 0;
  const auto* list = interpreter_->model_.flatbuffer()->subgraphs()->Get(static_cast<uint32_t>(s))->inputs();
  return list == nullptr ? 0 : static_cast<int>(list->size());
}

int PrepareContext::subgraph_outputs_size(int s) const {
  if (s < 0 || s >= num_subgraphs()) return 0;
  const auto* list = interpreter_->model_.flatbuffer()->subgraphs()->Get(static_cast<uint32_t>(s))->outputs();
  return list == nullptr ? 0 : static_cast<int>(list->size());
}

TensorView PrepareContext::subgraph_input(int s, int i) const { return interpreter_->SubgraphTensor(s, i, false, false); }
TensorView PrepareContext::subgraph_output(int s, int i) const { return interpreter_->SubgraphTensor(s, i, true, false); }

int32_t PrepareContext::ResourceId(const char* container, const char* shared_name) {
  MicroInterpreter& in = *interpreter_;
  const uint8_t* model = in.model_.data();
  // Names are kept as offsets of their characters in the model (pointer-free arena).
  auto offset_of = [&](const char* text) -> uint32_t {
    if (text == nullptr || *text == '\0') return kLocationNone;
    const auto* p = reinterpret_cast<const uint8_t*>(text);
    return p >= model && p < model + in.model_.size() ? static_cast<uint32_t>(p - model) : kLocationNone - 1;
  };
  const uint32_t container_offset = offset_of(container);
  const uint32_t name_offset = offset_of(shared_name);
  if (container_offset == kLocationNone - 1 || name_offset == kLocationNone - 1) return -1;  // not a model string
  auto same = [&](uint32_t a, uint32_t b) {
    if (a == kLocationNone || b == kLocationNone) return a == b;
    return SameText(reinterpret_cast<const char*>(model + a), reinterpret_cast<const char*>(model + b));
  };
  int32_t id = 0;
  uint32_t* link = &in.resource_head_;
  while (*link != MicroInterpreter::kNoScratch) {
    auto* record = reinterpret_cast<MicroInterpreter::ResourceRecord*>(in.arena_ + *link);
    if (same(record->container, container_offset) && same(record->name, name_offset)) return id;
    link = &record->next;
    ++id;
  }
  auto* record = static_cast<MicroInterpreter::ResourceRecord*>(
      in.AllocatePersistent(sizeof(MicroInterpreter::ResourceRecord), alignof(MicroInterpreter::ResourceRecord)));
  if (record == nullptr) return -1;
  *record = MicroInterpreter::ResourceRecord{container_offset, name_offset, kLocationNone, 0, MicroInterpreter::kNoScratch};
  *link = static_cast<uint32_t>(reinterpret_cast<uint8_t*>(record) - in.arena_);
  ++in.num_resources_;
  return id;
}

int32_t PrepareContext::ResourceIdOfInput(int i) {
  if (!has_input(i)) return -1;
  const int32_t t = op_->inputs()->Get(static_cast<uint32_t>(i));
  const tflite::SubGraph* graph = interpreter_->subgraph_;
  const auto* codes = interpreter_->model_.flatbuffer()->operator_codes();
  for (uint32_t n = 0; n < graph->operators()->size(); ++n) {
    const tflite::Operator* op = graph->operators()->Get(n);
    if (OperatorBuiltinCode(codes->Get(op->opcode_index())) != tflite::BuiltinOperator_VAR_HANDLE) continue;
    if (op->outputs() == nullptr || op->outputs()->size() == 0 || op->outputs()->Get(0) != t) continue;
    const tflite::VarHandleOptions* options = nullptr;
    if (op->builtin_options_type() == tflite::BuiltinOptions_VarHandleOptions && op->builtin_options() != nullptr) {
      FlatBufferVerifier verifier(interpreter_->model_.data(), interpreter_->model_.size());
      if (verifier.VerifyTableAt(op->builtin_options(), schema_specs::TableSpecOf<tflite::VarHandleOptions>::value)) {
        options = reinterpret_cast<const tflite::VarHandleOptions*>(op->builtin_options());
      }
    }
    const char* container = options != nullptr && options->container() != nullptr ? options->container()->c_str() : nullptr;
    const char* name = options != nullptr && options->shared_name() != nullptr ? options->shared_name()->c_str() : nullptr;
    return ResourceId(container, name);
  }
  return -1;
}

Status PrepareContext::ResourceBuffer(int32_t id, size_t bytes, uint32_t* offset) {
  MicroInterpreter::ResourceRecord* record = interpreter_->Resource(id);
  if (record == nullptr) return Fail(StatusCode::kInvalidModel) << "resource variable " << id << " does not exist";
  if (record->data == kLocationNone) {
    if (bytes > 0x7FFFFFFFu) return Fail(StatusCode::kUnsupported) << "resource variable of " << static_cast<uint64_t>(bytes) << " bytes is too large";
    void* data = AllocatePersistent(bytes == 0 ? 1 : bytes, 8);
    if (data == nullptr) return ArenaExhausted();
    record->data = static_cast<uint32_t>(static_cast<uint8_t*>(data) - interpreter_->arena_);
    record->bytes = static_cast<uint32_t>(bytes);
  } else if (record->bytes != bytes) {
    return Fail(StatusCode::kUnsupported) << "resource variable " << id << " holds " << record->bytes << " bytes, this op uses "
                                          << static_cast<uint64_t>(bytes) << " (variables keep one size)";
  }
  *offset = record->data;
  return Status::Ok();
}

// ---- EvalContext ----------------------------------------------------------------------------

Status EvalContext::InvokeSubgraph(int s) const { return interpreter_->InvokeSubgraph(s); }
TensorView EvalContext::subgraph_input(int s, int i) const { return interpreter_->SubgraphTensor(s, i, false, true); }
TensorView EvalContext::subgraph_output(int s, int i) const { return interpreter_->SubgraphTensor(s, i, true, true); }

uint8_t* EvalContext::scratch(uint32_t handle) const {
  const auto* record = reinterpret_cast<const MicroInterpreter::ScratchRecord*>(bases_[0] + handle);
  return bases_[0] + record->offset;
}

}  // namespace tinyrt
