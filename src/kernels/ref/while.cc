// SPDX-License-Identifier: Apache-2.0
// WHILE: while the cond-subgraph's bool output 0 is true, runs the body-subgraph on the loop
// values (the op's outputs hold them between iterations), with TFLM's copies: inputs to cond
// and outputs, then per iteration outputs -> body -> outputs -> cond.
#include "src/kernels/control_flow.h"

#ifndef TINYRT_MAX_WHILE_ITERATIONS
// A model cannot make Invoke loop forever (a fuzzed or corrupt model could).
#define TINYRT_MAX_WHILE_ITERATIONS 100000000
#endif

namespace tinyrt {
namespace kernels {
namespace {

struct WhileData {
  int32_t cond_subgraph;
  int32_t body_subgraph;
};

Status Prepare(PrepareContext& ctx) {
  const auto* options = ctx.options<tflite::WhileOptions>(tflite::BuiltinOptions_WhileOptions);
  if (options == nullptr) return ctx.Fail(StatusCode::kInvalidModel) << "has no WhileOptions";
  const int32_t cond = options->cond_subgraph_index();
  const int32_t body = options->body_subgraph_index();
  TINYRT_RETURN_IF_ERROR(CheckSubgraphIndex(ctx, cond, "cond"));
  TINYRT_RETURN_IF_ERROR(CheckSubgraphIndex(ctx, body, "body"));
  TINYRT_PREPARE_CHECK(
      ctx, ctx.num_inputs() == ctx.num_outputs(),
      "has " << static_cast<int32_t>(ctx.num_inputs()) << " inputs but " << static_cast<int32_t>(ctx.num_outputs()) << " outputs");
  for (int i = 0; i < ctx.num_inputs(); ++i) TINYRT_RETURN_IF_ERROR(CheckSameTensor(ctx, ctx.input(i), ctx.output(i), "input/output", i));
  TINYRT_RETURN_IF_ERROR(CheckSubgraphInputs(ctx, cond, 0));
  TINYRT_RETURN_IF_ERROR(CheckSubgraphInputs(ctx, body, 0));
  TINYRT_RETURN_IF_ERROR(CheckSubgraphOutputs(ctx, body));
  const TensorView flag = ctx.subgraph_output(cond, 0);
  TINYRT_PREPARE_CHECK(ctx, flag.valid() && flag.type() == TensorType::kBool && flag.elements() >= 1,
                       "cond subgraph " << cond << " must output a non-empty bool tensor first");
  auto* data = ctx.AllocateOpData<WhileData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->cond_subgraph = cond;
  data->body_subgraph = body;
  return Status::Ok();
}

Status Eval(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<WhileData>();
  CopyIntoSubgraph(ctx, d.cond_subgraph, 0, false);
  // The outputs carry the loop values (also the result when the body never runs).
  for (int i = 0; i < ctx.num_outputs(); ++i) {
    const TensorView cond_input = ctx.subgraph_input(d.cond_subgraph, i);
    memcpy(ctx.output<uint8_t>(i), cond_input.raw(), cond_input.bytes());
  }
  TINYRT_RETURN_IF_ERROR(ctx.InvokeSubgraph(d.cond_subgraph));
  for (uint32_t iteration = 0; ctx.subgraph_output(d.cond_subgraph, 0).data<bool>()[0]; ++iteration) {
    if (iteration >= TINYRT_MAX_WHILE_ITERATIONS)
      return Status(StatusCode::kUnsupported, TINYRT_MSG("loop exceeded TINYRT_MAX_WHILE_ITERATIONS"));
    CopyIntoSubgraph(ctx, d.body_subgraph, 0, true);
    TINYRT_RETURN_IF_ERROR(ctx.InvokeSubgraph(d.body_subgraph));
    CopyOutOfSubgraph(ctx, d.body_subgraph);
    CopyIntoSubgraph(ctx, d.cond_subgraph, 0, true);
    TINYRT_RETURN_IF_ERROR(ctx.InvokeSubgraph(d.cond_subgraph));
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {Eval, "reference"},
};

}  // namespace

const OpKernel kOp_WHILE = {Prepare, kVariants, 1, 1};

}  // namespace kernels
}  // namespace tinyrt
