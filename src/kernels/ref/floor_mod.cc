// SPDX-License-Identifier: Apache-2.0
// FLOOR_MOD: a - floor(a / b) * b with broadcasting (the result takes the divisor's sign).
// float32 as TFLM (fmodf, then + b when the signs differ); int32 with a zero divisor giving 0
// instead of faulting.
#include <math.h>

#include "src/kernels/elementwise.h"

namespace tinyrt {
namespace kernels {
namespace {

float FloorModFloat(float a, float b) {
  const float r = fmodf(a, b);
  return (r != 0.0f && ((b < 0.0f) != (r < 0.0f))) ? r + b : r;
}

int32_t FloorModInt(int32_t a, int32_t b) {
  if (b == 0 || b == -1) return 0;  // -1 divides everything; also avoids INT32_MIN % -1
  const int32_t r = a % b;
  return (r != 0 && ((b < 0) != (r < 0))) ? r + b : r;
}

constexpr EvalVariant kVariants[] = {
    {elementwise::EvalBinary<float, FloorModFloat>, "reference float32"},
    {elementwise::EvalBinary<int32_t, FloorModInt>, "reference int32"},
};

}  // namespace

const OpKernel kOp_FLOOR_MOD = {elementwise::PrepareFloatInt32Binary, kVariants, 2, 2};

}  // namespace kernels
}  // namespace tinyrt
