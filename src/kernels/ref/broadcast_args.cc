// SPDX-License-Identifier: Apache-2.0
// BROADCAST_ARGS: the numpy broadcast of two shapes (constant int32/int64 vectors, of the
// output's type), computed in Prepare and written by Eval.
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr EvalVariant kVariants[] = {{EvalVector<int32_t>, "reference int32"}, {EvalVector<int64_t>, "reference int64"}};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView a = ctx.input(0);
  const TensorView b = ctx.input(1);
  const TensorType type = ctx.output(0).type();
  TINYRT_RETURN_IF_ERROR(RequireConstantIndices(ctx, a, "shape 0"));
  TINYRT_RETURN_IF_ERROR(RequireConstantIndices(ctx, b, "shape 1"));
  TINYRT_PREPARE_CHECK(ctx, a.type() == type && b.type() == type, "both shapes must have the output's type " << TensorTypeName(type));
  const int rank_a = static_cast<int>(a.elements());
  const int rank_b = static_cast<int>(b.elements());
  const int rank = rank_a > rank_b ? rank_a : rank_b;
  TINYRT_PREPARE_CHECK(ctx, a.rank() <= 1 && b.rank() <= 1 && rank <= kMaxVectorValues,
                       "shapes must be vectors of at most " << kMaxVectorValues << " values");
  TINYRT_RETURN_IF_ERROR(PrepareVectorOutput(ctx, rank));
  auto* data = ctx.AllocateOpData<VectorData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->size = rank;
  for (int i = 0; i < rank; ++i) {
    // Right-aligned; a missing leading dimension counts as 1.
    const int64_t da = i - (rank - rank_a) < 0 ? 1 : IndexAt(a, static_cast<size_t>(i - (rank - rank_a)));
    const int64_t db = i - (rank - rank_b) < 0 ? 1 : IndexAt(b, static_cast<size_t>(i - (rank - rank_b)));
    TINYRT_PREPARE_CHECK(ctx, da >= 0 && db >= 0 && da <= INT32_MAX && db <= INT32_MAX, "shapes hold a negative or too large dimension");
    TINYRT_PREPARE_CHECK(ctx, da == db || da == 1 || db == 1, "shapes do not broadcast: dimension " << da << " against " << db);
    data->values[i] = static_cast<int32_t>(da == 1 ? db : da);
  }
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_BROADCAST_ARGS = {Prepare, kVariants, 2, 1};

}  // namespace kernels
}  // namespace tinyrt
