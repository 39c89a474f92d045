// SPDX-License-Identifier: Apache-2.0
// DEQUANTIZE: int8/uint8/int16 -> float32 as scale * (q - zero_point), the product in float as
// TFLM computes it (the integer difference converted to float, times the float scale).
#include "src/kernels/kernel_util.h"

namespace tinyrt {
namespace kernels {
namespace {

struct DequantizeData {
  int32_t elements;
  int32_t zero_point;
  float scale;
};

template <typename InT>
Status Eval(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<DequantizeData>();
  const InT* input = ctx.input<InT>(0);
  float* output = ctx.output<float>(0);
  for (int32_t i = 0; i < d.elements; ++i) output[i] = d.scale * static_cast<float>(static_cast<int32_t>(input[i]) - d.zero_point);
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {Eval<int8_t>, "reference int8"},
    {Eval<uint8_t>, "reference uint8"},
    {Eval<int16_t>, "reference int16"},
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 1));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  const TensorType type = input.type();
  if (type != TensorType::kInt8 && type != TensorType::kUInt8 && type != TensorType::kInt16) {
    return TypeError(ctx, "input", type) << " (supported: int8, uint8, int16)";
  }
  TINYRT_PREPARE_CHECK(ctx, output.type() == TensorType::kFloat32, "output type " << TensorTypeName(output.type()) << " is not float32");
  TINYRT_PREPARE_CHECK(
      ctx, input.elements() == output.elements(),
      "input has " << static_cast<uint64_t>(input.elements()) << " elements, output " << static_cast<uint64_t>(output.elements()));
  TINYRT_PREPARE_CHECK(ctx, input.num_scales() == 1,
                       "input needs exactly one (per-tensor) scale, has " << input.num_scales() << " (per-channel is not supported)");
  DequantizeData* data = ctx.AllocateOpData<DequantizeData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->elements = static_cast<int32_t>(input.elements());
  data->zero_point = input.zero_point();
  data->scale = input.scale();
  ctx.SelectVariant(type == TensorType::kInt8 ? 0 : type == TensorType::kUInt8 ? 1 : 2);
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_DEQUANTIZE = {Prepare, kVariants, 3, 3};

}  // namespace kernels
}  // namespace tinyrt
