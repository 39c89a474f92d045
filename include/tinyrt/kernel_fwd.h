// SPDX-License-Identifier: Apache-2.0
// Forward declarations of kernels, so resolvers can reference them without their definitions.
#pragma once

namespace tinyrt {

struct OpKernel;

namespace kernels {
#define TINYRT_BUILTIN(code, NAME, Method) extern const OpKernel kOp_##NAME;
#include "tinyrt/builtin_ops.inc"
#undef TINYRT_BUILTIN
#define TINYRT_CUSTOM(Name, Kernel) extern const OpKernel kOp_Custom_##Kernel;
#include "tinyrt/signal_ops.inc"
#undef TINYRT_CUSTOM
}  // namespace kernels

}  // namespace tinyrt
