// SPDX-License-Identifier: Apache-2.0
// SQRT: sqrtf of each float32 element (NaN below 0), as TFLM's std::sqrt.
#include <math.h>

#include "src/kernels/elementwise.h"

namespace tinyrt {
namespace kernels {
namespace {

float Sqrt(float x) { return sqrtf(x); }

}  // namespace

TINYRT_FLOAT_UNARY_OP(SQRT, Sqrt)

}  // namespace kernels
}  // namespace tinyrt
