// SPDX-License-Identifier: Apache-2.0
// ZEROS_LIKE: an output of the input's shape and type with every element 0 (the stored value
// 0, as TFLite writes it: for a quantized tensor whose zero point is not 0 that is not real 0).
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 1));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  if (!IsCopyType(input.type())) return TypeError(ctx, "input", input.type()) << kCopyTypes;
  TINYRT_PREPARE_CHECK(ctx, output.type() == input.type(),
                       "output type " << TensorTypeName(output.type()) << " differs from input type " << TensorTypeName(input.type()));
  TINYRT_PREPARE_CHECK(ctx, SameShape(input, output), "output shape differs from the input shape");
  return PrepareByteCopy(ctx, output);
}

Status Eval(const EvalContext& ctx) {
  memset(ctx.output<uint8_t>(0), 0, ctx.op_data<ByteCopyData>()->bytes);
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {{Eval, "reference"}};

}  // namespace

const OpKernel kOp_ZEROS_LIKE = {Prepare, kVariants, 1, 1};

}  // namespace kernels
}  // namespace tinyrt
