// SPDX-License-Identifier: Apache-2.0
// Shared Prepare of ASSIGN_VARIABLE and READ_VARIABLE: input 0 is a resource tensor written by
// a VAR_HANDLE of the same subgraph; the variable's buffer is sized by the first of them.
#pragma once

#include "src/kernels/kernel_util.h"

namespace tinyrt {
namespace kernels {

struct VariableData {
  uint32_t offset;  // arena offset of the variable's value
  uint32_t bytes;
};

// `value` is the tensor copied into (ASSIGN) or out of (READ) the variable.
inline Status PrepareVariableAccess(PrepareContext& ctx, const TensorView& value) {
  TINYRT_PREPARE_CHECK(ctx, ctx.input(0).type() == TensorType::kResource, "input 0 must be a resource tensor");
  TINYRT_PREPARE_CHECK(ctx, value.valid() && TensorTypeSize(value.type()) != 0,
                       "value type " << TensorTypeName(value.type()) << " cannot be stored in a variable");
  const int32_t id = ctx.ResourceIdOfInput(0);
  TINYRT_PREPARE_CHECK(ctx, id >= 0, "input 0 must be written by a VAR_HANDLE in the same subgraph");
  auto* data = ctx.AllocateOpData<VariableData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->bytes = static_cast<uint32_t>(value.bytes());
  return ctx.ResourceBuffer(id, value.bytes(), &data->offset);
}

}  // namespace kernels
}  // namespace tinyrt
