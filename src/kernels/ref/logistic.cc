// SPDX-License-Identifier: Apache-2.0
// LOGISTIC: output = 1 / (1 + exp(-x)), elementwise, as TFLM's reference kernels compute it.
//  - float32: expf, with TFLite's cutoffs (exactly 1 above 16.619..., exp(x) below -9).
//  - int8: gemmlowp fixed point: x - zero point rescaled to Q4.27, logistic in Q0, rounded to
//    the output's fixed scale 1/256 and zero point -128; beyond the input radius it saturates.
//  - int16: TFLite's interpolated sigmoid table; input zero point 0, output scale 2^-15.
#include <math.h>

#include "src/kernels/logistic_tanh.h"

namespace tinyrt {
namespace kernels {
namespace {

// What sets LOGISTIC apart from TANH (logistic_tanh.h).
struct Logistic {
  static constexpr int kInt8OutputBits = 8;  // int8 output: scale 1/256, zero point -128
  static constexpr int32_t kInt8OutputZeroPoint = -128;
  static constexpr const char* kInt8OutputRule = "int8 output must have scale 1/256 and zero point -128";
  static constexpr bool kInt16AcceptShiftOne = false;
  static int32_t Int8(int32_t q4, int integer_bits) { return math::FixedLogistic(q4, integer_bits); }
  static int16_t Int16(int32_t rescaled) { return math::LogisticInt16Rescaled(rescaled); }
};

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<LogisticTanhData>();
  const float* input = ctx.input<float>(0);
  float* output = ctx.output<float>(0);
  for (int32_t i = 0; i < d.elements; ++i) {
    const float x = input[i];
    if (x > 16.619047164916992188f) {
      output[i] = 1.0f;
    } else if (x < -9.0f) {
      output[i] = expf(x);
    } else {
      output[i] = 1.0f / (1.0f + expf(-x));
    }
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalLogisticTanhInt8<Logistic>, "reference int8"},
    {EvalLogisticTanhInt16<Logistic, math::RescaleInt16ActivationInput>, "reference int16"},
    {EvalLogisticTanhInt16<Logistic, math::RescaleInt16ActivationInputWide>, "reference int16 (input scale above 5.33)"},
};

}  // namespace

const OpKernel kOp_LOGISTIC = {PrepareActivation<LogisticTanhData, true, SetupLogisticTanh<Logistic>>, kVariants, 4, 3};

}  // namespace kernels
}  // namespace tinyrt
