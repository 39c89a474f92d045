// SPDX-License-Identifier: Apache-2.0
// LOGICAL_NOT: !x per element (bool).
#include "src/kernels/elementwise.h"

namespace tinyrt {
namespace kernels {
namespace {

bool Not(bool x) { return !x; }
constexpr TensorType kTypes[] = {TensorType::kBool};
constexpr EvalVariant kVariants[] = {{elementwise::EvalUnary<bool, Not>, "reference bool"}};
Status Prepare(PrepareContext& ctx) { return elementwise::PrepareUnary(ctx, kTypes, 1, "bool"); }

}  // namespace

const OpKernel kOp_LOGICAL_NOT = {Prepare, kVariants, 1, 1};

}  // namespace kernels
}  // namespace tinyrt
