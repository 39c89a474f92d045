// SPDX-License-Identifier: Apache-2.0
// GATHER: params' slices along `axis` picked by int32/int64 indices, with `batch_dims` leading
// dimensions shared by params and indices: output shape params[:axis] + indices[batch_dims:] +
// params[axis+1:]. Any copyable type (TFLM: float32, int8).
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr EvalVariant kVariants[] = {TINYRT_ELEMENT_SIZE_VARIANTS(EvalGather)};

constexpr int kMaxRank = 8;

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView params = ctx.input(0);
  const TensorView indices = ctx.input(1);
  const TensorView output = ctx.output(0);
  TINYRT_RETURN_IF_ERROR(CheckCopyTypes(ctx, params, output, "params"));
  TINYRT_RETURN_IF_ERROR(RequireIndexType(ctx, indices, "indices"));
  const auto* options = ctx.options<tflite::GatherOptions>(tflite::BuiltinOptions_GatherOptions);
  const int rank = params.rank();
  int axis = 0;
  const int32_t axis_option = options != nullptr ? options->axis() : 0;
  TINYRT_PREPARE_CHECK(ctx, ResolveAxis(axis_option, rank, &axis), "axis " << axis_option << " is out of range for rank " << rank);
  int batch_dims = options != nullptr ? options->batch_dims() : 0;
  if (batch_dims < 0) batch_dims += indices.rank();
  TINYRT_PREPARE_CHECK(ctx, batch_dims >= 0 && batch_dims <= axis && batch_dims <= indices.rank(),
                       "batch_dims " << (options != nullptr ? options->batch_dims() : 0) << " is out of range");
  for (int i = 0; i < batch_dims; ++i) {
    TINYRT_PREPARE_CHECK(ctx, params.dim(i) == indices.dim(i), "params and indices differ in batch dimension " << i);
  }
  const int out_rank = rank - 1 + indices.rank() - batch_dims;
  TINYRT_PREPARE_CHECK(ctx, out_rank <= kMaxRank, "output rank " << out_rank << " is above " << kMaxRank);
  int32_t dims[kMaxRank] = {};
  int n = 0;
  for (int i = 0; i < axis; ++i) dims[n++] = params.dim(i);
  for (int i = batch_dims; i < indices.rank(); ++i) dims[n++] = indices.dim(i);
  for (int i = axis + 1; i < rank; ++i) dims[n++] = params.dim(i);
  TINYRT_RETURN_IF_ERROR(CheckOutputShape(ctx, output, dims, out_rank));
  auto* data = ctx.AllocateOpData<GatherData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->batch = DimProduct(params, 0, batch_dims);
  data->outer = DimProduct(params, batch_dims, axis);
  data->axis_size = params.dim(axis);
  data->inner = DimProduct(params, axis + 1, rank);
  data->coords = DimProduct(indices, batch_dims, indices.rank());
  data->params_input = 0;
  data->indices_input = 1;
  TINYRT_RETURN_IF_ERROR(CheckConstantIndices(ctx, indices, data->axis_size, data));
  ctx.SelectVariant(ElementSizeVariant(params.type()));
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_GATHER = {Prepare, kVariants, 4, 5};

}  // namespace kernels
}  // namespace tinyrt
