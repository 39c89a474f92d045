// SPDX-License-Identifier: Apache-2.0
// TANH: output = tanh(x), elementwise, as TFLM's reference kernels compute it.
//  - float32: tanhf.
//  - int8: gemmlowp fixed point: x - zero point rescaled to Q4.27, tanh in Q0, rounded to the
//    output's fixed scale 1/128 and zero point 0; beyond the input radius it saturates.
//  - int16: TFLite's interpolated sigmoid table (tanh(x) = 2 sigmoid(2x) - 1); input zero point 0,
//    output scale 2^-15.
#include <math.h>

#include "src/kernels/logistic_tanh.h"

namespace tinyrt {
namespace kernels {
namespace {

// What sets TANH apart from LOGISTIC (logistic_tanh.h).
struct Tanh {
  static constexpr int kInt8OutputBits = 7;  // int8 output: scale 1/128, zero point 0
  static constexpr int32_t kInt8OutputZeroPoint = 0;
  static constexpr const char* kInt8OutputRule = "int8 output must have scale 1/128 and zero point 0";
  static constexpr bool kInt16AcceptShiftOne = true;  // input scale 2^-11 counts as a power of two
  static int32_t Int8(int32_t q4, int integer_bits) { return math::FixedTanh(q4, integer_bits); }
  static int16_t Int16(int32_t rescaled) { return math::TanhInt16Rescaled(rescaled); }
};

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<LogisticTanhData>();
  const float* input = ctx.input<float>(0);
  float* output = ctx.output<float>(0);
  for (int32_t i = 0; i < d.elements; ++i) output[i] = tanhf(input[i]);
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalLogisticTanhInt8<Tanh>, "reference int8"},
    {EvalLogisticTanhInt16<Tanh, math::RescaleInt16ActivationInput>, "reference int16"},
    {EvalLogisticTanhInt16<Tanh, math::RescaleInt16ActivationInputWide>, "reference int16 (input scale above 5.33)"},
};

}  // namespace

const OpKernel kOp_TANH = {PrepareActivation<LogisticTanhData, true, SetupLogisticTanh<Tanh>>, kVariants, 4, 3};

}  // namespace kernels
}  // namespace tinyrt
