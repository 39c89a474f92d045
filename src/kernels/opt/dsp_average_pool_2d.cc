// SPDX-License-Identifier: Apache-2.0
// Optimized int8 AVERAGE_POOL_2D on the Cortex-M DSP extension (M4/M7/M33): four channels per
// word, SXTAB16 into 16-bit lane sums (exact for windows of at most 256 values:
// |sum| <= 256 * 128); channels left over as the portable variant (opt/average_pool_2d_operands.h).
#include "src/kernels/opt/average_pool_2d_operands.h"
#include "src/kernels/opt/isa.h"
#include "src/kernels/opt/variants.h"

#if defined(TINYRT_ISA_DSP)

namespace tinyrt {
namespace kernels {

Status EvalAveragePool2DInt8Dsp(const EvalContext& ctx) {
  if (!TINYRT_OPT_KERNELS) return Status::Ok();  // never selected; the code below compiles out
  opt::AveragePoolInt8(ctx, [](const opt::PoolPixel& p, const PoolData& d) {
    int32_t c = 0;
    if (p.count > 256) return c;
    for (; c + 4 <= d.depth; c += 4) {
      int32_t even = 0, odd = 0;  // channels c, c+2 and c+1, c+3 in 16-bit lanes
      for (int32_t fy = 0; fy < p.rows; ++fy) {
        const int8_t* q = p.corner + fy * p.row_step + c;
        for (int32_t fx = 0; fx < p.cols; ++fx, q += d.depth) {
          const int32_t x = opt::Read32(q);
          even = __sxtab16(even, x);
          odd = opt::Sxtab16Ror8(odd, x);
        }
      }
      p.out[c] = opt::Average(static_cast<int16_t>(even), p.count, d.act_min, d.act_max);
      p.out[c + 1] = opt::Average(static_cast<int16_t>(odd), p.count, d.act_min, d.act_max);
      p.out[c + 2] = opt::Average(even >> 16, p.count, d.act_min, d.act_max);
      p.out[c + 3] = opt::Average(odd >> 16, p.count, d.act_min, d.act_max);
    }
    return c;
  });
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt

#endif  // TINYRT_ISA_DSP
