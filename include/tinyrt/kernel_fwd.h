// Forward declarations of kernels, so resolvers can reference them without their definitions.
#pragma once

namespace tinyrt {

struct OpKernel;

namespace kernels {
#define TINYRT_BUILTIN(code, NAME, Method) extern const OpKernel kOp_##NAME;
#include "tinyrt/builtin_ops.inc"
#undef TINYRT_BUILTIN
}  // namespace kernels

}  // namespace tinyrt
