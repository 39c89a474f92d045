// SPDX-License-Identifier: Apache-2.0
// The AVX2 kernels' 8-lane requantization (src/kernels/opt/x86_avx2_util.h, Requant8) against
// opt::Requantize on random and edge inputs, every shift from -35 to 35 (x86-64 hosts with AVX2);
// Requant8Lanes (operands precomputed per channel) against Requant8.
#include <gtest/gtest.h>

#include <cstdint>

#include "src/kernels/opt/x86_avx2_util.h"

namespace tinyrt {
namespace {

#if defined(TINYRT_ISA_X86_AVX2)
uint64_t Next(uint64_t* s) {
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

TINYRT_AVX2 void Requant8Lanes(const int32_t* acc, const int32_t* multiplier, const int32_t* shift, const kernels::opt::Requant& r,
                               int8_t* out) {
  using namespace kernels::opt;
  const __m256i v = Requant8(Load32(acc), Load32(multiplier), Load32(shift), MakeRequantVec(r));
  _mm_storel_epi64(reinterpret_cast<__m128i*>(out), PackBytes(v));
}

// The same through the per-channel operands computed once (RequantLanes, Requant8Lanes).
TINYRT_AVX2 void Requant8Table(const int32_t* acc, const int32_t* multiplier, const int32_t* shift, const kernels::opt::Requant& r,
                               int8_t* out) {
  using namespace kernels::opt;
  int8_t shifts[8];
  for (int i = 0; i < 8; ++i) shifts[i] = static_cast<int8_t>(shift[i]);
  static RequantLanes lanes;  // large: not on the stack of a test thread
  MakeRequantLanes(multiplier, shifts, 8, &lanes);
  _mm_storel_epi64(reinterpret_cast<__m128i*>(out), PackBytes(kernels::opt::Requant8Lanes(Load32(acc), lanes, 0, MakeRequantVec(r))));
}

void Check(const int32_t* acc, const int32_t* m, const int32_t* sh, const kernels::opt::Requant& r) {
  int8_t out[8], table[8];
  Requant8Lanes(acc, m, sh, r, out);
  Requant8Table(acc, m, sh, r, table);
  for (int i = 0; i < 8; ++i) {
    ASSERT_EQ(out[i], kernels::opt::Requantize(acc[i], m[i], sh[i], r)) << "acc " << acc[i] << " multiplier " << m[i] << " shift " << sh[i];
    ASSERT_EQ(table[i], out[i]) << "RequantLanes: acc " << acc[i] << " multiplier " << m[i] << " shift " << sh[i];
  }
}

TEST(X86Avx2Requant, MatchesRequantize) {
  if (!kernels::X86Avx2Enabled()) GTEST_SKIP() << "no AVX2 on this CPU";
  uint64_t s = 0x9E3779B97F4A7C15ull;
  for (int i = 0; i < 200000; ++i) {
    int32_t acc[8], m[8], sh[8];
    for (int j = 0; j < 8; ++j) {
      const uint64_t r = Next(&s);
      int32_t x = static_cast<int32_t>(r);
      if ((r >> 32) % 4 != 0) x >>= static_cast<int>((r >> 40) % 31);
      acc[j] = x;
      m[j] =
          (r >> 36) % 16 == 0 ? static_cast<int32_t>((r >> 33) & 0x7FFFFFFF) : static_cast<int32_t>((1u << 30) | ((r >> 34) & 0x3FFFFFFF));
      sh[j] = static_cast<int>((r >> 50) % 71) - 35;
    }
    const uint64_t r = Next(&s);
    const int32_t zp = static_cast<int32_t>(r % 256) - 128;
    const kernels::opt::Requant q{zp, (r >> 8) % 2 ? -128 : zp, (r >> 9) % 2 ? 127 : 100};
    Check(acc, m, sh, q);
    if (HasFatalFailure()) return;
  }
  const int32_t xs[] = {0, 1, -1, 3, -3, 1 << 30, -(1 << 30), INT32_MAX, INT32_MIN, INT32_MIN + 1};
  const int32_t ms[] = {0, 1, 1 << 30, INT32_MAX, 1518500250};
  for (int32_t x : xs) {
    for (int32_t mm : ms) {
      for (int shift = -35; shift <= 35; shift += 1) {
        int32_t acc[8], m[8], sh[8];
        for (int j = 0; j < 8; ++j) acc[j] = x, m[j] = mm, sh[j] = shift + (j % 2);
        Check(acc, m, sh, kernels::opt::Requant{0, -128, 127});
        if (HasFatalFailure()) return;
      }
    }
  }
}
#endif

}  // namespace
}  // namespace tinyrt
