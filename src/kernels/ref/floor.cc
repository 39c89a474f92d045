// SPDX-License-Identifier: Apache-2.0
// FLOOR: floorf of each float32 element (TFLM: float32 only).
#include <math.h>

#include "src/kernels/elementwise.h"

namespace tinyrt {
namespace kernels {
namespace {

float Floor(float x) { return floorf(x); }

}  // namespace

TINYRT_FLOAT_UNARY_OP(FLOOR, Floor)

}  // namespace kernels
}  // namespace tinyrt
