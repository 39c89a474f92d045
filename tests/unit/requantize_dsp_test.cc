// SPDX-License-Identifier: Apache-2.0
// The Cortex-M DSP kernels' requantization (src/kernels/opt/dsp.h), checked against TFLM's
// MultiplyByQuantizedMultiplier written out independently (tests/unit/tflm_arith.h):
//   - the product's own C path, opt::MakeFastScale + opt::RequantizeFast over opt::Smmlar (one
//     SMMLAR instruction in firmware, the same arithmetic in C here), as the kernels' C code runs it;
//   - the assembly microkernels' tail (TINYRT_DSP_REQUANT_TAIL_MACRO, which the host cannot run),
//     emulated instruction by instruction on the product's FastScale:
//       u = (t + (t >> 31)) >> (~shift & 0xFF)   ASR by a register: its low byte, >= 32 fills the sign
//       v = u - (u >> 1)
// for multipliers in [2^30, 2^31) with shifts in [-31, -1] (FastRequantApplies), and for a zero
// multiplier with shift 0 (a channel whose scale is 0), which must give 0. The firmware's real
// instructions are checked against the reference kernels on target (tests/target equivalence).
#include <gtest/gtest.h>

#include <cstdint>

#include "src/kernels/opt/dsp.h"
#include "tests/unit/tflm_arith.h"

namespace tinyrt {
namespace {

int32_t AsrByRegister(int32_t v, uint32_t amount) {
  const uint32_t n = amount & 0xFF;
  return n >= 32 ? (v < 0 ? -1 : 0) : v >> n;
}

// The C path of the product.
int32_t ProductRequantize(int32_t acc, int32_t multiplier, int shift) {
  return kernels::opt::RequantizeFast(acc, kernels::opt::MakeFastScale(multiplier, shift));
}

// The assembly tail, emulated on the product's FastScale: the kernels keep ~shift (= -shift - 1,
// FastScale's shift_minus_one) in a register, whose low byte the ASR uses (255 for m = 0).
int32_t AsmTailRequantize(int32_t acc, int32_t multiplier, int shift) {
  const kernels::opt::FastScale fs = kernels::opt::MakeFastScale(multiplier, shift);
  const int32_t t = kernels::opt::Smmlar(acc, fs.doubled, acc);
  // ADD wraps: for m = 0 SMMLAR gives acc itself, and INT32_MIN + -1 is INT32_MAX (then shifted out).
  const int32_t sum = static_cast<int32_t>(static_cast<uint32_t>(t) + static_cast<uint32_t>(t >> 31));
  const int32_t u = AsrByRegister(sum, ~static_cast<uint32_t>(static_cast<int32_t>(shift)));
  return u - (u >> 1);
}

int32_t Expected(int32_t acc, int32_t multiplier, int shift) { return tflm_arith::Mbqm32(acc, multiplier, shift); }

uint64_t Next(uint64_t* s) {
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

TEST(RequantizeDsp, MatchesReferenceOnRandomInputs) {
  uint64_t s = 0x2545F4914F6CDD1Dull;
  for (int i = 0; i < 2000000; ++i) {
    const uint64_t r = Next(&s);
    int32_t acc = static_cast<int32_t>(r);
    if ((r >> 32) % 4 != 0) acc >>= static_cast<int>((r >> 40) % 31);  // mostly accumulator-sized values
    const int32_t multiplier = static_cast<int32_t>((1u << 30) | ((r >> 34) & 0x3FFFFFFF));
    const int shift = -1 - static_cast<int>((r >> 50) % 31);
    const int8_t shift8 = static_cast<int8_t>(shift);
    ASSERT_TRUE(kernels::opt::FastRequantApplies(&multiplier, &shift8, 1));
    const int32_t expected = Expected(acc, multiplier, shift);
    ASSERT_EQ(ProductRequantize(acc, multiplier, shift), expected) << "acc " << acc << " multiplier " << multiplier << " shift " << shift;
    ASSERT_EQ(AsmTailRequantize(acc, multiplier, shift), expected) << "acc " << acc << " multiplier " << multiplier << " shift " << shift;
  }
}

TEST(RequantizeDsp, MatchesReferenceOnEdges) {
  const int32_t accs[] = {0, 1, -1, 2, -2, 3, -3, 1 << 30, -(1 << 30), INT32_MAX, INT32_MIN, INT32_MAX - 1, INT32_MIN + 1, 12345, -12345};
  const int32_t multipliers[] = {1 << 30, (1 << 30) + 1, INT32_MAX, INT32_MAX - 1, 1518500250, 1073741825};
  for (int32_t acc : accs) {
    for (int32_t m : multipliers) {
      for (int shift = -31; shift <= -1; ++shift) {
        ASSERT_EQ(ProductRequantize(acc, m, shift), Expected(acc, m, shift)) << acc << " " << m << " " << shift;
        ASSERT_EQ(AsmTailRequantize(acc, m, shift), Expected(acc, m, shift)) << acc << " " << m << " " << shift;
      }
    }
    ASSERT_EQ(ProductRequantize(acc, 0, 0), 0) << acc;
    ASSERT_EQ(AsmTailRequantize(acc, 0, 0), 0) << acc;
  }
}

TEST(RequantizeDsp, FastPathOnlyWhereItIsExact) {
  // The kernels take the fast path only when every channel qualifies: a multiplier below 2^30, a
  // non-negative shift, a shift below -31 or a zero multiplier with a shift must send them to
  // the general requantization.
  const int32_t ok_m[] = {1 << 30, INT32_MAX, 0};
  const int8_t ok_s[] = {-1, -31, 0};
  EXPECT_TRUE(kernels::opt::FastRequantApplies(ok_m, ok_s, 3));
  const struct {
    int32_t m;
    int8_t s;
  } bad[] = {{(1 << 30) - 1, -5}, {1 << 30, 0}, {1 << 30, 1}, {1 << 30, -32}, {0, -3}};
  for (const auto& b : bad) EXPECT_FALSE(kernels::opt::FastRequantApplies(&b.m, &b.s, 1)) << b.m << " " << int{b.s};
}

}  // namespace
}  // namespace tinyrt
