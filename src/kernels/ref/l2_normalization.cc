// SPDX-License-Identifier: Apache-2.0
// L2_NORMALIZATION: x / ||x|| along the last dimension. float32 as TFLM (sum of squares in
// order, sqrtf, at least 1e-6); int8 as TFLM: the integer sum of squared offsets, its inverse
// square root as a fixed-point multiplier, output on TFLM's fixed scale 1/128, zero point 0.
#include <math.h>

#include "src/kernels/elementwise.h"
#include "src/math/fixed_point.h"

namespace tinyrt {
namespace kernels {
namespace {

struct L2NormData {
  int32_t outer;
  int32_t depth;
  int32_t input_zero_point;
};

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<L2NormData>();
  const float* input = ctx.input<float>(0);
  float* output = ctx.output<float>(0);
  for (int32_t i = 0; i < d.outer; ++i) {
    const float* in = input + i * d.depth;
    float squared_norm = 0.0f;
    for (int32_t c = 0; c < d.depth; ++c) squared_norm += in[c] * in[c];
    float norm = sqrtf(squared_norm);
    norm = norm < 1e-6f ? 1e-6f : norm;
    for (int32_t c = 0; c < d.depth; ++c) output[i * d.depth + c] = in[c] / norm;
  }
  return Status::Ok();
}

Status EvalInt8(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<L2NormData>();
  const int8_t* input = ctx.input<int8_t>(0);
  int8_t* output = ctx.output<int8_t>(0);
  constexpr int kOutputShift = 7;  // output scale 1/128
  for (int32_t i = 0; i < d.outer; ++i) {
    const int8_t* in = input + i * d.depth;
    int32_t sum = 0;
    for (int32_t c = 0; c < d.depth; ++c) sum += (in[c] - d.input_zero_point) * (in[c] - d.input_zero_point);
    int32_t multiplier = 0;
    int shift = 0;
    math::InvSqrtMultiplier(sum, &multiplier, &shift);
    for (int32_t c = 0; c < d.depth; ++c) {
      const int32_t value = math::MultiplyByQuantizedMultiplier(in[c] - d.input_zero_point, multiplier, shift + kOutputShift);
      output[i * d.depth + c] = static_cast<int8_t>(math::Clamp(value, -128, 127));
    }
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {{EvalFloat, "reference float32"}, {EvalInt8, "reference int8"}};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(elementwise::CheckFloatOrInt8SameShape(ctx));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  const TensorType type = input.type();
  TINYRT_PREPARE_CHECK(ctx, input.rank() >= 1, "input must have rank >= 1");
  const auto* options = ctx.options<tflite::L2NormOptions>(tflite::BuiltinOptions_L2NormOptions);
  TINYRT_PREPARE_CHECK(ctx, options == nullptr || options->fused_activation_function() == tflite::ActivationFunctionType_NONE,
                       "fused activations are not supported");
  L2NormData* data = ctx.AllocateOpData<L2NormData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->depth = input.dim(input.rank() - 1);
  data->outer = FlatSizeSkipDim(input, input.rank() - 1);
  if (type == TensorType::kInt8) {
    TINYRT_PREPARE_CHECK(ctx, HasScale(input) && input.zero_point() >= -128 && input.zero_point() <= 127,
                         "int8 input needs a quantization with a zero point in the int8 range");
    // TFLM writes the int8 output on scale 1/128, zero point 0, whatever the tensor says.
    TINYRT_PREPARE_CHECK(ctx, HasScale(output) && output.scale() == 1.0f / 128.0f && output.zero_point() == 0,
                         "int8 output must have scale 1/128 and zero point 0");
    // Squares of offsets are at most 255^2: the int32 sum must not overflow.
    TINYRT_PREPARE_CHECK(ctx, data->depth <= INT32_MAX / (255 * 255), "last dimension " << data->depth << " is too large for int8");
    data->input_zero_point = input.zero_point();
    ctx.SelectVariant(1);
  }
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_L2_NORMALIZATION = {Prepare, kVariants, 2, 2};

}  // namespace kernels
}  // namespace tinyrt
