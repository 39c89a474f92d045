// SPDX-License-Identifier: Apache-2.0
// ASSIGN_VARIABLE: copies input 1 into the resource variable named by input 0.
#include <string.h>

#include "src/kernels/resource_variable.h"

namespace tinyrt {
namespace kernels {
namespace {

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 0));
  return PrepareVariableAccess(ctx, ctx.input(1));
}

Status Eval(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<VariableData>();
  memcpy(ctx.persistent(d.offset), ctx.input<uint8_t>(1), d.bytes);
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {Eval, "reference"},
};

}  // namespace

const OpKernel kOp_ASSIGN_VARIABLE = {Prepare, kVariants, 1, 1};

}  // namespace kernels
}  // namespace tinyrt
