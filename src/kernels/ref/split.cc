// SPDX-License-Identifier: Apache-2.0
// SPLIT: the input (input 1) cut into num_splits equal parts along a constant axis (input 0,
// negative counts from the end). A copy per element size.
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr EvalVariant kVariants[] = {TINYRT_ELEMENT_SIZE_VARIANTS(EvalSplit)};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView axis_tensor = ctx.input(0);
  const TensorView input = ctx.input(1);
  TINYRT_RETURN_IF_ERROR(RequireConstantIndices(ctx, axis_tensor, "axis"));
  TINYRT_PREPARE_CHECK(ctx, axis_tensor.elements() == 1, "axis must hold one value");
  int axis = 0;
  TINYRT_PREPARE_CHECK(ctx, ResolveAxis(IndexAt(axis_tensor, 0), input.rank(), &axis),
                       "axis " << IndexAt(axis_tensor, 0) << " is out of range for rank " << input.rank());
  const auto* options = ctx.options<tflite::SplitOptions>(tflite::BuiltinOptions_SplitOptions);
  const int splits = options != nullptr ? options->num_splits() : ctx.num_outputs();
  TINYRT_PREPARE_CHECK(ctx, splits == ctx.num_outputs(),
                       "num_splits " << splits << " differs from the " << ctx.num_outputs() << " outputs");
  TINYRT_PREPARE_CHECK(ctx, input.dim(axis) % splits == 0,
                       "dimension " << input.dim(axis) << " does not split into " << splits << " equal parts");
  for (int i = 0; i < splits; ++i) {
    TINYRT_PREPARE_CHECK(ctx, ctx.output(i).rank() == input.rank() && ctx.output(i).dim(axis) == input.dim(axis) / splits,
                         "output " << i << " must have size " << input.dim(axis) / splits << " along axis " << axis);
  }
  return PrepareSplitAlongAxis(ctx, 1, axis);
}

}  // namespace

const OpKernel kOp_SPLIT = {Prepare, kVariants, 4, 4};

}  // namespace kernels
}  // namespace tinyrt
