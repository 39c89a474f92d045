// SPDX-License-Identifier: Apache-2.0
// SHAPE: the input's (static) dimensions as an int32 or int64 vector (options out_type).
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr EvalVariant kVariants[] = {{EvalVector<int32_t>, "reference int32"}, {EvalVector<int64_t>, "reference int64"}};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 1));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  const int rank = input.rank();
  TINYRT_PREPARE_CHECK(ctx, rank <= kMaxVectorValues, "input rank " << rank << " is above " << kMaxVectorValues);
  TINYRT_RETURN_IF_ERROR(PrepareVectorOutput(ctx, rank));
  const auto* options = ctx.options<tflite::ShapeOptions>(tflite::BuiltinOptions_ShapeOptions);
  if (options != nullptr) {
    TINYRT_PREPARE_CHECK(ctx, static_cast<TensorType>(options->out_type()) == output.type(),
                         "out_type " << TensorTypeName(static_cast<TensorType>(options->out_type())) << " differs from the output type "
                                     << TensorTypeName(output.type()));
  }
  auto* data = ctx.AllocateOpData<VectorData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->size = rank;
  for (int i = 0; i < rank; ++i) data->values[i] = input.dim(i);
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_SHAPE = {Prepare, kVariants, 2, 1};

}  // namespace kernels
}  // namespace tinyrt
