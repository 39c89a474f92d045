// SPDX-License-Identifier: Apache-2.0
// The int8 GEMM behind the optimized CONV_2D and FULLY_CONNECTED: int8 columns (input pixels, or
// im2col windows whose padding holds the input zero point) against int8 weight rows, blocked
// 2 pixels x 2 channels (one column: 4 channels) so each loaded operand feeds several
// multiply-accumulates.
#include "src/kernels/op_data.h"
#include "src/kernels/opt/isa.h"

namespace tinyrt {
namespace kernels {

#if defined(TINYRT_ISA_MVE)
const char kOptInt8VariantName[] = "cortex-m mve int8";
#elif defined(TINYRT_ISA_DSP)
const char kOptInt8VariantName[] = "cortex-m dsp int8";
#else
const char kOptInt8VariantName[] = "portable int8";
#endif

namespace opt {

void GemmColumns(const int8_t* c0, const int8_t* c1, int32_t depth, int32_t offset, const int8_t* weights, int32_t channels,
                 const int32_t* bias, const int32_t* multipliers, const int8_t* shifts, bool per_channel, const Requant& requant,
                 int8_t* out0, int8_t* out1) {
  const Requant r = requant;  // a local copy: int8 stores may alias anything the reference reaches
  const int32_t m0 = multipliers[0], s0 = shifts[0];
  int32_t o = 0;
#if defined(TINYRT_ISA_MVE)
  // Four channels at a time, one column after the other, requantized on vector lanes.
  for (; o + 4 <= channels; o += 4) {
    const int8_t* w0 = weights + static_cast<size_t>(o) * depth;
    const int32x4_t b = bias != nullptr ? vldrwq_s32(bias + o) : vdupq_n_s32(0);
    const int32x4_t m = per_channel ? vldrwq_s32(multipliers + o) : vdupq_n_s32(m0);
    const int32x4_t sh = per_channel ? vldrbq_s32(shifts + o) : vdupq_n_s32(s0);
    for (int p = 0; p < 2; ++p) {
      const int8_t* c = p == 0 ? c0 : c1;
      if (c == nullptr) break;
      int32_t acc[4] = {0, 0, 0, 0};
      Dot1x4(c, w0, w0 + depth, w0 + 2 * depth, w0 + 3 * depth, depth, offset, acc);
      vstrbq_s32((p == 0 ? out0 : out1) + o, RequantizeVec(vaddq_s32(vldrwq_s32(acc), b), m, sh, r));
    }
  }
#endif
  if (c1 != nullptr) {
    for (; o + 2 <= channels; o += 2) {
      const int8_t* w0 = weights + static_cast<size_t>(o) * depth;
      const int32_t b0 = bias != nullptr ? bias[o] : 0, b1 = bias != nullptr ? bias[o + 1] : 0;
      int32_t acc[4] = {b0, b1, b0, b1};
      Dot2x2(c0, c1, w0, w0 + depth, depth, offset, acc);
      const int32_t ma = per_channel ? multipliers[o] : m0, sa = per_channel ? shifts[o] : s0;
      const int32_t mb = per_channel ? multipliers[o + 1] : m0, sb = per_channel ? shifts[o + 1] : s0;
      out0[o] = Requantize(acc[0], ma, sa, r);
      out0[o + 1] = Requantize(acc[1], mb, sb, r);
      out1[o] = Requantize(acc[2], ma, sa, r);
      out1[o + 1] = Requantize(acc[3], mb, sb, r);
    }
    for (; o < channels; ++o) {
      const int8_t* w0 = weights + static_cast<size_t>(o) * depth;
      const int32_t b = bias != nullptr ? bias[o] : 0;
      const int32_t m = per_channel ? multipliers[o] : m0, s = per_channel ? shifts[o] : s0;
      out0[o] = Requantize(Dot1x1(c0, w0, depth, offset, b), m, s, r);
      out1[o] = Requantize(Dot1x1(c1, w0, depth, offset, b), m, s, r);
    }
    return;
  }
  for (; o + 4 <= channels; o += 4) {
    const int8_t* w0 = weights + static_cast<size_t>(o) * depth;
    int32_t acc[4];
    for (int j = 0; j < 4; ++j) acc[j] = bias != nullptr ? bias[o + j] : 0;
    Dot1x4(c0, w0, w0 + depth, w0 + 2 * depth, w0 + 3 * depth, depth, offset, acc);
    for (int j = 0; j < 4; ++j) {
      out0[o + j] = Requantize(acc[j], per_channel ? multipliers[o + j] : m0, per_channel ? shifts[o + j] : s0, r);
    }
  }
  for (; o < channels; ++o) {
    const int32_t b = bias != nullptr ? bias[o] : 0;
    out0[o] = Requantize(Dot1x1(c0, weights + static_cast<size_t>(o) * depth, depth, offset, b), per_channel ? multipliers[o] : m0,
                         per_channel ? shifts[o] : s0, r);
  }
}

}  // namespace opt
}  // namespace kernels
}  // namespace tinyrt
