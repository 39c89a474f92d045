// SPDX-License-Identifier: Apache-2.0
// CEIL: ceilf of each float32 element (TFLM: float32 only).
#include <math.h>

#include "src/kernels/elementwise.h"

namespace tinyrt {
namespace kernels {
namespace {

float Ceil(float x) { return ceilf(x); }

}  // namespace

TINYRT_FLOAT_UNARY_OP(CEIL, Ceil)

}  // namespace kernels
}  // namespace tinyrt
