// SPDX-License-Identifier: Apache-2.0
// SELECT_V2: out = cond ? x : y, with condition, x and y broadcast against each other. Copies
// elements, so any type of 1, 2, 4 or 8 bytes works (TFLM: float32, int8, int16, int32);
// quantized x, y and output must share one quantization (values are not rescaled, as in TFLM).
#include "src/kernels/elementwise.h"

namespace tinyrt {
namespace kernels {
namespace {

struct SelectData {
  elementwise::BroadcastPlan3 plan;
};

template <typename T>
Status Eval(const EvalContext& ctx) {
  const bool* cond = ctx.input<bool>(0);
  const T* x = ctx.input<T>(1);
  const T* y = ctx.input<T>(2);
  T* out = ctx.output<T>(0);
  elementwise::BroadcastWalk3(ctx.op_data<SelectData>()->plan,
                              [&](int32_t o, int32_t c, int32_t i, int32_t j) { out[o] = cond[c] ? x[i] : y[j]; });
  return Status::Ok();
}

// Variants by element size: 1, 2, 4, 8 bytes.
constexpr EvalVariant kVariants[] = {
    {Eval<uint8_t>, "reference 8-bit"},
    {Eval<uint16_t>, "reference 16-bit"},
    {Eval<uint32_t>, "reference 32-bit"},
    {Eval<uint64_t>, "reference 64-bit"},
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 3, 1));
  const TensorView inputs[3] = {ctx.input(0), ctx.input(1), ctx.input(2)};
  const TensorView output = ctx.output(0);
  TINYRT_PREPARE_CHECK(ctx, inputs[0].type() == TensorType::kBool, "condition type " << TensorTypeName(inputs[0].type()) << " is not bool");
  const TensorType type = output.type();
  TINYRT_PREPARE_CHECK(ctx, inputs[1].type() == type && inputs[2].type() == type,
                       "x and y types " << TensorTypeName(inputs[1].type()) << " and " << TensorTypeName(inputs[2].type())
                                        << " differ from output type " << TensorTypeName(type));
  const size_t size = TensorTypeSize(type);
  if (size != 1 && size != 2 && size != 4 && size != 8) return TypeError(ctx, "output", type);
  if (output.is_quantized() || inputs[1].is_quantized() || inputs[2].is_quantized()) {
    TINYRT_PREPARE_CHECK(ctx, elementwise::SameQuantization(inputs[1], output) && elementwise::SameQuantization(inputs[2], output),
                         "quantized x, y and output must share one scale and zero point");
  }
  SelectData* data = ctx.AllocateOpData<SelectData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  TINYRT_RETURN_IF_ERROR(elementwise::PlanBroadcast3(ctx, inputs, output, &data->plan));
  ctx.SelectVariant(static_cast<uint8_t>(size == 1 ? 0 : size == 2 ? 1 : size == 4 ? 2 : 3));
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_SELECT_V2 = {Prepare, kVariants, 4, 2};

}  // namespace kernels
}  // namespace tinyrt
