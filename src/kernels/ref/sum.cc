// SPDX-License-Identifier: Apache-2.0
// SUM: the sum over the given axes (constant; negative count from the end, duplicates ignored),
// keep_dims only changing the output's shape. float32 sums each output's elements in input
// order (TFLM's order); int8/int16 as TFLM's QuantizedMeanOrSum with compute_sum (see
// EvalQuantizedSum in reduce.h); int32 (beyond TFLM) sums with int32 wrap-around.
#include "src/kernels/reduce.h"

namespace tinyrt {
namespace kernels {
namespace {

Status EvalFloat(const EvalContext& ctx) {
  ReduceInto(ctx.op_data<QuantizedSumData>()->plan, ctx.input<float>(0), ctx.output<float>(0), 0.0f,
             [](float sum, float v) { return sum + v; });
  return Status::Ok();
}

Status EvalInt32(const EvalContext& ctx) {
  ReduceInto(ctx.op_data<QuantizedSumData>()->plan, ctx.input<int32_t>(0), ctx.output<int32_t>(0), 0, math::WrappingAdd);
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalQuantizedSum<int8_t>, "reference int8"},
    {EvalQuantizedSum<int16_t>, "reference int16"},
    {EvalInt32, "reference int32"},
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(CheckReduceTypes(ctx, /*int32_too=*/true));
  const TensorType type = ctx.input(0).type();
  auto* data = ctx.AllocateOpData<QuantizedSumData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  TINYRT_RETURN_IF_ERROR(PlanReduce(ctx, &data->plan));
  if (type == TensorType::kFloat32 || type == TensorType::kInt32) {
    ctx.SelectVariant(type == TensorType::kFloat32 ? 0 : 3);
    return Status::Ok();
  }
  TINYRT_RETURN_IF_ERROR(PrepareQuantizedSum(ctx, data, /*mean=*/false));
  ctx.SelectVariant(type == TensorType::kInt8 ? 1 : 2);
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_SUM = {Prepare, kVariants, 4, 2};

}  // namespace kernels
}  // namespace tinyrt
