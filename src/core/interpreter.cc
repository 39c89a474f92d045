// SPDX-License-Identifier: Apache-2.0
// The interpreter's lifecycle: AllocateTensors (resolve ops, place constants and state, run
// every kernel's Prepare, plan), Invoke (run the nodes, and subgraphs for control flow), Reset,
// and introspection. Its other concerns have their own files (see interpreter_internal.h).
#include "tinyrt/interpreter.h"

#include <string.h>

#include "src/core/error_builder.h"
#include "src/core/interpreter_internal.h"
#include "src/core/planner.h"

namespace tinyrt {

using internal::AlignUp;
using internal::kSkipNode;
using internal::Node;
using internal::SubgraphRecord;

namespace {

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

namespace internal {

bool IsGraphOutput(const tflite::SubGraph* graph, int32_t tensor) {
  const auto* outputs = graph->outputs();
  for (uint32_t i = 0; outputs != nullptr && i < outputs->size(); ++i) {
    if (outputs->Get(i) == tensor) return true;
  }
  return false;
}

bool IsGraphInput(const tflite::SubGraph* graph, int32_t tensor) {
  const auto* inputs = graph->inputs();
  for (uint32_t i = 0; inputs != nullptr && i < inputs->size(); ++i) {
    if (inputs->Get(i) == tensor) return true;
  }
  return false;
}

}  // namespace internal

MicroInterpreter::MicroInterpreter(const Model& model, const OpResolver& resolver, uint8_t* arena, size_t arena_size,
                                   MicroProfiler* profiler)
    : model_(model), resolver_(resolver), profiler_(profiler) {
  const uintptr_t address = reinterpret_cast<uintptr_t>(arena);
  arena_misalignment_ = (internal::kArenaAlignment - (address & (internal::kArenaAlignment - 1))) & (internal::kArenaAlignment - 1);
  if (arena == nullptr || arena_size < arena_misalignment_) {
    arena_ = nullptr;
    arena_size_ = 0;
  } else {
    arena_ = arena + arena_misalignment_;
    arena_size_ = arena_size - arena_misalignment_;
    if (arena_size_ > internal::kMaxArenaBytes) arena_size_ = internal::kMaxArenaBytes;  // arena offsets are 29-bit (kernel.h)
  }
}

ErrorBuilder MicroInterpreter::Fail(StatusCode code) {
  state_ = State::kFailed;
  return ErrorBuilder(code, error_, sizeof(error_));
}

ErrorBuilder MicroInterpreter::NodeFail(StatusCode code, const SubgraphView& sg, int node) {
  ErrorBuilder e = Fail(code);
#if TINYRT_ERROR_MESSAGES
  // The name the op was registered under (only resolved nodes fail here).
  e << resolver_.registration(sg.nodes[node].registration).name << " (node " << static_cast<int64_t>(node);
  if (sg.index != 0) e << " of subgraph " << sg.index;
  e << "): ";
#else
  static_cast<void>(sg);
  e.AtNode(node);
#endif
  return e;
}

internal::SubgraphView MicroInterpreter::View(uint32_t index) const {
  if (subgraphs_ == nullptr) return SubgraphView{0, model_.main_subgraph(), locations_, nodes_, num_tensors_, num_nodes_};
  const tflite::SubGraph* graph = model_.flatbuffer()->subgraphs()->Get(index);
  const SubgraphRecord& r = subgraphs_[index];
  return SubgraphView{
      index,         graph,      reinterpret_cast<uint32_t*>(arena_ + r.locations), reinterpret_cast<Node*>(arena_ + r.nodes),
      r.num_tensors, r.num_nodes};
}

// Not inlined: one copy for RunNodes and TensorData (firmware size).
__attribute__((noinline)) void MicroInterpreter::FillBases(uint8_t** bases) const {
  bases[0] = arena_;
  bases[1] = region_memory_[0];
  bases[2] = region_memory_[1];
  bases[3] = region_memory_[2];
  // Model offsets are below 512 MiB (Model::Load): bits 29-30 of a model location are clear.
  uint8_t* const model = const_cast<uint8_t*>(model_.data());
  bases[4] = model;
}

uint8_t* MicroInterpreter::TensorData(const uint32_t* locations, int32_t tensor) const {
  const uint32_t location = locations[tensor];
  if (location == kLocationNone) return nullptr;
  uint8_t* bases[kLocationBases];
  FillBases(bases);
  return LocationAddress(location, bases);
}

Status MicroInterpreter::AllocateTensors() {
  if (state_ != State::kCreated) {
    return Status(StatusCode::kNotReady, state_ == State::kAllocated ? TINYRT_MSG("AllocateTensors() was already called") : error_);
  }
  const Status status = shared_ == nullptr ? AllocateTensorsImpl() : shared_->allocate_(*this);
  if (!status.ok()) {
    state_ = State::kFailed;
    return status;
  }
  state_ = State::kAllocated;
  return Reset();
}

Status MicroInterpreter::AllocateTensorsImpl() {
  if (!model_.loaded())
    return Fail(StatusCode::kInvalidArgument) << "the model is not loaded (call Model::Load first and check its status)";
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
    size_t region = 0;
    TINYRT_RETURN_IF_ERROR(PlanActivations(View(s), base, &region));
    base += region;
  }
  planned_size_ = base;
  if (arena_used_ > arena_size_) return ArenaTooSmall(arena_used_, nullptr);
  return Status::Ok();
}

Status MicroInterpreter::PrepareSubgraph(uint32_t index) {
  const tflite::SubGraph* graph = model_.flatbuffer()->subgraphs()->Get(index);
  SubgraphView sg{index, graph, nullptr, nullptr, graph->tensors() == nullptr ? 0 : graph->tensors()->size(), graph->operators()->size()};
  sg.locations = static_cast<uint32_t*>(AllocatePersistent(sizeof(uint32_t) * sg.num_tensors, alignof(uint32_t)));
  sg.nodes = static_cast<Node*>(AllocatePersistent(sizeof(Node) * sg.num_nodes, alignof(Node)));
  if (sg.locations == nullptr || sg.nodes == nullptr)
    return ArenaTooSmall(persistent_used_, TINYRT_MSG("allocating the tensor and node tables"));
  for (uint32_t t = 0; t < sg.num_tensors; ++t) sg.locations[t] = kLocationNone;
  if (index == 0) {
    locations_ = sg.locations;
    nodes_ = sg.nodes;
    num_tensors_ = sg.num_tensors;
    num_nodes_ = sg.num_nodes;
  }
  if (subgraphs_ != nullptr) {
    subgraphs_[index] =
        SubgraphRecord{static_cast<uint32_t>(reinterpret_cast<uint8_t*>(sg.locations) - arena_),
                       static_cast<uint32_t>(reinterpret_cast<uint8_t*>(sg.nodes) - arena_), sg.num_tensors, sg.num_nodes, 0};
  }
  TINYRT_RETURN_IF_ERROR(ResolveOps(sg));
  TINYRT_RETURN_IF_ERROR(AllocateConstantsAndState(sg));
  return PrepareNodes(sg);
}

Status MicroInterpreter::ResolveOps(const SubgraphView& sg) {
  const auto* codes = model_.flatbuffer()->operator_codes();
  const auto* ops = sg.graph->operators();
  Node* const nodes = sg.nodes;
  for (uint32_t n = 0; n < sg.num_nodes; ++n) {
    const tflite::Operator* op = ops->Get(n);
    const tflite::OperatorCode* code = codes->Get(op->opcode_index());
    const int32_t builtin = OperatorBuiltinCode(code);
    const char* custom = builtin == kBuiltinCustom ? code->custom_code()->c_str() : nullptr;
    const int index = resolver_.Find(builtin, custom);
    if (index < 0) return MissingOp(static_cast<int>(n), builtin, custom, code->version());
    nodes[n].registration = static_cast<uint8_t>(index);
    const OpKernel* kernel = resolver_.registration(index).kernel;
    if (code->version() < 1 || code->version() > kernel->max_version) {
      return NodeFail(StatusCode::kUnsupported, sg, static_cast<int>(n))
             << "op version " << code->version() << " is not supported; tinyrt's kernel runs versions 1 to " << kernel->max_version;
    }
    nodes[n].op_data = kLocationNone;
    nodes[n].in_place_input = internal::kNoInPlace;
  }
  return Status::Ok();
}

Status MicroInterpreter::MissingOp(int node, int32_t builtin, const char* custom, int version) {
  ErrorBuilder e = Fail(StatusCode::kMissingOp);
#if TINYRT_ERROR_MESSAGES
  e << "the model needs " << (custom != nullptr ? custom : BuiltinOperatorName(builtin)) << " version " << version << " (node " << node
    << "); ";
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

Status MicroInterpreter::AllocateConstantsAndState(const SubgraphView& sg) {
  const tflite::Model* model = model_.flatbuffer();
  uint32_t* const locations = sg.locations;
  const auto* tensors = sg.graph->tensors();
  for (uint32_t t = 0; t < sg.num_tensors; ++t) {
    const tflite::Tensor* tensor = tensors->Get(t);
    const TensorView view(tensor, nullptr);
    const size_t element_size = TensorTypeSize(view.type());
    if (tensor->is_variable()) {
      if (element_size == 0) {
        return Fail(StatusCode::kUnsupported) << "variable tensor " << t << " has type " << TensorTypeName(view.type())
                                              << ", which tinyrt cannot store";
      }
      void* state = AllocatePersistent(AlignUp(view.bytes(), 4), element_size >= 8 ? 8 : 4);
      if (state == nullptr) return ArenaTooSmall(persistent_used_, TINYRT_MSG("allocating variable (state) tensors"));
      locations[t] = static_cast<uint32_t>(static_cast<uint8_t*>(state) - arena_);
      continue;
    }
    size_t size = 0;
    const uint8_t* data = ConstantData(model, model_.data(), tensor, &size);
    if (data == nullptr) continue;
    const size_t alignment = element_size == 0 ? 1 : (element_size > 8 ? 8 : element_size);
    if ((reinterpret_cast<uintptr_t>(data) & (alignment - 1)) == 0) {
      locations[t] = kLocationInModel | static_cast<uint32_t>(data - model_.data());
    } else {
      // Misaligned weights (legal in the format, rare in practice): one aligned copy in the arena.
      void* copy = AllocatePersistent(size, alignment);
      if (copy == nullptr) return ArenaTooSmall(persistent_used_, TINYRT_MSG("copying misaligned constant tensors"));
      memcpy(copy, data, size);
      locations[t] = static_cast<uint32_t>(static_cast<uint8_t*>(copy) - arena_);
    }
  }
  return Status::Ok();
}

Status MicroInterpreter::PrepareNodes(const SubgraphView& sg) {
  const auto* codes = model_.flatbuffer()->operator_codes();
  for (uint32_t n = 0; n < sg.num_nodes; ++n) {
    const tflite::Operator* op = sg.graph->operators()->Get(n);
    PrepareContext ctx;
    ctx.interpreter_ = this;
    ctx.subgraph_ = &sg;
    ctx.op_ = op;
    ctx.node_index_ = static_cast<int>(n);
    ctx.version_ = codes->Get(op->opcode_index())->version();
    Node& node = sg.nodes[n];
    const OpKernel* kernel = resolver_.registration(node.registration).kernel;
    const Status status = kernel->prepare(ctx);
    if (!status.ok()) {
      state_ = State::kFailed;
      return status;
    }
    if (ctx.variant_ >= kernel->num_variants)
      return NodeFail(StatusCode::kInternal, sg, static_cast<int>(n)) << "kernel selected a missing variant";
    node.op_data = ctx.op_data_offset_;
    node.variant = ctx.variant_;
    node.in_place_input = ctx.in_place_input_;
    node.reason = static_cast<uint8_t>(ctx.reason_);
    const int32_t builtin = OperatorBuiltinCode(codes->Get(op->opcode_index()));
    const bool side_effects =
        builtin == kBuiltinCustom || builtin == tflite::BuiltinOperator_IF || builtin == tflite::BuiltinOperator_WHILE;
    bool empty = ctx.num_outputs() > 0 && !side_effects;
    for (int o = 0; empty && o < ctx.num_outputs(); ++o) empty = ctx.output(o).valid() && ctx.output(o).elements() == 0;
    if (empty) node.reason |= kSkipNode;
  }
  return Status::Ok();
}

Status MicroInterpreter::Invoke() {
  if (state_ != State::kAllocated) {
    return Status(StatusCode::kNotReady, state_ == State::kCreated ? TINYRT_MSG("Invoke() called before AllocateTensors()") : error_);
  }
  if (subgraphs_ == nullptr) return RunNodes(View(0));
  subgraphs_[0].running = 1;
  const Status status = RunNodes(View(0));
  subgraphs_[0].running = 0;
  return status;
}

// Runs subgraph `sg`'s nodes in order.
Status MicroInterpreter::RunNodes(const SubgraphView& sg) {
  EvalContext ctx;
  ctx.locations_ = sg.locations;
  FillBases(ctx.bases_);
  ctx.interpreter_ = this;
  const auto* ops = sg.graph->operators();
  for (uint32_t n = 0; n < sg.num_nodes; ++n) {
    const tflite::Operator* op = ops->Get(n);
    const Node& node = sg.nodes[n];
    if ((node.reason & kSkipNode) != 0) continue;
    ctx.inputs_ = op->inputs() != nullptr ? op->inputs()->data() : nullptr;
    ctx.num_inputs_ = op->inputs() != nullptr ? static_cast<int>(op->inputs()->size()) : 0;
    ctx.outputs_ = op->outputs() != nullptr ? op->outputs()->data() : nullptr;
    ctx.num_outputs_ = op->outputs() != nullptr ? static_cast<int>(op->outputs()->size()) : 0;
    ctx.op_data_ = node.op_data == kLocationNone ? nullptr : arena_ + node.op_data;
    const OpRegistration& registration = resolver_.registration(node.registration);
    uint32_t event = 0;
    if (profiler_ != nullptr) event = profiler_->BeginEvent(registration.name);
    const Status status = registration.kernel->variants[node.variant].fn(ctx);
    if (profiler_ != nullptr) profiler_->EndEvent(event);
    if (!status.ok()) {
      // A failure inside a subgraph this node ran is already described in error_.
      if (status.message() == error_) return status;
      ErrorBuilder e = NodeFail(status.code(), sg, static_cast<int>(n));
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
  if (invoke_depth_ >= internal::kMaxSubgraphDepth)
    return Status(StatusCode::kUnsupported, TINYRT_MSG("control flow is nested more than 8 deep"));
  ++invoke_depth_;
  subgraphs_[index].running = 1;
  const Status status = RunNodes(View(static_cast<uint32_t>(index)));
  subgraphs_[index].running = 0;
  --invoke_depth_;
  return status;
}

TensorView MicroInterpreter::SubgraphTensor(int subgraph, int i, bool output, bool with_data) const {
  if (subgraph < 0 || static_cast<uint32_t>(subgraph) >= num_subgraphs_) return TensorView();
  const tflite::SubGraph* graph = model_.flatbuffer()->subgraphs()->Get(static_cast<uint32_t>(subgraph));
  const auto* list = output ? graph->outputs() : graph->inputs();
  if (list == nullptr || i < 0 || static_cast<uint32_t>(i) >= list->size()) return TensorView();
  const int32_t t = list->Get(static_cast<uint32_t>(i));
  uint8_t* data = with_data ? TensorData(View(static_cast<uint32_t>(subgraph)).locations, t) : nullptr;
  return TensorView(graph->tensors()->Get(static_cast<uint32_t>(t)), data);
}

Status MicroInterpreter::Reset() {
  if (state_ != State::kAllocated) return Status(StatusCode::kNotReady, TINYRT_MSG("Reset() called before AllocateTensors()"));
  for (uint32_t s = num_subgraphs_; s-- > 0;) ResetSubgraph(View(s));
  ResetResources();
  return Status::Ok();
}

void MicroInterpreter::ResetSubgraph(const SubgraphView& sg) {
  for (uint32_t t = 0; t < sg.num_tensors; ++t) {
    const tflite::Tensor* tensor = sg.graph->tensors()->Get(t);
    if (!tensor->is_variable()) continue;
    // TFLM's rule: int8 state starts at the zero point, everything else at 0.
    const TensorView view(tensor, TensorData(sg.locations, static_cast<int32_t>(t)));
    const int value = view.type() == TensorType::kInt8 ? view.zero_point() : 0;
    memset(view.raw(), value, view.bytes());
  }
  // State kept in op data (delay lines, noise estimates, ...).
  for (uint32_t n = 0; n < sg.num_nodes; ++n) {
    const OpKernel* kernel = resolver_.registration(sg.nodes[n].registration).kernel;
    if (kernel->reset != nullptr && sg.nodes[n].op_data != kLocationNone) kernel->reset(arena_ + sg.nodes[n].op_data);
  }
}

// ---- Introspection (the main subgraph) -------------------------------------------------------

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
  return TensorView(model_.main_subgraph()->tensors()->Get(static_cast<uint32_t>(tensor_index)),
                    TensorData(locations_, static_cast<int32_t>(tensor_index)));
}

TensorView MicroInterpreter::input(size_t index) const {
  if (state_ != State::kAllocated || index >= inputs_size()) return TensorView();
  return tensor(static_cast<size_t>(model_.main_subgraph()->inputs()->Get(static_cast<uint32_t>(index))));
}

TensorView MicroInterpreter::output(size_t index) const {
  if (state_ != State::kAllocated || index >= outputs_size()) return TensorView();
  return tensor(static_cast<size_t>(model_.main_subgraph()->outputs()->Get(static_cast<uint32_t>(index))));
}

NodeInfo MicroInterpreter::node(size_t index) const {
  if (state_ != State::kAllocated || index >= num_nodes_) return NodeInfo{-1, nullptr, 0, "", ""};
  const tflite::Operator* op = model_.main_subgraph()->operators()->Get(static_cast<uint32_t>(index));
  const tflite::OperatorCode* code = model_.flatbuffer()->operator_codes()->Get(op->opcode_index());
  const int32_t builtin = OperatorBuiltinCode(code);
  const OpKernel* kernel = resolver_.registration(nodes_[index].registration).kernel;
  return NodeInfo{builtin, builtin == kBuiltinCustom ? code->custom_code()->c_str() : nullptr, code->version(),
                  kernel->variants[nodes_[index].variant].name,
                  ReferenceReasonText(static_cast<ReferenceReason>(nodes_[index].reason & ~kSkipNode))};
}

}  // namespace tinyrt
