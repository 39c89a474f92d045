// SPDX-License-Identifier: Apache-2.0
// ROUND: float32 elements rounded half to even, as TFLM's RoundToNearest (not roundf).
#include <math.h>

#include "src/kernels/elementwise.h"

namespace tinyrt {
namespace kernels {
namespace {

float RoundHalfToEven(float x) {
  const float lower = floorf(x);
  const float diff = x - lower;
  // fmodf rather than TFLM's int cast: the same parity test without overflow for huge values.
  if (diff < 0.5f || (diff == 0.5f && fmodf(lower, 2.0f) == 0.0f)) return lower;
  return lower + 1.0f;
}

}  // namespace

TINYRT_FLOAT_UNARY_OP(ROUND, RoundHalfToEven)

}  // namespace kernels
}  // namespace tinyrt
