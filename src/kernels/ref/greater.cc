// SPDX-License-Identifier: Apache-2.0
// GREATER: a > b per element with broadcasting, bool output (see src/kernels/comparisons.h).
#include "src/kernels/comparisons.h"

namespace tinyrt {
namespace kernels {

const OpKernel kOp_GREATER = {compare::Prepare, compare::kVariants<compare::Greater>, compare::kNumVariants, 4};

}  // namespace kernels
}  // namespace tinyrt
