// SPDX-License-Identifier: Apache-2.0
// SUB: output = act(input1 - input2), with numpy-style broadcasting of up to 6 dimensions
// (src/kernels/broadcast.h, shared with ADD, MUL, ...). float32 and int32 subtract directly. int8/int16
// follow TFLM's quantized sub, ADD's scheme with a minus: both inputs are centred, scaled up by
// 2^left_shift (20 for int8, 15 for int16), brought to twice the larger input scale with
// multipliers < 1, subtracted, and rescaled to the output. Unlike ADD, TFLM computes the three
// real multipliers in float (then widens them to double), which can change the last bit.
// TFLM ignores SubOptions.pot_scale_int16 (it has no power-of-two int16 path); so does tinyrt.
#include "src/kernels/broadcast.h"
#include "src/kernels/op_data.h"

namespace tinyrt {
namespace kernels {
namespace {

// The same fields as ADD's (the same quantized scheme with a minus), followed by a BroadcastPlan
// when the input shapes differ.
using SubData = AddData;

struct FloatSub {
  static float Apply(float a, float b, const SubData& d) { return math::Clamp(a - b, d.float_act_min, d.float_act_max); }
};

struct Int32Sub {
  static int32_t Apply(int32_t a, int32_t b, const SubData& d) {
    // Two's complement wrap-around, as the int32 subtraction does on every TFLM target.
    const int32_t diff = static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b));
    return math::Clamp(diff, d.act_min, d.act_max);
  }
};

template <typename T>
struct QuantizedSub {
  static T Apply(T a, T b, const SubData& d) {
    const int32_t shifted1 = static_cast<int32_t>(static_cast<uint32_t>(d.input1_offset + a) << d.left_shift);
    const int32_t shifted2 = static_cast<int32_t>(static_cast<uint32_t>(d.input2_offset + b) << d.left_shift);
    // All shifts are <= 0: this is TFLite's MultiplyByQuantizedMultiplierSmallerThanOneExp.
    const int32_t scaled1 = math::MultiplyByQuantizedMultiplier(shifted1, d.input1_multiplier, d.input1_shift);
    const int32_t scaled2 = math::MultiplyByQuantizedMultiplier(shifted2, d.input2_multiplier, d.input2_shift);
    const int32_t raw = math::MultiplyByQuantizedMultiplier(scaled1 - scaled2, d.output_multiplier, d.output_shift) + d.output_offset;
    return static_cast<T>(math::Clamp(raw, d.act_min, d.act_max));
  }
};

template <typename T, typename Op>
Status EvalSameShape(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<SubData>();
  const T* input1 = ctx.input<T>(0);
  const T* input2 = ctx.input<T>(1);
  T* output = ctx.output<T>(0);
  for (int32_t i = 0; i < d.elements; ++i) output[i] = Op::Apply(input1[i], input2[i], d);
  return Status::Ok();
}

template <typename T, typename Op>
Status EvalBroadcast(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<SubData>();
  const auto& plan = *reinterpret_cast<const BroadcastPlan*>(&d + 1);
  BroadcastApply(plan, ctx.input<T>(0), ctx.input<T>(1), ctx.output<T>(0), [&d](T x, T y) { return Op::Apply(x, y, d); });
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalSameShape<float, FloatSub>, "reference float32"},
    {EvalBroadcast<float, FloatSub>, "reference float32 broadcast"},
    {EvalSameShape<int8_t, QuantizedSub<int8_t>>, "reference int8"},
    {EvalBroadcast<int8_t, QuantizedSub<int8_t>>, "reference int8 broadcast"},
    {EvalSameShape<int16_t, QuantizedSub<int16_t>>, "reference int16"},
    {EvalBroadcast<int16_t, QuantizedSub<int16_t>>, "reference int16 broadcast"},
    {EvalSameShape<int32_t, Int32Sub>, "reference int32"},
    {EvalBroadcast<int32_t, Int32Sub>, "reference int32 broadcast"},
};

// TFLite's QuantizeMultiplierSmallerThanOneExp: the real multiplier must lie in (0, 1).
bool SmallerThanOne(double real, int32_t* multiplier, int32_t* shift) {
  if (!(real > 0.0 && real < 1.0)) return false;
  int s = 0;
  math::QuantizeMultiplier(real, multiplier, &s);
  *shift = s;
  return s <= 0;
}

