// SPDX-License-Identifier: Apache-2.0
// EMBEDDING_LOOKUP: rows of `value` (input 1) picked by int32/int64 ids (input 0): output shape
// [ids, value[1:]]. Same-type copies of any copyable type, and TFLM's hybrid form: int8 value
// (zero point 0) dequantized into a float32 output, scale * q.
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

struct EmbeddingData {
  GatherData gather;  // first: EvalGather reads the op data as GatherData
  float scale;        // hybrid: the value's scale
};

Status EvalHybrid(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<EmbeddingData>();
  const GatherData& g = d.gather;
  const int8_t* value = ctx.input<int8_t>(1);
  const int32_t* ids32 = ctx.input<int32_t>(0);
  const int64_t* ids64 = ctx.input<int64_t>(0);
  float* out = ctx.output<float>(0);
  for (int32_t c = 0; c < g.coords; ++c) {
    const int64_t id = g.indices_int64 ? ids64[c] : ids32[c];
    if (g.check_range && (id < 0 || id >= g.axis_size))
      return Status(StatusCode::kInvalidArgument, TINYRT_MSG("embedding id out of range"));
    const int8_t* row = value + static_cast<size_t>(id) * static_cast<size_t>(g.inner);
    for (int32_t k = 0; k < g.inner; ++k) out[k] = d.scale * static_cast<float>(row[k]);
    out += g.inner;
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {TINYRT_ELEMENT_SIZE_VARIANTS(EvalGather), {EvalHybrid, "reference int8->float32 (hybrid)"}};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView ids = ctx.input(0);
  const TensorView value = ctx.input(1);
  const TensorView output = ctx.output(0);
  const bool hybrid = value.type() == TensorType::kInt8 && output.type() == TensorType::kFloat32;
  if (hybrid) {
    TINYRT_PREPARE_CHECK(ctx, HasScale(value) && value.num_scales() == 1 && value.zero_point() == 0,
                         "a hybrid lookup needs an int8 value with one scale and zero point 0");
  } else {
    TINYRT_RETURN_IF_ERROR(CheckCopyTypes(ctx, value, output, "value"));
  }
  TINYRT_RETURN_IF_ERROR(RequireIndexType(ctx, ids, "ids"));
  TINYRT_PREPARE_CHECK(ctx, ids.rank() == 1, "ids must be 1-D, has rank " << ids.rank());
  const int rank = value.rank();
  TINYRT_PREPARE_CHECK(ctx, rank >= 1 && rank <= 8, "value rank " << rank << " is not supported (1 to 8)");
  int32_t dims[8] = {};
  dims[0] = ids.dim(0);
  for (int i = 1; i < rank; ++i) dims[i] = value.dim(i);
  TINYRT_RETURN_IF_ERROR(CheckOutputShape(ctx, output, dims, rank));
  auto* embedding = ctx.AllocateOpData<EmbeddingData>();
  if (embedding == nullptr) return ctx.ArenaExhausted();
  GatherData* data = &embedding->gather;
  data->batch = 1;
  data->outer = 1;
  data->axis_size = value.dim(0);
  data->inner = DimProduct(value, 1, rank);
  data->coords = ids.dim(0);
  data->params_input = 1;
  data->indices_input = 0;
  TINYRT_RETURN_IF_ERROR(CheckConstantIndices(ctx, ids, data->axis_size, data));
  if (hybrid) embedding->scale = value.scale();
  ctx.SelectVariant(hybrid ? 4 : ElementSizeVariant(value.type()));
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_EMBEDDING_LOOKUP = {Prepare, kVariants, 5, 1};

}  // namespace kernels
}  // namespace tinyrt
