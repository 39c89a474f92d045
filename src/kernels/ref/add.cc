// SPDX-License-Identifier: Apache-2.0
// ADD: output = act(input1 + input2), with numpy-style broadcasting of up to 6 dimensions.
// float32 adds in float, int32 in (wrapping) int32. int8/int16 use TFLM's quantized add: both inputs are centred, scaled up
// by 2^left_shift (20 for int8, 15 for int16) to keep precision, brought to a common scale
// (twice the larger input scale) with multipliers < 1, summed, and rescaled to the output.
#include "src/kernels/broadcast.h"
#include "src/kernels/op_data.h"
#include "src/kernels/opt/variants.h"

namespace tinyrt {
namespace kernels {
namespace {

struct FloatAdd {
  static float Apply(float a, float b, const AddData& d) { return math::Clamp(a + b, d.float_act_min, d.float_act_max); }
};

// int32: TFLM adds in int32 (wrapping) and ignores the fused activation.
struct Int32Add {
  static int32_t Apply(int32_t a, int32_t b, const AddData&) {
    return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
  }
};

template <typename T>
struct QuantizedAdd {
  static T Apply(T a, T b, const AddData& d) {
    const int32_t shifted1 = static_cast<int32_t>(static_cast<uint32_t>(d.input1_offset + a) << d.left_shift);
    const int32_t shifted2 = static_cast<int32_t>(static_cast<uint32_t>(d.input2_offset + b) << d.left_shift);
    // Shifts are <= 0 here, which makes these TFLite's MultiplyByQuantizedMultiplierSmallerThanOneExp.
    const int32_t scaled1 = math::MultiplyByQuantizedMultiplier(shifted1, d.input1_multiplier, d.input1_shift);
    const int32_t scaled2 = math::MultiplyByQuantizedMultiplier(shifted2, d.input2_multiplier, d.input2_shift);
    const int32_t raw = math::MultiplyByQuantizedMultiplier(scaled1 + scaled2, d.output_multiplier, d.output_shift) + d.output_offset;
    return static_cast<T>(math::Clamp(raw, d.act_min, d.act_max));
  }
};

template <typename T, typename Op>
Status EvalSameShape(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<AddData>();
  const T* input1 = ctx.input<T>(0);
  const T* input2 = ctx.input<T>(1);
  T* output = ctx.output<T>(0);
  for (int32_t i = 0; i < d.elements; ++i) output[i] = Op::Apply(input1[i], input2[i], d);
  return Status::Ok();
}

template <typename T, typename Op>
Status EvalBroadcast(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<AddData>();
  const auto& plan = *reinterpret_cast<const BroadcastPlan*>(&d + 1);
  BroadcastApply(plan, ctx.input<T>(0), ctx.input<T>(1), ctx.output<T>(0), [&d](T x, T y) { return Op::Apply(x, y, d); });
  return Status::Ok();
}

constexpr EvalVariant kReferenceVariants[] = {
    {EvalSameShape<float, FloatAdd>, "reference float32"},
    {EvalBroadcast<float, FloatAdd>, "reference float32 broadcast"},
    {EvalSameShape<int8_t, QuantizedAdd<int8_t>>, "reference int8"},
    {EvalBroadcast<int8_t, QuantizedAdd<int8_t>>, "reference int8 broadcast"},
    {EvalSameShape<int16_t, QuantizedAdd<int16_t>>, "reference int16"},
    {EvalBroadcast<int16_t, QuantizedAdd<int16_t>>, "reference int16 broadcast"},
    {EvalSameShape<int32_t, Int32Add>, "reference int32"},
    {EvalBroadcast<int32_t, Int32Add>, "reference int32 broadcast"},
};
constexpr uint8_t kInt8Opt = sizeof(kReferenceVariants) / sizeof(kReferenceVariants[0]);  // then the optimized int8 ones
constexpr auto kVariants = WithOptVariants(kReferenceVariants, kAddInt8Variants);         // opt/variants.h

// Multiplier < 1 as TFLite's QuantizeMultiplierSmallerThanOneExp requires it.
bool SmallerThanOne(double real, int32_t* multiplier, int32_t* shift) {
  if (!(real > 0.0 && real < 1.0)) return false;
  int s = 0;
  math::QuantizeMultiplier(real, multiplier, &s);
  *shift = s;
  return s <= 0;
}

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  ShareElementwiseInput(ctx, 2);
  const TensorView input1 = ctx.input(0);
  const TensorView input2 = ctx.input(1);
  const TensorView output = ctx.output(0);
  const auto* options = ctx.options<tflite::AddOptions>(tflite::BuiltinOptions_AddOptions);
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

  // The broadcast description follows AddData only when the input shapes differ.
  const size_t bytes = sizeof(AddData) + (same_shape ? 0 : sizeof(BroadcastPlan));
  auto* data = static_cast<AddData*>(ctx.AllocatePersistent(bytes, alignof(AddData)));
  if (data == nullptr) return ctx.ArenaExhausted();
  ctx.SetOpData(data);
  data->elements = static_cast<int32_t>(output.elements());
  if (!same_shape) *reinterpret_cast<BroadcastPlan*>(data + 1) = broadcast;

  if (type == TensorType::kFloat32) {
    if (!math::FloatActivationRange(activation, &data->float_act_min, &data->float_act_max)) {
      return ctx.Fail(StatusCode::kUnsupported) << "fused activation " << static_cast<int32_t>(activation) << " is not supported";
    }
  } else if (type != TensorType::kInt32) {
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
    const float max_scale = input1.scale() > input2.scale() ? input1.scale() : input2.scale();
    const double twice_max_input_scale = 2 * static_cast<double>(max_scale);
    const double real_input1 = static_cast<double>(input1.scale()) / twice_max_input_scale;
    const double real_input2 = static_cast<double>(input2.scale()) / twice_max_input_scale;
    const double real_output = twice_max_input_scale / (static_cast<double>(1 << data->left_shift) * static_cast<double>(output.scale()));
    TINYRT_PREPARE_CHECK(ctx,
                         SmallerThanOne(real_input1, &data->input1_multiplier, &data->input1_shift) &&
                             SmallerThanOne(real_input2, &data->input2_multiplier, &data->input2_shift) &&
                             SmallerThanOne(real_output, &data->output_multiplier, &data->output_shift),
                         "the input and output scales need rescaling multipliers below 1 (output scale too small)");
    if (!math::QuantizedActivationRange(activation, type, output.scale(), output.zero_point(), &data->act_min, &data->act_max)) {
      return ctx.Fail(StatusCode::kUnsupported) << "fused activation " << static_cast<int32_t>(activation) << " is not supported";
    }
  }
  const uint8_t base = type == TensorType::kFloat32 ? 0 : type == TensorType::kInt8 ? 2 : type == TensorType::kInt16 ? 4 : 6;
  uint8_t selected = static_cast<uint8_t>(base + (same_shape ? 0 : 1));
  if (type == TensorType::kInt8) {
    uint32_t no_scratch = 0;
    TINYRT_RETURN_IF_ERROR(SelectOptVariant(ctx, kAddInt8Variants, kInt8Opt, AddShapes{same_shape}, &no_scratch, &selected));
  }
  ctx.SelectVariant(selected);
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_ADD = {Prepare, kVariants.v, kVariants.size(), 3};

}  // namespace kernels
}  // namespace tinyrt
