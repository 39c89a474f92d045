// SPDX-License-Identifier: Apache-2.0
// MEAN: the average over the given axes (any subset, negative axes allowed, duplicates ignored),
// keep_dims only changing the output's shape. As in TFLM's reduce.cc, the input is walked in
// order and each element added to its output's running sum, so every output sums its elements
// in increasing input index order (float results depend on that order); float32 then divides by
// the element count in float. int8/int16 use TFLM's QuantizedMeanOrSum for every case (also when
// input and output quantization agree): int32 sums, minus zero point * count, then one
// fixed-point rescale by scale_in / scale_out with 1/count folded into the multiplier
// (multiplier * 2^s / count, s = floor(log2(count)) capped), plus the output zero point.
#include "src/kernels/reduce.h"

namespace tinyrt {
namespace kernels {
namespace {

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<QuantizedSumData>();
  float* output = ctx.output<float>(0);
  // The output doubles as the accumulator, as in TFLM.
  ReduceInto(d.plan, ctx.input<float>(0), output, 0.0f, [](float sum, float v) { return sum + v; });
  if (d.plan.count > 0) {
    const float count = static_cast<float>(d.plan.count);
    for (int32_t o = 0; o < d.plan.output_elements; ++o) output[o] = output[o] / count;
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalQuantizedSum<int8_t>, "reference int8"},
    {EvalQuantizedSum<int16_t>, "reference int16"},
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(CheckReduceTypes(ctx, /*int32_too=*/false));
  const TensorType type = ctx.input(0).type();
  auto* data = ctx.AllocateOpData<QuantizedSumData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  TINYRT_RETURN_IF_ERROR(PlanReduce(ctx, &data->plan));
  if (type == TensorType::kFloat32) {
    ctx.SelectVariant(0);
    return Status::Ok();
  }
  TINYRT_RETURN_IF_ERROR(PrepareQuantizedSum(ctx, data, /*mean=*/true));
  ctx.SelectVariant(type == TensorType::kInt8 ? 1 : 2);
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_MEAN = {Prepare, kVariants, 3, 3};

}  // namespace kernels
}  // namespace tinyrt
