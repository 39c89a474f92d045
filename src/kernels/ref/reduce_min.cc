// SPDX-License-Identifier: Apache-2.0
// REDUCE_MIN: the minimum over the given axes (constant; negative count from the end,
// duplicates ignored), keep_dims only changing the output's shape. float32, int8, int16 (TFLM:
// float32, int8) and int32; int8/int16 outputs with their own quantization are requantized (TFLM
// refuses them). See PrepareExtremum in reduce.h.
#include "src/kernels/reduce.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr EvalVariant kVariants[] = {
    {EvalExtremum<float, false>, "reference float32"},
    {EvalExtremum<int8_t, false>, "reference int8"},
    {EvalExtremum<int16_t, false>, "reference int16"},
    {EvalExtremum<int32_t, false>, "reference int32"},
};

}  // namespace

const OpKernel kOp_REDUCE_MIN = {PrepareExtremum, kVariants, 4, 3};

}  // namespace kernels
}  // namespace tinyrt
