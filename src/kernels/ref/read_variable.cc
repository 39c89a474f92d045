// SPDX-License-Identifier: Apache-2.0
// READ_VARIABLE: copies the resource variable named by input 0 to output 0 (zeros before the
// first ASSIGN_VARIABLE, as TFLM's zero-filled variables).
#include <string.h>

#include "src/kernels/resource_variable.h"

namespace tinyrt {
namespace kernels {
namespace {

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 1));
  return PrepareVariableAccess(ctx, ctx.output(0));
}

Status Eval(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<VariableData>();
  memcpy(ctx.output<uint8_t>(0), ctx.persistent(d.offset), d.bytes);
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {Eval, "reference"},
};

}  // namespace

const OpKernel kOp_READ_VARIABLE = {Prepare, kVariants, 1, 1};

}  // namespace kernels
}  // namespace tinyrt
