// SPDX-License-Identifier: Apache-2.0
// ABS: |x| per element. float32; int8 and int16 quantized (|q - input zero point|, rescaled to
// the output scale only when the scales differ, as TFLM does); int16 without quantization as
// plain integers (|-32768| wraps to -32768, as TFLM's cast of std::abs does).
#include <math.h>

#include "src/kernels/kernel_util.h"

namespace tinyrt {
namespace kernels {
namespace {

struct AbsData {
  int32_t elements;
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t needs_rescale;
  int32_t multiplier;
  int32_t shift;
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 1));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  const TensorType type = input.type();
  TINYRT_PREPARE_CHECK(ctx, output.type() == type,
                       "output type " << TensorTypeName(output.type()) << " differs from input type " << TensorTypeName(type));
  TINYRT_PREPARE_CHECK(ctx, output.elements() == input.elements(), "input and output element counts differ");
  AbsData* data = ctx.AllocateOpData<AbsData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->elements = static_cast<int32_t>(input.elements());
  if (type == TensorType::kFloat32) {
    ctx.SelectVariant(0);
  } else if (type == TensorType::kInt8 || (type == TensorType::kInt16 && HasScale(input))) {
    TINYRT_PREPARE_CHECK(ctx, HasScale(input) && HasScale(output), "quantized tensors need quantization scales");
    data->input_zero_point = input.zero_point();
    data->output_zero_point = output.zero_point();
    if (type == TensorType::kInt16) {
      TINYRT_PREPARE_CHECK(ctx, input.zero_point() == 0 && output.zero_point() == 0, "int16 tensors must have zero point 0");
    }
    data->needs_rescale = input.scale() != output.scale() ? 1 : 0;
    if (data->needs_rescale) {
      int shift = 0;
      // TFLM divides the scales in float, then widens (its golden outputs depend on that rounding).
      const float ratio = input.scale() / output.scale();
      math::QuantizeMultiplierFromScales(ratio, 1.0f, 1.0f, &data->multiplier, &shift);
      TINYRT_PREPARE_CHECK(ctx, ValidMultiplierShift(shift),
                           "input/output scale ratio " << ratio << " is out of range" << kScaleRatioRange);
      data->shift = shift;
    }
    ctx.SelectVariant(type == TensorType::kInt8 ? 1 : 2);
  } else if (type == TensorType::kInt16) {
    ctx.SelectVariant(3);
  } else {
    return TypeError(ctx, "input", type) << " (supported: float32, int8, int16)";
  }
  return Status::Ok();
}

Status EvalFloat(const EvalContext& ctx) {
  const int32_t n = ctx.op_data<AbsData>()->elements;
  const float* in = ctx.input<float>(0);
  float* out = ctx.output<float>(0);
  for (int32_t i = 0; i < n; ++i) out[i] = fabsf(in[i]);
  return Status::Ok();
}

template <typename T>
Status EvalQuantized(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<AbsData>();
  const T* in = ctx.input<T>(0);
  T* out = ctx.output<T>(0);
  const int32_t lo = sizeof(T) == 1 ? -128 : -32768;
  const int32_t hi = sizeof(T) == 1 ? 127 : 32767;
  for (int32_t i = 0; i < d.elements; ++i) {
    const int32_t diff = in[i] - d.input_zero_point;
    const int32_t magnitude = diff < 0 ? -diff : diff;
    const int32_t scaled = d.needs_rescale ? math::MultiplyByQuantizedMultiplier(magnitude, d.multiplier, d.shift) : magnitude;
    out[i] = static_cast<T>(math::Clamp(scaled + d.output_zero_point, lo, hi));
  }
  return Status::Ok();
}

Status EvalInt16Plain(const EvalContext& ctx) {
  const int32_t n = ctx.op_data<AbsData>()->elements;
  const int16_t* in = ctx.input<int16_t>(0);
  int16_t* out = ctx.output<int16_t>(0);
  for (int32_t i = 0; i < n; ++i) out[i] = static_cast<int16_t>(in[i] < 0 ? -in[i] : in[i]);
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalQuantized<int8_t>, "reference int8"},
    {EvalQuantized<int16_t>, "reference int16"},
    {EvalInt16Plain, "reference int16 unquantized"},
};

}  // namespace

const OpKernel kOp_ABS = {Prepare, kVariants, 4, 5};

}  // namespace kernels
}  // namespace tinyrt
