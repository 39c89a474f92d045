// SPDX-License-Identifier: Apache-2.0
// FILL: an output of shape `dims` (a constant int32/int64 vector, checked against the output
// tensor) with every element equal to the scalar `value`. Any copyable type (TFLM: float32,
// int32, int8; int16, int64 and bool here too).
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

struct FillData {
  int32_t elements;
};

template <typename T>
Status Eval(const EvalContext& ctx) {
  const int32_t n = ctx.op_data<FillData>()->elements;
  const T value = *ctx.input<T>(1);
  T* out = ctx.output<T>(0);
  for (int32_t i = 0; i < n; ++i) out[i] = value;
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {TINYRT_ELEMENT_SIZE_VARIANTS(Eval)};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView dims = ctx.input(0);
  const TensorView value = ctx.input(1);
  const TensorView output = ctx.output(0);
  TINYRT_RETURN_IF_ERROR(CheckCopyTypes(ctx, value, output, "value"));
  TINYRT_PREPARE_CHECK(ctx, value.elements() == 1,
                       "value must be a scalar, has " << static_cast<uint64_t>(value.elements()) << " elements");
  TINYRT_RETURN_IF_ERROR(RequireConstantIndices(ctx, dims, "dims"));
  TINYRT_PREPARE_CHECK(ctx, dims.rank() == 1 && dims.elements() <= 8, "dims must be a vector of at most 8 values");
  int32_t want[8] = {};
  for (size_t i = 0; i < dims.elements(); ++i) {
    const int64_t v = IndexAt(dims, i);
    TINYRT_PREPARE_CHECK(ctx, v >= 0 && v <= INT32_MAX, "dims[" << static_cast<int32_t>(i) << "] is " << v);
    want[i] = static_cast<int32_t>(v);
  }
  TINYRT_RETURN_IF_ERROR(CheckOutputShape(ctx, output, want, static_cast<int>(dims.elements())));
  auto* data = ctx.AllocateOpData<FillData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->elements = static_cast<int32_t>(output.elements());
  ctx.SelectVariant(ElementSizeVariant(output.type()));
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_FILL = {Prepare, kVariants, 4, 3};

}  // namespace kernels
}  // namespace tinyrt
