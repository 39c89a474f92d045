// SPDX-License-Identifier: Apache-2.0
// LOGICAL_OR: a || b per element with broadcasting (bool).
#include "src/kernels/elementwise.h"

namespace tinyrt {
namespace kernels {
namespace {

bool Or(bool a, bool b) { return a || b; }
constexpr EvalVariant kVariants[] = {{elementwise::EvalBinary<bool, Or>, "reference bool"}};

}  // namespace

const OpKernel kOp_LOGICAL_OR = {elementwise::PrepareLogicalBinary, kVariants, 1, 1};

}  // namespace kernels
}  // namespace tinyrt
