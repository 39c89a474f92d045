// SPDX-License-Identifier: Apache-2.0
// The Cortex-M DSP kernels' requantization (src/kernels/opt/dsp*.cc, assembly that the host cannot
// run), emulated instruction by instruction and checked against math::MultiplyByQuantizedMultiplier:
//   t = SMMLAR(acc, m << 1, acc)        (acc * 2^32 + acc * (int32)(2m) + 2^31) >> 32
//   u = (t + (t >> 31)) >> (~shift & 0xFF)   ASR by a register: its low byte, >= 32 fills the sign
//   v = u - (u >> 1)
// for multipliers in [2^30, 2^31) with shifts in [-31, -1] (dsp.h's FastRequantApplies), and for a
// zero multiplier with shift 0 (a channel whose scale is 0), which must give 0.
#include <gtest/gtest.h>

#include <cstdint>

#include "src/math/quantization.h"

namespace tinyrt {
namespace {

int32_t Smmlar(int32_t a, int32_t b, int32_t acc) {
  const int64_t sum = static_cast<int64_t>(static_cast<uint64_t>(static_cast<int64_t>(acc)) << 32) + static_cast<int64_t>(a) * b +
                      (static_cast<int64_t>(1) << 31);
  return static_cast<int32_t>(sum >> 32);
}

int32_t AsrByRegister(int32_t v, uint32_t amount) {
  const uint32_t n = amount & 0xFF;
  return n >= 32 ? (v < 0 ? -1 : 0) : v >> n;
}

int32_t DspRequantize(int32_t acc, int32_t multiplier, int shift) {
  const int32_t doubled = static_cast<int32_t>(static_cast<uint32_t>(multiplier) << 1);
  const int32_t t = Smmlar(acc, doubled, acc);
  const int32_t u = AsrByRegister(t + (t >> 31), ~static_cast<uint32_t>(static_cast<int32_t>(shift)));
  return u - (u >> 1);
}

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
    ASSERT_EQ(DspRequantize(acc, multiplier, shift), math::MultiplyByQuantizedMultiplier(acc, multiplier, shift))
        << "acc " << acc << " multiplier " << multiplier << " shift " << shift;
  }
}

TEST(RequantizeDsp, MatchesReferenceOnEdges) {
  const int32_t accs[] = {0, 1, -1, 2, -2, 3, -3, 1 << 30, -(1 << 30), INT32_MAX, INT32_MIN, INT32_MAX - 1, INT32_MIN + 1, 12345, -12345};
  const int32_t multipliers[] = {1 << 30, (1 << 30) + 1, INT32_MAX, INT32_MAX - 1, 1518500250, 1073741825};
  for (int32_t acc : accs) {
    for (int32_t m : multipliers) {
      for (int shift = -31; shift <= -1; ++shift) {
        ASSERT_EQ(DspRequantize(acc, m, shift), math::MultiplyByQuantizedMultiplier(acc, m, shift)) << acc << " " << m << " " << shift;
      }
    }
    ASSERT_EQ(DspRequantize(acc, 0, 0), 0) << acc;
    ASSERT_EQ(math::MultiplyByQuantizedMultiplier(acc, 0, 0), 0) << acc;
  }
}

}  // namespace
}  // namespace tinyrt
