// SPDX-License-Identifier: Apache-2.0
// NOT_EQUAL: a != b per element with broadcasting, bool output (see src/kernels/comparisons.h).
#include "src/kernels/comparisons.h"

namespace tinyrt {
namespace kernels {

const OpKernel kOp_NOT_EQUAL = {compare::Prepare, compare::kVariants<compare::NotEqual>, compare::kNumVariants, 4};

}  // namespace kernels
}  // namespace tinyrt
