// SPDX-License-Identifier: Apache-2.0
// COS: cosf of each float32 element, as TFLM's std::cos.
#include <math.h>

#include "src/kernels/elementwise.h"

namespace tinyrt {
namespace kernels {
namespace {

float Cos(float x) { return cosf(x); }

}  // namespace

TINYRT_FLOAT_UNARY_OP(COS, Cos)

}  // namespace kernels
}  // namespace tinyrt
