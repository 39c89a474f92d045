// SPDX-License-Identifier: Apache-2.0
// NEG: -x per element. float32 (TFLM's type), and int32/int64 (two's-complement wrap, so the
// minimum value stays itself).
#include "src/kernels/elementwise.h"

namespace tinyrt {
namespace kernels {
namespace {

float NegFloat(float x) { return -x; }
template <typename T, typename U>
T NegInt(T x) {
  return static_cast<T>(U{0} - static_cast<U>(x));
}

constexpr TensorType kTypes[] = {TensorType::kFloat32, TensorType::kInt32, TensorType::kInt64};
constexpr EvalVariant kVariants[] = {
    {elementwise::EvalUnary<float, NegFloat>, "reference float32"},
    {elementwise::EvalUnary<int32_t, NegInt<int32_t, uint32_t>>, "reference int32"},
    {elementwise::EvalUnary<int64_t, NegInt<int64_t, uint64_t>>, "reference int64"},
};

Status Prepare(PrepareContext& ctx) { return elementwise::PrepareUnary(ctx, kTypes, 3, "float32, int32, int64"); }

}  // namespace

const OpKernel kOp_NEG = {Prepare, kVariants, 3, 2};

}  // namespace kernels
}  // namespace tinyrt
