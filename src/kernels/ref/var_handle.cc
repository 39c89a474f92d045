// SPDX-License-Identifier: Apache-2.0
// VAR_HANDLE: names a resource variable by (container, shared_name); outputs its id. The
// variable itself is created here and sized by the first ASSIGN_VARIABLE / READ_VARIABLE.
#include "src/kernels/kernel_util.h"

namespace tinyrt {
namespace kernels {
namespace {

struct VarHandleData {
  int32_t id;
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 0, 1));
  const TensorView output = ctx.output(0);
  TINYRT_PREPARE_CHECK(ctx, output.type() == TensorType::kResource && output.elements() == 1,
                       "output must be a scalar resource tensor, is " << TensorTypeName(output.type()));
  const auto* options = ctx.options<tflite::VarHandleOptions>(tflite::BuiltinOptions_VarHandleOptions);
  const char* container = options != nullptr && options->container() != nullptr ? options->container()->c_str() : nullptr;
  const char* name = options != nullptr && options->shared_name() != nullptr ? options->shared_name()->c_str() : nullptr;
  const int32_t id = ctx.ResourceId(container, name);
  if (id < 0) return ctx.ArenaExhausted();
  auto* data = ctx.AllocateOpData<VarHandleData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->id = id;
  return Status::Ok();
}

Status Eval(const EvalContext& ctx) {
  *ctx.output<int32_t>(0) = ctx.op_data<VarHandleData>()->id;
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {Eval, "reference"},
};

}  // namespace

const OpKernel kOp_VAR_HANDLE = {Prepare, kVariants, 1, 1};

}  // namespace kernels
}  // namespace tinyrt