Status PrepareQuantized(PrepareContext& ctx, const TensorView& input1, const TensorView& input2, const TensorView& output,
                        math::Activation activation, SubData* data) {
  const TensorType type = output.type();
  TINYRT_PREPARE_CHECK(ctx, HasScale(input1) && HasScale(input2) && HasScale(output), "quantized tensors need quantization scales");
  TINYRT_PREPARE_CHECK(ctx, input1.scale() > 0.0f && input2.scale() > 0.0f && output.scale() > 0.0f,
                       "quantization scales must be positive");
  if (type == TensorType::kInt16) {
    // With left_shift 15, non-zero zero points could overflow the int32 intermediate.
    TINYRT_PREPARE_CHECK(ctx, input1.zero_point() == 0 && input2.zero_point() == 0 && output.zero_point() == 0,
                         "int16 tensors must have zero point 0");
  }
  data->input1_offset = -input1.zero_point();
  data->input2_offset = -input2.zero_point();
  data->output_offset = output.zero_point();
  data->left_shift = type == TensorType::kInt16 ? 15 : 20;
  // Float arithmetic on purpose: TFLM's sub_common.cc divides the float scales before widening.
  const float twice_max_input_scale = 2 * (input1.scale() > input2.scale() ? input1.scale() : input2.scale());
  const float real_input1 = input1.scale() / twice_max_input_scale;
  const float real_input2 = input2.scale() / twice_max_input_scale;
  const float real_output = twice_max_input_scale / (static_cast<float>(1 << data->left_shift) * output.scale());
  TINYRT_PREPARE_CHECK(ctx,
                       SmallerThanOne(static_cast<double>(real_input1), &data->input1_multiplier, &data->input1_shift) &&
                           SmallerThanOne(static_cast<double>(real_input2), &data->input2_multiplier, &data->input2_shift) &&
                           SmallerThanOne(static_cast<double>(real_output), &data->output_multiplier, &data->output_shift),
                       "the input and output scales need rescaling multipliers below 1 (output scale too small)");
  if (!math::QuantizedActivationRange(activation, type, output.scale(), output.zero_point(), &data->act_min, &data->act_max)) {
    return ctx.Fail(StatusCode::kUnsupported) << "fused activation " << static_cast<int32_t>(activation) << " is not supported";
  }
  return Status::Ok();
}

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  ShareElementwiseInput(ctx, 2);
  const TensorView input1 = ctx.input(0);
  const TensorView input2 = ctx.input(1);
  const TensorView output = ctx.output(0);
  const auto* options = ctx.options<tflite::SubOptions>(tflite::BuiltinOptions_SubOptions);
  const auto activation = static_cast<math::Activation>(options != nullptr ? options->fused_activation_function() : 0);
  const TensorType type = output.type();
  if (type != TensorType::kFloat32 && type != TensorType::kInt8 && type != TensorType::kInt16 && type != TensorType::kInt32) {
    return TypeError(ctx, "output", type) << " (supported: float32, int8, int16, int32)";
  }
  TINYRT_PREPARE_CHECK(ctx, input1.type() == type && input2.type() == type,
                       "input types " << TensorTypeName(input1.type()) << " and " << TensorTypeName(input2.type())
                                      << " differ from output type " << TensorTypeName(type));

  BroadcastPlan broadcast;
  TINYRT_RETURN_IF_ERROR(PlanBroadcast(ctx, input1, input2, output, &broadcast));
  const bool same_shape = SameShape(input1, input2);

  const size_t bytes = sizeof(SubData) + (same_shape ? 0 : sizeof(BroadcastPlan));
  auto* data = static_cast<SubData*>(ctx.AllocatePersistent(bytes, alignof(SubData)));
  if (data == nullptr) return ctx.ArenaExhausted();
  ctx.SetOpData(data);
  data->elements = static_cast<int32_t>(output.elements());
  if (!same_shape) *reinterpret_cast<BroadcastPlan*>(data + 1) = broadcast;

  uint8_t base = 0;
  if (type == TensorType::kFloat32) {
    if (!math::FloatActivationRange(activation, &data->float_act_min, &data->float_act_max)) {
      return ctx.Fail(StatusCode::kUnsupported) << "fused activation " << static_cast<int32_t>(activation) << " is not supported";
    }
  } else if (type == TensorType::kInt32) {
    // TFLM only subtracts int32 tensors that are not quantized.
    TINYRT_PREPARE_CHECK(ctx, !input1.is_quantized() && !input2.is_quantized() && !output.is_quantized(),
                         "quantized int32 tensors are not supported");
    if (!Int32ActivationRange(activation, &data->act_min, &data->act_max)) {
      return ctx.Fail(StatusCode::kUnsupported) << "fused activation " << static_cast<int32_t>(activation) << " is not supported";
    }
    base = 6;
  } else {
    TINYRT_RETURN_IF_ERROR(PrepareQuantized(ctx, input1, input2, output, activation, data));
    base = type == TensorType::kInt8 ? 2 : 4;
  }
  ctx.SelectVariant(static_cast<uint8_t>(base + (same_shape ? 0 : 1)));
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_SUB = {Prepare, kVariants, 8, 5};

}  // namespace kernels
}  // namespace tinyrt
