// SPDX-License-Identifier: Apache-2.0
// The public kernel API in one include, for an application's own kernels (docs/custom_kernels.md):
//   tinyrt/kernel.h                 OpKernel, PrepareContext (tensors, options, op data, scratch),
//                                   EvalContext
//   tinyrt/kernel/quantization.h    tinyrt::math: quantized multipliers, MultiplyByQuantizedMultiplier,
//                                   activation ranges, type limits, rounding
//   tinyrt/kernel/kernel_util.h     tinyrt::kernels: input/output checks with uniform error messages
//                                   (RequireIo, TINYRT_PREPARE_CHECK, TypeError), accumulator and
//                                   multiplier checks, shapes, in-place sharing
//   tinyrt/kernel/custom_options.h  tinyrt::kernels::CustomOptions: a custom op's FlexBuffer options
//   tinyrt/op_resolver.h            AddCustom(name, kernel), AddBuiltinKernel(code, kernel)
#pragma once

#include "tinyrt/kernel.h"
#include "tinyrt/kernel/custom_options.h"
#include "tinyrt/kernel/kernel_util.h"
#include "tinyrt/kernel/quantization.h"
#include "tinyrt/op_resolver.h"
