// SPDX-License-Identifier: Apache-2.0
// SQUARE: x * x of each float32 element (TFLM: float32 only).
#include "src/kernels/elementwise.h"

namespace tinyrt {
namespace kernels {
namespace {

float Square(float x) { return x * x; }

}  // namespace

TINYRT_FLOAT_UNARY_OP(SQUARE, Square)

}  // namespace kernels
}  // namespace tinyrt
