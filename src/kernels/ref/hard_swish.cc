// SPDX-License-Identifier: Apache-2.0
// HARD_SWISH: x * relu6(x + 3) / 6. float32 in TFLM's reference order; int8 as TFLM's 16-bit
// fixed-point reference: the input on a 2^7 finer scale, a "relu-ish" factor in [0, 1] from
// the input rescaled so that 3.0 maps to 2^15, their truncating product, then the output shift.
#include "src/kernels/elementwise.h"
#include "src/math/fixed_point.h"

namespace tinyrt {
namespace kernels {
namespace {

struct HardSwishData {
  int32_t elements;
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t output_multiplier;   // Q15
  int32_t output_exponent;     // <= 0
  int32_t reluish_multiplier;  // Q15
  int32_t reluish_exponent;
};

float HardSwishFloat(float x) {
  // TFLM's std::min(6, std::max(0, x + 3)): a NaN sum gives 0 there.
  const float sum = x + 3.0f;
  const float relu = 0.0f < sum ? sum : 0.0f;
  const float relu6 = relu < 6.0f ? relu : 6.0f;
  return x * relu6 / 6.0f;
}

Status EvalFloat(const EvalContext& ctx) {
  const int32_t n = ctx.op_data<HardSwishData>()->elements;
  const float* in = ctx.input<float>(0);
  float* out = ctx.output<float>(0);
  for (int32_t i = 0; i < n; ++i) out[i] = HardSwishFloat(in[i]);
  return Status::Ok();
}

Status EvalInt8(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<HardSwishData>();
  const int8_t* in = ctx.input<int8_t>(0);
  int8_t* out = ctx.output<int8_t>(0);
  const auto output_multiplier = static_cast<int16_t>(d.output_multiplier);
  const auto reluish_multiplier = static_cast<int16_t>(d.reluish_multiplier);
  for (int32_t i = 0; i < d.elements; ++i) {
    const auto hires_input = static_cast<int16_t>((in[i] - d.input_zero_point) * (1 << 7));
    const int16_t preshift_input = math::SaturatingRoundingDoublingHighMul16(hires_input, output_multiplier);
    // The reluish factor: left shifts split so that only the last one can saturate.
    int16_t reluish = hires_input;
    if (d.reluish_exponent > 0) reluish = math::SaturatingLeftShift16(reluish, d.reluish_exponent - 1);
    reluish = math::SaturatingRoundingDoublingHighMul16(reluish, reluish_multiplier);
    if (d.reluish_exponent > 0) reluish = math::SaturatingLeftShift16(reluish, 1);
    if (d.reluish_exponent < 0) reluish = math::RoundingDivideByPOT16(reluish, -d.reluish_exponent);
    reluish = static_cast<int16_t>((reluish + (1 << 15)) >> 1);  // [-1, 1] -> [0, 1]
    const int16_t preshift_output = math::SaturatingDoublingHighMul16(reluish, preshift_input);
    // int16 arithmetic as TFLM: the zero point is added in int16 before clamping.
    const auto value = static_cast<int16_t>(math::RoundingDivideByPOT16(preshift_output, -d.output_exponent) + d.output_zero_point);
    out[i] = static_cast<int8_t>(value < -128 ? -128 : (value > 127 ? 127 : value));
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {{EvalFloat, "reference float32"}, {EvalInt8, "reference int8"}};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(elementwise::CheckFloatOrInt8SameShape(ctx));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  HardSwishData* data = ctx.AllocateOpData<HardSwishData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->elements = static_cast<int32_t>(input.elements());
  if (input.type() == TensorType::kInt8) {
    TINYRT_PREPARE_CHECK(ctx, HasScale(input) && HasScale(output) && input.scale() > 0.0f && output.scale() > 0.0f,
                         "int8 tensors need positive quantization scales");
    TINYRT_PREPARE_CHECK(
        ctx, input.zero_point() >= -128 && input.zero_point() <= 127 && output.zero_point() >= -128 && output.zero_point() <= 127,
        "zero points must lie in the int8 range");
    data->input_zero_point = input.zero_point();
    data->output_zero_point = output.zero_point();
    // TFLM's float arithmetic, then QuantizeMultiplier of the widened ratio.
    const float hires_input_scale = (1.0f / 128.0f) * input.scale();
    const float reluish_scale = 3.0f / 32768.0f;
    int32_t multiplier = 0;
    int exponent = 0;
    math::QuantizeMultiplierFromScales(hires_input_scale / output.scale(), 1.0f, 1.0f, &multiplier, &exponent);
    // TFLM requires exponent <= 0 (QuantizeMultiplier flushes ratios below 2^-32 to a zero
    // multiplier with exponent 0, so it is never below -31); the int16 rounding shift handles all.
    TINYRT_PREPARE_CHECK(ctx, exponent <= 0 && exponent >= -31,
                         "input/output scale ratio " << input.scale() / output.scale() << " is out of range (TFLM takes ratios up to 128)");
    data->output_multiplier = math::DownScaleMultiplierToInt16(multiplier);
    data->output_exponent = exponent;
    math::QuantizeMultiplierFromScales(hires_input_scale / reluish_scale, 1.0f, 1.0f, &multiplier, &exponent);
    // Exponents up to 31 keep TFLM's int16 left shifts (by up to 30) defined; below, the
    // rounding shift by up to 31 is defined for every value.
    TINYRT_PREPARE_CHECK(ctx, exponent >= -31 && exponent <= 31, "input scale " << input.scale() << " is out of range");
    data->reluish_multiplier = math::DownScaleMultiplierToInt16(multiplier);
    data->reluish_exponent = exponent;
    ctx.SelectVariant(1);
  }
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_HARD_SWISH = {Prepare, kVariants, 2, 1};

}  // namespace kernels
}  // namespace tinyrt
