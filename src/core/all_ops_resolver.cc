// SPDX-License-Identifier: Apache-2.0
#include "tinyrt/op_resolver.h"

namespace tinyrt {

AllOpsResolver::AllOpsResolver() {
#define TINYRT_BUILTIN(code, NAME, Method) Add##Method();
#include "tinyrt/builtin_ops.inc"
#undef TINYRT_BUILTIN
#define TINYRT_CUSTOM(Name, Kernel) Add##Name();
#include "tinyrt/signal_ops.inc"
#undef TINYRT_CUSTOM
}

}  // namespace tinyrt
