// SPDX-License-Identifier: Apache-2.0
// SIN: sinf of each float32 element, as TFLM's std::sin.
#include <math.h>

#include "src/kernels/elementwise.h"

namespace tinyrt {
namespace kernels {
namespace {

float Sin(float x) { return sinf(x); }

}  // namespace

TINYRT_FLOAT_UNARY_OP(SIN, Sin)

}  // namespace kernels
}  // namespace tinyrt
