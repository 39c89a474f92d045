// SPDX-License-Identifier: Apache-2.0
// Test hook for optional scratch (PrepareContext::RequestOptionalScratch). By default the planner
// drops an optimized variant's scratch that would make the plan larger than the peak live
// activations, and the node runs its reference variant (planning.cc). Tests that compare the
// optimized variants with the reference on small random models (tests/kernels/
// int8_equivalence_test.cc, tests/target/equivalence_main.cc) keep every such buffer instead, so
// the optimized variants run. Process-wide, off by default; set it before AllocateTensors, not
// while another thread allocates.
#pragma once

namespace tinyrt {
namespace internal {

void SetKeepOptionalScratch(bool keep);
bool KeepOptionalScratch();

}  // namespace internal
}  // namespace tinyrt
