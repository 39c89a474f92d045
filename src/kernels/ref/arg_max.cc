// SPDX-License-Identifier: Apache-2.0
// ARG_MAX: the index of the first maximum along a constant axis; see PrepareArg in reduce.h.
#include "src/kernels/reduce.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr EvalVariant kVariants[] = {TINYRT_ARG_VARIANTS(true)};

Status Prepare(PrepareContext& ctx) {
  const auto* options = ctx.options<tflite::ArgMaxOptions>(tflite::BuiltinOptions_ArgMaxOptions);
  return PrepareArg(ctx, options != nullptr ? static_cast<int>(options->output_type()) : -1);
}

}  // namespace

const OpKernel kOp_ARG_MAX = {Prepare, kVariants, 8, 2};

}  // namespace kernels
}  // namespace tinyrt
