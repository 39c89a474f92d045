// SPDX-License-Identifier: Apache-2.0
// BATCH_TO_SPACE_ND: the inverse of SPACE_TO_BATCH_ND: batch (bh * block_w + bw) * N + n of the
// input fills positions (h * block_h + bh, w * block_w + bw) of output batch n, then `crops`
// (constant) trims the spatial dimensions. 3-D or 4-D input.
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

template <typename T>
Status Eval(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<SpaceBatchData>();
  const T* in = ctx.input<T>(0);
  T* out = ctx.output<T>(0);
  const size_t bytes = sizeof(T) * static_cast<size_t>(d.depth);
  // Every output pixel is the image of exactly one input pixel; cropped ones are dropped.
  ForEachBatchPixel(d, [&](int32_t batch_offset, int32_t space_offset) {
    if (space_offset >= 0) memmove(out + space_offset, in + batch_offset, bytes);
  });
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {TINYRT_ELEMENT_SIZE_VARIANTS(Eval)};

Status Prepare(PrepareContext& ctx) { return PrepareSpaceBatch(ctx, /*to_batch=*/false); }

}  // namespace

const OpKernel kOp_BATCH_TO_SPACE_ND = {Prepare, kVariants, 4, 4};

}  // namespace kernels
}  // namespace tinyrt
