// SPDX-License-Identifier: Apache-2.0
// Optimized int8 FULLY_CONNECTED, portable variant and the predicate every instruction set's
// variant shares (opt/variants.h): the GEMM of src/kernels/opt/gemm.cc with the input rows as
// columns (two batches at a time), no scratch. Filters with a non-zero zero point run the
// reference variant.
#include "src/kernels/opt/fully_connected_operands.h"
#include "src/kernels/opt/variants.h"

namespace tinyrt {
namespace kernels {

ReferenceReason FullyConnectedInt8Supports(const FullyConnectedData& data) {
  return data.filter_offset != 0 ? ReferenceReason::kFilterZeroPoint : ReferenceReason::kNone;
}

#if defined(TINYRT_ISA_PORTABLE)
Status EvalFullyConnectedInt8Portable(const EvalContext& ctx) {
  if (!TINYRT_OPT_KERNELS) return Status::Ok();  // never selected; the code below compiles out
  opt::FullyConnectedByPairs(opt::MakeFullyConnectedOperands(ctx), opt::GemmColumns);
  return Status::Ok();
}
#endif

}  // namespace kernels
}  // namespace tinyrt
