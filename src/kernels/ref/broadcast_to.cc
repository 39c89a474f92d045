// SPDX-License-Identifier: Apache-2.0
// BROADCAST_TO: the input repeated numpy-style to the shape given by a constant int32/int64
// vector (checked against the output tensor), up to 6-D. A copy with stride 0 along the
// broadcast dimensions.
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr EvalVariant kVariants[] = {TINYRT_ELEMENT_SIZE_VARIANTS(EvalCopyPlan)};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView input = ctx.input(0);
  const TensorView shape = ctx.input(1);
  const TensorView output = ctx.output(0);
  TINYRT_RETURN_IF_ERROR(CheckCopyTypes(ctx, input, output));
  TINYRT_RETURN_IF_ERROR(RequireConstantIndices(ctx, shape, "shape"));
  const int rank = static_cast<int>(shape.elements());
  TINYRT_PREPARE_CHECK(ctx, shape.rank() == 1 && rank <= kCopyDims && input.rank() <= rank,
                       "shape must be a vector of at most " << kCopyDims << " values, no shorter than the input's rank " << input.rank());
  int32_t dims[kCopyDims] = {};
  for (int i = 0; i < rank; ++i) {
    const int64_t v = IndexAt(shape, static_cast<size_t>(i));
    TINYRT_PREPARE_CHECK(ctx, v >= 0 && v <= INT32_MAX, "shape[" << i << "] is " << v);
    dims[i] = static_cast<int32_t>(v);
  }
  TINYRT_RETURN_IF_ERROR(CheckOutputShape(ctx, output, dims, rank));
  auto* plan = ctx.AllocateOpData<CopyPlan>();
  if (plan == nullptr) return ctx.ArenaExhausted();
  InitCopyPlan(plan, dims, rank);
  // Source strides: the input right-aligned against the output, 0 where it has size 1.
  int32_t stride = 1;
  for (int k = kCopyDims - 1; k >= 0; --k) {
    const int i = k - (kCopyDims - input.rank());
    const int32_t in_dim = i < 0 ? 1 : input.dim(i);
    TINYRT_PREPARE_CHECK(ctx, in_dim == plan->dims[k] || in_dim == 1,
                         "input dimension " << in_dim << " does not broadcast to " << plan->dims[k]);
    plan->src_strides[k] = in_dim == 1 ? 0 : stride;
    stride *= in_dim;
  }
  ctx.SelectVariant(ElementSizeVariant(input.type()));
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_BROADCAST_TO = {Prepare, kVariants, 4, 3};

}  // namespace kernels
}  // namespace tinyrt
