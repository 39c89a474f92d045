// SPDX-License-Identifier: Apache-2.0
// GATHER_ND: for each index vector in indices[..., nd] (int32/int64), the slice
// params[i0, ..., i(nd-1), ...]: output shape indices[:-1] + params[nd:]. Any copyable type
// (TFLM: float32, int8). Constant indices are range-checked in Prepare, others as they are read.
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr int kMaxRank = 8;

struct GatherNdData {
  int32_t slices;      // index vectors
  int32_t nd;          // values per index vector
  int32_t slice_size;  // elements per gathered slice
  int32_t indices_int64;
  int32_t check_range;
  int32_t dims[kMaxRank] = {};  // params' first nd dimensions
  int32_t strides[kMaxRank];    // in elements
};

template <typename T>
Status Eval(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<GatherNdData>();
  const T* params = ctx.input<T>(0);
  const int32_t* idx32 = ctx.input<int32_t>(1);
  const int64_t* idx64 = ctx.input<int64_t>(1);
  T* out = ctx.output<T>(0);
  for (int32_t s = 0; s < d.slices; ++s) {
    size_t offset = 0;
    for (int32_t k = 0; k < d.nd; ++k) {
      const size_t at = static_cast<size_t>(s) * static_cast<size_t>(d.nd) + static_cast<size_t>(k);
      const int64_t v = d.indices_int64 ? idx64[at] : idx32[at];
      if (d.check_range && (v < 0 || v >= d.dims[k]))
        return Status(StatusCode::kInvalidArgument, TINYRT_MSG("gather_nd index out of range"));
      offset += static_cast<size_t>(v) * static_cast<size_t>(d.strides[k]);
    }
    memmove(out, params + offset, sizeof(T) * static_cast<size_t>(d.slice_size));
    out += d.slice_size;
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {TINYRT_ELEMENT_SIZE_VARIANTS(Eval)};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView params = ctx.input(0);
  const TensorView indices = ctx.input(1);
  const TensorView output = ctx.output(0);
  TINYRT_RETURN_IF_ERROR(CheckCopyTypes(ctx, params, output, "params"));
  TINYRT_RETURN_IF_ERROR(RequireIndexType(ctx, indices, "indices"));
  TINYRT_PREPARE_CHECK(ctx, indices.rank() >= 1, "indices must have rank 1 or more");
  const int rank = params.rank();
  const int nd = indices.dim(indices.rank() - 1);
  TINYRT_PREPARE_CHECK(ctx, nd >= 1 && nd <= rank && rank <= kMaxRank,
                       "index vectors of " << nd << " values do not fit params of rank " << rank << " (at most " << kMaxRank << ")");
  const int out_rank = indices.rank() - 1 + rank - nd;
  TINYRT_PREPARE_CHECK(ctx, out_rank <= kMaxRank, "output rank " << out_rank << " is above " << kMaxRank);
  int32_t dims[kMaxRank] = {};
  int n = 0;
  for (int i = 0; i + 1 < indices.rank(); ++i) dims[n++] = indices.dim(i);
  for (int i = nd; i < rank; ++i) dims[n++] = params.dim(i);
  TINYRT_RETURN_IF_ERROR(CheckOutputShape(ctx, output, dims, out_rank));
  auto* data = ctx.AllocateOpData<GatherNdData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->nd = nd;
  data->slices = DimProduct(indices, 0, indices.rank() - 1);
  data->slice_size = DimProduct(params, nd, rank);
  int32_t stride = data->slice_size;
  for (int k = nd - 1; k >= 0; --k) {
    data->dims[k] = params.dim(k);
    data->strides[k] = stride;
    stride *= params.dim(k);
  }
  data->indices_int64 = indices.type() == TensorType::kInt64 ? 1 : 0;
  data->check_range = IsConstant(indices) ? 0 : 1;
  if (!data->check_range) {
    for (size_t i = 0; i < indices.elements(); ++i) {
      const int64_t v = IndexAt(indices, i);
      const int32_t dim = params.dim(static_cast<int>(i % static_cast<size_t>(nd)));
      TINYRT_PREPARE_CHECK(ctx, v >= 0 && v < dim, "index " << v << " is out of range [0, " << dim << ")");
    }
  }
  ctx.SelectVariant(ElementSizeVariant(params.type()));
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_GATHER_ND = {Prepare, kVariants, 4, 5};

}  // namespace kernels
}  // namespace tinyrt
