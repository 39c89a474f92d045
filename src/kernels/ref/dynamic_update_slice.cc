// SPDX-License-Identifier: Apache-2.0
// DYNAMIC_UPDATE_SLICE: the operand with `update` written at `start` (an int32/int64 vector read
// at run time, each index clamped to [0, dim - update_dim] as TFLite does). Up to 6-D.
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

struct DynamicUpdateSliceData {
  CopyPlan plan;  // update -> output, dst_offset set per Eval
  int32_t rank;
  int32_t start_is_int64;
  int32_t operand_elements;
  int32_t limit[kCopyDims];        // dim - update_dim per operand dimension
  int32_t out_strides[kCopyDims];  // per operand dimension
};

template <typename T>
Status Eval(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<DynamicUpdateSliceData>();
  const T* operand = ctx.input<T>(0);
  T* out = ctx.output<T>(0);
  if (operand != out) memcpy(out, operand, sizeof(T) * static_cast<size_t>(d.operand_elements));
  CopyPlan plan = d.plan;
  for (int32_t i = 0; i < d.rank; ++i) {
    int64_t s = d.start_is_int64 ? ctx.input<int64_t>(2)[i] : ctx.input<int32_t>(2)[i];
    s = s < 0 ? 0 : (s > d.limit[i] ? d.limit[i] : s);
    plan.dst_offset += static_cast<int32_t>(s) * d.out_strides[i];
  }
  RunCopy(plan, ctx.input<T>(1), out);
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {TINYRT_ELEMENT_SIZE_VARIANTS(Eval)};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 3, 1));
  const TensorView operand = ctx.input(0);
  const TensorView update = ctx.input(1);
  const TensorView start = ctx.input(2);
  const TensorView output = ctx.output(0);
  TINYRT_RETURN_IF_ERROR(CheckCopyTypes(ctx, operand, output, "operand"));
  TINYRT_RETURN_IF_ERROR(CheckCopyTypes(ctx, update, output, "update"));
  TINYRT_PREPARE_CHECK(ctx, SameShape(operand, output), "output shape differs from the operand shape");
  const int rank = operand.rank();
  TINYRT_PREPARE_CHECK(ctx, rank <= kCopyDims, "operand rank " << rank << " is above " << kCopyDims);
  TINYRT_PREPARE_CHECK(ctx, update.rank() == rank, "update has rank " << update.rank() << ", operand " << rank);
  TINYRT_PREPARE_CHECK(ctx, start.type() == TensorType::kInt32 || start.type() == TensorType::kInt64,
                       "start_indices type " << TensorTypeName(start.type()) << " is not supported (int32, int64)");
  TINYRT_PREPARE_CHECK(ctx, start.elements() == static_cast<size_t>(rank), "start_indices must hold " << rank << " values");
  auto* data = ctx.AllocateOpData<DynamicUpdateSliceData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  int32_t dims[kCopyDims] = {};
  int32_t stride = 1;
  for (int i = rank - 1; i >= 0; --i) {
    TINYRT_PREPARE_CHECK(ctx, update.dim(i) <= operand.dim(i), "update dimension " << i << " is larger than the operand's");
    dims[i] = update.dim(i);
    data->limit[i] = operand.dim(i) - update.dim(i);
    data->out_strides[i] = stride;
    stride *= operand.dim(i);
  }
  InitCopyPlan(&data->plan, dims, rank);
  for (int i = 0; i < rank; ++i) data->plan.dst_strides[kCopyDims - rank + i] = data->out_strides[i];
  data->rank = rank;
  data->start_is_int64 = start.type() == TensorType::kInt64 ? 1 : 0;
  data->operand_elements = static_cast<int32_t>(operand.elements());
  ctx.SelectVariant(ElementSizeVariant(operand.type()));
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_DYNAMIC_UPDATE_SLICE = {Prepare, kVariants, 4, 1};

}  // namespace kernels
}  // namespace tinyrt
