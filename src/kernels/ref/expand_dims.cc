// SPDX-License-Identifier: Apache-2.0
// EXPAND_DIMS: the input's bytes under a shape with a 1 inserted at `axis` (constant, negative
// counts from the end of the output's rank). Any copyable type (TFLM: float32, int8, int16).
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView input = ctx.input(0);
  const TensorView axis = ctx.input(1);
  const TensorView output = ctx.output(0);
  TINYRT_RETURN_IF_ERROR(CheckCopyTypes(ctx, input, output));
  TINYRT_RETURN_IF_ERROR(RequireConstantIndices(ctx, axis, "axis"));
  TINYRT_PREPARE_CHECK(ctx, axis.elements() == 1, "axis must hold one value, has " << static_cast<uint64_t>(axis.elements()));
  const int rank = input.rank();
  TINYRT_PREPARE_CHECK(ctx, rank < 8, "input rank " << rank << " is too large");
  int a = 0;
  TINYRT_PREPARE_CHECK(ctx, ResolveAxis(IndexAt(axis, 0), rank + 1, &a),
                       "axis " << IndexAt(axis, 0) << " is out of range for output rank " << rank + 1);
  int32_t dims[8] = {};
  for (int i = 0, j = 0; i <= rank; ++i) dims[i] = i == a ? 1 : input.dim(j++);
  TINYRT_RETURN_IF_ERROR(CheckOutputShape(ctx, output, dims, rank + 1));
  return PrepareByteCopy(ctx, input);
}

constexpr EvalVariant kVariants[] = {{EvalByteCopy, "reference"}};

}  // namespace

const OpKernel kOp_EXPAND_DIMS = {Prepare, kVariants, 1, 1};

}  // namespace kernels
}  // namespace tinyrt
