// SPDX-License-Identifier: Apache-2.0
// QUANTIZE: float32 -> int8/uint8/int16 as q = round(x / scale) + zero_point (the division in
// float, rounding half away from zero, then clamped), and requantization between integer types
// as TFLM's Requantize does it: q_out = (q_in - zp_in) * (scale_in / scale_out) + zp_out with
// the ratio as a fixed-point multiplier (MultiplyByQuantizedMultiplier), then clamped.
// Supported requantizations (TFLM's list): int8 -> int8/uint8/int16/int32, uint8 -> int8,
// int16 -> int8/int16/int32, int32 -> int8/int16.
#include <limits>

#include "src/kernels/kernel_util.h"
#include "src/math/fixed_point.h"

namespace tinyrt {
namespace kernels {
namespace {

struct QuantizeData {
  int32_t elements;
  float scale;  // output scale (float input)
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t multiplier;  // requantization: scale_in / scale_out
  int32_t shift;
};

template <typename OutT>
Status EvalFromFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<QuantizeData>();
  const float* input = ctx.input<float>(0);
  OutT* output = ctx.output<OutT>(0);
  constexpr int64_t qmin = std::numeric_limits<OutT>::min();
  constexpr int64_t qmax = std::numeric_limits<OutT>::max();
  for (int32_t i = 0; i < d.elements; ++i) {
    const float rounded = math::RoundHalfAway(input[i] / d.scale);
    // Out-of-int32 values saturate (TFLM's float->int cast is undefined there); NaN -> qmin.
    int32_t q;
    if (rounded >= 2147483648.0f) {
      q = INT32_MAX;
    } else if (rounded >= -2147483648.0f) {
      q = static_cast<int32_t>(rounded);
    } else {
      q = INT32_MIN;
    }
    const int64_t shifted = static_cast<int64_t>(q) + d.output_zero_point;
    output[i] = static_cast<OutT>(shifted < qmin ? qmin : (shifted > qmax ? qmax : shifted));
  }
  return Status::Ok();
}

template <typename InT, typename OutT>
Status EvalRequantize(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<QuantizeData>();
  const InT* input = ctx.input<InT>(0);
  OutT* output = ctx.output<OutT>(0);
  constexpr int32_t qmin = std::numeric_limits<OutT>::min();
  constexpr int32_t qmax = std::numeric_limits<OutT>::max();
  for (int32_t i = 0; i < d.elements; ++i) {
    // Wrapping: an int32 input minus its zero point may overflow (TFLM's int32 arithmetic wraps).
    const int32_t centred = math::WrappingSub(static_cast<int32_t>(input[i]), d.input_zero_point);
    // TFLM adds the zero point in int32 (wrapping); only int32 outputs can get that far.
    const int32_t q = math::WrappingAdd(math::MultiplyByQuantizedMultiplier(centred, d.multiplier, d.shift), d.output_zero_point);
    output[i] = static_cast<OutT>(q < qmin ? qmin : (q > qmax ? qmax : q));
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalFromFloat<int8_t>, "reference float32->int8"},           {EvalFromFloat<uint8_t>, "reference float32->uint8"},
    {EvalFromFloat<int16_t>, "reference float32->int16"},         {EvalRequantize<int8_t, int8_t>, "reference int8->int8"},
    {EvalRequantize<int8_t, uint8_t>, "reference int8->uint8"},   {EvalRequantize<int8_t, int16_t>, "reference int8->int16"},
    {EvalRequantize<int8_t, int32_t>, "reference int8->int32"},   {EvalRequantize<uint8_t, int8_t>, "reference uint8->int8"},
    {EvalRequantize<int16_t, int8_t>, "reference int16->int8"},   {EvalRequantize<int16_t, int16_t>, "reference int16->int16"},
    {EvalRequantize<int16_t, int32_t>, "reference int16->int32"}, {EvalRequantize<int32_t, int8_t>, "reference int32->int8"},
    {EvalRequantize<int32_t, int16_t>, "reference int32->int16"},
};
constexpr uint8_t kNumVariants = sizeof(kVariants) / sizeof(kVariants[0]);

// Index into kVariants of a supported (input, output) pair, or -1.
int VariantFor(TensorType in, TensorType out) {
  using T = TensorType;
  if (in == T::kFloat32) return out == T::kInt8 ? 0 : out == T::kUInt8 ? 1 : out == T::kInt16 ? 2 : -1;
  if (in == T::kInt8) return out == T::kInt8 ? 3 : out == T::kUInt8 ? 4 : out == T::kInt16 ? 5 : out == T::kInt32 ? 6 : -1;
  if (in == T::kUInt8) return out == T::kInt8 ? 7 : -1;
  if (in == T::kInt16) return out == T::kInt8 ? 8 : out == T::kInt16 ? 9 : out == T::kInt32 ? 10 : -1;
  if (in == T::kInt32) return out == T::kInt8 ? 11 : out == T::kInt16 ? 12 : -1;
  return -1;
}

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 1));
  ShareElementwiseInput(ctx);
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  const int variant = VariantFor(input.type(), output.type());
  if (variant < 0) {
    return ctx.Fail(StatusCode::kUnsupported) << "quantizing " << TensorTypeName(input.type()) << " to " << TensorTypeName(output.type())
                                              << " is not supported (float32 -> int8/uint8/int16; int8 -> int8/uint8/int16/int32; "
                                                 "uint8 -> int8; int16 -> int8/int16/int32; int32 -> int8/int16)";
  }
  TINYRT_PREPARE_CHECK(
      ctx, input.elements() == output.elements(),
      "input has " << static_cast<uint64_t>(input.elements()) << " elements, output " << static_cast<uint64_t>(output.elements()));
  TINYRT_PREPARE_CHECK(ctx, output.num_scales() == 1, "output needs exactly one (per-tensor) scale, has " << output.num_scales());
  TINYRT_PREPARE_CHECK(ctx, output.scale() > 0.0f, "output scale must be positive");
  QuantizeData* data = ctx.AllocateOpData<QuantizeData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->elements = static_cast<int32_t>(input.elements());
  data->scale = output.scale();
  data->output_zero_point = output.zero_point();
  if (input.type() != TensorType::kFloat32) {
    TINYRT_PREPARE_CHECK(ctx, input.num_scales() == 1, "input needs exactly one (per-tensor) scale, has " << input.num_scales());
    data->input_zero_point = input.zero_point();
    int shift = 0;
    math::QuantizeMultiplier(static_cast<double>(input.scale()) / static_cast<double>(output.scale()), &data->multiplier, &shift);
    data->shift = shift;
  }
  ctx.SelectVariant(static_cast<uint8_t>(variant));
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_QUANTIZE = {Prepare, kVariants, kNumVariants, 2};

}  // namespace kernels
}  // namespace tinyrt
