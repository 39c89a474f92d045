// SPDX-License-Identifier: Apache-2.0
// ADD_N: element-wise sum of N >= 2 inputs of one shape. float32 (summed in input order from
// 0, as TFLM), int32 (wrapping; TFLM refuses it), int8 as TFLM: each input offset and << 20,
// halved, summed, rescaled to the output. TFLM's accumulator starts from the rescaled input
// offset rather than 0 (an extra -zero point term); that is kept for bit-exactness.
#include "src/kernels/kernel_util.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr int kLeftShift = 20;

struct AddNData {
  int32_t elements;
  int32_t num_inputs;
  int32_t input_offset;
  int32_t output_offset;
  int32_t input_multiplier;
  int32_t input_shift;
  int32_t output_multiplier;
  int32_t output_shift;
};

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<AddNData>();
  float* out = ctx.output<float>(0);
  for (int32_t i = 0; i < d.elements; ++i) {
    float sum = 0.0f;
    for (int32_t j = 0; j < d.num_inputs; ++j) sum += ctx.input<float>(j)[i];
    out[i] = sum;
  }
  return Status::Ok();
}

Status EvalInt32(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<AddNData>();
  int32_t* out = ctx.output<int32_t>(0);
  for (int32_t i = 0; i < d.elements; ++i) {
    uint32_t sum = 0;
    for (int32_t j = 0; j < d.num_inputs; ++j) sum += static_cast<uint32_t>(ctx.input<int32_t>(j)[i]);
    out[i] = static_cast<int32_t>(sum);
  }
  return Status::Ok();
}

Status EvalInt8(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<AddNData>();
  int8_t* out = ctx.output<int8_t>(0);
  const int32_t start = math::MultiplyByQuantizedMultiplier(d.input_offset * (1 << kLeftShift), d.input_multiplier, d.input_shift);
  for (int32_t i = 0; i < d.elements; ++i) {
    int32_t sum = start;
    for (int32_t j = 0; j < d.num_inputs; ++j) {
      const int32_t shifted = (d.input_offset + ctx.input<int8_t>(j)[i]) * (1 << kLeftShift);
      sum += math::MultiplyByQuantizedMultiplier(shifted, d.input_multiplier, d.input_shift);
    }
    const int32_t raw = math::MultiplyByQuantizedMultiplier(sum, d.output_multiplier, d.output_shift) + d.output_offset;
    out[i] = static_cast<int8_t>(math::Clamp(raw, -128, 127));
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {{EvalFloat, "reference float32"}, {EvalInt8, "reference int8"}, {EvalInt32, "reference int32"}};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView first = ctx.input(0);
  const TensorView output = ctx.output(0);
  const TensorType type = first.type();
  const int variant = type == TensorType::kFloat32 ? 0 : type == TensorType::kInt8 ? 1 : type == TensorType::kInt32 ? 2 : -1;
  if (variant < 0) return TypeError(ctx, "input", type) << " (supported: float32, int8, int32)";
  TINYRT_PREPARE_CHECK(ctx, output.type() == type,
                       "output type " << TensorTypeName(output.type()) << " differs from input type " << TensorTypeName(type));
  TINYRT_PREPARE_CHECK(ctx, SameShape(first, output), "output shape differs from the inputs' shape");
  for (int j = 1; j < ctx.num_inputs(); ++j) {
    TINYRT_PREPARE_CHECK(ctx, ctx.has_input(j), "input " << static_cast<int32_t>(j) << " is missing");
    const TensorView input = ctx.input(j);
    TINYRT_PREPARE_CHECK(ctx, input.type() == type && SameShape(input, first),
                         "input " << static_cast<int32_t>(j) << " differs from input 0 in type or shape");
    if (type == TensorType::kInt8) {
      TINYRT_PREPARE_CHECK(ctx,
                           HasScale(input) && HasScale(first) && input.scale() == first.scale() && input.zero_point() == first.zero_point(),
                           "int8 inputs must share one scale and zero point");
    }
  }
  AddNData* data = ctx.AllocateOpData<AddNData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->elements = static_cast<int32_t>(output.elements());
  data->num_inputs = ctx.num_inputs();
  if (type == TensorType::kInt8) {
    TINYRT_PREPARE_CHECK(ctx, HasScale(first) && HasScale(output) && first.scale() > 0.0f && output.scale() > 0.0f,
                         "int8 tensors need positive quantization scales");
    TINYRT_PREPARE_CHECK(ctx, first.zero_point() >= -128 && first.zero_point() <= 127, "input zero point is outside int8");
    // Each rescaled term is below 2^27 (255 << 20, halved): n + 1 of them must fit in int32.
    TINYRT_PREPARE_CHECK(ctx, ctx.num_inputs() <= 15, "more than 15 int8 inputs can overflow the int32 sum");
    data->input_offset = -first.zero_point();
    data->output_offset = output.zero_point();
    const double twice_input_scale = 2.0 * static_cast<double>(first.scale());
    int shift = 0;
    math::QuantizeMultiplier(static_cast<double>(first.scale()) / twice_input_scale, &data->input_multiplier, &shift);
    data->input_shift = shift;
    math::QuantizeMultiplier(twice_input_scale / (static_cast<double>(1 << kLeftShift) * static_cast<double>(output.scale())),
                             &data->output_multiplier, &shift);
    TINYRT_PREPARE_CHECK(ctx, ValidMultiplierShift(shift),
                         "input/output scale ratio " << first.scale() / output.scale() << " is out of range" << kScaleRatioRange);
    data->output_shift = shift;
  }
  ctx.SelectVariant(static_cast<uint8_t>(variant));
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_ADD_N = {Prepare, kVariants, 3, 1};

}  // namespace kernels
}  // namespace tinyrt
