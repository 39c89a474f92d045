// SPDX-License-Identifier: Apache-2.0
// Optimized int8 ADD on Cortex-M55 Helium: opt/add_operands.h's three rescalings on four int32
// lanes (VQRDMULH, then the division by 2^e), tail-predicated, so no scalar remainder.
#include "src/kernels/opt/add_operands.h"
#include "src/kernels/opt/isa.h"
#include "src/kernels/opt/variants.h"

#if defined(TINYRT_ISA_MVE)

namespace tinyrt {
namespace kernels {
namespace {

inline int32x4_t ScaleDownVec(int32x4_t x, int32_t m, int32_t e) {
  const int32x4_t t = vqrdmulhq_n_s32(x, m);
  if (e == 0) return t;
  const int32x4_t v = vshlq_r_s32(vaddq_s32(t, vshrq_n_s32(t, 31)), 1 - e);  // >> (e - 1)
  return vsubq_s32(v, vshrq_n_s32(v, 1));
}

}  // namespace

Status EvalAddInt8Mve(const EvalContext& ctx) {
  if (!TINYRT_OPT_KERNELS) return Status::Ok();  // never selected; the code below compiles out
  const opt::AddEvalOperands op = opt::MakeAddEvalOperands(ctx);
  const AddData& d = op.d;
  const int32_t left = d.left_shift;
  for (int32_t i = 0; i < d.elements; i += 4) {
    const mve_pred16_t p = vctp32q(static_cast<uint32_t>(d.elements - i));
    const int32x4_t a = vshlq_r_s32(vaddq_n_s32(vldrbq_z_s32(op.input1 + i, p), d.input1_offset), left);
    const int32x4_t b = vshlq_r_s32(vaddq_n_s32(vldrbq_z_s32(op.input2 + i, p), d.input2_offset), left);
    const int32x4_t sum = vaddq_s32(ScaleDownVec(a, d.input1_multiplier, op.e1), ScaleDownVec(b, d.input2_multiplier, op.e2));
    int32x4_t v = vaddq_n_s32(ScaleDownVec(sum, d.output_multiplier, op.eo), d.output_offset);
    v = vminq_s32(vmaxq_s32(v, vdupq_n_s32(d.act_min)), vdupq_n_s32(d.act_max));
    vstrbq_p_s32(op.output + i, v, p);
  }
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt

#endif  // TINYRT_ISA_MVE
