// SPDX-License-Identifier: Apache-2.0
// MAXIMUM: elementwise maximum with broadcasting (see src/kernels/maximum_minimum.h).
#include "src/kernels/maximum_minimum.h"

namespace tinyrt {
namespace kernels {
namespace {

using maxmin::Eval;
using maxmin::Max;

constexpr EvalVariant kVariants[] = {
    {Eval<float, Max>, "reference float32"}, {Eval<int8_t, Max>, "reference int8"},   {Eval<int16_t, Max>, "reference int16"},
    {Eval<int32_t, Max>, "reference int32"}, {Eval<int64_t, Max>, "reference int64"},
};

}  // namespace

const OpKernel kOp_MAXIMUM = {maxmin::Prepare, kVariants, 5, 4};

}  // namespace kernels
}  // namespace tinyrt
