// SPDX-License-Identifier: Apache-2.0
// Which instruction set the optimized int8 kernels of this build are written for, as macros only
// (no intrinsics headers, so that src/kernels/opt/variants.h and the reference kernels that
// include it stay free of them):
//  - TINYRT_ISA_MVE: Cortex-M55 Helium (files mve_*.cc);
//  - TINYRT_ISA_DSP: Cortex-M4/M7/M33 DSP extension (files dsp_*.cc);
//  - TINYRT_ISA_PORTABLE: portable C++ (the host; files without a prefix), plus, on x86-64,
//    TINYRT_ISA_X86_AVX2: AVX2 variants chosen at Prepare when the CPU has AVX2 (x86_avx2_*.cc).
// TINYRT_REFERENCE_KERNELS=ON (TINYRT_OPT_KERNELS=0) leaves the optimized variants unselected.
#pragma once

#ifndef TINYRT_OPT_KERNELS
#define TINYRT_OPT_KERNELS 1
#endif

#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
#define TINYRT_ISA_MVE 1
#elif defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP
#define TINYRT_ISA_DSP 1
#else
#define TINYRT_ISA_PORTABLE 1
#endif

#if defined(__x86_64__) && defined(TINYRT_ISA_PORTABLE) && TINYRT_OPT_KERNELS
#define TINYRT_ISA_X86_AVX2 1
// Built with this attribute in x86_avx2_*.cc, so the rest of the runtime keeps the default x86-64
// instruction set. Declarations and definitions carry the same attribute (a lone one would make
// GCC see versions).
#define TINYRT_AVX2 __attribute__((target("avx2")))
#endif
