// SPDX-License-Identifier: Apache-2.0
// LOGISTIC: output = 1 / (1 + exp(-x)), elementwise, as TFLM's reference kernels compute it.
//  - float32: expf, with TFLite's cutoffs (exactly 1 above 16.619..., exp(x) below -9).
//  - int8: gemmlowp fixed point: x - zero point rescaled to Q4.27, logistic in Q0, rounded to
//    the output's fixed scale 1/256 and zero point -128; beyond the input radius it saturates.
//  - int16: TFLite's interpolated sigmoid table; input zero point 0, output scale 2^-15.
#include <math.h>

#include "src/kernels/logistic_tanh.h"

namespace tinyrt {
namespace kernels {
namespace {

struct LogisticData {
  int32_t elements;
  int32_t input_zero_point;
  Int8ActivationParams int8;
  int32_t int16_multiplier;
  int32_t int16_right_shift;
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 1));
  ShareElementwiseInput(ctx);
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  const TensorType type = input.type();
  TINYRT_PREPARE_CHECK(ctx, output.type() == type, "output type " << TensorTypeName(output.type()) << " differs from input type " << TensorTypeName(type));
  TINYRT_PREPARE_CHECK(ctx, output.elements() == input.elements(),
                       "output has " << output.elements() << " elements, input " << input.elements());
  auto* data = ctx.AllocateOpData<LogisticData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->elements = static_cast<int32_t>(input.elements());
  if (type == TensorType::kFloat32) {
    ctx.SelectVariant(0);
  } else if (type == TensorType::kInt8) {
    TINYRT_PREPARE_CHECK(ctx, HasScale(input) && HasScale(output), "quantized tensors need quantization scales");
    TINYRT_PREPARE_CHECK(ctx, output.zero_point() == -128 && output.scale() == 1.0f / 256,
                         "int8 output must have scale 1/256 and zero point -128");
    TINYRT_PREPARE_CHECK(ctx, Int8ActivationRescale(input.scale(), &data->int8), "input scale " << input.scale() << " is not positive");
    data->input_zero_point = input.zero_point();
    ctx.SelectVariant(1);
  } else if (type == TensorType::kInt16) {
    TINYRT_PREPARE_CHECK(ctx, HasScale(input) && HasScale(output), "quantized tensors need quantization scales");
    TINYRT_PREPARE_CHECK(ctx, Int16ActivationOutputOk(input, output), "int16 tensors need zero point 0 and an output scale of 2^-15");
    TINYRT_PREPARE_CHECK(ctx, Int16ActivationRescale(input.scale(), false, &data->int16_multiplier, &data->int16_right_shift),
                         "int16 input scale " << input.scale() << " is too large: TFLM's input multiplier (scale x 12288) overflows int32");
    ctx.SelectVariant(Int16ActivationNeedsWideRescale(data->int16_multiplier) ? 3 : 2);
  } else {
    return TypeError(ctx, "input", type) << " (supported: float32, int8, int16)";
  }
  return Status::Ok();
}

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<LogisticData>();
  const float* input = ctx.input<float>(0);
  float* output = ctx.output<float>(0);
  for (int32_t i = 0; i < d.elements; ++i) {
    const float x = input[i];
    if (x > 16.619047164916992188f) {
      output[i] = 1.0f;
    } else if (x < -9.0f) {
      output[i] = expf(x);
    } else {
      output[i] = 1.0f / (1.0f + expf(-x));
    }
  }
  return Status::Ok();
}

Status EvalInt8(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<LogisticData>();
  const int8_t* input = ctx.input<int8_t>(0);
  int8_t* output = ctx.output<int8_t>(0);
  for (int32_t i = 0; i < d.elements; ++i) {
    int32_t q4 = 0;
    const int saturated = Int8ActivationInput(static_cast<int32_t>(input[i]) - d.input_zero_point, d.int8, &q4);
    if (saturated != 0) {
      output[i] = saturated < 0 ? -128 : 127;
      continue;
    }
    // Q0 probability to 8 fraction bits, then onto [-128, 127].
    const int32_t scaled = math::RoundingDivideByPOT(math::FixedLogistic(q4, kInt8ActivationInputIntegerBits), 31 - 8);
    output[i] = static_cast<int8_t>(math::Clamp(scaled - 128, -128, 127));
  }
  return Status::Ok();
}

Status EvalInt16(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<LogisticData>();
  const int16_t* input = ctx.input<int16_t>(0);
  int16_t* output = ctx.output<int16_t>(0);
  for (int32_t i = 0; i < d.elements; ++i) output[i] = math::LogisticInt16(input[i], d.int16_multiplier, d.int16_right_shift);
  return Status::Ok();
}

// An input scale above 5.33: the rescaled input computed in 64 bits (TFLM's int32 product would
// overflow for large inputs; see docs/robustness.md).
Status EvalInt16Wide(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<LogisticData>();
  const int16_t* input = ctx.input<int16_t>(0);
  int16_t* output = ctx.output<int16_t>(0);
  for (int32_t i = 0; i < d.elements; ++i) {
    output[i] = math::LogisticInt16Rescaled(math::RescaleInt16ActivationInputWide(input[i], d.int16_multiplier, d.int16_right_shift));
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalInt8, "reference int8"},
    {EvalInt16, "reference int16"},
    {EvalInt16Wide, "reference int16 (input scale above 5.33)"},
};

}  // namespace

const OpKernel kOp_LOGISTIC = {Prepare, kVariants, 4, 3};

}  // namespace kernels
}  // namespace tinyrt
