// SPDX-License-Identifier: Apache-2.0
// Optimized int8 AVERAGE_POOL_2D, portable variant (also the Helium build's): int32 sums over up
// to 64 channels per window position (opt/average_pool_2d_operands.h). The DSP extension's:
// opt/dsp_average_pool_2d.cc.
#include "src/kernels/opt/average_pool_2d_operands.h"
#include "src/kernels/opt/variants.h"

#if !defined(TINYRT_ISA_DSP)

namespace tinyrt {
namespace kernels {

Status EvalAveragePool2DInt8Portable(const EvalContext& ctx) {
  if (!TINYRT_OPT_KERNELS) return Status::Ok();  // never selected; the code below compiles out
  opt::AveragePoolInt8(ctx, [](const opt::PoolPixel&, const PoolData&) { return int32_t{0}; });
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt

#endif  // !TINYRT_ISA_DSP
