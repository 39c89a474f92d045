// SPDX-License-Identifier: Apache-2.0
// L2_POOL_2D: sqrt of the mean of the squares over each in-bounds filter window, per channel
// (NHWC), then the fused activation; float32 (as TFLM; there is no quantized L2 pool in TFLite).
#include <math.h>

#include "src/kernels/pooling.h"

namespace tinyrt {
namespace kernels {
namespace {

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 1));
  const TensorType type = ctx.input(0).type();
  if (type != TensorType::kFloat32) return TypeError(ctx, "input", type) << " (supported: float32)";
  return PreparePool(ctx);
}

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<PoolData>();
  PoolWindows(
      d, ctx.input<float>(0), ctx.output<float>(0), 0.0f, [](float sum, float v) { return sum + v * v; },
      [&d](float sum, int32_t count) { return math::Clamp(sqrtf(sum / static_cast<float>(count)), d.float_act_min, d.float_act_max); });
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
};

}  // namespace

const OpKernel kOp_L2_POOL_2D = {Prepare, kVariants, 1, 1};

}  // namespace kernels
}  // namespace tinyrt
