// SPDX-License-Identifier: Apache-2.0
// ELU: x < 0 ? exp(x) - 1 : x. float32 with expm1f (TFLM's reference); int8 through a 256-entry
// table built in Prepare exactly as TFLM builds it (dequantize, exp(x) - 1 in float, round half
// away from zero, clamp).
#include <math.h>

#include "src/kernels/elementwise.h"

namespace tinyrt {
namespace kernels {
namespace {

struct EluData {
  int32_t elements;
  int8_t table[256];  // indexed by the input's bit pattern
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(elementwise::CheckFloatOrInt8SameShape(ctx));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  const TensorType type = input.type();
  EluData* data = ctx.AllocateOpData<EluData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->elements = static_cast<int32_t>(input.elements());
  if (type == TensorType::kInt8) {
    TINYRT_PREPARE_CHECK(ctx, HasScale(input) && HasScale(output), "int8 tensors need quantization scales");
    const float inverse_scale = 1.0f / output.scale();
    for (int32_t q = -128; q <= 127; ++q) {
      const float x = input.scale() * static_cast<float>(q - input.zero_point());
      const float y = x < 0.0f ? expf(x) - 1.0f : x;
      const float rounded = math::RoundHalfAway(y * inverse_scale);
      // Out-of-range values (huge scale ratios) saturate and NaN (0 x inf) maps to the zero point;
      // TFLM's float-to-int cast would be undefined.
      const float shifted = rounded + static_cast<float>(output.zero_point());
      const int32_t value =
          shifted != shifted ? output.zero_point() : (shifted > 127.0f ? 127 : (shifted < -128.0f ? -128 : static_cast<int32_t>(shifted)));
      data->table[static_cast<uint8_t>(q)] = static_cast<int8_t>(value);
    }
    ctx.SelectVariant(1);
  }
  return Status::Ok();
}

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<EluData>();
  const float* in = ctx.input<float>(0);
  float* out = ctx.output<float>(0);
  for (int32_t i = 0; i < d.elements; ++i) out[i] = in[i] < 0.0f ? expm1f(in[i]) : in[i];
  return Status::Ok();
}

Status EvalInt8(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<EluData>();
  const int8_t* in = ctx.input<int8_t>(0);
  int8_t* out = ctx.output<int8_t>(0);
  for (int32_t i = 0; i < d.elements; ++i) out[i] = d.table[static_cast<uint8_t>(in[i])];
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {{EvalFloat, "reference float32"}, {EvalInt8, "reference int8"}};

}  // namespace

const OpKernel kOp_ELU = {Prepare, kVariants, 2, 1};

}  // namespace kernels
}  // namespace tinyrt
