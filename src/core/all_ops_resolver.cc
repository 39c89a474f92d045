#include "tinyrt/op_resolver.h"

namespace tinyrt {

AllOpsResolver::AllOpsResolver() {
#define TINYRT_BUILTIN(code, NAME, Method) Add##Method();
#include "tinyrt/builtin_ops.inc"
#undef TINYRT_BUILTIN
}

}  // namespace tinyrt
