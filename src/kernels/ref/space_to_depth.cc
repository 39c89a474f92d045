// SPDX-License-Identifier: Apache-2.0
// SPACE_TO_DEPTH (NHWC): each block_size x block_size spatial block becomes one pixel with
// block_size^2 times the channels, ordered (block row, block column, channel). A 6-D strided
// copy walking the output in order.
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr EvalVariant kVariants[] = {TINYRT_ELEMENT_SIZE_VARIANTS(EvalCopyPlan)};

Status Prepare(PrepareContext& ctx) {
  const auto* options = ctx.options<tflite::SpaceToDepthOptions>(tflite::BuiltinOptions_SpaceToDepthOptions);
  return PrepareDepthSpace(ctx, /*to_depth=*/true, options != nullptr, options != nullptr ? options->block_size() : 0);
}

}  // namespace

const OpKernel kOp_SPACE_TO_DEPTH = {Prepare, kVariants, 4, 2};

}  // namespace kernels
}  // namespace tinyrt
