// SPDX-License-Identifier: Apache-2.0
// LEAKY_RELU: output = input > 0 ? input : alpha * input. float32 computes it directly (alpha may
// be negative or above 1). int8/int16 follow TFLM: the centred input is rescaled to the output
// with one of two fixed-point multipliers, scale_in / scale_out (the "identity" one) for inputs
// >= the zero point and scale_in * alpha / scale_out otherwise, then offset and clamped to the
// type. TFLM forms both real multipliers in float before widening them to double.
#include "src/kernels/activation_prepare.h"
#include "src/math/fixed_point.h"

namespace tinyrt {
namespace kernels {
namespace {

struct LeakyReluData {
  int32_t elements;
  float alpha;
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t identity_multiplier;
  int32_t identity_shift;
  int32_t alpha_multiplier;  // negative when alpha is
  int32_t alpha_shift;
};

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<LeakyReluData>();
  const float* input = ctx.input<float>(0);
  float* output = ctx.output<float>(0);
  for (int32_t i = 0; i < d.elements; ++i) {
    const float v = input[i];
    output[i] = v > 0.0f ? v : v * d.alpha;
  }
  return Status::Ok();
}

template <typename T>
Status EvalQuantized(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<LeakyReluData>();
  const T* input = ctx.input<T>(0);
  T* output = ctx.output<T>(0);
  const int32_t qmin = math::QuantizedMin(sizeof(T) == 1 ? TensorType::kInt8 : TensorType::kInt16);
  const int32_t qmax = math::QuantizedMax(sizeof(T) == 1 ? TensorType::kInt8 : TensorType::kInt16);
  for (int32_t i = 0; i < d.elements; ++i) {
    const int32_t centred = input[i] - d.input_zero_point;
    const int32_t scaled = centred >= 0 ? math::MultiplyByQuantizedMultiplier(centred, d.identity_multiplier, d.identity_shift)
                                        : math::MultiplyByQuantizedMultiplier(centred, d.alpha_multiplier, d.alpha_shift);
    output[i] = static_cast<T>(math::Clamp(math::WrappingAdd(d.output_zero_point, scaled), qmin, qmax));
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalQuantized<int8_t>, "reference int8"},
    {EvalQuantized<int16_t>, "reference int16"},
};

// After PrepareActivation's checks (activation_prepare.h).
Status Setup(PrepareContext& ctx, const TensorView& input, const TensorView& output, TensorType type, LeakyReluData* data) {
  const auto* options = ctx.options<tflite::LeakyReluOptions>(tflite::BuiltinOptions_LeakyReluOptions);
  const float alpha = options != nullptr ? options->alpha() : 0.0f;
  TINYRT_PREPARE_CHECK(ctx, alpha - alpha == 0.0f, "alpha must be finite");
  data->alpha = alpha;
  if (type == TensorType::kFloat32) {
    ctx.SelectVariant(0);
    return Status::Ok();
  }
  TINYRT_PREPARE_CHECK(ctx, HasScale(input) && HasScale(output) && input.scale() > 0.0f && output.scale() > 0.0f,
                       "quantized tensors need positive quantization scales");
  data->input_zero_point = input.zero_point();
  data->output_zero_point = output.zero_point();
  int shift = 0;
  const float real_alpha = input.scale() * alpha / output.scale();
  math::QuantizeSignedMultiplier(static_cast<double>(real_alpha), &data->alpha_multiplier, &shift);
  data->alpha_shift = shift;
  const float real_identity = input.scale() / output.scale();
  math::QuantizeMultiplier(static_cast<double>(real_identity), &data->identity_multiplier, &shift);
  data->identity_shift = shift;
  TINYRT_PREPARE_CHECK(
      ctx, ValidMultiplierShift(data->alpha_shift) && ValidMultiplierShift(data->identity_shift),
      "input/output scale ratio " << real_identity << " (times alpha: " << real_alpha << ") is out of range" << kScaleRatioRange);
  ctx.SelectVariant(type == TensorType::kInt8 ? 1 : 2);
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_LEAKY_RELU = {PrepareActivation<LeakyReluData, true, Setup>, kVariants, 3, 2};

}  // namespace kernels
}  // namespace tinyrt
