// SPDX-License-Identifier: Apache-2.0
// Shared by IF, WHILE and CALL_ONCE: checks that a subgraph index is usable and that the op's
// tensors match a subgraph's inputs/outputs (same type and byte size, as data is copied in
// and out as TFLM does), and the copies themselves.
#pragma once

#include <string.h>

#include "src/kernels/kernel_util.h"

namespace tinyrt {
namespace kernels {

inline Status CheckSubgraphIndex(PrepareContext& ctx, int32_t index, const char* what) {
  TINYRT_PREPARE_CHECK(ctx, index > 0 && index < ctx.num_subgraphs(),
                       what << " subgraph index " << index << " is out of range (model has " << static_cast<int32_t>(ctx.num_subgraphs())
                            << " subgraphs; 0 is the main one)");
  TINYRT_PREPARE_CHECK(ctx, index != ctx.subgraph_index(), what << " subgraph " << index << " is the op's own subgraph");
  return Status::Ok();
}

inline Status CheckSameTensor(PrepareContext& ctx, const TensorView& op_tensor, const TensorView& sub, const char* what, int i) {
  TINYRT_PREPARE_CHECK(ctx, op_tensor.valid() && sub.valid(), what << " " << i << " is missing");
  TINYRT_PREPARE_CHECK(ctx, op_tensor.type() == sub.type() && op_tensor.bytes() == sub.bytes(),
                       what << " " << i << " is " << TensorTypeName(op_tensor.type()) << " of " << static_cast<uint64_t>(op_tensor.bytes())
                            << " bytes in the op but " << TensorTypeName(sub.type()) << " of " << static_cast<uint64_t>(sub.bytes())
                            << " bytes in the subgraph");
  return Status::Ok();
}

// Op inputs [first, num_inputs) feed subgraph s's inputs one to one.
inline Status CheckSubgraphInputs(PrepareContext& ctx, int32_t s, int first) {
  const int count = ctx.num_inputs() - first;
  TINYRT_PREPARE_CHECK(ctx, count == ctx.subgraph_inputs_size(s),
                       "passes " << static_cast<int32_t>(count) << " inputs to subgraph " << s << ", which has "
                                 << static_cast<int32_t>(ctx.subgraph_inputs_size(s)));
  for (int i = 0; i < count; ++i)
    TINYRT_RETURN_IF_ERROR(CheckSameTensor(ctx, ctx.input(first + i), ctx.subgraph_input(s, i), "input", first + i));
  return Status::Ok();
}

// Subgraph s's outputs become the op's outputs one to one.
inline Status CheckSubgraphOutputs(PrepareContext& ctx, int32_t s) {
  TINYRT_PREPARE_CHECK(ctx, ctx.num_outputs() == ctx.subgraph_outputs_size(s),
                       "has " << static_cast<int32_t>(ctx.num_outputs()) << " outputs but subgraph " << s << " has "
                              << static_cast<int32_t>(ctx.subgraph_outputs_size(s)));
  for (int i = 0; i < ctx.num_outputs(); ++i)
    TINYRT_RETURN_IF_ERROR(CheckSameTensor(ctx, ctx.output(i), ctx.subgraph_output(s, i), "output", i));
  return Status::Ok();
}

// Copies op inputs [first, ...) (or, with from_outputs, the op's outputs) into subgraph s's inputs.
inline void CopyIntoSubgraph(const EvalContext& ctx, int32_t s, int first, bool from_outputs) {
  const int count = from_outputs ? ctx.num_outputs() : ctx.num_inputs() - first;
  for (int i = 0; i < count; ++i) {
    const TensorView dst = ctx.subgraph_input(s, i);
    const uint8_t* src = from_outputs ? ctx.output<uint8_t>(i) : ctx.input<uint8_t>(first + i);
    if (dst.raw() != src) memcpy(dst.raw(), src, dst.bytes());
  }
}

inline void CopyOutOfSubgraph(const EvalContext& ctx, int32_t s) {
  for (int i = 0; i < ctx.num_outputs(); ++i) {
    const TensorView src = ctx.subgraph_output(s, i);
    memcpy(ctx.output<uint8_t>(i), src.raw(), src.bytes());
  }
}

}  // namespace kernels
}  // namespace tinyrt
