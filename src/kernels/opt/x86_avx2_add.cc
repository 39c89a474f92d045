// SPDX-License-Identifier: Apache-2.0
// x86-64 AVX2 int8 ADD of two same-shape tensors: opt/add_operands.h's three fixed-point rescalings
// (inputs centred and scaled up by 2^left, each rescaled, summed, rescaled to the output) on 8
// lanes, bit for bit: floor((a*m + 2^30) / 2^31) from VPMULDQ's 64-bit products, then the
// half-away-from-zero division by 2^e. Element-wise, so it runs in place like the reference.
#include "src/kernels/opt/add_operands.h"
#include "src/kernels/opt/x86_avx2.h"

#if defined(TINYRT_ISA_X86_AVX2)

#include <immintrin.h>

#include "src/kernels/opt/x86_avx2_util.h"

namespace tinyrt {
namespace kernels {
namespace {

// opt::ScaleDown on 8 lanes; m: the multiplier in every lane; shift: e - 1 in the low 64 bits (e > 0).
TINYRT_AVX2 TINYRT_INLINE __m256i ScaleDown8(__m256i x, __m256i m, bool divide, __m128i shift) {
  const __m256i round = _mm256_set1_epi64x(static_cast<int64_t>(1) << 30);
  const __m256i even = _mm256_add_epi64(_mm256_mul_epi32(x, m), round);
  const __m256i odd = _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(x, 32), m), round);
  const __m256i t = _mm256_blend_epi32(_mm256_srli_epi64(even, 31), _mm256_slli_epi64(odd, 1), 0xAA);
  if (!divide) return t;
  const __m256i u = _mm256_sra_epi32(_mm256_add_epi32(t, _mm256_srai_epi32(t, 31)), shift);
  return _mm256_sub_epi32(u, _mm256_srai_epi32(u, 1));
}

}  // namespace

TINYRT_AVX2 Status EvalAddInt8X86Avx2(const EvalContext& ctx) {
  const opt::AddEvalOperands op = opt::MakeAddEvalOperands(ctx);
  const AddData& d = op.d;
  const int8_t* input1 = op.input1;
  const int8_t* input2 = op.input2;
  int8_t* output = op.output;
  const int32_t e1 = op.e1, e2 = op.e2, eo = op.eo;
  const int32_t left = d.left_shift;
  const __m256i off1 = _mm256_set1_epi32(d.input1_offset), off2 = _mm256_set1_epi32(d.input2_offset);
  const __m256i m1 = _mm256_set1_epi32(d.input1_multiplier), m2 = _mm256_set1_epi32(d.input2_multiplier);
  const __m256i mo = _mm256_set1_epi32(d.output_multiplier);
  const __m128i left_count = _mm_cvtsi32_si128(left);
  const __m128i s1 = _mm_cvtsi32_si128(e1 - 1), s2 = _mm_cvtsi32_si128(e2 - 1), so = _mm_cvtsi32_si128(eo - 1);
  const __m256i out_offset = _mm256_set1_epi32(d.output_offset);
  const __m256i act_min = _mm256_set1_epi32(d.act_min), act_max = _mm256_set1_epi32(d.act_max);
  int32_t i = 0;
  for (; i + 8 <= d.elements; i += 8) {
    const __m256i a = _mm256_sll_epi32(_mm256_add_epi32(_mm256_cvtepi8_epi32(opt::Load8(input1 + i)), off1), left_count);
    const __m256i b = _mm256_sll_epi32(_mm256_add_epi32(_mm256_cvtepi8_epi32(opt::Load8(input2 + i)), off2), left_count);
    const __m256i sum = _mm256_add_epi32(ScaleDown8(a, m1, e1 > 0, s1), ScaleDown8(b, m2, e2 > 0, s2));
    __m256i v = _mm256_add_epi32(ScaleDown8(sum, mo, eo > 0, so), out_offset);
    v = _mm256_min_epi32(_mm256_max_epi32(v, act_min), act_max);
    _mm_storel_epi64(reinterpret_cast<__m128i*>(output + i), opt::PackBytes(v));
  }
  opt::AddElements(op, i);
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt

#endif  // TINYRT_ISA_X86_AVX2
