// SPDX-License-Identifier: Apache-2.0
// GREATER_EQUAL: a >= b per element with broadcasting, bool output (see src/kernels/comparisons.h).
#include "src/kernels/comparisons.h"

namespace tinyrt {
namespace kernels {

const OpKernel kOp_GREATER_EQUAL = {compare::Prepare, compare::kVariants<compare::GreaterEqual>, compare::kNumVariants, 4};

}  // namespace kernels
}  // namespace tinyrt
