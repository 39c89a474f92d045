// SPDX-License-Identifier: Apache-2.0
// SPLIT_V: the input cut along a constant axis into parts of the sizes in a constant vector
// (one -1 takes the rest). A copy per element size.
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr EvalVariant kVariants[] = {TINYRT_ELEMENT_SIZE_VARIANTS(EvalSplit)};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 3, 1));
  const TensorView input = ctx.input(0);
  const TensorView sizes = ctx.input(1);
  const TensorView axis_tensor = ctx.input(2);
  TINYRT_RETURN_IF_ERROR(RequireConstantIndices(ctx, sizes, "size_splits"));
  TINYRT_RETURN_IF_ERROR(RequireConstantIndices(ctx, axis_tensor, "axis"));
  TINYRT_PREPARE_CHECK(ctx, axis_tensor.elements() == 1, "axis must hold one value");
  int axis = 0;
  TINYRT_PREPARE_CHECK(ctx, ResolveAxis(IndexAt(axis_tensor, 0), input.rank(), &axis),
                       "axis " << IndexAt(axis_tensor, 0) << " is out of range for rank " << input.rank());
  const int n = ctx.num_outputs();
  TINYRT_PREPARE_CHECK(ctx, sizes.elements() == static_cast<size_t>(n),
                       "size_splits has " << static_cast<uint64_t>(sizes.elements()) << " values for " << n << " outputs");
  int64_t known = 0;
  int stretch = -1;
  for (int i = 0; i < n; ++i) {
    const int64_t v = IndexAt(sizes, static_cast<size_t>(i));
    if (v == -1) {
      TINYRT_PREPARE_CHECK(ctx, stretch < 0, "size_splits has more than one -1");
      stretch = i;
    } else {
      TINYRT_PREPARE_CHECK(ctx, v >= 0, "size_splits[" << i << "] is " << v);
      known += v;
    }
  }
  TINYRT_PREPARE_CHECK(ctx, known <= input.dim(axis), "size_splits add up to more than dimension " << input.dim(axis));
  for (int i = 0; i < n; ++i) {
    const int64_t want = i == stretch ? input.dim(axis) - known : IndexAt(sizes, static_cast<size_t>(i));
    TINYRT_PREPARE_CHECK(ctx, ctx.output(i).rank() == input.rank() && ctx.output(i).dim(axis) == want,
                         "output " << i << " must have size " << want << " along axis " << axis);
  }
  return PrepareSplitAlongAxis(ctx, 0, axis);
}

}  // namespace

const OpKernel kOp_SPLIT_V = {Prepare, kVariants, 4, 2};

}  // namespace kernels
}  // namespace tinyrt
