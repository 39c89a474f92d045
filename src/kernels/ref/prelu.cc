// SPDX-License-Identifier: Apache-2.0
// PRELU: x >= 0 ? x : alpha * x, alpha broadcast against the input. float32; int8 with int8
// alpha and int16 with int8 alpha as TFLM: (x - zx) rescaled by sx/so when non-negative, else
// (x - zx) * (alpha - za) rescaled by sx*sa/so.
#include "src/kernels/broadcast.h"

namespace tinyrt {
namespace kernels {
namespace {

struct PreluData {
  BroadcastPlan plan;
  int32_t input_offset;
  int32_t alpha_offset;
  int32_t output_offset;
  int32_t multiplier_positive;
  int32_t shift_positive;
  int32_t multiplier_negative;
  int32_t shift_negative;
};

Status EvalFloat(const EvalContext& ctx) {
  BroadcastApply(ctx.op_data<PreluData>()->plan, ctx.input<float>(0), ctx.input<float>(1), ctx.output<float>(0),
                 [](float x, float alpha) { return x >= 0.0f ? x : x * alpha; });
  return Status::Ok();
}

template <typename T>
Status EvalQuantized(const EvalContext& ctx) {
  const PreluData& d = *ctx.op_data<PreluData>();
  constexpr int32_t lo = sizeof(T) == 1 ? -128 : -32768;
  constexpr int32_t hi = sizeof(T) == 1 ? 127 : 32767;
  BroadcastApply(d.plan, ctx.input<T>(0), ctx.input<int8_t>(1), ctx.output<T>(0), [&d](T in, int8_t alpha) {
    const int32_t x = d.input_offset + in;
    const int32_t value = x >= 0
                              ? math::MultiplyByQuantizedMultiplier(x, d.multiplier_positive, d.shift_positive)
                              : math::MultiplyByQuantizedMultiplier(x * (d.alpha_offset + alpha), d.multiplier_negative, d.shift_negative);
    return static_cast<T>(math::Clamp(value + d.output_offset, lo, hi));
  });
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalQuantized<int8_t>, "reference int8"},
    {EvalQuantized<int16_t>, "reference int16"},
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView input = ctx.input(0);
  const TensorView alpha = ctx.input(1);
  const TensorView output = ctx.output(0);
  const TensorType type = input.type();
  const int variant = type == TensorType::kFloat32 ? 0 : type == TensorType::kInt8 ? 1 : type == TensorType::kInt16 ? 2 : -1;
  if (variant < 0) return TypeError(ctx, "input", type) << " (supported: float32, int8, int16)";
  TINYRT_PREPARE_CHECK(ctx, output.type() == type,
                       "output type " << TensorTypeName(output.type()) << " differs from input type " << TensorTypeName(type));
  const TensorType alpha_type = type == TensorType::kFloat32 ? TensorType::kFloat32 : TensorType::kInt8;
  TINYRT_PREPARE_CHECK(ctx, alpha.type() == alpha_type,
                       "alpha type " << TensorTypeName(alpha.type()) << " is not supported with " << TensorTypeName(type)
                                     << " input (needs " << TensorTypeName(alpha_type) << ")");
  PreluData* data = ctx.AllocateOpData<PreluData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  TINYRT_RETURN_IF_ERROR(PlanBroadcast(ctx, input, alpha, output, &data->plan));
  if (type != TensorType::kFloat32) {
    TINYRT_PREPARE_CHECK(ctx, HasScale(input) && HasScale(alpha) && HasScale(output), "quantized tensors need quantization scales");
    const int32_t lo = type == TensorType::kInt8 ? -128 : -32768;
    const int32_t hi = type == TensorType::kInt8 ? 127 : 32767;
    const bool in_range = input.zero_point() >= lo && input.zero_point() <= hi && output.zero_point() >= lo && output.zero_point() <= hi &&
                          alpha.zero_point() >= -128 && alpha.zero_point() <= 127;
    TINYRT_PREPARE_CHECK(ctx, in_range, "zero points must lie in their type's range");
    data->input_offset = -input.zero_point();
    data->alpha_offset = -alpha.zero_point();
    data->output_offset = output.zero_point();
    int s1 = 0;
    int s2 = 0;
    math::QuantizeMultiplierFromScales(input.scale(), 1.0f, output.scale(), &data->multiplier_positive, &s1);
    math::QuantizeMultiplierFromScales(input.scale(), alpha.scale(), output.scale(), &data->multiplier_negative, &s2);
    TINYRT_PREPARE_CHECK(ctx, ValidMultiplierShift(s1) && ValidMultiplierShift(s2), "scale ratios are out of range");
    data->shift_positive = s1;
    data->shift_negative = s2;
  }
  ctx.SelectVariant(static_cast<uint8_t>(variant));
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_PRELU = {Prepare, kVariants, 3, 1};

}  // namespace kernels
}  // namespace tinyrt
