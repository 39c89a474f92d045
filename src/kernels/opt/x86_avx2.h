// SPDX-License-Identifier: Apache-2.0
// The x86-64 AVX2 int8 kernels (host): Eval variants "x86 avx2 int8" of CONV_2D,
// DEPTHWISE_CONV_2D, FULLY_CONNECTED and ADD (declared and listed in opt/variants.h), selected at
// Prepare time when the CPU running the interpreter has AVX2 (a runtime check: the binary stays
// correct on any x86-64, which then runs the portable variants). Compiled only for x86-64
// (TINYRT_ISA_X86_AVX2); firmware builds see nothing of it. Host tools and tests include this
// header for SetX86Avx2Allowed; the reference kernels include opt/variants.h only.
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
// Switches the AVX2 variants off or on for interpreters prepared afterwards (tests compare the
// portable variant too; default on). Not thread-safe; for tests and benchmarks.
void SetX86Avx2Allowed(bool allowed);

namespace opt {
// GemmColumns (isa.h) on AVX2: the same arguments and bit-identical results.
TINYRT_AVX2 void GemmColumnsAvx2(const int8_t* c0, const int8_t* c1, int32_t depth, int32_t offset, const int8_t* weights, int32_t channels,
                                 const int32_t* bias, const int32_t* multipliers, const int8_t* shifts, bool per_channel, const Requant& r,
                                 int8_t* out0, int8_t* out1);
}  // namespace opt
#endif

}  // namespace kernels
}  // namespace tinyrt
