// HARD_SWISH: x * relu6(x + 3) / 6. float32, evaluated in TFLM's reference order.
#include "src/kernels/elementwise.h"

namespace tinyrt {
namespace kernels {
namespace {

float HardSwish(float x) {
  const float relu6 = math::Clamp(x + 3.0f, 0.0f, 6.0f);
  return x * relu6 / 6.0f;
}

}  // namespace

TINYRT_FLOAT_UNARY_OP(HARD_SWISH, HardSwish)

}  // namespace kernels
}  // namespace tinyrt
