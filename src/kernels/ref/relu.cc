// SPDX-License-Identifier: Apache-2.0
// RELU: output = max(0, input). float32 clamps directly. int8/int16 follow TFLM's quantized relu,
// which also rescales: output = zp_out + (input - zp_in) * (scale_in / scale_out) with the ratio
// as a fixed-point multiplier, clamped below at the output zero point (real 0) and above at the
// type maximum.
#include "src/kernels/activation_prepare.h"
#include "src/math/fixed_point.h"

namespace tinyrt {
namespace kernels {
namespace {

struct ReluData {
  int32_t elements;
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t multiplier;
  int32_t shift;
  int32_t act_min;
  int32_t act_max;
};

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<ReluData>();
  const float* input = ctx.input<float>(0);
  float* output = ctx.output<float>(0);
  for (int32_t i = 0; i < d.elements; ++i) output[i] = input[i] < 0.0f ? 0.0f : input[i];
  return Status::Ok();
}

template <typename T>
Status EvalQuantized(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<ReluData>();
  const T* input = ctx.input<T>(0);
  T* output = ctx.output<T>(0);
  for (int32_t i = 0; i < d.elements; ++i) {
    // int32 addition that wraps like TFLM's on overflow (only reachable with extreme scale ratios).
    const int32_t rescaled =
        math::WrappingAdd(d.output_zero_point, math::MultiplyByQuantizedMultiplier(input[i] - d.input_zero_point, d.multiplier, d.shift));
    output[i] = static_cast<T>(math::Clamp(rescaled, d.act_min, d.act_max));
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalQuantized<int8_t>, "reference int8"},
    {EvalQuantized<int16_t>, "reference int16"},
};

// After PrepareActivation's checks (activation_prepare.h).
Status Setup(PrepareContext& ctx, const TensorView& input, const TensorView& output, TensorType type, ReluData* data) {
  if (type == TensorType::kFloat32) {
    ctx.SelectVariant(0);
    return Status::Ok();
  }
  TINYRT_PREPARE_CHECK(ctx, HasScale(input) && HasScale(output) && input.scale() > 0.0f && output.scale() > 0.0f,
                       "quantized tensors need positive quantization scales");
  if (type == TensorType::kInt16) {
    TINYRT_PREPARE_CHECK(ctx, input.zero_point() == 0 && output.zero_point() == 0, "int16 tensors must have zero point 0");
  }
  int shift = 0;
  // The ratio in float, then widened (TFLM's CalculateReluOpData): dividing in double can round a
  // product on the other side of .5 (an int16 RELU gave 6371 where TFLM gives 6370).
  math::QuantizeMultiplier(static_cast<double>(input.scale() / output.scale()), &data->multiplier, &shift);
  data->shift = shift;
  TINYRT_PREPARE_CHECK(ctx, ValidMultiplierShift(shift),
                       "input/output scale ratio " << input.scale() / output.scale() << " is out of range" << kScaleRatioRange);
  data->input_zero_point = input.zero_point();
  data->output_zero_point = output.zero_point();
  // round(0 / scale) is 0: the lower bound is the output zero point, within the type.
  const int32_t qmin = math::QuantizedMin(type);
  data->act_min = output.zero_point() > qmin ? output.zero_point() : qmin;
  data->act_max = math::QuantizedMax(type);
  ctx.SelectVariant(type == TensorType::kInt8 ? 1 : 2);
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_RELU = {PrepareActivation<ReluData, true, Setup>, kVariants, 3, 3};

}  // namespace kernels
}  // namespace tinyrt
