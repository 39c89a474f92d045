// SPDX-License-Identifier: Apache-2.0
// Optimized int8 ADD of two tensors of the same shape (TFLM's quantized add: inputs centred and
// scaled up by 2^20, rescaled to a common scale, summed, rescaled to the output), bit for bit as
// the reference: the same three fixed-point multiplications, each as floor((a*m + 2^30) / 2^31)
// followed by the half-away-from-zero division by 2^e, straight-line (ADD's shifts are all <= 0).
// Helium does four elements per vector. Broadcasting runs the reference variant. Element-wise, so
// it runs in place (output over an input) like the reference.
#include "src/kernels/op_data.h"
#include "src/kernels/opt/dsp.h"
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

#if defined(TINYRT_ISA_DSP)
// ScaleDown for m in [2^30, 2^31) with SMMLAR (opt/dsp.h); kDivide: e > 0.
template <bool kDivide>
inline int32_t ScaleDownFast(int32_t x, int32_t doubled, int32_t e_minus_one) {
  const int32_t t = opt::Smmlar(x, doubled, x);
  if (!kDivide) return t;
  const int32_t u = (t + (t >> 31)) >> e_minus_one;
  return u - (u >> 1);
}

// Four elements per step: bytes split with SXTAB (offset added), results packed and clamped four at
// a time. Whether each input's rescaling divides is a template parameter (the larger input's scale
// is exactly half the common one: no division).
template <bool kDivide1, bool kDivide2>
void AddFourAtATime(const int8_t* input1, const int8_t* input2, int8_t* output, int32_t n, const AddData& d, int32_t e1, int32_t e2,
                    int32_t eo) {
  const int32_t m1 = static_cast<int32_t>(static_cast<uint32_t>(d.input1_multiplier) << 1), s1 = e1 - 1;
  const int32_t m2 = static_cast<int32_t>(static_cast<uint32_t>(d.input2_multiplier) << 1), s2 = e2 - 1;
  const int32_t mo = static_cast<int32_t>(static_cast<uint32_t>(d.output_multiplier) << 1), so = eo - 1;
  const int32_t off1 = d.input1_offset, off2 = d.input2_offset, left = d.left_shift;
  const opt::Clamp4 clamp = opt::MakeClamp4(opt::Requant{d.output_offset, d.act_min, d.act_max});
  auto element = [&](int32_t x1, int32_t x2) {
    const int32_t a = ScaleDownFast<kDivide1>(x1 << left, m1, s1);
    const int32_t b = ScaleDownFast<kDivide2>(x2 << left, m2, s2);
    return ScaleDownFast<true>(a + b, mo, so);
  };
  for (int32_t i = 0; i + 4 <= n; i += 4) {
    const int32_t w1 = opt::Read32(input1 + i), w2 = opt::Read32(input2 + i);
    auto byte = [](int32_t w, int k) { return static_cast<int32_t>(static_cast<int8_t>(static_cast<uint32_t>(w) >> (8 * k))); };
    const uint32_t packed = opt::PackClamp4(element(byte(w1, 0) + off1, byte(w2, 0) + off2), element(byte(w1, 1) + off1, byte(w2, 1) + off2),
                                            element(byte(w1, 2) + off1, byte(w2, 2) + off2), element(byte(w1, 3) + off1, byte(w2, 3) + off2),
                                            clamp);
    memcpy(output + i, &packed, 4);
  }
}
#endif

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
#if defined(TINYRT_ISA_DSP)
  // SMMLAR needs multipliers in [2^30, 2^31) (QuantizeMultiplierSmallerThanOneExp gives them for
  // every non-zero scale) and the output's division (e > 0).
  if (d.input1_multiplier >= (1 << 30) && d.input2_multiplier >= (1 << 30) && d.output_multiplier >= (1 << 30) && eo > 0) {
    const int32_t n = d.elements / 4 * 4;
    if (e1 > 0 && e2 > 0) AddFourAtATime<true, true>(input1, input2, output, n, d, e1, e2, eo);
    if (e1 > 0 && e2 == 0) AddFourAtATime<true, false>(input1, input2, output, n, d, e1, e2, eo);
    if (e1 == 0 && e2 > 0) AddFourAtATime<false, true>(input1, input2, output, n, d, e1, e2, eo);
    if (e1 == 0 && e2 == 0) AddFourAtATime<false, false>(input1, input2, output, n, d, e1, e2, eo);
    i = n;
  }
#endif
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
