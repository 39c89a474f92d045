// SPDX-License-Identifier: Apache-2.0
#include "tinyrt/op_resolver.h"

namespace tinyrt {

// The capacity is exactly the number of kernels, so no Add can fail.
AllOpsResolver::AllOpsResolver() {
#define TINYRT_BUILTIN(code, NAME, Method) static_cast<void>(Add##Method());
#include "tinyrt/builtin_ops.inc"
#undef TINYRT_BUILTIN
#define TINYRT_CUSTOM(Name, Kernel) static_cast<void>(Add##Name());
#include "tinyrt/signal_ops.inc"
#undef TINYRT_CUSTOM
}

}  // namespace tinyrt
