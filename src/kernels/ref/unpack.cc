// SPDX-License-Identifier: Apache-2.0
// UNPACK: the input cut along an axis into its slices, each output dropping that axis. A split
// of contiguous runs per element size.
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr EvalVariant kVariants[] = {TINYRT_ELEMENT_SIZE_VARIANTS(EvalSplit)};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 1));
  const TensorView input = ctx.input(0);
  const auto* options = ctx.options<tflite::UnpackOptions>(tflite::BuiltinOptions_UnpackOptions);
  TINYRT_PREPARE_CHECK(ctx, options != nullptr, "UnpackOptions are missing");
  const int rank = input.rank();
  TINYRT_PREPARE_CHECK(ctx, rank >= 1 && rank <= 8, "input rank " << rank << " is not supported (1 to 8)");
  int axis = 0;
  TINYRT_PREPARE_CHECK(ctx, ResolveAxis(options->axis(), rank, &axis), "axis " << options->axis() << " is out of range for rank " << rank);
  const int n = ctx.num_outputs();
  TINYRT_PREPARE_CHECK(ctx, n == input.dim(axis) && options->num() == n,
                       "has " << n << " outputs and num " << options->num() << " for dimension " << input.dim(axis));
  int32_t dims[8] = {};
  for (int i = 0, j = 0; i < rank; ++i) {
    if (i != axis) dims[j++] = input.dim(i);
  }
  PartsData* data = AllocateParts(ctx, n);
  if (data == nullptr) return ctx.ArenaExhausted();
  data->outer = DimProduct(input, 0, axis);
  data->split_input = 0;
  for (int i = 0; i < n; ++i) {
    TINYRT_RETURN_IF_ERROR(CheckCopyTypes(ctx, input, ctx.output(i)));
    TINYRT_RETURN_IF_ERROR(CheckOutputShape(ctx, ctx.output(i), dims, rank - 1, i));
    data->sizes()[i] = DimProduct(input, axis + 1, rank);
  }
  ctx.SelectVariant(ElementSizeVariant(input.type()));
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_UNPACK = {Prepare, kVariants, 4, 4};

}  // namespace kernels
}  // namespace tinyrt
