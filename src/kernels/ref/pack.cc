// SPDX-License-Identifier: Apache-2.0
// PACK: N inputs of one shape stacked along a new axis (negative counts from the end of the
// output's rank). A join of contiguous runs per element size.
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr EvalVariant kVariants[] = {TINYRT_ELEMENT_SIZE_VARIANTS(EvalJoin)};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 1));
  const int n = ctx.num_inputs();
  const TensorView first = ctx.input(0);
  const TensorView output = ctx.output(0);
  const auto* options = ctx.options<tflite::PackOptions>(tflite::BuiltinOptions_PackOptions);
  TINYRT_PREPARE_CHECK(ctx, options != nullptr, "PackOptions are missing");
  TINYRT_PREPARE_CHECK(ctx, options->values_count() == n,
                       "values_count " << options->values_count() << " differs from the " << n << " inputs");
  const int rank = first.rank();
  TINYRT_PREPARE_CHECK(ctx, rank < 8, "input rank " << rank << " is too large");
  int axis = 0;
  TINYRT_PREPARE_CHECK(ctx, ResolveAxis(options->axis(), rank + 1, &axis),
                       "axis " << options->axis() << " is out of range for output rank " << rank + 1);
  int32_t dims[8] = {};
  for (int i = 0, j = 0; i <= rank; ++i) dims[i] = i == axis ? n : first.dim(j++);
  TINYRT_RETURN_IF_ERROR(CheckOutputShape(ctx, output, dims, rank + 1));
  PartsData* data = AllocateParts(ctx, n);
  if (data == nullptr) return ctx.ArenaExhausted();
  data->outer = DimProduct(first, 0, axis);
  for (int i = 0; i < n; ++i) {
    TINYRT_PREPARE_CHECK(ctx, ctx.has_input(i), "input " << i << " is missing");
    const TensorView in = ctx.input(i);
    TINYRT_RETURN_IF_ERROR(CheckCopyTypes(ctx, in, output));
    TINYRT_PREPARE_CHECK(ctx, SameShape(in, first), "input " << i << " has another shape than input 0");
    data->sizes()[i] = DimProduct(in, axis, rank);
  }
  ctx.SelectVariant(ElementSizeVariant(output.type()));
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_PACK = {Prepare, kVariants, 4, 3};

}  // namespace kernels
}  // namespace tinyrt
