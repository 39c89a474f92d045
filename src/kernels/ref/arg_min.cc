// SPDX-License-Identifier: Apache-2.0
// ARG_MIN: the index of the first minimum along a constant axis; see PrepareArg in reduce.h.
#include "src/kernels/reduce.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr EvalVariant kVariants[] = {TINYRT_ARG_VARIANTS(false)};

Status Prepare(PrepareContext& ctx) {
  const auto* options = ctx.options<tflite::ArgMinOptions>(tflite::BuiltinOptions_ArgMinOptions);
  return PrepareArg(ctx, options != nullptr ? static_cast<int>(options->output_type()) : -1);
}

}  // namespace

const OpKernel kOp_ARG_MIN = {Prepare, kVariants, 8, 2};

}  // namespace kernels
}  // namespace tinyrt
