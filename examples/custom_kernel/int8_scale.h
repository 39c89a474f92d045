// SPDX-License-Identifier: Apache-2.0
// An application's own quantized kernel, written against tinyrt's public kernel API
// (docs/custom_kernels.md walks through it). The custom op "Int8Scale" multiplies an int8 tensor
// by a constant, y = factor * x, with an optional ReLU:
//   inputs:  0: int8 tensor (any shape)
//   outputs: 0: int8 tensor of the same shape (its own scale and zero point)
//   options (FlexBuffer map, as TFLite's converter writes custom options):
//     "factor_milli": int in [1, 1000000], the factor in thousandths
//     "relu":         bool, clamp the result at 0
// Register it with resolver.AddCustom("Int8Scale", &int8_scale::kKernel).
#pragma once

#include <stdint.h>

#include "tinyrt/kernel/api.h"

namespace int8_scale {

// What Prepare computes once and Eval reads: kept in the arena, so no pointers (the kernel API's
// op data rule: the arena layout is then the same on the host and the microcontroller).
struct OpData {
  int32_t multiplier;  // in_scale * factor / out_scale as a Q31 multiplier ...
  int32_t shift;       // ... and a power of two
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t act_min;  // output clamp: the int8 range, or [zero point, 127] with ReLU
  int32_t act_max;
  uint32_t count;  // elements
};

inline tinyrt::Status Prepare(tinyrt::PrepareContext& ctx) {
  using tinyrt::kernels::TypeError;
  // Input/output checks: every failure becomes "Int8Scale (node N): ..." naming the cause.
  TINYRT_RETURN_IF_ERROR(tinyrt::kernels::RequireIo(ctx, 1, 1));
  const tinyrt::TensorView input = ctx.input(0);
  const tinyrt::TensorView output = ctx.output(0);
  if (input.type() != tinyrt::TensorType::kInt8) return TypeError(ctx, "input", input.type()) << "; Int8Scale takes int8";
  if (output.type() != tinyrt::TensorType::kInt8) return TypeError(ctx, "output", output.type()) << "; Int8Scale writes int8";
  TINYRT_PREPARE_CHECK(ctx, tinyrt::kernels::SameShape(input, output), "input and output shapes differ");
  TINYRT_PREPARE_CHECK(ctx, tinyrt::kernels::HasScale(input) && tinyrt::kernels::HasScale(output),
                       "input and output must be quantized (scale and zero point)");

  // Options: read and range-checked; a missing or mistyped one names its key.
  tinyrt::kernels::CustomOptions options(ctx);
  int32_t factor_milli = 0;
  bool relu = false;
  TINYRT_RETURN_IF_ERROR(options.Int("factor_milli", 1, 1000000, &factor_milli));
  TINYRT_RETURN_IF_ERROR(options.Bool("relu", &relu));

  OpData* data = ctx.AllocateOpData<OpData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  // The requantization multiplier, bit for bit as TFLite derives one from three scales (exact
  // integer arithmetic: no double-precision floating point needed on the target).
  int shift = 0;
  tinyrt::math::QuantizeMultiplierFromScales(input.scale(), static_cast<float>(factor_milli) / 1000.0f, output.scale(), &data->multiplier,
                                             &shift);
  TINYRT_PREPARE_CHECK(ctx, tinyrt::kernels::ValidMultiplierShift(shift), "input scale x factor / output scale is out of range");
  data->shift = shift;
  data->input_zero_point = input.zero_point();
  data->output_zero_point = output.zero_point();
  const tinyrt::math::Activation activation = relu ? tinyrt::math::Activation::kRelu : tinyrt::math::Activation::kNone;
  TINYRT_PREPARE_CHECK(ctx,
                       tinyrt::math::QuantizedActivationRange(activation, output.type(), output.scale(), output.zero_point(),
                                                              &data->act_min, &data->act_max),
                       "unsupported activation");
  data->count = static_cast<uint32_t>(input.elements());
  // Element i is read before it is written and never again: the output may reuse the input's
  // bytes when no later op reads the input (a smaller arena).
  tinyrt::kernels::ShareElementwiseInput(ctx);
  return tinyrt::Status::Ok();
}

inline tinyrt::Status Eval(const tinyrt::EvalContext& ctx) {
  const OpData& d = *ctx.op_data<OpData>();
  const int8_t* input = ctx.input<int8_t>(0);
  int8_t* output = ctx.output<int8_t>(0);
  for (uint32_t i = 0; i < d.count; ++i) {
    const int32_t scaled = tinyrt::math::MultiplyByQuantizedMultiplier(input[i] - d.input_zero_point, d.multiplier, d.shift);
    output[i] = static_cast<int8_t>(tinyrt::math::Clamp(scaled + d.output_zero_point, d.act_min, d.act_max));
  }
  return tinyrt::Status::Ok();
}

// One Eval variant (a kernel may add optimized ones and pick one in Prepare with SelectVariant).
inline constexpr tinyrt::EvalVariant kVariants[] = {{Eval, "reference"}};
inline constexpr tinyrt::OpKernel kKernel = {Prepare, kVariants, 1, /*max_version=*/1};

}  // namespace int8_scale
