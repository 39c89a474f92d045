// SPDX-License-Identifier: Apache-2.0
// AVERAGE_POOL_2D: the mean of each in-bounds filter window, per channel (NHWC), then the fused
// activation. float32 sums in float in window order; int8/int16 average the raw values in
// int32 and round half away from zero, as TFLM's reference kernels do.
#include "src/kernels/op_data.h"
#include "src/kernels/opt/variants.h"
#include "src/kernels/pooling.h"

namespace tinyrt {
namespace kernels {
namespace {

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<PoolData>();
  PoolWindows(
      d, ctx.input<float>(0), ctx.output<float>(0), 0.0f, [](float total, float v) { return total + v; },
      [&d](float total, int32_t count) { return math::Clamp(total / static_cast<float>(count), d.float_act_min, d.float_act_max); });
  return Status::Ok();
}

template <typename T>
Status EvalQuantized(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<PoolData>();
  PoolWindows(
      d, ctx.input<T>(0), ctx.output<T>(0), int32_t{0}, [](int32_t sum, T v) { return sum + v; },
      [&d](int32_t sum, int32_t count) {
        // Integer division truncates towards zero, so the half is added away from zero.
        const int32_t average = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
        return static_cast<T>(math::Clamp(average, d.act_min, d.act_max));
      });
  return Status::Ok();
}

constexpr EvalVariant kReferenceVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalQuantized<int8_t>, "reference int8"},
    {EvalQuantized<int16_t>, "reference int16"},
};
constexpr uint8_t kInt8Opt = sizeof(kReferenceVariants) / sizeof(kReferenceVariants[0]);     // then the optimized int8 ones
constexpr auto kVariants = WithOptVariants(kReferenceVariants, kAveragePool2DInt8Variants);  // opt/variants.h

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(PreparePool(ctx));
  if (ctx.input(0).type() == TensorType::kInt8) {
    uint8_t selected = 1;
    uint32_t no_scratch = 0;
    TINYRT_RETURN_IF_ERROR(
        SelectOptVariant(ctx, kAveragePool2DInt8Variants, kInt8Opt, *static_cast<const PoolData*>(ctx.op_data()), &no_scratch, &selected));
    ctx.SelectVariant(selected);
  }
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_AVERAGE_POOL_2D = {Prepare, kVariants.v, kVariants.size(), 3};

}  // namespace kernels
}  // namespace tinyrt
