// DIV: output = act(input1 / input2) with broadcasting, float32 and int32 (TFLM's unquantized
// int32 path: C++ truncating division). The reference faults on an integer division by zero
// or INT32_MIN / -1; here those give 0 and INT32_MIN (what the division wraps to).
#include "src/kernels/broadcast.h"

namespace tinyrt {
namespace kernels {
namespace {

struct DivData {
  BroadcastPlan plan;
  int32_t act_min;
  int32_t act_max;
  float float_act_min;
  float float_act_max;
};

Status EvalFloat(const EvalContext& ctx) {
  const DivData& d = *ctx.op_data<DivData>();
  BroadcastApply(d.plan, ctx.input<float>(0), ctx.input<float>(1), ctx.output<float>(0),
                 [&d](float a, float b) { return math::Clamp(a / b, d.float_act_min, d.float_act_max); });
  return Status::Ok();
}

Status EvalInt32(const EvalContext& ctx) {
  const DivData& d = *ctx.op_data<DivData>();
  BroadcastApply(d.plan, ctx.input<int32_t>(0), ctx.input<int32_t>(1), ctx.output<int32_t>(0), [&d](int32_t a, int32_t b) {
    const int32_t q = b == 0 ? 0 : (b == -1 ? static_cast<int32_t>(0u - static_cast<uint32_t>(a)) : a / b);
    return math::Clamp(q, d.act_min, d.act_max);
  });
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalInt32, "reference int32"},
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView input1 = ctx.input(0);
  const TensorView input2 = ctx.input(1);
  const TensorView output = ctx.output(0);
  const auto* options = ctx.options<tflite::DivOptions>(tflite::BuiltinOptions_DivOptions);
  const auto activation = static_cast<math::Activation>(options != nullptr ? options->fused_activation_function() : 0);
  const TensorType type = output.type();
  if (type != TensorType::kFloat32 && type != TensorType::kInt32) {
    return TypeError(ctx, "output", type) << " (supported: float32, int32)";
  }
  TINYRT_PREPARE_CHECK(ctx, input1.type() == type && input2.type() == type,
                       "input types " << TensorTypeName(input1.type()) << " and " << TensorTypeName(input2.type())
                                      << " differ from output type " << TensorTypeName(type));
  if (type == TensorType::kInt32) {
    TINYRT_PREPARE_CHECK(ctx, !input1.is_quantized() && !input2.is_quantized(), "quantized int32 division is not supported");
  }
  DivData* data = ctx.AllocateOpData<DivData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  TINYRT_RETURN_IF_ERROR(PlanBroadcast(ctx, input1, input2, output, &data->plan));
  const bool activation_ok = type == TensorType::kFloat32 ? math::FloatActivationRange(activation, &data->float_act_min, &data->float_act_max)
                                                          : Int32ActivationRange(activation, &data->act_min, &data->act_max);
  if (!activation_ok) return ctx.Fail(StatusCode::kUnsupported) << "fused activation " << static_cast<int32_t>(activation) << " is not supported";
  ctx.SelectVariant(type == TensorType::kFloat32 ? 0 : 1);
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_DIV = {Prepare, kVariants, 2, 2};

}  // namespace kernels
}  // namespace tinyrt
