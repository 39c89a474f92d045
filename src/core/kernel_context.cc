// SPDX-License-Identifier: Apache-2.0
// What a kernel sees: PrepareContext (a node's tensors, options, persistent and scratch memory,
// in-place sharing, subgraphs) and EvalContext (tensor data, op data, scratch, subgraph calls).
// Resource variables are resource_variables.cc's.
#include "src/core/error_builder.h"
#include "src/core/interpreter_internal.h"

namespace tinyrt {

using internal::ScratchRecord;

// ---- PrepareContext -------------------------------------------------------------------------

int PrepareContext::num_inputs() const { return op_->inputs() == nullptr ? 0 : static_cast<int>(op_->inputs()->size()); }
int PrepareContext::num_outputs() const { return op_->outputs() == nullptr ? 0 : static_cast<int>(op_->outputs()->size()); }

bool PrepareContext::has_input(int i) const { return i >= 0 && i < num_inputs() && op_->inputs()->Get(static_cast<uint32_t>(i)) >= 0; }

TensorView PrepareContext::input(int i) const {
  if (!has_input(i)) return TensorView();
  const int32_t t = op_->inputs()->Get(static_cast<uint32_t>(i));
  return TensorView(subgraph_->graph->tensors()->Get(static_cast<uint32_t>(t)), interpreter_->TensorData(subgraph_->locations, t));
}

TensorView PrepareContext::output(int i) const {
  if (i < 0 || i >= num_outputs()) return TensorView();
  const int32_t t = op_->outputs()->Get(static_cast<uint32_t>(i));
  return TensorView(subgraph_->graph->tensors()->Get(static_cast<uint32_t>(t)), interpreter_->TensorData(subgraph_->locations, t));
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
  const tflite::SubGraph* graph = subgraph_->graph;
  if (subgraph_->locations[t] != kLocationNone) return false;  // constant or state: never overwritten
  if (internal::IsGraphOutput(graph, t)) return false;
  // A called subgraph's inputs and outputs are copied in and out by IF/WHILE: never shared.
  if (subgraph_->index != 0 && internal::IsGraphInput(graph, t)) return false;
  const auto* ops = graph->operators();
  for (uint32_t n = static_cast<uint32_t>(node_index_) + 1; n < ops->size(); ++n) {
    const auto* inputs = ops->Get(n)->inputs();
    for (uint32_t k = 0; inputs != nullptr && k < inputs->size(); ++k) {
      if (inputs->Get(k) == t) return false;
    }
  }
  // The output must be a fresh activation written first here.
  const int32_t out = op_->outputs()->Get(0);
  return out != t && subgraph_->locations[out] == kLocationNone;
}

void PrepareContext::ShareInputWithOutput(int i) { in_place_input_ = static_cast<uint8_t>(i); }

void* PrepareContext::AllocatePersistent(size_t bytes, size_t alignment) { return interpreter_->AllocatePersistent(bytes, alignment); }

uint32_t PrepareContext::model_offset(const void* p) const {
  const auto* bytes = static_cast<const uint8_t*>(p);
  const uint8_t* base = interpreter_->model_.data();
  if (bytes < base || bytes >= base + interpreter_->model_.size()) return kLocationNone;
  return static_cast<uint32_t>(bytes - base);
}

void* PrepareContext::op_data() const { return op_data_offset_ == kLocationNone ? nullptr : interpreter_->arena_ + op_data_offset_; }

bool PrepareContext::reference_kernels_only() const { return interpreter_->reference_only_; }
bool PrepareContext::keep_requant_tables() const { return interpreter_->keep_requant_tables_; }

void PrepareContext::SetOpData(void* data) { op_data_offset_ = static_cast<uint32_t>(static_cast<uint8_t*>(data) - interpreter_->arena_); }

Status PrepareContext::ArenaExhausted() const {
  ErrorBuilder e = Fail(StatusCode::kArenaTooSmall);
  e << "arena has " << static_cast<uint64_t>(interpreter_->arena_size_ + interpreter_->arena_misalignment_)
    << " bytes, model needs more than " << static_cast<uint64_t>(interpreter_->persistent_used_ + interpreter_->arena_misalignment_)
    << " (ran out of persistent memory here)";
  return e;
}

Status PrepareContext::RequestScratch(size_t bytes, uint32_t* handle) {
  auto* record = static_cast<ScratchRecord*>(interpreter_->AllocatePersistent(sizeof(ScratchRecord), alignof(ScratchRecord)));
  if (record == nullptr) return ArenaExhausted();
  if (bytes > 0x7FFFFFFFu)
    return Fail(StatusCode::kUnsupported) << "scratch buffer of " << static_cast<uint64_t>(bytes) << " bytes is too large";
  record->size = static_cast<uint32_t>(bytes);
  record->node = node_index_ | static_cast<int32_t>(subgraph_->index << 16);
  record->next = internal::kEndOfList;
  const uint32_t offset = static_cast<uint32_t>(reinterpret_cast<uint8_t*>(record) - interpreter_->arena_);
  // Append, so planning order follows request order.
  uint32_t* link = &interpreter_->scratch_head_;
  while (*link != internal::kEndOfList) link = &reinterpret_cast<ScratchRecord*>(interpreter_->arena_ + *link)->next;
  *link = offset;
  ++interpreter_->num_scratch_;
  *handle = offset;
  return Status::Ok();
}

Status PrepareContext::RequestOptionalScratch(size_t bytes, uint32_t* handle, uint8_t fallback_variant) {
  TINYRT_RETURN_IF_ERROR(RequestScratch(bytes, handle));
  // Until planning writes it, the record's offset holds the fallback (planning.cc).
  reinterpret_cast<ScratchRecord*>(interpreter_->arena_ + *handle)->offset = internal::kOptionalScratch | fallback_variant;
  return Status::Ok();
}

ErrorBuilder PrepareContext::Fail(StatusCode code) const { return interpreter_->NodeFail(code, *subgraph_, node_index_); }

int PrepareContext::num_subgraphs() const { return static_cast<int>(interpreter_->num_subgraphs_); }
int PrepareContext::subgraph_index() const { return static_cast<int>(subgraph_->index); }

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

// ---- EvalContext ----------------------------------------------------------------------------

Status EvalContext::InvokeSubgraph(int s) const { return interpreter_->InvokeSubgraph(s); }
TensorView EvalContext::subgraph_input(int s, int i) const { return interpreter_->SubgraphTensor(s, i, false, true); }
TensorView EvalContext::subgraph_output(int s, int i) const { return interpreter_->SubgraphTensor(s, i, true, true); }

uint8_t* EvalContext::scratch(uint32_t handle) const {
  const auto* record = reinterpret_cast<const ScratchRecord*>(bases_[0] + handle);
  return LocationAddress(record->offset, bases_);  // the arena or a memory region
}

}  // namespace tinyrt
