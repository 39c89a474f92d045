// SPDX-License-Identifier: Apache-2.0
// What LOGISTIC and TANH share: the Prepare-time parameters (computed exactly as TFLM's Prepare
// does), their op data, Prepare and quantized Eval loops, which differ only in the function and
// the int8 output's units (src/kernels/ref/logistic.cc, ref/tanh.cc).
#pragma once

#include "src/kernels/activation_prepare.h"
#include "src/math/fixed_point.h"
#include "src/math/int16_activations.h"

namespace tinyrt {
namespace kernels {

// Both int8 functions take their input in Q4.27.
constexpr int kInt8ActivationInputIntegerBits = 4;

struct Int8ActivationParams {
  int32_t multiplier;  // input (minus zero point) to Q4.27: multiplier * 2^left_shift
  int32_t left_shift;
  int32_t range_radius;  // |input - zero point| >= radius saturates the output
};

// TFLM's int8 input rescaling: the multiplier comes from frexp and a rounded 2^31 product (not
// QuantizeMultiplier). False only for a scale that is not positive.
//  - shift 0 to 30 (input scales 2^-28 to 16): TFLM's arithmetic, bit for bit.
//  - shift 31 and above (scales of 16 or more): TFLM's radius floor(15 * 2^27 / 2^shift) is 0, so
//    every input saturates (at or below the zero point to the minimum, above it to the maximum)
//    and the multiplier is never used. From shift 63 (scale 2^35) TFLM's `1LL << shift` is
//    undefined; tinyrt keeps the same rule, the limit of the defined ones.
//  - negative shifts (scales below 2^-28): TFLM shifts 1LL by a negative count (undefined; x86
//    masks the count, the radius becomes 0 and every output saturates). tinyrt computes the true
//    function instead: no input reaches the radius, and the input is shifted right (by at most 31,
//    beyond which the rescaled input is 0 anyway).
inline bool Int8ActivationRescale(float input_scale, Int8ActivationParams* p) {
  const double real_multiplier = static_cast<double>(input_scale) * static_cast<double>(1 << (31 - kInt8ActivationInputIntegerBits));
  if (!(real_multiplier > 0.0)) return false;
  int shift = 0;
  const double q = math::Frexp(real_multiplier, &shift);
  if (shift > 30) {
    p->multiplier = 0;
    p->left_shift = 0;
    p->range_radius = 0;
    return true;
  }
  // q < 1 - 2^-24 for any float scale, so the rounded product stays below 2^31.
  p->multiplier = static_cast<int32_t>(math::RoundHalfAway(q * 2147483648.0));
  if (shift < 0) {
    p->left_shift = shift < -31 ? -31 : shift;
    p->range_radius = INT32_MAX;
    return true;
  }
  p->left_shift = shift;
  p->range_radius = math::CalculateInputRadius(kInt8ActivationInputIntegerBits, shift);
  return true;
}

// The input rescaled to Q4.27, or saturation: -1 / +1 when beyond the radius, else 0 and *q4 set.
inline int Int8ActivationInput(int32_t centred, const Int8ActivationParams& p, int32_t* q4) {
  if (centred <= -p.range_radius) return -1;
  if (centred >= p.range_radius) return 1;
  *q4 = math::MultiplyByQuantizedMultiplier(centred, p.multiplier, p.left_shift);
  return 0;
}

// TFLM's int16 input rescaling to the table's units (3 * 2^12 per unit). A power-of-two input
// scale with `shift` = 12 + log2(scale) in the accepted set uses 3 << shift; anything else gets
// an integer multiplier and a right shift: below 2^15 for scales up to 2.67, scale * 12288
// truncated (shift 0) above. Multipliers above 65535 need RescaleInt16ActivationInputWide.
// False when the multiplier does not fit int32 (scale 174763 and above: TFLM's conversion is
// undefined).
inline bool Int16ActivationRescale(float input_scale, bool accept_shift_one, int32_t* multiplier, int32_t* right_shift) {
  int log2_scale = 0;
  const bool power_of_two = math::CheckedLog2(input_scale, &log2_scale);
  const int shift = 12 + log2_scale;
  if (power_of_two && (shift == 0 || (accept_shift_one && shift == 1))) {
    int rs = 0;
    math::PowerOfTwoActivationRescale(shift, multiplier, &rs);
    *right_shift = rs;
    return true;
  }
  double m = static_cast<double>(input_scale) * 4096.0 * 3.0;
  int32_t s = 0;
  while (m <= 32767.0 / 2.0 && s <= 30) {
    ++s;
    m *= 2.0;
  }
  if (!(m < 2147483648.0)) return false;
  *multiplier = static_cast<int32_t>(m);
  *right_shift = s;
  return true;
}

// Whether an int16 multiplier needs the 64-bit rescaling (x * multiplier can pass int32).
inline bool Int16ActivationNeedsWideRescale(int32_t multiplier) { return multiplier > 65535; }

// Common checks of an int16 LOGISTIC/TANH: zero points 0 and an output scale of 2^-15.
inline bool Int16ActivationOutputOk(const TensorView& input, const TensorView& output) {
  int log2_out = 0;
  return input.zero_point() == 0 && output.zero_point() == 0 && math::CheckedLog2(output.scale(), &log2_out) && log2_out == -15;
}

// The op data of LOGISTIC and TANH.
struct LogisticTanhData {
  int32_t elements;
  int32_t input_zero_point;
  Int8ActivationParams int8;
  int32_t int16_multiplier;
  int32_t int16_right_shift;
};

// LOGISTIC and TANH are written once below, for an `Op` that says what sets each apart (in its
// file): the int8 function (math::FixedLogistic, FixedTanh: Q4.27 in, Q0 out) and the int8
// output TFLM writes without checking the output tensor (units of 2^-kInt8OutputBits from zero
// point kInt8OutputZeroPoint; tinyrt requires what it produces: kInt8OutputRule), the int16
// function of the rescaled input (math::LogisticInt16Rescaled, TanhInt16Rescaled) and
// kInt16AcceptShiftOne (Int16ActivationRescale's accept_shift_one). Each op's functions compile
// as if written out in its file.

// What LOGISTIC's and TANH's Prepare (PrepareActivation, activation_prepare.h) does after the
// common checks. Variants: 0 float32, 1 int8, 2 int16, 3 int16 with the 64-bit input rescaling.
template <typename Op>
Status SetupLogisticTanh(PrepareContext& ctx, const TensorView& input, const TensorView& output, TensorType type, LogisticTanhData* data) {
  if (type == TensorType::kFloat32) {
    ctx.SelectVariant(0);
    return Status::Ok();
  }
  TINYRT_PREPARE_CHECK(ctx, HasScale(input) && HasScale(output), "quantized tensors need quantization scales");
  if (type == TensorType::kInt8) {
    TINYRT_PREPARE_CHECK(ctx, output.zero_point() == Op::kInt8OutputZeroPoint && output.scale() == 1.0f / (1 << Op::kInt8OutputBits),
                         Op::kInt8OutputRule);
    TINYRT_PREPARE_CHECK(ctx, Int8ActivationRescale(input.scale(), &data->int8), "input scale " << input.scale() << " is not positive");
    data->input_zero_point = input.zero_point();
    ctx.SelectVariant(1);
  } else {  // int16
    TINYRT_PREPARE_CHECK(ctx, Int16ActivationOutputOk(input, output), "int16 tensors need zero point 0 and an output scale of 2^-15");
    TINYRT_PREPARE_CHECK(ctx,
                         Int16ActivationRescale(input.scale(), Op::kInt16AcceptShiftOne, &data->int16_multiplier, &data->int16_right_shift),
                         "int16 input scale " << input.scale() << " is too large: TFLM's input multiplier (scale x 12288) overflows int32");
    ctx.SelectVariant(Int16ActivationNeedsWideRescale(data->int16_multiplier) ? 3 : 2);
  }
  return Status::Ok();
}

// int8 Eval: Op's function of the input rescaled to Q4.27, its Q0 result rounded to
// kInt8OutputBits fraction bits and moved by the output zero point; inputs beyond the radius
// saturate.
template <typename Op>
Status EvalLogisticTanhInt8(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<LogisticTanhData>();
  const int8_t* input = ctx.input<int8_t>(0);
  int8_t* output = ctx.output<int8_t>(0);
  for (int32_t i = 0; i < d.elements; ++i) {
    int32_t q4 = 0;
    const int saturated = Int8ActivationInput(static_cast<int32_t>(input[i]) - d.input_zero_point, d.int8, &q4);
    if (saturated != 0) {
      output[i] = saturated < 0 ? -128 : 127;
      continue;
    }
    const int32_t scaled = math::RoundingDivideByPOT(Op::Int8(q4, kInt8ActivationInputIntegerBits), 31 - Op::kInt8OutputBits);
    output[i] = static_cast<int8_t>(math::Clamp(scaled + Op::kInt8OutputZeroPoint, -128, 127));
  }
  return Status::Ok();
}

// int16 Eval: Op's function of the input rescaled by Rescale (math::RescaleInt16ActivationInput,
// or ...Wide for an input scale above 5.33, where TFLM's int32 product would overflow for large
// inputs; see docs/robustness.md).
template <typename Op, int32_t (*Rescale)(int16_t, int32_t, int)>
Status EvalLogisticTanhInt16(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<LogisticTanhData>();
  const int16_t* input = ctx.input<int16_t>(0);
  int16_t* output = ctx.output<int16_t>(0);
  for (int32_t i = 0; i < d.elements; ++i) output[i] = Op::Int16(Rescale(input[i], d.int16_multiplier, d.int16_right_shift));
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt
