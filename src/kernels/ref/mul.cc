// SPDX-License-Identifier: Apache-2.0
// MUL: output = act(input1 * input2) with broadcasting. float32 and int32 multiply directly
// (int32 wraps like the reference's int arithmetic); int8/int16 use TFLite's quantized product:
// (in1 - zp1) * (in2 - zp2) rescaled by in1_scale * in2_scale / out_scale, plus the output zero
// point, clamped.
#include "src/kernels/broadcast.h"

namespace tinyrt {
namespace kernels {
namespace {

struct MulData {
  BroadcastPlan plan;
  int32_t input1_offset;  // -zero point
  int32_t input2_offset;
  int32_t output_offset;  // +zero point
  int32_t multiplier;
  int32_t shift;
  int32_t act_min;
  int32_t act_max;
  float float_act_min;
  float float_act_max;
};

Status EvalFloat(const EvalContext& ctx) {
  const MulData& d = *ctx.op_data<MulData>();
  BroadcastApply(d.plan, ctx.input<float>(0), ctx.input<float>(1), ctx.output<float>(0),
                 [&d](float a, float b) { return math::Clamp(a * b, d.float_act_min, d.float_act_max); });
  return Status::Ok();
}

Status EvalInt32(const EvalContext& ctx) {
  const MulData& d = *ctx.op_data<MulData>();
  BroadcastApply(d.plan, ctx.input<int32_t>(0), ctx.input<int32_t>(1), ctx.output<int32_t>(0), [&d](int32_t a, int32_t b) {
    const int32_t product = static_cast<int32_t>(static_cast<uint32_t>(a) * static_cast<uint32_t>(b));
    return math::Clamp(product, d.act_min, d.act_max);
  });
  return Status::Ok();
}

template <typename T>
Status EvalQuantized(const EvalContext& ctx) {
  const MulData& d = *ctx.op_data<MulData>();
  BroadcastApply(d.plan, ctx.input<T>(0), ctx.input<T>(1), ctx.output<T>(0), [&d](T a, T b) {
    const int32_t product = (d.input1_offset + a) * (d.input2_offset + b);
    const int32_t raw = d.output_offset + math::MultiplyByQuantizedMultiplier(product, d.multiplier, d.shift);
    return static_cast<T>(math::Clamp(raw, d.act_min, d.act_max));
  });
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalInt32, "reference int32"},
    {EvalQuantized<int8_t>, "reference int8"},
    {EvalQuantized<int16_t>, "reference int16"},
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  ShareElementwiseInput(ctx, 2);
  const TensorView input1 = ctx.input(0);
  const TensorView input2 = ctx.input(1);
  const TensorView output = ctx.output(0);
  const auto* options = ctx.options<tflite::MulOptions>(tflite::BuiltinOptions_MulOptions);
  const auto activation = static_cast<math::Activation>(options != nullptr ? options->fused_activation_function() : 0);
  const TensorType type = output.type();
  if (type != TensorType::kFloat32 && type != TensorType::kInt32 && type != TensorType::kInt8 && type != TensorType::kInt16) {
    return TypeError(ctx, "output", type) << " (supported: float32, int32, int8, int16)";
  }
  TINYRT_PREPARE_CHECK(ctx, input1.type() == type && input2.type() == type,
                       "input types " << TensorTypeName(input1.type()) << " and " << TensorTypeName(input2.type())
                                      << " differ from output type " << TensorTypeName(type));
  MulData* data = ctx.AllocateOpData<MulData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  TINYRT_RETURN_IF_ERROR(PlanBroadcast(ctx, input1, input2, output, &data->plan));
  bool activation_ok = true;
  if (type == TensorType::kFloat32) {
    activation_ok = math::FloatActivationRange(activation, &data->float_act_min, &data->float_act_max);
    ctx.SelectVariant(0);
  } else if (type == TensorType::kInt32) {
    activation_ok = Int32ActivationRange(activation, &data->act_min, &data->act_max);
    ctx.SelectVariant(1);
  } else {
    TINYRT_PREPARE_CHECK(ctx, HasScale(input1) && HasScale(input2) && HasScale(output), "quantized tensors need quantization scales");
    if (type == TensorType::kInt16) {
      TINYRT_PREPARE_CHECK(ctx, input1.zero_point() == 0 && input2.zero_point() == 0 && output.zero_point() == 0,
                           "int16 tensors must have zero point 0");
    }
    ConvMultiplier(input1.scale(), input2.scale(), output.scale(), &data->multiplier, &data->shift);
    TINYRT_PREPARE_CHECK(ctx, ValidMultiplierShift(data->shift),
                         "scale ratio input1 * input2 / output " << input1.scale() * input2.scale() / output.scale() << " is out of range"
                                                                 << kScaleRatioRange);
    data->input1_offset = -input1.zero_point();
    data->input2_offset = -input2.zero_point();
    data->output_offset = output.zero_point();
    activation_ok = math::QuantizedActivationRange(activation, type, output.scale(), output.zero_point(), &data->act_min, &data->act_max);
    ctx.SelectVariant(type == TensorType::kInt8 ? 2 : 3);
  }
  if (!activation_ok)
    return ctx.Fail(StatusCode::kUnsupported) << "fused activation " << static_cast<int32_t>(activation) << " is not supported";
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_MUL = {Prepare, kVariants, 4, 7};

}  // namespace kernels
}  // namespace tinyrt
