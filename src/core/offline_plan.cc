// SPDX-License-Identifier: Apache-2.0
// Plans made ahead of time: an ArenaPlan passed with UseArenaPlan() (`tinyrt plan --header`,
// `model_to_c --plan-header`), or TFLM's "OfflineMemoryAllocation" metadata in the model. Their
// offsets fix buffers before the planner places the rest.
#include "src/core/error_builder.h"
#include "src/core/interpreter_internal.h"
#include "src/core/planner.h"

namespace tinyrt {
namespace {

// TFLM's offline plan: metadata "OfflineMemoryAllocation", a buffer of int32
// [version, subgraph, number of tensors, offset of each tensor or -1].
const int32_t* OfflineAllocation(const tflite::Model* model, uint32_t* num_offsets) {
  *num_offsets = 0;
  const auto* metadata = model->metadata();
  if (metadata == nullptr) return nullptr;
  for (uint32_t i = 0; i < metadata->size(); ++i) {
    const tflite::Metadata* entry = metadata->Get(i);
    if (entry->name() == nullptr || !internal::SameText(entry->name()->c_str(), "OfflineMemoryAllocation")) continue;
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

Status MicroInterpreter::FixOfflineOffsets(const SubgraphView& sg, PlannerBuffer* buffers, uint32_t num_tensor_buffers, uint32_t count) {
  if (sg.index != 0) {
    if (plan_ != nullptr) return Fail(StatusCode::kUnsupported) << "arena plans cover single-subgraph models only";
    return Status::Ok();
  }
  const int32_t* tensor_offsets = nullptr;
  const char* source = TINYRT_MSG("the arena plan");
  uint32_t alignment = kPlannerAlignment;
  if (plan_ != nullptr) {
    if (plan_->num_tensors != sg.num_tensors || plan_->num_scratch != num_scratch_ ||
        (plan_->num_tensors != 0 && plan_->tensor_offsets == nullptr) || (plan_->num_scratch != 0 && plan_->scratch_offsets == nullptr)) {
      return Fail(StatusCode::kInvalidArgument) << "the arena plan has " << plan_->num_tensors << " tensors and " << plan_->num_scratch
                                                << " scratch buffers; this model and build have " << sg.num_tensors << " and "
                                                << num_scratch_ << " (was it made for another model or kernels?)";
    }
    tensor_offsets = plan_->tensor_offsets;
  } else {
    uint32_t n = 0;
    tensor_offsets = OfflineAllocation(model_.flatbuffer(), &n);
    if (tensor_offsets == nullptr) return Status::Ok();
    if (n != sg.num_tensors) {
      return Fail(StatusCode::kInvalidModel) << "OfflineMemoryAllocation metadata has " << n << " offsets for " << sg.num_tensors
                                             << " tensors";
    }
    source = TINYRT_MSG("OfflineMemoryAllocation metadata");
    alignment = 4;  // TFLM's offline plans need not follow tinyrt's 16-byte buffer alignment
  }
  auto fix = [&](PlannerBuffer& b, int32_t offset, uint32_t index, bool scratch) -> Status {
    if (offset < 0 || b.size == 0) return Status::Ok();
    if ((static_cast<uint32_t>(offset) & (alignment - 1)) != 0 || static_cast<uint32_t>(offset) > internal::kMaxArenaBytes) {
      return Fail(StatusCode::kInvalidArgument) << source << " gives " << (scratch ? "scratch buffer " : "tensor ") << index << " offset "
                                                << offset << ", not a multiple of " << alignment << " below 512 MiB";
    }
    b.offset = static_cast<uint32_t>(offset);
    b.fixed = 1;
    return Status::Ok();
  };
  for (uint32_t t = 0; t < sg.num_tensors; ++t) {
    const uint32_t location = sg.locations[t];
    if ((location & internal::kLocationPlanningMask) != internal::kLocationPlanning) continue;
    const uint32_t index = location & ~internal::kLocationPlanningMask;
    TINYRT_RETURN_IF_ERROR(fix(buffers[index], tensor_offsets[t], t, false));
    if (plan_ != nullptr && buffers[index].size != 0 && !buffers[index].fixed) {
      return Fail(StatusCode::kInvalidArgument) << "the arena plan has no offset for tensor " << t;
    }
  }
  for (uint32_t s = num_tensor_buffers; plan_ != nullptr && s < count; ++s) {
    TINYRT_RETURN_IF_ERROR(fix(buffers[s], plan_->scratch_offsets[s - num_tensor_buffers], s - num_tensor_buffers, true));
    if (buffers[s].size != 0 && !buffers[s].fixed) {
      return Fail(StatusCode::kInvalidArgument) << "the arena plan has no offset for scratch buffer " << (s - num_tensor_buffers);
    }
  }
  return Status::Ok();
}

}  // namespace tinyrt
