// SPDX-License-Identifier: Apache-2.0
// SPACE_TO_BATCH_ND: zero-pads the spatial dimensions (paddings, constant), then moves each
// position within a block_shape block to its own batch: output batch (bh * block_w + bw) * N + n
// holds input[n, oh * block_h + bh - pad_top, ow * block_w + bw - pad_left, :]. Padding is the
// stored value of real 0 (the zero point for quantized types). 3-D or 4-D input.
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

template <typename T>
Status Eval(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<SpaceBatchData>();
  const T* in = ctx.input<T>(0);
  T* out = ctx.output<T>(0);
  const T pad = static_cast<T>(d.pad_value);
  const size_t bytes = sizeof(T) * static_cast<size_t>(d.depth);
  ForEachBatchPixel(d, [&](int32_t batch_offset, int32_t space_offset) {
    if (space_offset >= 0) {
      memmove(out + batch_offset, in + space_offset, bytes);
    } else {
      for (int32_t c = 0; c < d.depth; ++c) out[batch_offset + c] = pad;
    }
  });
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {TINYRT_ELEMENT_SIZE_VARIANTS(Eval)};

Status Prepare(PrepareContext& ctx) { return PrepareSpaceBatch(ctx, /*to_batch=*/true); }

}  // namespace

const OpKernel kOp_SPACE_TO_BATCH_ND = {Prepare, kVariants, 4, 4};

}  // namespace kernels
}  // namespace tinyrt
