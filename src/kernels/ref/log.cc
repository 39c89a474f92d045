// SPDX-License-Identifier: Apache-2.0
// LOG: logf of each float32 element (NaN below 0, -inf at 0), as TFLM's std::log.
#include <math.h>

#include "src/kernels/elementwise.h"

namespace tinyrt {
namespace kernels {
namespace {

float Log(float x) { return logf(x); }

}  // namespace

TINYRT_FLOAT_UNARY_OP(LOG, Log)

}  // namespace kernels
}  // namespace tinyrt
