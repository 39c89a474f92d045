// SPDX-License-Identifier: Apache-2.0
// REVERSE_V2: the input with the order of elements reversed along each axis of a constant
// int32/int64 vector (any set of axes, negative counting from the end, duplicates ignored; TFLM
// needs them contiguous), up to 6-D. A copy with negative source strides.
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr EvalVariant kVariants[] = {TINYRT_ELEMENT_SIZE_VARIANTS(EvalCopyPlan)};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView input = ctx.input(0);
  const TensorView axes = ctx.input(1);
  const TensorView output = ctx.output(0);
  TINYRT_RETURN_IF_ERROR(CheckCopyTypes(ctx, input, output));
  TINYRT_PREPARE_CHECK(ctx, SameShape(input, output), "output shape differs from the input shape");
  TINYRT_RETURN_IF_ERROR(RequireConstantIndices(ctx, axes, "axis"));
  const int rank = input.rank();
  TINYRT_PREPARE_CHECK(ctx, rank <= kCopyDims, "input rank " << rank << " is above " << kCopyDims);
  bool reversed[kCopyDims] = {};
  for (size_t i = 0; i < axes.elements(); ++i) {
    int a = 0;
    TINYRT_PREPARE_CHECK(ctx, ResolveAxis(IndexAt(axes, i), rank, &a), "axis " << IndexAt(axes, i) << " is out of range for rank " << rank);
    reversed[a] = true;
  }
  int32_t dims[kCopyDims] = {};
  for (int i = 0; i < rank; ++i) dims[i] = input.dim(i);
  auto* plan = ctx.AllocateOpData<CopyPlan>();
  if (plan == nullptr) return ctx.ArenaExhausted();
  InitCopyPlan(plan, dims, rank);
  for (int i = 0; i < rank; ++i) {
    const int k = kCopyDims - rank + i;
    if (reversed[i] && dims[i] > 0) {
      // Start at the last element of the axis and walk back.
      plan->src_offset += (dims[i] - 1) * plan->src_strides[k];
      plan->src_strides[k] = -plan->src_strides[k];
    }
  }
  ctx.SelectVariant(ElementSizeVariant(input.type()));
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_REVERSE_V2 = {Prepare, kVariants, 4, 3};

}  // namespace kernels
}  // namespace tinyrt
