// EMBEDDING_LOOKUP: rows of `value` (input 1) picked by int32/int64 ids (input 0): output shape
// [ids, value[1:]]. Same-type copies only (TFLM's hybrid int8 -> float32 form is not supported).
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr EvalVariant kVariants[] = {TINYRT_ELEMENT_SIZE_VARIANTS(EvalGather)};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView ids = ctx.input(0);
  const TensorView value = ctx.input(1);
  const TensorView output = ctx.output(0);
  if (value.type() == TensorType::kInt8 && output.type() == TensorType::kFloat32) {
    return ctx.Fail(StatusCode::kUnsupported) << "hybrid lookups (int8 value, float32 output) are not supported";
  }
  TINYRT_RETURN_IF_ERROR(CheckCopyTypes(ctx, value, output, "value"));
  TINYRT_RETURN_IF_ERROR(RequireIndexType(ctx, ids, "ids"));
  TINYRT_PREPARE_CHECK(ctx, ids.rank() == 1, "ids must be 1-D, has rank " << ids.rank());
  const int rank = value.rank();
  TINYRT_PREPARE_CHECK(ctx, rank >= 1 && rank <= 8, "value rank " << rank << " is not supported (1 to 8)");
  int32_t dims[8] = {};
  dims[0] = ids.dim(0);
  for (int i = 1; i < rank; ++i) dims[i] = value.dim(i);
  TINYRT_RETURN_IF_ERROR(CheckOutputShape(ctx, output, dims, rank));
  auto* data = ctx.AllocateOpData<GatherData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->batch = 1;
  data->outer = 1;
  data->axis_size = value.dim(0);
  data->inner = DimProduct(value, 1, rank);
  data->coords = ids.dim(0);
  data->params_input = 1;
  data->indices_input = 0;
  TINYRT_RETURN_IF_ERROR(CheckConstantIndices(ctx, ids, data->axis_size, data));
  ctx.SelectVariant(ElementSizeVariant(value.type()));
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_EMBEDDING_LOOKUP = {Prepare, kVariants, 4, 1};

}  // namespace kernels
}  // namespace tinyrt
