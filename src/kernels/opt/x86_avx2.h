// SPDX-License-Identifier: Apache-2.0
// The x86-64 AVX2 int8 kernels (issue #8, host): Eval variants "x86 avx2 int8" of CONV_2D,
// DEPTHWISE_CONV_2D and FULLY_CONNECTED, selected at Prepare time when the CPU running the
// interpreter has AVX2 (a runtime check: the binary stays correct on any x86-64, which then runs
// the portable variants). Compiled only for x86-64 (TINYRT_ISA_X86_AVX2); firmware builds see
// nothing of it. In the kernels' variant tables the AVX2 variant directly follows the optimized
// (portable) one, so selecting it is `optimized + kX86Avx2VariantStep`.
//
// The functions are built with __attribute__((target("avx2"))) in x86_avx2_*.cc, so the rest of
// the runtime keeps the default x86-64 instruction set.
#pragma once

#include <stdint.h>

#include "src/kernels/op_data.h"

#include "src/kernels/opt/isa_select.h"
#include "src/kernels/opt/variants.h"  // X86Avx2Enabled, kX86Avx2Int8VariantName
// isa.h only on x86-64: on Cortex-M55 arm_mve.h in a precompiled-header build crashes GCC 12.
#if defined(TINYRT_ISA_X86_AVX2)
#include "src/kernels/opt/isa.h"
#endif

namespace tinyrt {
namespace kernels {

#if defined(TINYRT_ISA_X86_AVX2)
constexpr uint8_t kX86Avx2VariantStep = 1;
// Switches the AVX2 variants off or on for interpreters prepared afterwards (tests compare the
// portable variant too; default on). Not thread-safe; for tests and benchmarks.
void SetX86Avx2Allowed(bool allowed);

// DEPTHWISE_CONV_2D shapes the AVX2 variant runs (the others run the portable one).
inline bool X86Avx2Depthwise(const DepthwiseConvData& d) {
  return (d.depth_multiplier == 1 && d.g.filter_height <= 32) || (d.g.input_depth == 1 && d.depth_multiplier > 1);
}

TINYRT_AVX2 Status EvalDepthwiseConv2DInt8X86Avx2(const EvalContext& ctx);
TINYRT_AVX2 Status EvalAddInt8X86Avx2(const EvalContext& ctx);

namespace opt {
// GemmColumns (isa.h) on AVX2: the same arguments and bit-identical results.
TINYRT_AVX2 void GemmColumnsAvx2(const int8_t* c0, const int8_t* c1, int32_t depth, int32_t offset, const int8_t* weights, int32_t channels,
                                 const int32_t* bias, const int32_t* multipliers, const int8_t* shifts, bool per_channel, const Requant& r,
                                 int8_t* out0, int8_t* out1);
}  // namespace opt
#endif

}  // namespace kernels
}  // namespace tinyrt
