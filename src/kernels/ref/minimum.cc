// SPDX-License-Identifier: Apache-2.0
// MINIMUM: elementwise minimum with broadcasting (see src/kernels/maximum_minimum.h).
#include "src/kernels/maximum_minimum.h"

namespace tinyrt {
namespace kernels {
namespace {

using maxmin::Eval;
using maxmin::Min;

constexpr EvalVariant kVariants[] = {
    {Eval<float, Min>, "reference float32"}, {Eval<int8_t, Min>, "reference int8"},   {Eval<int16_t, Min>, "reference int16"},
    {Eval<int32_t, Min>, "reference int32"}, {Eval<int64_t, Min>, "reference int64"},
};

}  // namespace

const OpKernel kOp_MINIMUM = {maxmin::Prepare, kVariants, 5, 4};

}  // namespace kernels
}  // namespace tinyrt
