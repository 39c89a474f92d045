// SPDX-License-Identifier: Apache-2.0
// Optimized int8 ADD on the Cortex-M DSP extension (M4/M7/M33): four elements per step, bytes
// split with their offsets added, each rescaling one SMMLAR (opt/dsp.h) and the division, results
// packed and clamped four at a time (SSUB8/SEL); the elements left over, and scales SMMLAR does not
// take, in the scalar form of opt/add_operands.h.
#include "src/kernels/opt/add_operands.h"
#include "src/kernels/opt/dsp.h"
#include "src/kernels/opt/variants.h"

#if defined(TINYRT_ISA_DSP)

#include <string.h>

namespace tinyrt {
namespace kernels {
namespace {

// ScaleDown for m in [2^30, 2^31) with SMMLAR; kDivide: e > 0.
template <bool kDivide>
inline int32_t ScaleDownFast(int32_t x, int32_t doubled, int32_t e_minus_one) {
  const int32_t t = opt::Smmlar(x, doubled, x);
  if (!kDivide) return t;
  const int32_t u = (t + (t >> 31)) >> e_minus_one;
  return u - (u >> 1);
}

// Four elements per step. Whether each input's rescaling divides is a template parameter (the
// larger input's scale is exactly half the common one: no division).
template <bool kDivide1, bool kDivide2>
void AddFourAtATime(const opt::AddEvalOperands& op, int32_t n) {
  const AddData& d = op.d;
  const int32_t m1 = static_cast<int32_t>(static_cast<uint32_t>(d.input1_multiplier) << 1), s1 = op.e1 - 1;
  const int32_t m2 = static_cast<int32_t>(static_cast<uint32_t>(d.input2_multiplier) << 1), s2 = op.e2 - 1;
  const int32_t mo = static_cast<int32_t>(static_cast<uint32_t>(d.output_multiplier) << 1), so = op.eo - 1;
  const int32_t off1 = d.input1_offset, off2 = d.input2_offset, left = d.left_shift;
  const int8_t* input1 = op.input1;
  const int8_t* input2 = op.input2;
  int8_t* output = op.output;
  const opt::Clamp4 clamp = opt::MakeClamp4(opt::Requant{d.output_offset, d.act_min, d.act_max});
  auto element = [&](int32_t x1, int32_t x2) {
    const int32_t a = ScaleDownFast<kDivide1>(x1 << left, m1, s1);
    const int32_t b = ScaleDownFast<kDivide2>(x2 << left, m2, s2);
    return ScaleDownFast<true>(a + b, mo, so);
  };
  for (int32_t i = 0; i + 4 <= n; i += 4) {
    const int32_t w1 = opt::Read32(input1 + i), w2 = opt::Read32(input2 + i);
    auto byte = [](int32_t w, int k) { return static_cast<int32_t>(static_cast<int8_t>(static_cast<uint32_t>(w) >> (8 * k))); };
    const uint32_t packed =
        opt::PackClamp4(element(byte(w1, 0) + off1, byte(w2, 0) + off2), element(byte(w1, 1) + off1, byte(w2, 1) + off2),
                        element(byte(w1, 2) + off1, byte(w2, 2) + off2), element(byte(w1, 3) + off1, byte(w2, 3) + off2), clamp);
    memcpy(output + i, &packed, 4);
  }
}

}  // namespace

Status EvalAddInt8Dsp(const EvalContext& ctx) {
  if (!TINYRT_OPT_KERNELS) return Status::Ok();  // never selected; the code below compiles out
  const opt::AddEvalOperands op = opt::MakeAddEvalOperands(ctx);
  const AddData& d = op.d;
  int32_t i = 0;
  // SMMLAR needs multipliers in [2^30, 2^31) (QuantizeMultiplierSmallerThanOneExp gives them for
  // every non-zero scale) and the output's division (e > 0).
  if (d.input1_multiplier >= (1 << 30) && d.input2_multiplier >= (1 << 30) && d.output_multiplier >= (1 << 30) && op.eo > 0) {
    const int32_t n = d.elements / 4 * 4;
    if (op.e1 > 0 && op.e2 > 0) AddFourAtATime<true, true>(op, n);
    if (op.e1 > 0 && op.e2 == 0) AddFourAtATime<true, false>(op, n);
    if (op.e1 == 0 && op.e2 > 0) AddFourAtATime<false, true>(op, n);
    if (op.e1 == 0 && op.e2 == 0) AddFourAtATime<false, false>(op, n);
    i = n;
  }
  opt::AddElements(op, i);
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt

#endif  // TINYRT_ISA_DSP
