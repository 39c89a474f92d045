// SPDX-License-Identifier: Apache-2.0
// EXP: expf of each float32 element, as TFLM's std::exp.
#include <math.h>

#include "src/kernels/elementwise.h"

namespace tinyrt {
namespace kernels {
namespace {

float Exp(float x) { return expf(x); }

}  // namespace

TINYRT_FLOAT_UNARY_OP(EXP, Exp)

}  // namespace kernels
}  // namespace tinyrt
