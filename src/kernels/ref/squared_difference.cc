// SPDX-License-Identifier: Apache-2.0
// SQUARED_DIFFERENCE: (a - b)^2 with broadcasting. float32 and int32 (wrapping) on stored
// values; int8 and int16 as TFLM: offset inputs, << left_shift (7 for int8, 0 for int16), bring
// both to half the larger scale with multipliers < 1, square the difference in int32, rescale
// to the output.
#include "src/kernels/broadcast.h"

namespace tinyrt {
namespace kernels {
namespace {

struct SquaredDifferenceData {
  BroadcastPlan plan;
  int32_t left_shift;
  int32_t input1_offset;
  int32_t input2_offset;
  int32_t output_offset;
  int32_t input1_multiplier;
  int32_t input1_shift;
  int32_t input2_multiplier;
  int32_t input2_shift;
  int32_t output_multiplier;
  int32_t output_shift;
};

float SquaredDifferenceFloat(float a, float b) {
  const float diff = a - b;
  return diff * diff;
}

int32_t SquaredDifferenceInt32(int32_t a, int32_t b) {
  const uint32_t diff = static_cast<uint32_t>(a) - static_cast<uint32_t>(b);
  return static_cast<int32_t>(diff * diff);
}

template <typename T, T (*F)(T, T)>
Status EvalPlain(const EvalContext& ctx) {
  BroadcastApply(ctx.op_data<SquaredDifferenceData>()->plan, ctx.input<T>(0), ctx.input<T>(1), ctx.output<T>(0), F);
  return Status::Ok();
}

template <typename T>
Status EvalQuantized(const EvalContext& ctx) {
  const SquaredDifferenceData& d = *ctx.op_data<SquaredDifferenceData>();
  constexpr int32_t lo = sizeof(T) == 1 ? -128 : -32768;
  constexpr int32_t hi = sizeof(T) == 1 ? 127 : 32767;
  BroadcastApply(d.plan, ctx.input<T>(0), ctx.input<T>(1), ctx.output<T>(0), [&d](T a, T b) {
    const int32_t a_scaled =
        math::MultiplyByQuantizedMultiplier((a + d.input1_offset) * (1 << d.left_shift), d.input1_multiplier, d.input1_shift);
    const int32_t b_scaled =
        math::MultiplyByQuantizedMultiplier((b + d.input2_offset) * (1 << d.left_shift), d.input2_multiplier, d.input2_shift);
    const int32_t diff = a_scaled - b_scaled;
    // |diff| <= 2^15 (int8: 255 << 7 halved; int16: 65535 halved), so the square fits.
    const int32_t raw = math::MultiplyByQuantizedMultiplier(diff * diff, d.output_multiplier, d.output_shift) + d.output_offset;
    return static_cast<T>(math::Clamp(raw, lo, hi));
  });
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalPlain<float, SquaredDifferenceFloat>, "reference float32"},
    {EvalQuantized<int8_t>, "reference int8"},
    {EvalQuantized<int16_t>, "reference int16"},
    {EvalPlain<int32_t, SquaredDifferenceInt32>, "reference int32"},
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView input1 = ctx.input(0);
  const TensorView input2 = ctx.input(1);
  const TensorView output = ctx.output(0);
  const TensorType type = input1.type();
  const int variant = type == TensorType::kFloat32 ? 0
                      : type == TensorType::kInt8  ? 1
                      : type == TensorType::kInt16 ? 2
                      : type == TensorType::kInt32 ? 3
                                                   : -1;
  if (variant < 0) return TypeError(ctx, "input", type) << " (supported: float32, int8, int16, int32)";
  TINYRT_PREPARE_CHECK(ctx, input2.type() == type && output.type() == type,
                       "input 2 and output types " << TensorTypeName(input2.type()) << " and " << TensorTypeName(output.type())
                                                   << " differ from input type " << TensorTypeName(type));
  SquaredDifferenceData* data = ctx.AllocateOpData<SquaredDifferenceData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  TINYRT_RETURN_IF_ERROR(PlanBroadcast(ctx, input1, input2, output, &data->plan));
  if (type == TensorType::kInt8 || type == TensorType::kInt16) {
    TINYRT_PREPARE_CHECK(
        ctx,
        HasScale(input1) && HasScale(input2) && HasScale(output) && input1.scale() > 0.0f && input2.scale() > 0.0f && output.scale() > 0.0f,
        "quantized tensors need positive quantization scales");
    if (type == TensorType::kInt8) {
      const bool in_range = input1.zero_point() >= -128 && input1.zero_point() <= 127 && input2.zero_point() >= -128 &&
                            input2.zero_point() <= 127 && output.zero_point() >= -128 && output.zero_point() <= 127;
      TINYRT_PREPARE_CHECK(ctx, in_range, "zero points must lie in the int8 range");
    } else {
      TINYRT_PREPARE_CHECK(ctx, input1.zero_point() == 0 && input2.zero_point() == 0 && output.zero_point() == 0,
                           "int16 tensors must have zero point 0");
    }
    data->left_shift = type == TensorType::kInt8 ? 7 : 0;
    data->input1_offset = -input1.zero_point();
    data->input2_offset = -input2.zero_point();
    data->output_offset = output.zero_point();
    const float max_scale = input1.scale() > input2.scale() ? input1.scale() : input2.scale();
    const double twice_max_input_scale = 2.0 * static_cast<double>(max_scale);
    // TFLM multiplies 2^(2 * left_shift) by the output scale in float before widening.
    const float shifted_output_scale = static_cast<float>(1 << (2 * data->left_shift)) * output.scale();
    int s1 = 0;
    int s2 = 0;
    int so = 0;
    math::QuantizeMultiplier(static_cast<double>(input1.scale()) / twice_max_input_scale, &data->input1_multiplier, &s1);
    math::QuantizeMultiplier(static_cast<double>(input2.scale()) / twice_max_input_scale, &data->input2_multiplier, &s2);
    const double output_multiplier = twice_max_input_scale * twice_max_input_scale / static_cast<double>(shifted_output_scale);
    math::QuantizeMultiplier(output_multiplier, &data->output_multiplier, &so);
    TINYRT_PREPARE_CHECK(ctx, ValidMultiplierShift(s1) && ValidMultiplierShift(s2),
                         "input scale ratio " << input1.scale() / input2.scale() << " is out of range" << kScaleRatioRange);
    // (2 * max input scale)^2 / output scale of 2^30 or more: TFLM shifts the squared difference
    // left by 31 and more, an int32 overflow for any difference of 2 or more.
    TINYRT_PREPARE_CHECK(
        ctx, ValidMultiplierShift(so),
        "output multiplier (2 * max input scale)^2 / output scale = " << output_multiplier << " is out of range" << kScaleRatioRange);
    data->input1_shift = s1;
    data->input2_shift = s2;
    data->output_shift = so;
  }
  ctx.SelectVariant(static_cast<uint8_t>(variant));
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_SQUARED_DIFFERENCE = {Prepare, kVariants, 4, 2};

}  // namespace kernels
}  // namespace tinyrt
