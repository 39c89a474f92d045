// SPDX-License-Identifier: Apache-2.0
// SQUEEZE: the input's bytes without the size-1 dimensions listed in squeeze_dims (negative
// counts from the end; every size-1 dimension when the list is empty). Any copyable type.
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr int kMaxRank = 8;

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 1));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  TINYRT_RETURN_IF_ERROR(CheckCopyTypes(ctx, input, output));
  const int rank = input.rank();
  TINYRT_PREPARE_CHECK(ctx, rank <= kMaxRank, "input rank " << rank << " is above " << kMaxRank);
  const auto* options = ctx.options<tflite::SqueezeOptions>(tflite::BuiltinOptions_SqueezeOptions);
  const auto* list = options != nullptr ? options->squeeze_dims() : nullptr;
  bool drop[kMaxRank] = {};
  if (list == nullptr || list->size() == 0) {
    for (int i = 0; i < rank; ++i) drop[i] = input.dim(i) == 1;
  } else {
    for (uint32_t k = 0; k < list->size(); ++k) {
      int a = 0;
      TINYRT_PREPARE_CHECK(ctx, ResolveAxis(list->Get(k), rank, &a),
                           "squeeze dimension " << list->Get(k) << " is out of range for rank " << rank);
      TINYRT_PREPARE_CHECK(ctx, input.dim(a) == 1, "dimension " << a << " has size " << input.dim(a) << ", not 1");
      drop[a] = true;
    }
  }
  int32_t dims[kMaxRank] = {};
  int out_rank = 0;
  for (int i = 0; i < rank; ++i) {
    if (!drop[i]) dims[out_rank++] = input.dim(i);
  }
  TINYRT_RETURN_IF_ERROR(CheckOutputShape(ctx, output, dims, out_rank));
  return PrepareByteCopy(ctx, input);
}

constexpr EvalVariant kVariants[] = {{EvalByteCopy, "reference"}};

}  // namespace

const OpKernel kOp_SQUEEZE = {Prepare, kVariants, 1, 1};

}  // namespace kernels
}  // namespace tinyrt
