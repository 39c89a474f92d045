// SPDX-License-Identifier: Apache-2.0
// Helium GEMM of eight columns against every output channel (see mve.h, GemmEight): the channel
// loop runs in assembly, each channel's weight row (16 x kChunks taps) loaded once into Q
// registers and multiplied with the eight columns (immediate-offset loads from one base), its
// effective bias, multiplier and shift read from the op data's arrays, requantization to the full
// int8 range (right shifts only) by saturating narrows, the eight bytes stored by one scatter
// store of 16-bit lanes (two groups of four interleaved in one vector).
#include "src/kernels/opt/mve.h"

#if defined(TINYRT_ISA_MVE)

namespace tinyrt {
namespace kernels {
namespace opt {
namespace mve {
namespace {

// Column p, chunk c: 16 * (p * kChunks + c) bytes from the base (16-byte aligned scratch, so word loads).
#define TINYRT_PW_LD(p, c) "vldrw.u32 q0, [%[cols], #(16*(" #p "*%c[k]+" #c "))]\n\t"
#define TINYRT_PW_PIX1(p, a) TINYRT_PW_LD(p, 0) "vmladav.s8 %[" a "], q0, q4\n\t"
#define TINYRT_PW_PIX2(p, a) TINYRT_PW_PIX1(p, a) TINYRT_PW_LD(p, 1) "vmladava.s8 %[" a "], q0, q5\n\t"
#define TINYRT_PW_PIX3(p, a) TINYRT_PW_PIX2(p, a) TINYRT_PW_LD(p, 2) "vmladava.s8 %[" a "], q0, q6\n\t"
#define TINYRT_PW_PIX4(p, a) TINYRT_PW_PIX3(p, a) TINYRT_PW_LD(p, 3) "vmladava.s8 %[" a "], q0, q7\n\t"
#define TINYRT_PW_W1 "vldrb.8 q4, [%[w]], #16\n\t"
#define TINYRT_PW_W2 TINYRT_PW_W1 "vldrb.8 q5, [%[w]], #16\n\t"
#define TINYRT_PW_W3 TINYRT_PW_W2 "vldrb.8 q6, [%[w]], #16\n\t"
#define TINYRT_PW_W4 TINYRT_PW_W3 "vldrb.8 q7, [%[w]], #16\n\t"
#define TINYRT_PW_LOOP(W, PIX) \
  __asm__ volatile("dls lr, lr\n"                                                                                               \
                   "1:\n\t" W PIX(0, "a0") PIX(1, "a1") PIX(2, "a2") PIX(3, "a3")                                               \
                   "vmov q1[2], q1[0], %[a0], %[a2]\n\t"                                                                        \
                   "vmov q1[3], q1[1], %[a1], %[a3]\n\t" PIX(4, "a0") PIX(5, "a1") PIX(6, "a2") PIX(7, "a3")                    \
                   "vmov q2[2], q2[0], %[a0], %[a2]\n\t"                                                                        \
                   "vmov q2[3], q2[1], %[a1], %[a3]\n\t"                                                                        \
                   "ldr %[a0], [%[eb]], #4\n\t"                                                                                 \
                   "vadd.i32 q1, q1, %[a0]\n\t"                                                                                 \
                   "vadd.i32 q2, q2, %[a0]\n\t"                                                                                 \
                   "ldr %[a1], [%[mu]], #4\n\t"                                                                                 \
                   "vqrdmulh.s32 q1, q1, %[a1]\n\t"                                                                             \
                   "vqrdmulh.s32 q2, q2, %[a1]\n\t"                                                                             \
                   "ldrsb %[a2], [%[sh]], #1\n\t"                                                                               \
                   "vshr.s32 q0, q1, #31\n\t"                                                                                   \
                   "vadd.i32 q1, q1, q0\n\t"                                                                                    \
                   "vshr.s32 q0, q2, #31\n\t"                                                                                   \
                   "vadd.i32 q2, q2, q0\n\t"                                                                                    \
                   "vrshl.s32 q1, %[a2]\n\t"                                                                                    \
                   "vrshl.s32 q2, %[a2]\n\t"                                                                                    \
                   "vadd.i32 q1, q1, %[oo]\n\t"                                                                                 \
                   "vadd.i32 q2, q2, %[oo]\n\t"                                                                                 \
                   "vqmovnb.s32 q1, q1\n\t"                                                                                     \
                   "vqmovnt.s32 q1, q2\n\t"                                                                                     \
                   "vqmovnb.s16 q1, q1\n\t"                                                                                     \
                   "vstrb.16 q1, [%[out], %q[offs]]\n\t"                                                                        \
                   "adds %[out], #1\n\t"                                                                                        \
                   "le lr, 1b\n"                                                                                                \
                   : [a0] "=&Te"(a0), [a1] "=&Te"(a1), [a2] "=&Te"(a2), [a3] "=&Te"(a3), [w] "+r"(w), [eb] "+r"(eb), [mu] "+r"(mu), \
                     [sh] "+r"(sh), [out] "+r"(out), "+r"(count)                                                                \
                   : [cols] "r"(cols), [oo] "r"(output_offset), [offs] "w"(offsets), [k] "n"(kChunks)                         \
                   : "q0", "q1", "q2", "q4", "q5", "q6", "q7", "memory")

template <int kChunks>
void Eight(const int8_t* cols, const int8_t* w, int32_t channels, const int32_t* eb, const int32_t* mu, const int8_t* sh,
           int32_t output_offset, int8_t* out, uint16x8_t offsets) {
  register int32_t count __asm__("lr") = channels;
  int32_t a0, a1, a2, a3;
  if constexpr (kChunks == 1) {
    TINYRT_PW_LOOP(TINYRT_PW_W1, TINYRT_PW_PIX1);
  } else if constexpr (kChunks == 2) {
    TINYRT_PW_LOOP(TINYRT_PW_W2, TINYRT_PW_PIX2);
  } else if constexpr (kChunks == 3) {
    TINYRT_PW_LOOP(TINYRT_PW_W3, TINYRT_PW_PIX3);
  } else {
    TINYRT_PW_LOOP(TINYRT_PW_W4, TINYRT_PW_PIX4);
  }
  (void)a0, (void)a1, (void)a2, (void)a3, (void)count;
}

}  // namespace

bool GemmEightApplies(int32_t depth, int32_t channels, const int8_t* shifts, const Requant& r) {
  if (depth % 16 != 0 || depth > 64 || channels <= 0 || r.act_min > -128 || r.act_max < 127) return false;
  for (int32_t o = 0; o < channels; ++o) {
    if (shifts[o] > -1 || shifts[o] < -31) return false;
  }
  return true;
}

void GemmEight(const int8_t* cols, int32_t depth, const int8_t* weights, int32_t channels, const int32_t* ebias, const int32_t* multipliers,
               const int8_t* shifts, int32_t output_offset, int8_t* out, int32_t out_stride) {
  // Lanes 2i and 2i + 1: columns i and 4 + i.
  const uint16_t s = static_cast<uint16_t>(out_stride);
  const uint16_t o[8] = {0,
                         static_cast<uint16_t>(4 * s),
                         s,
                         static_cast<uint16_t>(5 * s),
                         static_cast<uint16_t>(2 * s),
                         static_cast<uint16_t>(6 * s),
                         static_cast<uint16_t>(3 * s),
                         static_cast<uint16_t>(7 * s)};
  const uint16x8_t offsets = vld1q_u16(o);
  switch (depth / 16) {
    case 1: Eight<1>(cols, weights, channels, ebias, multipliers, shifts, output_offset, out, offsets); break;
    case 2: Eight<2>(cols, weights, channels, ebias, multipliers, shifts, output_offset, out, offsets); break;
    case 3: Eight<3>(cols, weights, channels, ebias, multipliers, shifts, output_offset, out, offsets); break;
    default: Eight<4>(cols, weights, channels, ebias, multipliers, shifts, output_offset, out, offsets); break;
  }
}

}  // namespace mve
}  // namespace opt
}  // namespace kernels
}  // namespace tinyrt

#endif  // TINYRT_ISA_MVE
