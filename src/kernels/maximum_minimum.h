// SPDX-License-Identifier: Apache-2.0
// MAXIMUM and MINIMUM (src/kernels/ref/maximum.cc, minimum.cc): elementwise max/min with
// broadcasting, comparing stored values as TFLM's reference does (so quantized inputs must share
// the output's quantization). float32, int8, int16, int32, int64. With a NaN operand the result
// is the second operand, as in the reference's `a > b ? a : b`.
#pragma once

#include "src/kernels/broadcast.h"

namespace tinyrt {
namespace kernels {
namespace maxmin {

struct MaxMinData {
  BroadcastPlan plan;
};

struct Max {
  template <typename T>
  T operator()(T a, T b) const {
    return a > b ? a : b;
  }
};
struct Min {
  template <typename T>
  T operator()(T a, T b) const {
    return a < b ? a : b;
  }
};

template <typename T, typename Op>
Status Eval(const EvalContext& ctx) {
  BroadcastApply(ctx.op_data<MaxMinData>()->plan, ctx.input<T>(0), ctx.input<T>(1), ctx.output<T>(0), Op());
  return Status::Ok();
}

// Variant order per op: float32, int8, int16, int32, int64.
inline int VariantIndex(TensorType type) {
  switch (type) {
    case TensorType::kFloat32: return 0;
    case TensorType::kInt8: return 1;
    case TensorType::kInt16: return 2;
    case TensorType::kInt32: return 3;
    case TensorType::kInt64: return 4;
    default: return -1;
  }
}

inline Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView input1 = ctx.input(0);
  const TensorView input2 = ctx.input(1);
  const TensorView output = ctx.output(0);
  const TensorType type = output.type();
  const int variant = VariantIndex(type);
  if (variant < 0) return TypeError(ctx, "output", type) << " (supported: float32, int8, int16, int32, int64)";
  TINYRT_PREPARE_CHECK(ctx, input1.type() == type && input2.type() == type,
                       "input types " << TensorTypeName(input1.type()) << " and " << TensorTypeName(input2.type())
                                      << " differ from output type " << TensorTypeName(type));
  if (type == TensorType::kInt8 || type == TensorType::kInt16) {
    const bool same = HasScale(input1) && HasScale(input2) && HasScale(output) && input1.scale() == output.scale() &&
                      input2.scale() == output.scale() && input1.zero_point() == output.zero_point() &&
                      input2.zero_point() == output.zero_point();
    TINYRT_PREPARE_CHECK(ctx, same, "quantized inputs and output must share one scale and zero point");
  }
  MaxMinData* data = ctx.AllocateOpData<MaxMinData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  TINYRT_RETURN_IF_ERROR(PlanBroadcast(ctx, input1, input2, output, &data->plan));
  ctx.SelectVariant(static_cast<uint8_t>(variant));
  return Status::Ok();
}

}  // namespace maxmin
}  // namespace kernels
}  // namespace tinyrt
