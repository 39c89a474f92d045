// SPDX-License-Identifier: Apache-2.0
// LOGICAL_AND: a && b per element with broadcasting (bool).
#include "src/kernels/elementwise.h"

namespace tinyrt {
namespace kernels {
namespace {

bool And(bool a, bool b) { return a && b; }
constexpr EvalVariant kVariants[] = {{elementwise::EvalBinary<bool, And>, "reference bool"}};

}  // namespace

const OpKernel kOp_LOGICAL_AND = {elementwise::PrepareLogicalBinary, kVariants, 1, 1};

}  // namespace kernels
}  // namespace tinyrt
