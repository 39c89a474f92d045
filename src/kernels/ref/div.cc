// SPDX-License-Identifier: Apache-2.0
// DIV: output = act(input1 / input2) with broadcasting, float32, int32 (TFLM's unquantized
// int32 path: C++ truncating division) and int8 (TFLite's fixed-point reciprocal path). The
// reference faults on an integer division by zero or INT32_MIN / -1; here those give 0 and
// INT32_MIN (what the division wraps to), and an int8 division by a real zero saturates.
#include "src/kernels/broadcast.h"
#include "src/math/fixed_point.h"

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

// int8 only (so float and int32 nodes keep their smaller op data).
struct DivQuantData {
  DivData base;
  int32_t input1_offset;  // -zero points, output zero point, input1 / (input2 * output) scale
  int32_t input2_offset;
  int32_t output_offset;
  int32_t multiplier;
  int32_t shift;
};

// Leading bits equal to the sign bit, not counting it (GCC's __builtin_clrsb; 31 for 0 and -1).
inline int CountLeadingSignBits(int32_t x) {
  return math::CountLeadingZeros(x >= 0 ? static_cast<uint32_t>(x) : ~static_cast<uint32_t>(x)) - 1;
}

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

// TFLite's quantized division: the reciprocal of the divisor in fixed point, times the
// dividend normalised by its headroom, then rescaled by the output multiplier.
Status EvalInt8(const EvalContext& ctx) {
  const DivQuantData& d = *ctx.op_data<DivQuantData>();
  BroadcastApply(d.base.plan, ctx.input<int8_t>(0), ctx.input<int8_t>(1), ctx.output<int8_t>(0), [&d](int8_t a, int8_t b) {
    int32_t num = a + d.input1_offset;
    int32_t den = b + d.input2_offset;
    const int32_t lo = d.base.act_min, hi = d.base.act_max;
    if (den == 0) return static_cast<int8_t>(num > 0 ? hi : (num < 0 ? lo : math::Clamp(d.output_offset, lo, hi)));
    if (den < 0) {  // the reciprocal multiplier must be positive
      num = -num;
      den = -den;
    }
    int reciprocal_shift = 0;
    const int32_t reciprocal = math::GetReciprocal(den, 31, &reciprocal_shift);
    const int headroom = CountLeadingSignBits(num);
    const int32_t quotient = math::MultiplyByQuantizedMultiplierGreaterThanOne(num, reciprocal, headroom);
    int exponent = reciprocal_shift + headroom - d.shift;
    const int32_t scaled = math::SaturatingRoundingDoublingHighMul(quotient, d.multiplier);
    if (exponent < 0) {
      // Scale ratios of 2^23 and more (shift 24..31) with a small divisor and a large dividend:
      // TFLM shifts by a negative count (undefined); the exact product, saturated (every
      // non-zero quotient saturates at such ratios).
      const int64_t wide = static_cast<int64_t>(scaled) * (int64_t{1} << -exponent) + d.output_offset;
      return static_cast<int8_t>(wide < lo ? lo : (wide > hi ? hi : static_cast<int32_t>(wide)));
    }
    if (exponent > 31) exponent = 31;
    const int32_t result = d.output_offset + math::RoundingDivideByPOT(scaled, exponent);
    return static_cast<int8_t>(math::Clamp(result, lo, hi));
  });
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalInt32, "reference int32"},
    {EvalInt8, "reference int8"},
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView input1 = ctx.input(0);
  const TensorView input2 = ctx.input(1);
  const TensorView output = ctx.output(0);
  const auto* options = ctx.options<tflite::DivOptions>(tflite::BuiltinOptions_DivOptions);
  const auto activation = static_cast<math::Activation>(options != nullptr ? options->fused_activation_function() : 0);
  const TensorType type = output.type();
  if (type != TensorType::kFloat32 && type != TensorType::kInt32 && type != TensorType::kInt8) {
    return TypeError(ctx, "output", type) << " (supported: float32, int32, int8)";
  }
  TINYRT_PREPARE_CHECK(ctx, input1.type() == type && input2.type() == type,
                       "input types " << TensorTypeName(input1.type()) << " and " << TensorTypeName(input2.type())
                                      << " differ from output type " << TensorTypeName(type));
  if (type == TensorType::kInt32) {
    TINYRT_PREPARE_CHECK(ctx, !input1.is_quantized() && !input2.is_quantized(), "quantized int32 division is not supported");
  }
  DivQuantData* quant = nullptr;
  DivData* data = nullptr;
  if (type == TensorType::kInt8) {
    quant = ctx.AllocateOpData<DivQuantData>();
    if (quant != nullptr) data = &quant->base;
  } else {
    data = ctx.AllocateOpData<DivData>();
  }
  if (data == nullptr) return ctx.ArenaExhausted();
  TINYRT_RETURN_IF_ERROR(PlanBroadcast(ctx, input1, input2, output, &data->plan));
  if (type == TensorType::kInt8) {
    TINYRT_PREPARE_CHECK(ctx, HasScale(input1) && HasScale(input2) && HasScale(output), "quantized tensors need quantization scales");
    // TFLite forms input1 / (input2 * output) in float, then quantizes it.
    const float ratio = input1.scale() / (input2.scale() * output.scale());
    int shift = 0;
    math::QuantizeMultiplierFromScales(ratio, 1.0f, 1.0f, &quant->multiplier, &shift);  // of double(ratio), without soft double
    // |dividend| <= 255 leaves >= 23 bits of headroom, so shifts up to 23 never shift left; Eval
    // shifts left (exactly, saturating) where a larger shift passes the headroom.
    TINYRT_PREPARE_CHECK(ctx, ratio > 0.0f && shift >= -31 && shift <= 31, "scale ratio input1 / (input2 * output) is out of range");
    quant->shift = shift;
    quant->input1_offset = -input1.zero_point();
    quant->input2_offset = -input2.zero_point();
    quant->output_offset = output.zero_point();
    if (!math::QuantizedActivationRange(activation, type, output.scale(), output.zero_point(), &data->act_min, &data->act_max)) {
      return ctx.Fail(StatusCode::kUnsupported) << "fused activation " << static_cast<int32_t>(activation) << " is not supported";
    }
    ctx.SelectVariant(2);
    return Status::Ok();
  }
  const bool activation_ok = type == TensorType::kFloat32
                                 ? math::FloatActivationRange(activation, &data->float_act_min, &data->float_act_max)
                                 : Int32ActivationRange(activation, &data->act_min, &data->act_max);
  if (!activation_ok)
    return ctx.Fail(StatusCode::kUnsupported) << "fused activation " << static_cast<int32_t>(activation) << " is not supported";
  ctx.SelectVariant(type == TensorType::kFloat32 ? 0 : 1);
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_DIV = {Prepare, kVariants, 3, 2};

}  // namespace kernels
}  // namespace tinyrt
