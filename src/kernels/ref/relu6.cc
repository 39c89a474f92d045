// SPDX-License-Identifier: Apache-2.0
// RELU6: output = min(max(input, 0), 6). float32 clamps directly. int8/int16 clamp in the
// input's quantization between its zero point and round(6 / scale) + zero point (itself clamped
// to the type), as TFLM does; TFLM does not rescale to the output's quantization, so neither
// does tinyrt (converters give RELU6 the same quantization on both sides).
#include "src/kernels/activation_prepare.h"

namespace tinyrt {
namespace kernels {
namespace {

struct Relu6Data {
  int32_t elements;
  int32_t zero;  // quantized 0
  int32_t six;   // quantized 6
};

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<Relu6Data>();
  const float* input = ctx.input<float>(0);
  float* output = ctx.output<float>(0);
  for (int32_t i = 0; i < d.elements; ++i) {
    const float v = input[i];
    output[i] = v > 6.0f ? 6.0f : (v < 0.0f ? 0.0f : v);
  }
  return Status::Ok();
}

template <typename T>
Status EvalQuantized(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<Relu6Data>();
  const T* input = ctx.input<T>(0);
  T* output = ctx.output<T>(0);
  const T zero = static_cast<T>(d.zero);
  const T six = static_cast<T>(d.six);
  for (int32_t i = 0; i < d.elements; ++i) {
    const T v = input[i];
    output[i] = v > six ? six : (v < zero ? zero : v);
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalQuantized<int8_t>, "reference int8"},
    {EvalQuantized<int16_t>, "reference int16"},
};

// After PrepareActivation's checks (activation_prepare.h).
Status Setup(PrepareContext& ctx, const TensorView& input, const TensorView& output, TensorType type, Relu6Data* data) {
  if (type == TensorType::kFloat32) {
    ctx.SelectVariant(0);
    return Status::Ok();
  }
  TINYRT_PREPARE_CHECK(ctx, HasScale(input) && input.scale() > 0.0f, "quantized input needs a positive quantization scale");
  const int32_t qmin = math::QuantizedMin(type);
  const int32_t qmax = math::QuantizedMax(type);
  TINYRT_PREPARE_CHECK(ctx, input.zero_point() >= qmin && input.zero_point() <= qmax,
                       "input zero point " << input.zero_point() << " is outside the " << TensorTypeName(type) << " range");
  // TFLM's FloatToQuantizedType: round(6 / scale) in float, plus the zero point, clamped.
  const float six = math::RoundHalfAway(6.0f / input.scale());
  const int32_t six_q = six >= 2147483647.0f ? INT32_MAX : static_cast<int32_t>(six);
  const int64_t shifted = static_cast<int64_t>(six_q) + input.zero_point();
  data->zero = input.zero_point();
  data->six = shifted > qmax ? qmax : (shifted < qmin ? qmin : static_cast<int32_t>(shifted));
  ctx.SelectVariant(type == TensorType::kInt8 ? 1 : 2);
  return Status::Ok();
}

}  // namespace

// RELU6 has never written its output over its input (RELU does): kept, so that its arena
// figures stay.
const OpKernel kOp_RELU6 = {PrepareActivation<Relu6Data, true, Setup>, kVariants, 3, 3};

}  // namespace kernels
}  // namespace tinyrt
