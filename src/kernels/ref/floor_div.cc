// SPDX-License-Identifier: Apache-2.0
// FLOOR_DIV: floor(a / b) with broadcasting. float32 as TFLM: the quotient and floor in double
// (a float quotient can round up to the next integer: 1 / 0.1f is 9.99999985, not 10); TFLM
// rejects a zero divisor at Eval, tinyrt gives the IEEE result. int32 (beyond TFLM): exact
// integer floor division; a zero divisor gives 0 and INT32_MIN / -1 wraps, instead of faulting.
#include <math.h>

#include "src/kernels/elementwise.h"

namespace tinyrt {
namespace kernels {
namespace {

float FloorDivFloat(float a, float b) { return static_cast<float>(floor(static_cast<double>(a) / static_cast<double>(b))); }

int32_t FloorDivInt(int32_t a, int32_t b) {
  if (b == 0) return 0;
  if (b == -1) return static_cast<int32_t>(0u - static_cast<uint32_t>(a));
  const int32_t q = a / b;  // truncates toward zero
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

constexpr EvalVariant kVariants[] = {
    {elementwise::EvalBinary<float, FloorDivFloat>, "reference float32"},
    {elementwise::EvalBinary<int32_t, FloorDivInt>, "reference int32"},
};

}  // namespace

const OpKernel kOp_FLOOR_DIV = {elementwise::PrepareFloatInt32Binary, kVariants, 2, 2};

}  // namespace kernels
}  // namespace tinyrt
