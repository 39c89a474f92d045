// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the signal library's kernels (src/kernels/ref/signal_*.cc): exact
// input/output counts, type and rank checks with uniform messages, and op data followed by
// state or plan arrays in one persistent allocation.
#pragma once

#include <string.h>

#include "src/kernels/custom_options.h"
#include "src/kernels/kernel_util.h"

namespace tinyrt {
namespace kernels {

inline Status RequireExactIo(PrepareContext& ctx, int inputs, int outputs) {
  if (ctx.num_inputs() != inputs || ctx.num_outputs() != outputs) {
    return ctx.Fail(StatusCode::kInvalidModel) << "has " << ctx.num_inputs() << " inputs and " << ctx.num_outputs()
                                               << " outputs; needs " << inputs << " and " << outputs;
  }
  for (int i = 0; i < inputs; ++i) {
    if (!ctx.has_input(i)) return ctx.Fail(StatusCode::kInvalidModel) << "required input " << i << " is missing";
  }
  return Status::Ok();
}

// `what` is e.g. "input 0" or "output 1".
inline Status RequireType(PrepareContext& ctx, const char* what, const TensorView& t, TensorType type) {
  if (t.type() != type) {
    return ctx.Fail(StatusCode::kUnsupported) << what << " has type " << TensorTypeName(t.type()) << "; this op needs "
                                              << TensorTypeName(type);
  }
  return Status::Ok();
}

inline Status RequireRank(PrepareContext& ctx, const char* what, const TensorView& t, int rank) {
  if (t.rank() != rank) return ctx.Fail(StatusCode::kInvalidModel) << what << " has rank " << t.rank() << "; this op needs rank " << rank;
  return Status::Ok();
}

inline Status RequireElements(PrepareContext& ctx, const char* what, const TensorView& t, size_t elements) {
  if (t.elements() != elements) {
    return ctx.Fail(StatusCode::kInvalidModel) << what << " has " << t.elements() << " elements; expected " << elements;
  }
  return Status::Ok();
}

// Allocates Data followed by `trailing_bytes` (state, tables) as the node's op data, 8-byte
// aligned and zero-filled; nullptr when the arena is exhausted.
template <typename Data>
Data* AllocateOpDataWithTrailing(PrepareContext& ctx, size_t trailing_bytes) {
  static_assert(sizeof(Data) % 8 == 0, "trailing arrays must stay 8-byte aligned");
  void* memory = ctx.AllocatePersistent(sizeof(Data) + trailing_bytes, 8);
  if (memory != nullptr) ctx.SetOpData(memory);
  return static_cast<Data*>(memory);
}

// The array that follows an op data struct in its allocation.
template <typename T, typename Data>
T* Trailing(Data* data, size_t byte_offset = 0) {
  return reinterpret_cast<T*>(reinterpret_cast<uint8_t*>(data + 1) + byte_offset);
}
template <typename T, typename Data>
const T* Trailing(const Data* data, size_t byte_offset = 0) {
  return reinterpret_cast<const T*>(reinterpret_cast<const uint8_t*>(data + 1) + byte_offset);
}

// Element count of all but the last dimension (the "outer dims" of a framed signal).
inline int32_t OuterSize(const TensorView& t) {
  if (t.rank() == 0) return 1;
  const int32_t last = t.dim(t.rank() - 1);
  return last == 0 ? 0 : static_cast<int32_t>(t.elements() / static_cast<size_t>(last));
}
inline int32_t LastDim(const TensorView& t) { return t.rank() == 0 ? 1 : t.dim(t.rank() - 1); }

}  // namespace kernels
}  // namespace tinyrt
