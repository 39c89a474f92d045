// SPDX-License-Identifier: Apache-2.0
// DEPTH_TO_SPACE (NHWC): the inverse of SPACE_TO_DEPTH; each pixel's channels, read as (block
// row, block column, channel), spread over a block_size x block_size spatial block. A 6-D
// strided copy walking the output in order.
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr EvalVariant kVariants[] = {TINYRT_ELEMENT_SIZE_VARIANTS(EvalCopyPlan)};

Status Prepare(PrepareContext& ctx) {
  const auto* options = ctx.options<tflite::DepthToSpaceOptions>(tflite::BuiltinOptions_DepthToSpaceOptions);
  return PrepareDepthSpace(ctx, /*to_depth=*/false, options != nullptr, options != nullptr ? options->block_size() : 0);
}

}  // namespace

const OpKernel kOp_DEPTH_TO_SPACE = {Prepare, kVariants, 4, 2};

}  // namespace kernels
}  // namespace tinyrt
