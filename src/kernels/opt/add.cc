// SPDX-License-Identifier: Apache-2.0
// Optimized int8 ADD of two tensors of the same shape, portable variant and the predicate every
// instruction set's variant shares (opt/variants.h): the element-wise form of
// opt/add_operands.h, which compilers vectorize. Broadcasting runs the reference variant.
// Element-wise, so it runs in place (output over an input) like the reference. The other
// instruction sets: opt/dsp_add.cc, opt/mve_add.cc, opt/x86_avx2_add.cc.
#include "src/kernels/opt/add_operands.h"
#include "src/kernels/opt/variants.h"

namespace tinyrt {
namespace kernels {

ReferenceReason AddInt8Supports(const AddShapes& shapes) {
  return shapes.same_shape ? ReferenceReason::kNone : ReferenceReason::kBroadcast;
}

#if defined(TINYRT_ISA_PORTABLE)
Status EvalAddInt8Portable(const EvalContext& ctx) {
  if (!TINYRT_OPT_KERNELS) return Status::Ok();  // never selected; the code below compiles out
  opt::AddElements(opt::MakeAddEvalOperands(ctx), 0);
  return Status::Ok();
}
#endif

}  // namespace kernels
}  // namespace tinyrt
