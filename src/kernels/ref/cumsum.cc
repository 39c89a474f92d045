// SPDX-License-Identifier: Apache-2.0
// CUMSUM: running sums along a constant axis, optionally exclusive (each output leaves out its own
// element) and/or reversed (sums run from the end). float32 accumulates in float in axis order
// (TFLM's order); int32 (beyond TFLM) wraps. int8 follows TFLM's fixed-point path: each
// (q - zp_in) is shifted left by 20 and halved with a fixed-point multiplier, the running int32
// sum is rescaled by 2 * scale_in / (2^20 * scale_out), plus the output zero point, saturated.
// One deliberate difference: TFLM starts the int8 running sum at the scaled value of -zp_in
// instead of 0, which shifts every output when zp_in != 0; here it starts at 0 (the same result
// whenever zp_in == 0).
#include "src/kernels/data_movement.h"
#include "src/math/fixed_point.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr int kLeftShift = 20;

struct CumsumData {
  int32_t outer;  // product of the dimensions before the axis
  int32_t depth;  // the axis
  int32_t inner;  // product of the dimensions after the axis (the axis stride)
  int32_t exclusive;
  int32_t reverse;
  // int8
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t input_multiplier;
  int32_t input_shift;
  int32_t output_multiplier;
  int32_t output_shift;
};

// Calls f(index, is_first) along each axis line in summation order.
template <typename F>
void ForEachLine(const CumsumData& d, F f) {
  for (int32_t o = 0; o < d.outer; ++o) {
    for (int32_t i = 0; i < d.inner; ++i) {
      const int32_t base = o * d.depth * d.inner + i;
      for (int32_t k = 0; k < d.depth; ++k) {
        const int32_t a = d.reverse ? d.depth - 1 - k : k;
        f(base + a * d.inner, k == 0);
      }
    }
  }
}

float Add(float a, float b) { return a + b; }
int32_t Add(int32_t a, int32_t b) { return math::WrappingAdd(a, b); }

template <typename T>
Status EvalPlain(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<CumsumData>();
  const T* in = ctx.input<T>(0);
  T* out = ctx.output<T>(0);
  T acc = 0;
  ForEachLine(d, [&](int32_t index, bool first) {
    if (first) acc = 0;
    const T x = in[index];
    if (d.exclusive) {
      out[index] = acc;
      acc = Add(acc, x);
    } else {
      acc = Add(acc, x);
      out[index] = acc;
    }
  });
  return Status::Ok();
}

Status EvalInt8(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<CumsumData>();
  const int8_t* in = ctx.input<int8_t>(0);
  int8_t* out = ctx.output<int8_t>(0);
  int32_t acc = 0;
  ForEachLine(d, [&](int32_t index, bool first) {
    if (first) acc = 0;
    const int32_t scaled =
        math::MultiplyByQuantizedMultiplier((in[index] - d.input_zero_point) * (1 << kLeftShift), d.input_multiplier, d.input_shift);
    int32_t sum;
    if (d.exclusive) {
      sum = acc;
      acc = math::WrappingAdd(acc, scaled);
    } else {
      acc = math::WrappingAdd(acc, scaled);
      sum = acc;
    }
    const int32_t q = math::MultiplyByQuantizedMultiplier(sum, d.output_multiplier, d.output_shift) + d.output_zero_point;
    out[index] = static_cast<int8_t>(math::Clamp(q, -128, 127));
  });
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalPlain<float>, "reference float32"},
    {EvalInt8, "reference int8"},
    {EvalPlain<int32_t>, "reference int32"},
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView input = ctx.input(0);
  const TensorView axis_tensor = ctx.input(1);
  const TensorView output = ctx.output(0);
  const TensorType type = input.type();
  if (type != TensorType::kFloat32 && type != TensorType::kInt8 && type != TensorType::kInt32) {
    return TypeError(ctx, "input", type) << " (supported: float32, int8, int32)";
  }
  TINYRT_PREPARE_CHECK(ctx, output.type() == type,
                       "output type " << TensorTypeName(output.type()) << " differs from input type " << TensorTypeName(type));
  TINYRT_PREPARE_CHECK(ctx, SameShape(input, output), "output shape differs from the input shape");
  TINYRT_RETURN_IF_ERROR(RequireConstantIndices(ctx, axis_tensor, "axis"));
  TINYRT_PREPARE_CHECK(ctx, axis_tensor.elements() == 1, "axis must hold one value");
  const int rank = input.rank();
  int axis = 0;
  TINYRT_PREPARE_CHECK(ctx, ResolveAxis(IndexAt(axis_tensor, 0), rank, &axis),
                       "axis " << IndexAt(axis_tensor, 0) << " is out of range for rank " << rank);
  const auto* options = ctx.options<tflite::CumsumOptions>(tflite::BuiltinOptions_CumsumOptions);
  auto* data = ctx.AllocateOpData<CumsumData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->outer = DimProduct(input, 0, axis);
  data->depth = input.dim(axis);
  data->inner = DimProduct(input, axis + 1, rank);
  data->exclusive = options != nullptr && options->exclusive() ? 1 : 0;
  data->reverse = options != nullptr && options->reverse() ? 1 : 0;
  if (type == TensorType::kInt8) {
    TINYRT_PREPARE_CHECK(ctx, HasScale(input) && HasScale(output) && input.scale() > 0.0f && output.scale() > 0.0f,
                         "quantized tensors need positive quantization scales");
    data->input_zero_point = input.zero_point();
    data->output_zero_point = output.zero_point();
    // scale_in / (2 * scale_in) is exactly 1/2: QuantizeMultiplier(0.5) = (2^30, 0).
    data->input_multiplier = 1 << 30;
    data->input_shift = 0;
    // 2 * scale_in / (2^20 * scale_out): the ratio's multiplier with the powers of two in the shift.
    ConvMultiplier(input.scale(), 1.0f, output.scale(), &data->output_multiplier, &data->output_shift);
    data->output_shift += 1 - kLeftShift;
    TINYRT_PREPARE_CHECK(ctx, ValidMultiplierShift(data->output_shift),
                         "input/output scale ratio " << input.scale() / output.scale() << " is out of range" << kScaleRatioRange);
  }
  ctx.SelectVariant(type == TensorType::kFloat32 ? 0 : type == TensorType::kInt8 ? 1 : 2);
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_CUMSUM = {Prepare, kVariants, 3, 1};

}  // namespace kernels
}  // namespace tinyrt
