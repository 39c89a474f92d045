// SPDX-License-Identifier: Apache-2.0
// MAX_POOL_2D: the maximum of each in-bounds filter window, per channel (NHWC), then the fused
// activation; float32, int8 and int16 (raw values: input and output share quantization).
#include "src/kernels/pooling.h"

namespace tinyrt {
namespace kernels {
namespace {

template <typename T, typename Acc>
Status EvalMax(const EvalContext& ctx, Acc lowest, Acc act_min, Acc act_max) {
  PoolWindows(
      *ctx.op_data<PoolData>(), ctx.input<T>(0), ctx.output<T>(0), lowest,
      [](Acc max, T v) { return static_cast<Acc>(v) > max ? static_cast<Acc>(v) : max; },
      [&](Acc max, int32_t) { return static_cast<T>(math::Clamp(max, act_min, act_max)); });
  return Status::Ok();
}

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<PoolData>();
  return EvalMax<float, float>(ctx, -3.4028234e38f, d.float_act_min, d.float_act_max);
}

template <typename T>
Status EvalQuantized(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<PoolData>();
  return EvalMax<T, int32_t>(ctx, math::QuantizedMin(sizeof(T) == 1 ? TensorType::kInt8 : TensorType::kInt16), d.act_min, d.act_max);
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalQuantized<int8_t>, "reference int8"},
    {EvalQuantized<int16_t>, "reference int16"},
};

}  // namespace

const OpKernel kOp_MAX_POOL_2D = {PreparePool, kVariants, 3, 3};

}  // namespace kernels
}  // namespace tinyrt
