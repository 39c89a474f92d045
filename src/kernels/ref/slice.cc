// SPDX-License-Identifier: Apache-2.0
// SLICE: input[begin[i] : begin[i] + size[i]] per dimension, size -1 meaning "to the end";
// begin and size are constant int32/int64 vectors, up to 6-D. A strided copy.
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr EvalVariant kVariants[] = {TINYRT_ELEMENT_SIZE_VARIANTS(EvalCopyPlan)};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 3, 1));
  const TensorView input = ctx.input(0);
  const TensorView begin = ctx.input(1);
  const TensorView size = ctx.input(2);
  const TensorView output = ctx.output(0);
  TINYRT_RETURN_IF_ERROR(CheckCopyTypes(ctx, input, output));
  TINYRT_RETURN_IF_ERROR(RequireConstantIndices(ctx, begin, "begin"));
  TINYRT_RETURN_IF_ERROR(RequireConstantIndices(ctx, size, "size"));
  const int rank = input.rank();
  TINYRT_PREPARE_CHECK(ctx, rank <= kCopyDims, "input rank " << rank << " is above " << kCopyDims);
  TINYRT_PREPARE_CHECK(ctx, begin.elements() == static_cast<size_t>(rank) && size.elements() == static_cast<size_t>(rank),
                       "begin and size must hold one value per input dimension (" << rank << ")");
  int32_t dims[kCopyDims] = {};
  int32_t starts[kCopyDims] = {};
  for (int i = 0; i < rank; ++i) {
    const int64_t b = IndexAt(begin, static_cast<size_t>(i));
    int64_t n = IndexAt(size, static_cast<size_t>(i));
    TINYRT_PREPARE_CHECK(ctx, b >= 0 && b <= input.dim(i), "begin[" << i << "] = " << b << " is outside dimension " << input.dim(i));
    if (n == -1) n = input.dim(i) - b;
    TINYRT_PREPARE_CHECK(ctx, n >= 0 && b + n <= input.dim(i),
                         "size[" << i << "] = " << n << " from " << b << " exceeds dimension " << input.dim(i));
    dims[i] = static_cast<int32_t>(n);
    starts[i] = static_cast<int32_t>(b);
  }
  TINYRT_RETURN_IF_ERROR(CheckOutputShape(ctx, output, dims, rank));
  auto* plan = ctx.AllocateOpData<CopyPlan>();
  if (plan == nullptr) return ctx.ArenaExhausted();
  InitCopyPlan(plan, dims, rank);
  int32_t stride = 1;
  for (int i = rank - 1; i >= 0; --i) {
    const int k = kCopyDims - rank + i;
    plan->src_strides[k] = stride;
    plan->src_offset += starts[i] * stride;
    stride *= input.dim(i);
  }
  ctx.SelectVariant(ElementSizeVariant(input.type()));
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_SLICE = {Prepare, kVariants, 4, 5};

}  // namespace kernels
}  // namespace tinyrt
