// SPDX-License-Identifier: Apache-2.0
// LOG_SOFTMAX: x - max - log(sum(exp(x - max))) along the last dimension. float32 in TFLM's
// order (expf, logf); int8 as TFLM's fixed-point reference: differences from the row maximum
// scaled to Q5.26, exp summed in Q12.19, log in Q5.26, output on the fixed scale 16/256 with
// zero point 127.
#include <math.h>

#include "src/kernels/elementwise.h"
#include "src/math/fixed_point.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr int kInputIntegerBits = 5;
constexpr int kAccumulationIntegerBits = 12;
constexpr int kOutputIntegerBits = 4;

struct LogSoftmaxData {
  int32_t outer;
  int32_t depth;
  int32_t input_multiplier;
  int32_t input_left_shift;
  int32_t reverse_multiplier;
  int32_t reverse_shift;
  int32_t diff_min;
};

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<LogSoftmaxData>();
  const float* input = ctx.input<float>(0);
  float* output = ctx.output<float>(0);
  for (int32_t i = 0; i < d.outer; ++i) {
    const float* in = input + i * d.depth;
    float max = -3.40282347e38f;
    for (int32_t c = 0; c < d.depth; ++c) max = max < in[c] ? in[c] : max;
    float sum = 0.0f;
    for (int32_t c = 0; c < d.depth; ++c) sum += expf(in[c] - max);
    const float log_sum = logf(sum);
    for (int32_t c = 0; c < d.depth; ++c) output[i * d.depth + c] = in[c] - max - log_sum;
  }
  return Status::Ok();
}

Status EvalInt8(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<LogSoftmaxData>();
  const int8_t* input = ctx.input<int8_t>(0);
  int8_t* output = ctx.output<int8_t>(0);
  for (int32_t i = 0; i < d.outer; ++i) {
    const int8_t* in = input + i * d.depth;
    int8_t* out = output + i * d.depth;
    int32_t max = -128;
    for (int32_t c = 0; c < d.depth; ++c) max = in[c] > max ? in[c] : max;
    int32_t sum_of_exps = 0;  // Q12
    for (int32_t c = 0; c < d.depth; ++c) {
      const int32_t diff = in[c] - max;
      if (diff >= d.diff_min) {
        const int32_t diff_q5 = math::MultiplyByQuantizedMultiplier(diff, d.input_multiplier, d.input_left_shift);
        sum_of_exps = math::WrappingAdd(
            sum_of_exps, math::FixedRescale(math::ExpOnNegativeValues(diff_q5, kInputIntegerBits), 0, kAccumulationIntegerBits));
      }
    }
    const int32_t log_sum_q5 = math::LogXForXGreaterThanOrEqualTo1(sum_of_exps, kAccumulationIntegerBits, kInputIntegerBits);
    // Differences at or below this would make the output subtraction overflow Q5.26.
    const int32_t shifted_log_sum = math::WrappingAdd(log_sum_q5, INT32_MIN);
    const int32_t reverse = math::MultiplyByQuantizedMultiplier(shifted_log_sum, d.reverse_multiplier, d.reverse_shift);
    const int32_t adjusted_diff_min = d.diff_min - 1 > reverse ? d.diff_min - 1 : reverse;
    for (int32_t c = 0; c < d.depth; ++c) {
      const int32_t diff = in[c] - max;
      if (diff > adjusted_diff_min) {
        const int32_t diff_q5 = math::MultiplyByQuantizedMultiplier(diff, d.input_multiplier, d.input_left_shift);
        const int32_t value =
            math::RoundingDivideByPOT(math::WrappingSub(diff_q5, log_sum_q5), 31 - kInputIntegerBits - kOutputIntegerBits) + 127;
        out[c] = static_cast<int8_t>(math::Clamp(value, -128, 127));
      } else {
        out[c] = -128;
      }
    }
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {{EvalFloat, "reference float32"}, {EvalInt8, "reference int8"}};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(elementwise::CheckFloatOrInt8SameShape(ctx));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  const TensorType type = input.type();
  TINYRT_PREPARE_CHECK(ctx, input.rank() >= 1, "input must have rank >= 1");
  LogSoftmaxData* data = ctx.AllocateOpData<LogSoftmaxData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->depth = input.dim(input.rank() - 1);
  data->outer = FlatSizeSkipDim(input, input.rank() - 1);
  if (type == TensorType::kInt8) {
    TINYRT_PREPARE_CHECK(ctx, HasScale(input) && HasScale(output), "int8 tensors need quantization scales");
    TINYRT_PREPARE_CHECK(ctx, output.scale() == 16.0f / 256.0f && output.zero_point() == 127,
                         "int8 output must have scale 16/256 and zero point 127");
    TINYRT_PREPARE_CHECK(ctx, data->depth <= 4096, "last dimension " << data->depth << " exceeds the Q12 sum's 4096 terms");
    int32_t multiplier = 0;
    int left_shift = 0;
    TINYRT_PREPARE_CHECK(
        ctx, math::PreprocessSoftmaxScaling(1.0, static_cast<double>(input.scale()), kInputIntegerBits, &multiplier, &left_shift),
        "input scale " << input.scale() << " is too small");
    data->input_multiplier = multiplier;
    data->input_left_shift = left_shift;
    // TFLM's inverse of the input scaling, to map the log-sum back to input differences.
    const double reverse = static_cast<double>(1LL << (31 - left_shift)) / static_cast<double>(multiplier);
    int reverse_shift = 0;
    math::QuantizeMultiplier(reverse, &data->reverse_multiplier, &reverse_shift);
    TINYRT_PREPARE_CHECK(ctx, ValidMultiplierShift(reverse_shift), "input scale is out of range");
    data->reverse_shift = reverse_shift;
    data->diff_min = -math::CalculateInputRadius(kInputIntegerBits, left_shift);
    ctx.SelectVariant(1);
  }
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_LOG_SOFTMAX = {Prepare, kVariants, 2, 2};

}  // namespace kernels
}  // namespace tinyrt
