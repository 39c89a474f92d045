// SPDX-License-Identifier: Apache-2.0
// Resource variables (VAR_HANDLE, ASSIGN_VARIABLE, READ_VARIABLE): persistent arena buffers
// keyed by (container, shared_name), kept as a linked list of records in creation order.
#include <string.h>

#include "src/core/error_builder.h"
#include "src/core/interpreter_internal.h"

namespace tinyrt {

using internal::kEndOfList;
using internal::ResourceRecord;

internal::ResourceRecord* MicroInterpreter::Resource(int32_t id) {
  uint32_t r = resource_head_;
  for (int32_t i = 0; r != kEndOfList; ++i) {
    auto* record = reinterpret_cast<ResourceRecord*>(arena_ + r);
    if (i == id) return record;
    r = record->next;
  }
  return nullptr;
}

// Resource variables start zero-filled, as TFLM's.
void MicroInterpreter::ResetResources() {
  for (uint32_t r = resource_head_; r != kEndOfList;) {
    const auto* record = reinterpret_cast<const ResourceRecord*>(arena_ + r);
    if (record->data != kLocationNone) memset(arena_ + record->data, 0, record->bytes);
    r = record->next;
  }
}

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
    return internal::SameText(reinterpret_cast<const char*>(model + a), reinterpret_cast<const char*>(model + b));
  };
  int32_t id = 0;
  uint32_t* link = &in.resource_head_;
  while (*link != kEndOfList) {
    auto* record = reinterpret_cast<ResourceRecord*>(in.arena_ + *link);
    if (same(record->container, container_offset) && same(record->name, name_offset)) return id;
    link = &record->next;
    ++id;
  }
  auto* record = static_cast<ResourceRecord*>(in.AllocatePersistent(sizeof(ResourceRecord), alignof(ResourceRecord)));
  if (record == nullptr) return -1;
  *record = ResourceRecord{container_offset, name_offset, kLocationNone, 0, kEndOfList};
  *link = static_cast<uint32_t>(reinterpret_cast<uint8_t*>(record) - in.arena_);
  return id;
}

int32_t PrepareContext::ResourceIdOfInput(int i) {
  if (!has_input(i)) return -1;
  const int32_t t = op_->inputs()->Get(static_cast<uint32_t>(i));
  const tflite::SubGraph* graph = subgraph_->graph;
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
  ResourceRecord* record = interpreter_->Resource(id);
  if (record == nullptr) return Fail(StatusCode::kInvalidModel) << "resource variable " << id << " does not exist";
  if (record->data == kLocationNone) {
    if (bytes > 0x7FFFFFFFu)
      return Fail(StatusCode::kUnsupported) << "resource variable of " << static_cast<uint64_t>(bytes) << " bytes is too large";
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

}  // namespace tinyrt
