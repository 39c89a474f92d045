// SPDX-License-Identifier: Apache-2.0
// REDUCE_ALL: logical AND of bool elements over the given axes (constant; negative count from the
// end, duplicates ignored); true for an empty reduction.
#include "src/kernels/reduce.h"

namespace tinyrt {
namespace kernels {
namespace {

Status Eval(const EvalContext& ctx) {
  ReduceInto(*ctx.op_data<ReducePlan>(), ctx.input<bool>(0), ctx.output<bool>(0), true, [](bool all, bool v) { return all && v; });
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {{Eval, "reference bool"}};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  if (input.type() != TensorType::kBool) return TypeError(ctx, "input", input.type()) << " (supported: bool)";
  TINYRT_PREPARE_CHECK(ctx, output.type() == TensorType::kBool, "output type " << TensorTypeName(output.type()) << " is not bool");
  auto* plan = ctx.AllocateOpData<ReducePlan>();
  if (plan == nullptr) return ctx.ArenaExhausted();
  return PlanReduce(ctx, plan);
}

}  // namespace

const OpKernel kOp_REDUCE_ALL = {Prepare, kVariants, 1, 1};

}  // namespace kernels
}  // namespace tinyrt
