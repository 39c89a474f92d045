// Optimized int8 ADD of two tensors of the same shape (TFLM's quantized add: inputs centred and
// scaled up by 2^20, rescaled to a common scale, summed, rescaled to the output), bit for bit as
// the reference: the same three fixed-point multiplications, each as floor((a*m + 2^30) / 2^31)
// followed by the half-away-from-zero division by 2^e, straight-line (ADD's shifts are all <= 0).
// Helium does four elements per vector. Broadcasting runs the reference variant. Element-wise, so
// it runs in place (output over an input) like the reference.
#include "src/kernels/op_data.h"
#include "src/kernels/opt/isa.h"
#include "src/kernels/opt/x86_avx2.h"

namespace tinyrt {
namespace kernels {
namespace {

// MultiplyByQuantizedMultiplier(x, m, -e) for m >= 0 and e in [0, 31].
inline int32_t ScaleDown(int32_t x, int32_t m, int32_t e) {
  const int32_t t = static_cast<int32_t>((static_cast<int64_t>(x) * m + (static_cast<int64_t>(1) << 30)) >> 31);
  if (e == 0) return t;
  const int32_t u = (t + (t >> 31)) >> (e - 1);
  return u - (u >> 1);
}

#if defined(TINYRT_ISA_MVE)
inline int32x4_t ScaleDownVec(int32x4_t x, int32_t m, int32_t e) {
  const int32x4_t t = vqrdmulhq_n_s32(x, m);
  if (e == 0) return t;
  const int32x4_t v = vshlq_r_s32(vaddq_s32(t, vshrq_n_s32(t, 31)), 1 - e);  // >> (e - 1)
  return vsubq_s32(v, vshrq_n_s32(v, 1));
}
#endif

int32_t RightShift(int32_t shift) { return shift < -31 ? 31 : -shift; }

}  // namespace

Status SelectAddVariant(PrepareContext& ctx, bool same_shape, uint8_t reference, uint8_t optimized, uint8_t* selected) {
  *selected = reference;
  if (!TINYRT_OPT_KERNELS) {
    ctx.SetReferenceReason(ReferenceReason::kNotBuilt);
    return Status::Ok();
  }
  if (ctx.reference_kernels_only()) {
    ctx.SetReferenceReason(ReferenceReason::kForced);
    return Status::Ok();
  }
  if (!same_shape) {
    ctx.SetReferenceReason(ReferenceReason::kBroadcast);
    return Status::Ok();
  }
  ctx.SetReferenceReason(ReferenceReason::kNone);
  *selected = optimized;
#if defined(TINYRT_ISA_X86_AVX2)
  if (X86Avx2Enabled()) *selected = optimized + kX86Avx2VariantStep;  // x86_avx2_add.cc, when the CPU has AVX2
#endif
  return Status::Ok();
}

Status EvalAddInt8Opt(const EvalContext& ctx) {
  if (!TINYRT_OPT_KERNELS) return Status::Ok();  // never selected; the code below compiles out
  const AddData d = *ctx.op_data<AddData>();  // a copy: output stores could alias the op data
  const int8_t* input1 = ctx.input<int8_t>(0);
  const int8_t* input2 = ctx.input<int8_t>(1);
  int8_t* output = ctx.output<int8_t>(0);
  const int32_t e1 = RightShift(d.input1_shift), e2 = RightShift(d.input2_shift), eo = RightShift(d.output_shift);
  const int32_t left = d.left_shift;
  int32_t i = 0;
#if defined(TINYRT_ISA_MVE)
  for (; i < d.elements; i += 4) {
    const mve_pred16_t p = vctp32q(static_cast<uint32_t>(d.elements - i));
    const int32x4_t a = vshlq_r_s32(vaddq_n_s32(vldrbq_z_s32(input1 + i, p), d.input1_offset), left);
    const int32x4_t b = vshlq_r_s32(vaddq_n_s32(vldrbq_z_s32(input2 + i, p), d.input2_offset), left);
    const int32x4_t sum = vaddq_s32(ScaleDownVec(a, d.input1_multiplier, e1), ScaleDownVec(b, d.input2_multiplier, e2));
    int32x4_t v = vaddq_n_s32(ScaleDownVec(sum, d.output_multiplier, eo), d.output_offset);
    v = vminq_s32(vmaxq_s32(v, vdupq_n_s32(d.act_min)), vdupq_n_s32(d.act_max));
    vstrbq_p_s32(output + i, v, p);
  }
#else
  for (; i < d.elements; ++i) {
    // (x + offset) << 20 stays below 2^28: no overflow.
    const int32_t a = ScaleDown((input1[i] + d.input1_offset) * (1 << left), d.input1_multiplier, e1);
    const int32_t b = ScaleDown((input2[i] + d.input2_offset) * (1 << left), d.input2_multiplier, e2);
    int32_t v = ScaleDown(a + b, d.output_multiplier, eo) + d.output_offset;
    v = v < d.act_min ? d.act_min : v;
    v = v > d.act_max ? d.act_max : v;
    output[i] = static_cast<int8_t>(v);
  }
#endif
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt
