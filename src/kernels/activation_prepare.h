// SPDX-License-Identifier: Apache-2.0
// The Prepare that the activation kernels RELU, RELU6, LEAKY_RELU, LOGISTIC and TANH
// (src/kernels/ref/) share: input/output checks, in-place sharing and the op data, around each
// op's own quantization (a template: each op's Prepare compiles to one function, as if written
// out in its file).
#pragma once

#include "src/kernels/kernel_util.h"

namespace tinyrt {
namespace kernels {

// One input and one output of the same type, float32, int8 or int16, with as many elements;
// kShareInput: the output may take over the input's bytes (ShareElementwiseInput). Then Data
// (which starts with `int32_t elements`) becomes the op data, and Setup(ctx, input, output,
// type, data) does the rest (quantization, variant).
template <typename Data, bool kShareInput, Status (*Setup)(PrepareContext&, const TensorView&, const TensorView&, TensorType, Data*)>
Status PrepareActivation(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 1));
  if (kShareInput) ShareElementwiseInput(ctx);
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  const TensorType type = input.type();
  if (type != TensorType::kFloat32 && type != TensorType::kInt8 && type != TensorType::kInt16) {
    return TypeError(ctx, "input", type) << " (supported: float32, int8, int16)";
  }
  TINYRT_PREPARE_CHECK(ctx, output.type() == type,
                       "output type " << TensorTypeName(output.type()) << " differs from input type " << TensorTypeName(type));
  TINYRT_PREPARE_CHECK(
      ctx, output.elements() == input.elements(),
      "output has " << static_cast<uint64_t>(output.elements()) << " elements, input " << static_cast<uint64_t>(input.elements()));
  Data* data = ctx.AllocateOpData<Data>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->elements = static_cast<int32_t>(input.elements());
  return Setup(ctx, input, output, type, data);
}

}  // namespace kernels
}  // namespace tinyrt
