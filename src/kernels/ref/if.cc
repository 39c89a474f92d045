// SPDX-License-Identifier: Apache-2.0
// IF: runs the then- or else-subgraph on inputs 1..n depending on the bool input 0 (its first
// element), copying the inputs in and the subgraph's outputs out, as TFLM does.
#include "src/kernels/control_flow.h"

namespace tinyrt {
namespace kernels {
namespace {

struct IfData {
  int32_t then_subgraph;
  int32_t else_subgraph;
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 0));
  const auto* options = ctx.options<tflite::IfOptions>(tflite::BuiltinOptions_IfOptions);
  if (options == nullptr) return ctx.Fail(StatusCode::kInvalidModel) << "has no IfOptions";
  const TensorView cond = ctx.input(0);
  TINYRT_PREPARE_CHECK(ctx, cond.type() == TensorType::kBool && cond.elements() >= 1,
                       "condition must be a non-empty bool tensor, is " << TensorTypeName(cond.type()));
  for (int branch = 0; branch < 2; ++branch) {
    const int32_t s = branch == 0 ? options->then_subgraph_index() : options->else_subgraph_index();
    TINYRT_RETURN_IF_ERROR(CheckSubgraphIndex(ctx, s, branch == 0 ? "then" : "else"));
    TINYRT_RETURN_IF_ERROR(CheckSubgraphInputs(ctx, s, 1));
    TINYRT_RETURN_IF_ERROR(CheckSubgraphOutputs(ctx, s));
  }
  auto* data = ctx.AllocateOpData<IfData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->then_subgraph = options->then_subgraph_index();
  data->else_subgraph = options->else_subgraph_index();
  return Status::Ok();
}

Status Eval(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<IfData>();
  const int32_t s = ctx.input<bool>(0)[0] ? d.then_subgraph : d.else_subgraph;
  CopyIntoSubgraph(ctx, s, 1, false);
  TINYRT_RETURN_IF_ERROR(ctx.InvokeSubgraph(s));
  CopyOutOfSubgraph(ctx, s);
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {Eval, "reference"},
};

}  // namespace

const OpKernel kOp_IF = {Prepare, kVariants, 1, 1};

}  // namespace kernels
}  // namespace tinyrt
