// SPDX-License-Identifier: Apache-2.0
// Helium GEMM over pixels (see mve.h, GemmPixels): one output channel at a time against four
// columns (pixels) at a time. Each column load feeds one VMLADAVA.S8; the four sums of a channel
// land in one vector whose requantization uses the channel's parameters as scalars (VQRDMULH,
// VRSHL, VADD by register) and whose bytes go out with one scatter store (output stride apart).
//  - depth <= 64: the channel's weights stay in up to four Q registers (zeros past the depth)
//    across every column of the call, so a group of 4 pixels costs 4 loads + 4 VMLADAVA per 16
//    taps and about 14 instructions of requantization and loop;
//  - deeper: a tail-predicated loop per group, one weight load feeding four VMLADAVA.
// Column loads past the depth read at most 15 bytes past a column (multiplied by zero weights),
// only while those bytes lie inside the call's columns; the last groups load predicated.
#include "src/kernels/opt/mve.h"

#if defined(TINYRT_ISA_MVE)

namespace tinyrt {
namespace kernels {
namespace opt {
namespace mve {
namespace {

// Sums of four columns against one weight row (the weight row in registers, kChunks x 16 bytes).
struct Row {
  int8x16_t w0, w1, w2, w3;
};

template <int k, int kChunks, bool kPredLast>
inline __attribute__((always_inline)) void Chunk(const int8_t* x0, const int8_t* x1, const int8_t* x2, const int8_t* x3, int8x16_t w,
                                                 mve_pred16_t last, int32_t& a0, int32_t& a1, int32_t& a2, int32_t& a3) {
  int8x16_t l0, l1, l2, l3;
  if (kPredLast && k == kChunks - 1) {
    l0 = vldrbq_z_s8(x0 + 16 * k, last);
    l1 = vldrbq_z_s8(x1 + 16 * k, last);
    l2 = vldrbq_z_s8(x2 + 16 * k, last);
    l3 = vldrbq_z_s8(x3 + 16 * k, last);
  } else {
    l0 = vldrbq_s8(x0 + 16 * k);
    l1 = vldrbq_s8(x1 + 16 * k);
    l2 = vldrbq_s8(x2 + 16 * k);
    l3 = vldrbq_s8(x3 + 16 * k);
  }
  if (k == 0) {
    a0 = vmladavq_s8(l0, w);
    a1 = vmladavq_s8(l1, w);
    a2 = vmladavq_s8(l2, w);
    a3 = vmladavq_s8(l3, w);
  } else {
    a0 = vmladavaq_s8(a0, l0, w);
    a1 = vmladavaq_s8(a1, l1, w);
    a2 = vmladavaq_s8(a2, l2, w);
    a3 = vmladavaq_s8(a3, l3, w);
  }
}

template <int kChunks, bool kPredLast>
inline __attribute__((always_inline)) int32x4_t Dot(const int8_t* x0, const int8_t* x1, const int8_t* x2, const int8_t* x3, const Row& w,
                                                    mve_pred16_t last) {
  int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  Chunk<0, kChunks, kPredLast>(x0, x1, x2, x3, w.w0, last, a0, a1, a2, a3);
  if constexpr (kChunks > 1) Chunk<1, kChunks, kPredLast>(x0, x1, x2, x3, w.w1, last, a0, a1, a2, a3);
  if constexpr (kChunks > 2) Chunk<2, kChunks, kPredLast>(x0, x1, x2, x3, w.w2, last, a0, a1, a2, a3);
  if constexpr (kChunks > 3) Chunk<3, kChunks, kPredLast>(x0, x1, x2, x3, w.w3, last, a0, a1, a2, a3);
  return Vector4(a0, a1, a2, a3);
}

// Deeper rows: the weight row streamed, one load per 16 taps for the four columns.
inline __attribute__((always_inline)) int32x4_t DotLoop(const int8_t* x0, const int8_t* x1, const int8_t* x2, const int8_t* x3,
                                                        const int8_t* w, int32_t depth) {
  int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  __asm__ volatile(
      "dlstp.8 lr, %[n]\n"
      "1:\n\t"
      "vldrb.8 q0, [%[w]], #16\n\t"
      "vldrb.8 q1, [%[x0]], #16\n\t"
      "vmladava.s8 %[a0], q1, q0\n\t"
      "vldrb.8 q1, [%[x1]], #16\n\t"
      "vmladava.s8 %[a1], q1, q0\n\t"
      "vldrb.8 q1, [%[x2]], #16\n\t"
      "vmladava.s8 %[a2], q1, q0\n\t"
      "vldrb.8 q1, [%[x3]], #16\n\t"
      "vmladava.s8 %[a3], q1, q0\n\t"
      "letp lr, 1b\n"
      : [a0] "+Te"(a0), [a1] "+Te"(a1), [a2] "+Te"(a2), [a3] "+Te"(a3), [x0] "+r"(x0), [x1] "+r"(x1), [x2] "+r"(x2), [x3] "+r"(x3),
        [w] "+r"(w)
      : [n] "r"(depth)
      : "q0", "q1", "lr", "memory");
  return Vector4(a0, a1, a2, a3);
}

// Requantization parameters of one channel.
struct Channel {
  int32_t eb;  // effective bias
  int32_t multiplier;
  int32_t left;       // 0..31
  int32_t neg_right;  // -31..0
};

struct Call {
  const int8_t* cols;
  int32_t col_stride;
  int32_t n;
  int32_t depth;
  int32_t safe;  // groups of 4 columns whose unpredicated loads stay inside the columns
  int32_t output_offset;
  int32x4_t act_min, act_max;
  bool full_range;     // act_min -128 and act_max 127: saturating narrows clamp
  uint32x4_t offsets;  // 0, 1, 2, 3 output strides
  int32_t out_stride;
};

template <bool kFast, bool kFull>
inline __attribute__((always_inline)) int32x4_t Requantize(int32x4_t acc, const Channel& c, const Call& call) {
  acc = vaddq_n_s32(acc, c.eb);
  if (!kFast) acc = vshlq_r_s32(acc, c.left);
  const int32x4_t t = vqrdmulhq_n_s32(acc, c.multiplier);
  int32x4_t u;
  if (kFast) {
    u = vaddq_s32(t, vshrq_n_s32(t, 31));  // a right shift of at least 1
  } else {
    u = vaddq_s32(t, vandq_s32(vshrq_n_s32(t, 31), vdupq_n_s32(c.neg_right < 0 ? -1 : 0)));
  }
  int32x4_t v = vaddq_n_s32(vrshlq_n_s32(u, c.neg_right), call.output_offset);
  if (kFull) {
    // Saturate to int16 in the low half of each lane, then to int8 in its low byte.
    const int16x8_t h = vqmovnbq_s32(vreinterpretq_s16_s32(v), v);
    v = vreinterpretq_s32_s8(vqmovnbq_s16(vreinterpretq_s8_s16(h), h));
  } else {
    v = vminq_s32(vmaxq_s32(v, call.act_min), call.act_max);
  }
  return v;
}

// The unpredicated groups in assembly (GCC spills at this register pressure): weights in four Q
// registers, one pointer walking the columns (kContig: columns of exactly kChunks x 16 bytes, so
// the loads post-increment), requantization to the full int8 range by saturating narrows.
#define TINYRT_LDN(off) "vldrb.8 q0, [%[x], #" #off "]\n\t"
#define TINYRT_LDC(off) "vldrb.8 q0, [%[x]], #16\n\t"
#define TINYRT_MAC0(a, w) "vmladav.s8 %[" a "], q0, %q[" w "]\n\t"
#define TINYRT_MACA(a, w) "vmladava.s8 %[" a "], q0, %q[" w "]\n\t"
#define TINYRT_PIX1(LD, a) LD(0) TINYRT_MAC0(a, "w0")
#define TINYRT_PIX2(LD, a) TINYRT_PIX1(LD, a) LD(16) TINYRT_MACA(a, "w1")
#define TINYRT_PIX3(LD, a) TINYRT_PIX2(LD, a) LD(32) TINYRT_MACA(a, "w2")
#define TINYRT_PIX4(LD, a) TINYRT_PIX3(LD, a) LD(48) TINYRT_MACA(a, "w3")
#define TINYRT_ADVN "add %[x], %[cs]\n\t"
#define TINYRT_ADVC ""
#define TINYRT_GROUP(PIX, LD, ADV) PIX(LD, "a0") ADV PIX(LD, "a1") ADV PIX(LD, "a2") ADV PIX(LD, "a3") ADV
#define TINYRT_GATHER                   \
  "vmov q1[2], q1[0], %[a0], %[a2]\n\t" \
  "vmov q1[3], q1[1], %[a1], %[a3]\n\t" \
  "vadd.i32 q1, q1, %[eb]\n\t"
#define TINYRT_FAST                  \
  "vqrdmulh.s32 q1, q1, %[mult]\n\t" \
  "vshr.s32 q0, q1, #31\n\t"         \
  "vadd.i32 q1, q1, q0\n\t"          \
  "vrshl.s32 q1, %[sh]\n\t"
#define TINYRT_LEFT        \
  "vshl.s32 q1, %[sh]\n\t" \
  "vqrdmulh.s32 q1, q1, %[mult]\n\t"
#define TINYRT_STORE                    \
  "vadd.i32 q1, q1, %q[oo]\n\t"         \
  "vqmovnb.s32 q1, q1\n\t"              \
  "vqmovnb.s16 q1, q1\n\t"              \
  "vstrb.32 q1, [%[out], %q[offs]]\n\t" \
  "add %[out], %[os4]\n\t"              \
  "le lr, 1b\n"
#define TINYRT_LOOP(PIX, LD, ADV, REQ)                                                                                             \
  __asm__ volatile(                                                                                                                \
      "dls lr, lr\n"                                                                                                               \
      "1:\n\t" TINYRT_GROUP(PIX, LD, ADV) TINYRT_GATHER REQ TINYRT_STORE                                                           \
      : [a0] "=&Te"(a0), [a1] "=&Te"(a1), [a2] "=&Te"(a2), [a3] "=&Te"(a3), [x] "+r"(x), [out] "+r"(out), "+r"(count)              \
      : [cs] "r"(cs), [eb] "r"(eb), [mult] "r"(mult), [sh] "r"(sh), [oo] "w"(oov), [os4] "r"(os4), [w0] "w"(w.w0), [w1] "w"(w.w1), \
        [w2] "w"(w.w2), [w3] "w"(w.w3), [offs] "w"(offsets)                                                                        \
      : "q0", "q1", "memory")

template <int kChunks, bool kContig, bool kFast>
inline __attribute__((always_inline)) void SafeGroups(const int8_t*& x_ref, int32_t cs, int32_t groups, int8_t*& out_ref, int32_t os4,
                                                      uint32x4_t offsets, const Row& w, const Channel& c, int32_t oo) {
  const int8_t* x = x_ref;
  int8_t* out = out_ref;
  register int32_t count __asm__("lr") = groups;
  int32_t a0, a1, a2, a3;
  const int32_t eb = c.eb, mult = c.multiplier, sh = kFast ? c.neg_right : c.left;
  const int32x4_t oov = vdupq_n_s32(oo);
  if constexpr (kContig) {
    if constexpr (kChunks == 1) {
      if constexpr (kFast)
        TINYRT_LOOP(TINYRT_PIX1, TINYRT_LDC, TINYRT_ADVC, TINYRT_FAST);
      else
        TINYRT_LOOP(TINYRT_PIX1, TINYRT_LDC, TINYRT_ADVC, TINYRT_LEFT);
    } else if constexpr (kChunks == 2) {
      if constexpr (kFast)
        TINYRT_LOOP(TINYRT_PIX2, TINYRT_LDC, TINYRT_ADVC, TINYRT_FAST);
      else
        TINYRT_LOOP(TINYRT_PIX2, TINYRT_LDC, TINYRT_ADVC, TINYRT_LEFT);
    } else if constexpr (kChunks == 3) {
      if constexpr (kFast)
        TINYRT_LOOP(TINYRT_PIX3, TINYRT_LDC, TINYRT_ADVC, TINYRT_FAST);
      else
        TINYRT_LOOP(TINYRT_PIX3, TINYRT_LDC, TINYRT_ADVC, TINYRT_LEFT);
    } else {
      if constexpr (kFast)
        TINYRT_LOOP(TINYRT_PIX4, TINYRT_LDC, TINYRT_ADVC, TINYRT_FAST);
      else
        TINYRT_LOOP(TINYRT_PIX4, TINYRT_LDC, TINYRT_ADVC, TINYRT_LEFT);
    }
  } else {
    if constexpr (kChunks == 1) {
      if constexpr (kFast)
        TINYRT_LOOP(TINYRT_PIX1, TINYRT_LDN, TINYRT_ADVN, TINYRT_FAST);
      else
        TINYRT_LOOP(TINYRT_PIX1, TINYRT_LDN, TINYRT_ADVN, TINYRT_LEFT);
    } else if constexpr (kChunks == 2) {
      if constexpr (kFast)
        TINYRT_LOOP(TINYRT_PIX2, TINYRT_LDN, TINYRT_ADVN, TINYRT_FAST);
      else
        TINYRT_LOOP(TINYRT_PIX2, TINYRT_LDN, TINYRT_ADVN, TINYRT_LEFT);
    } else if constexpr (kChunks == 3) {
      if constexpr (kFast)
        TINYRT_LOOP(TINYRT_PIX3, TINYRT_LDN, TINYRT_ADVN, TINYRT_FAST);
      else
        TINYRT_LOOP(TINYRT_PIX3, TINYRT_LDN, TINYRT_ADVN, TINYRT_LEFT);
    } else {
      if constexpr (kFast)
        TINYRT_LOOP(TINYRT_PIX4, TINYRT_LDN, TINYRT_ADVN, TINYRT_FAST);
      else
        TINYRT_LOOP(TINYRT_PIX4, TINYRT_LDN, TINYRT_ADVN, TINYRT_LEFT);
    }
  }
  (void)a0, (void)a1, (void)a2, (void)a3, (void)count;
  x_ref = x;
  out_ref = out;
}

// Every column of the call against one channel.
template <int kChunks, bool kFast, bool kFull>
inline __attribute__((always_inline)) void ChannelColumns(const Call& call_ref, const int8_t* weights, const Channel& c_ref, int8_t* out) {
  const Call call = call_ref;
  const Channel c = c_ref;
  const int32_t cs = call.col_stride;
  const int32_t depth = call.depth;
  const uint32x4_t offsets = call.offsets;
  Row w;
  w.w0 = w.w1 = w.w2 = w.w3 = vdupq_n_s8(0);
  mve_pred16_t last = 0;
  if constexpr (kChunks > 0) {
    w.w0 = vldrbq_z_s8(weights, vctp8q(static_cast<uint32_t>(depth)));
    if constexpr (kChunks > 1) w.w1 = vldrbq_z_s8(weights + 16, vctp8q(static_cast<uint32_t>(depth - 16)));
    if constexpr (kChunks > 2) w.w2 = vldrbq_z_s8(weights + 32, vctp8q(static_cast<uint32_t>(depth - 32)));
    if constexpr (kChunks > 3) w.w3 = vldrbq_z_s8(weights + 48, vctp8q(static_cast<uint32_t>(depth - 48)));
    last = vctp8q(static_cast<uint32_t>(depth - 16 * (kChunks - 1)));
  }
  const int8_t* x = call.cols;
  const int32_t step = 4 * cs;
  const int32_t group_out = 4 * call.out_stride;
  int32_t g = 0;
  if constexpr (kChunks > 0) {
    if (call.full_range && call.safe > 0) {
      if (cs == 16 * kChunks) {
        SafeGroups<kChunks, true, kFast>(x, cs, call.safe, out, group_out, offsets, w, c, call.output_offset);
      } else {
        SafeGroups<kChunks, false, kFast>(x, cs, call.safe, out, group_out, offsets, w, c, call.output_offset);
      }
      g = call.safe;
    }
  }
  for (; g < call.safe; ++g, x += step, out += group_out) {
    int32x4_t acc;
    if constexpr (kChunks > 0) {
      acc = Dot<kChunks, false>(x, x + cs, x + 2 * cs, x + 3 * cs, w, last);
    } else {
      acc = DotLoop(x, x + cs, x + 2 * cs, x + 3 * cs, weights, depth);
    }
    const int32x4_t v = Requantize<kFast, kFull>(acc, c, call);
    vstrbq_scatter_offset_s32(out, offsets, v);
  }
  // The rest: columns past the last repeat it (their lanes are not stored), loads predicated.
  for (int32_t p = 4 * g; p < call.n; p += 4, x += step, out += group_out) {
    const int32_t left = call.n - p;
    const int8_t* x1 = left > 1 ? x + cs : x;
    const int8_t* x2 = left > 2 ? x + 2 * cs : x1;
    const int8_t* x3 = left > 3 ? x + 3 * cs : x2;
    int32x4_t acc;
    if constexpr (kChunks > 0) {
      acc = Dot<kChunks, true>(x, x1, x2, x3, w, last);
    } else {
      acc = DotLoop(x, x1, x2, x3, weights, depth);
    }
    const int32x4_t v = Requantize<kFast, kFull>(acc, c, call);
    vstrbq_scatter_offset_p_s32(out, offsets, v, vctp32q(static_cast<uint32_t>(left)));
  }
}

template <int kChunks>
__attribute__((noinline)) void Channels(const Call& call, const int8_t* weights, int32_t channels, int32_t offset, const int32_t* ebias,
                                        const int32_t* bias, const int32_t* multipliers, const int8_t* shifts, bool per_channel,
                                        int8_t* out) {
  const int32_t depth = call.depth;
  for (int32_t o = 0; o < channels; ++o, weights += depth) {
    Channel c;
    if (ebias != nullptr) {
      c.eb = ebias[o];
    } else {
      c.eb = (bias != nullptr ? bias[o] : 0) + offset * RowSum(weights, depth);
    }
    const int32_t i = per_channel ? o : 0;
    c.multiplier = multipliers[i];
    const int32_t shift = shifts[i];
    c.left = shift > 0 ? (shift > 31 ? 31 : shift) : 0;
    c.neg_right = shift < 0 ? (shift < -31 ? -31 : shift) : 0;
    const bool fast = c.left == 0 && c.neg_right < 0;
    if (call.full_range) {
      if (fast) {
        ChannelColumns<kChunks, true, true>(call, weights, c, out + o);
      } else {
        ChannelColumns<kChunks, false, true>(call, weights, c, out + o);
      }
    } else {
      if (fast) {
        ChannelColumns<kChunks, true, false>(call, weights, c, out + o);
      } else {
        ChannelColumns<kChunks, false, false>(call, weights, c, out + o);
      }
    }
  }
}

}  // namespace

void GemmPixels(const int8_t* cols, int32_t col_stride, int32_t n, int32_t depth, int32_t offset, const int8_t* weights, int32_t channels,
                const int32_t* ebias, const int32_t* bias, const int32_t* multipliers, const int8_t* shifts, bool per_channel,
                const Requant& r, int8_t* out, int32_t out_stride) {
  Call call;
  call.cols = cols;
  call.col_stride = col_stride;
  call.n = n;
  call.depth = depth;
  const int32_t chunks = (depth + 15) / 16;
  // Group g reads up to byte (4g + 3) * col_stride + 16 * chunks; the columns end at
  // (n - 1) * col_stride + depth.
  int32_t safe = 0;
  if (chunks <= 4) {
    const int32_t over = 16 * chunks - depth;  // bytes read past a column
    // (4g + 3) * cs + depth + over <= (n - 1) * cs + depth  <=>  4g <= n - 4 - over / cs (rounded up)
    const int32_t extra = col_stride > 0 ? (over + col_stride - 1) / col_stride : 0;
    const int32_t m = n - 4 - extra;
    safe = m >= 0 ? m / 4 + 1 : 0;
  } else {
    safe = n / 4;  // the loop is tail-predicated
  }
  call.safe = safe;
  call.output_offset = r.output_offset;
  call.act_min = vdupq_n_s32(r.act_min);
  call.act_max = vdupq_n_s32(r.act_max);
  call.full_range = r.act_min <= -128 && r.act_max >= 127;
  call.offsets = vmulq_n_u32(vidupq_n_u32(0, 1), static_cast<uint32_t>(out_stride));
  call.out_stride = out_stride;
  switch (chunks) {
    case 1: Channels<1>(call, weights, channels, offset, ebias, bias, multipliers, shifts, per_channel, out); break;
    case 2: Channels<2>(call, weights, channels, offset, ebias, bias, multipliers, shifts, per_channel, out); break;
    case 3: Channels<3>(call, weights, channels, offset, ebias, bias, multipliers, shifts, per_channel, out); break;
    case 4: Channels<4>(call, weights, channels, offset, ebias, bias, multipliers, shifts, per_channel, out); break;
    default: Channels<0>(call, weights, channels, offset, ebias, bias, multipliers, shifts, per_channel, out); break;
  }
}

}  // namespace mve
}  // namespace opt
}  // namespace kernels
}  // namespace tinyrt

#endif  // TINYRT_ISA_MVE
