// SPDX-License-Identifier: Apache-2.0
// CALL_ONCE: runs the init subgraph (no inputs, no outputs; typically it assigns resource
// variables) on the first Invoke, and again after Reset(), which also clears the variables.
#include "src/kernels/control_flow.h"

namespace tinyrt {
namespace kernels {
namespace {

struct CallOnceData {
  int32_t init_subgraph;
  int32_t done;
};

Status Prepare(PrepareContext& ctx) {
  const auto* options = ctx.options<tflite::CallOnceOptions>(tflite::BuiltinOptions_CallOnceOptions);
  if (options == nullptr) return ctx.Fail(StatusCode::kInvalidModel) << "has no CallOnceOptions";
  const int32_t init = options->init_subgraph_index();
  TINYRT_RETURN_IF_ERROR(CheckSubgraphIndex(ctx, init, "init"));
  TINYRT_PREPARE_CHECK(ctx, ctx.num_inputs() == 0 && ctx.num_outputs() == 0, "must have no inputs and no outputs");
  TINYRT_PREPARE_CHECK(ctx, ctx.subgraph_inputs_size(init) == 0 && ctx.subgraph_outputs_size(init) == 0,
                       "init subgraph " << init << " must have no inputs and no outputs");
  auto* data = ctx.AllocateOpData<CallOnceData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->init_subgraph = init;
  return Status::Ok();
}

Status Eval(const EvalContext& ctx) {
  auto& d = *ctx.mutable_op_data<CallOnceData>();
  if (d.done != 0) return Status::Ok();
  TINYRT_RETURN_IF_ERROR(ctx.InvokeSubgraph(d.init_subgraph));
  d.done = 1;
  return Status::Ok();
}

void Reset(void* op_data) { static_cast<CallOnceData*>(op_data)->done = 0; }

constexpr EvalVariant kVariants[] = {
    {Eval, "reference"},
};

}  // namespace

const OpKernel kOp_CALL_ONCE = {Prepare, kVariants, 1, 1, Reset};

}  // namespace kernels
}  // namespace tinyrt
