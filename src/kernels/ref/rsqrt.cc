// RSQRT: 1 / sqrtf(x) of each float32 element (NaN below 0, inf at 0), as TFLM.
#include <math.h>

#include "src/kernels/elementwise.h"

namespace tinyrt {
namespace kernels {
namespace {

float Rsqrt(float x) { return 1.0f / sqrtf(x); }

}  // namespace

TINYRT_FLOAT_UNARY_OP(RSQRT, Rsqrt)

}  // namespace kernels
}  // namespace tinyrt
