// SPDX-License-Identifier: Apache-2.0
// RSQRT: 1 / sqrt(x). float32 as TFLM (1 / sqrtf; NaN below 0, inf at 0). int8 as TFLM (and
// int16 beyond it, zero points 0): the inverse square root of q - zero point as a fixed-point
// multiplier (the L2_NORMALIZATION routine), applied to 1 << 20, then rescaled by
// 1 / (sqrt(input scale) * output scale). Zero maps to the type's maximum, as in TFLM; negative
// values, where TFLM fails the Invoke, are treated as zero.
#include <math.h>

#include "src/kernels/elementwise.h"
#include "src/math/fixed_point.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr int kShift = 20;  // keeps the intermediate 1/sqrt(x) an integer

struct RsqrtData {
  int32_t elements;
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t multiplier;
  int32_t shift;  // the multiplier's shift less kShift: the one Eval applies
};

float Rsqrt(float x) { return 1.0f / sqrtf(x); }

template <typename T>
Status EvalQuantized(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<RsqrtData>();
  const T* in = ctx.input<T>(0);
  T* out = ctx.output<T>(0);
  const int32_t lo = sizeof(T) == 1 ? -128 : -32768;
  const int32_t hi = sizeof(T) == 1 ? 127 : 32767;
  for (int32_t i = 0; i < d.elements; ++i) {
    const int32_t value = in[i] - d.input_zero_point;
    if (value <= 0) {
      out[i] = static_cast<T>(hi);
      continue;
    }
    int32_t inv_sqrt_multiplier = 0;
    int inv_sqrt_shift = 0;
    math::InvSqrtMultiplier(value, &inv_sqrt_multiplier, &inv_sqrt_shift);
    const int32_t inv_sqrt = math::MultiplyByQuantizedMultiplier(int32_t{1}, inv_sqrt_multiplier, inv_sqrt_shift + kShift);
    // A left shift that would carry 1/sqrt past int32 (TFLM's undefined overflow, for small values
    // with a large input/output scale ratio) means a result far above the type: saturate.
    if (d.shift > 0 && (static_cast<int64_t>(inv_sqrt) << d.shift) > INT32_MAX) {
      out[i] = static_cast<T>(hi);
      continue;
    }
    const int32_t result = math::MultiplyByQuantizedMultiplier(inv_sqrt, d.multiplier, d.shift) + d.output_zero_point;
    out[i] = static_cast<T>(math::Clamp(result, lo, hi));
  }
  return Status::Ok();
}

Status EvalFloat(const EvalContext& ctx) {
  const int32_t n = ctx.op_data<RsqrtData>()->elements;
  const float* in = ctx.input<float>(0);
  float* out = ctx.output<float>(0);
  for (int32_t i = 0; i < n; ++i) out[i] = Rsqrt(in[i]);
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalQuantized<int8_t>, "reference int8"},
    {EvalQuantized<int16_t>, "reference int16"},
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 1));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  const TensorType type = input.type();
  const int variant = type == TensorType::kFloat32 ? 0 : type == TensorType::kInt8 ? 1 : type == TensorType::kInt16 ? 2 : -1;
  if (variant < 0) return TypeError(ctx, "input", type) << " (supported: float32, int8, int16)";
  TINYRT_PREPARE_CHECK(ctx, output.type() == type,
                       "output type " << TensorTypeName(output.type()) << " differs from input type " << TensorTypeName(type));
  TINYRT_PREPARE_CHECK(ctx, output.elements() == input.elements(), "input and output element counts differ");
  RsqrtData* data = ctx.AllocateOpData<RsqrtData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->elements = static_cast<int32_t>(input.elements());
  if (type != TensorType::kFloat32) {
    TINYRT_PREPARE_CHECK(ctx, HasScale(input) && HasScale(output) && input.scale() > 0.0f && output.scale() > 0.0f,
                         "quantized tensors need positive quantization scales");
    const int32_t lo = type == TensorType::kInt8 ? -128 : 0;
    const int32_t hi = type == TensorType::kInt8 ? 127 : 0;
    TINYRT_PREPARE_CHECK(ctx,
                         input.zero_point() >= lo && input.zero_point() <= hi && output.zero_point() >= lo && output.zero_point() <= hi,
                         (type == TensorType::kInt8 ? "zero points must lie in the int8 range" : "int16 tensors must have zero point 0"));
    data->input_zero_point = input.zero_point();
    data->output_zero_point = output.zero_point();
    // TFLM's double expression (Prepare only; Eval is integer).
    const double scale = 1.0 / (sqrt(static_cast<double>(input.scale())) * static_cast<double>(output.scale()));
    int shift = 0;
    math::QuantizeMultiplier(scale, &data->multiplier, &shift);
    // Eval rescales 1/sqrt(x) * 2^20 by the multiplier and shift - 20 (TFLM's order): that shift
    // is the one that must be valid.
    TINYRT_PREPARE_CHECK(ctx, ValidMultiplierShift(shift - kShift), "input/output scales are out of range");
    data->shift = shift - kShift;
  }
  ctx.SelectVariant(static_cast<uint8_t>(variant));
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_RSQRT = {Prepare, kVariants, 3, 3};

}  // namespace kernels
}  // namespace tinyrt
