// SPDX-License-Identifier: Apache-2.0
// SOFTMAX along the last dimension: output = exp(beta * (x - max)) / sum(exp(beta * (x - max))).
//  - float32: expf and a float sum in element order, as TFLM's reference kernel.
//  - int8 -> int8 and int8 -> int16: gemmlowp fixed point; differences from the row maximum are
//    rescaled to Q5.26 (input multiplier from beta * input_scale), exponentiated, summed in
//    Q12.19 and multiplied by the fixed-point reciprocal of the sum. Differences below diff_min
//    would overflow the rescaling and contribute exp = 0.
//  - int16 -> int16: two interpolated lookup tables (exp on [-10, 0] and 1/(1+x) on [0, 1]),
//    built in Prepare into the arena.
#include <math.h>
#include <string.h>

#include "src/kernels/kernel_util.h"
#include "src/math/fixed_point.h"
#include "src/math/lut.h"

namespace tinyrt {
namespace kernels {
namespace {

struct SoftmaxData {
  int32_t outer_size;  // rows
  int32_t depth;       // elements per row (the last dimension)
  float beta;          // float32
  int32_t input_multiplier;
  int32_t input_left_shift;
  int32_t diff_min;  // int8 input
  // int16 input: followed in the arena by int16 exp_lut[kInt16LutSize] and
  // one_over_one_plus_x_lut[kInt16LutSize].
  const int16_t* exp_lut() const { return reinterpret_cast<const int16_t*>(this + 1); }
  const int16_t* one_over_one_plus_x_lut() const { return exp_lut() + math::kInt16LutSize; }
};

constexpr int kScaledDiffIntegerBits = 5;     // Q5.26 input to exp: differences down to -32
constexpr int kAccumulationIntegerBits = 12;  // Q12.19 sum of up to 4096 exps

float Exp(float x) { return expf(x); }
float OneOverOnePlusX(float x) { return 1.0f / (1.0f + x); }

bool Near(float a, float b, float tolerance) { return (a > b ? a - b : b - a) <= tolerance; }

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 1));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  const auto* options = ctx.options<tflite::SoftmaxOptions>(tflite::BuiltinOptions_SoftmaxOptions);
  const float beta = options != nullptr ? options->beta() : 0.0f;
  TINYRT_PREPARE_CHECK(ctx, input.rank() >= 1, "input must have at least one dimension");
  TINYRT_PREPARE_CHECK(ctx, SameShape(input, output), "output shape differs from input shape");
  const TensorType in_type = input.type();
  const TensorType out_type = output.type();
  const int32_t depth = input.dim(input.rank() - 1);
  const int32_t outer_size = FlatSizeSkipDim(input, input.rank() - 1);

  SoftmaxData* data = nullptr;
  uint8_t variant = 0;
  if (in_type == TensorType::kFloat32) {
    TINYRT_PREPARE_CHECK(ctx, out_type == TensorType::kFloat32, "float32 input needs a float32 output, got " << TensorTypeName(out_type));
    data = ctx.AllocateOpData<SoftmaxData>();
    if (data == nullptr) return ctx.ArenaExhausted();
    data->beta = beta;
    variant = 0;
  } else if (in_type == TensorType::kInt8) {
    TINYRT_PREPARE_CHECK(ctx, out_type == TensorType::kInt8 || out_type == TensorType::kInt16,
                         "int8 input needs an int8 or int16 output, got " << TensorTypeName(out_type));
    TINYRT_PREPARE_CHECK(ctx, HasScale(input) && HasScale(output), "quantized tensors need quantization scales");
    // The kernel writes probabilities in fixed scales: [0, 1] onto the whole output range.
    if (out_type == TensorType::kInt8) {
      TINYRT_PREPARE_CHECK(ctx, output.zero_point() == -128 && output.scale() == 1.0f / 256,
                           "int8 output must have scale 1/256 and zero point -128");
    } else {
      TINYRT_PREPARE_CHECK(ctx, output.zero_point() == -32768 && Near(output.scale(), 1.0f / 65536, 0.001f * 1.0f / 65536),
                           "int16 output of an int8 softmax must have scale 1/65536 and zero point -32768");
    }
    data = ctx.AllocateOpData<SoftmaxData>();
    if (data == nullptr) return ctx.ArenaExhausted();
    int left_shift = 0;
    if (!math::PreprocessSoftmaxScalingFromScales(beta, input.scale(), kScaledDiffIntegerBits, &data->input_multiplier, &left_shift)) {
      return ctx.Fail(StatusCode::kUnsupported) << "beta * input scale is too small for the fixed-point softmax";
    }
    data->input_left_shift = left_shift;
    data->diff_min = -math::CalculateInputRadius(kScaledDiffIntegerBits, left_shift);
    variant = out_type == TensorType::kInt8 ? 1 : 2;
  } else if (in_type == TensorType::kInt16) {
    TINYRT_PREPARE_CHECK(ctx, out_type == TensorType::kInt16, "int16 input needs an int16 output, got " << TensorTypeName(out_type));
    TINYRT_PREPARE_CHECK(ctx, HasScale(input) && HasScale(output), "quantized tensors need quantization scales");
    TINYRT_PREPARE_CHECK(ctx, output.zero_point() == 0 && Near(output.scale(), 1.0f / 32768, 0.001f * 1.0f / 32768),
                         "int16 output must have scale 1/32768 and zero point 0");
    data = static_cast<SoftmaxData*>(ctx.AllocatePersistent(sizeof(SoftmaxData) + 2 * sizeof(int16_t) * math::kInt16LutSize));
    if (data == nullptr) return ctx.ArenaExhausted();
    ctx.SetOpData(data);
    auto* exp_lut = const_cast<int16_t*>(data->exp_lut());
    auto* reciprocal_lut = const_cast<int16_t*>(data->one_over_one_plus_x_lut());
    // exp on [-10, 0] (exp(-10) is negligible in a sum) and 1/(1+x) on [0, 1], both onto [-1, 1].
    const int32_t range = 65535;
    math::PopulateInt16Lut(Exp, 10.0f / range, 32767, 2.0f / range, 0, exp_lut);
    math::PopulateInt16Lut(OneOverOnePlusX, 1.0f / range, -32768, 2.0f / range, 0, reciprocal_lut);
    // Rescales differences so that [-65535, 0] covers [-10, 0]: input_scale * beta / (10.0 / 65535.0)
    // in double, computed exactly in integers.
    int shift = 0;
    math::QuantizeMultiplierFromScales(input.scale(), beta, math::kTenOver65535DoubleBits, &data->input_multiplier, &shift);
    data->input_left_shift = shift;
    variant = 3;
  } else {
    return TypeError(ctx, "input", in_type) << " (supported: float32, int8, int16)";
  }
  data->outer_size = outer_size;
  data->depth = depth;
  ctx.SelectVariant(variant);
  return Status::Ok();
}

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<SoftmaxData>();
  const float* input = ctx.input<float>(0);
  float* output = ctx.output<float>(0);
  for (int32_t i = 0; i < d.outer_size; ++i) {
    const float* in = input + i * d.depth;
    float* out = output + i * d.depth;
    float max = -3.4028234e38f;
    for (int32_t c = 0; c < d.depth; ++c) max = in[c] > max ? in[c] : max;
    float sum = 0.0f;
    for (int32_t c = 0; c < d.depth; ++c) {
      out[c] = expf((in[c] - max) * d.beta);
      sum += out[c];
    }
    for (int32_t c = 0; c < d.depth; ++c) out[c] = out[c] / sum;
  }
  return Status::Ok();
}

// int8 input; OutT is int8 (scale 1/256, zero point -128) or int16 (1/65536, -32768).
template <typename OutT>
Status EvalInt8(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<SoftmaxData>();
  const int8_t* input = ctx.input<int8_t>(0);
  OutT* output = ctx.output<OutT>(0);
  const int32_t out_min = sizeof(OutT) == 1 ? -128 : -32768;
  const int32_t out_max = sizeof(OutT) == 1 ? 127 : 32767;
  for (int32_t i = 0; i < d.outer_size; ++i) {
    const int8_t* in = input + i * d.depth;
    OutT* out = output + i * d.depth;
    int32_t max_in_row = -128;
    for (int32_t c = 0; c < d.depth; ++c) max_in_row = in[c] > max_in_row ? in[c] : max_in_row;

    int32_t sum_of_exps = 0;  // Q12.19
    for (int32_t c = 0; c < d.depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff >= d.diff_min) {
        const int32_t scaled_diff = math::MultiplyByQuantizedMultiplierGreaterThanOne(diff, d.input_multiplier, d.input_left_shift);
        const int32_t exp = math::ExpOnNegativeValues(scaled_diff, kScaledDiffIntegerBits);
        sum_of_exps = math::WrappingAdd(sum_of_exps, math::FixedRescale(exp, 0, kAccumulationIntegerBits));
      }
    }

    int num_bits_over_unit = 0;
    const int32_t shifted_scale = math::GetReciprocal(sum_of_exps, kAccumulationIntegerBits, &num_bits_over_unit);
    // 1/sum = shifted_scale * 2^-num_bits_over_unit; the output has 8*sizeof(OutT) fraction bits.
    const int exponent = num_bits_over_unit + 31 - static_cast<int>(sizeof(OutT) * 8);

    for (int32_t c = 0; c < d.depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff >= d.diff_min) {
        const int32_t scaled_diff = math::MultiplyByQuantizedMultiplierGreaterThanOne(diff, d.input_multiplier, d.input_left_shift);
        const int32_t exp = math::ExpOnNegativeValues(scaled_diff, kScaledDiffIntegerBits);
        // A row whose exps sum past 2^9 (int8 output) gives exponents above 31: every probability
        // is then at most 1/512, below half an output step, and the product (< 2^31) divided by
        // 2^32 or more rounds to 0. (TFLM aborts on such rows; a shift by 32+ is undefined.)
        const int32_t unsat = exponent > 31 ? 0 : math::RoundingDivideByPOT(math::FixedMul(shifted_scale, exp), exponent);
        out[c] = static_cast<OutT>(math::Clamp(unsat + out_min, out_min, out_max));
      } else {
        out[c] = static_cast<OutT>(out_min);
      }
    }
  }
  return Status::Ok();
}

Status EvalInt16(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<SoftmaxData>();
  const int16_t* input = ctx.input<int16_t>(0);
  int16_t* output = ctx.output<int16_t>(0);
  const int16_t* exp_lut = d.exp_lut();
  const int16_t* reciprocal_lut = d.one_over_one_plus_x_lut();
  for (int32_t i = 0; i < d.outer_size; ++i) {
    const int16_t* in = input + i * d.depth;
    int16_t* out = output + i * d.depth;
    int32_t max_in_row = -32768;
    for (int32_t c = 0; c < d.depth; ++c) max_in_row = in[c] > max_in_row ? in[c] : max_in_row;

    // exp(x - max) in Q0.15, cached in the output row, and their sum (Q16.15).
    int32_t sum_of_exps = 0;
    for (int32_t c = 0; c < d.depth; ++c) {
      const int32_t scaled_diff = math::MultiplyByQuantizedMultiplier(in[c] - max_in_row, d.input_multiplier, d.input_left_shift);
      // Recentred from [-65535, 0] to the table's [-32768, 32767].
      const int32_t symmetric = math::Clamp(scaled_diff + 32767, -32768, 32767);
      out[c] = math::LookupInt16Lut(static_cast<int16_t>(symmetric), exp_lut);
      sum_of_exps += out[c];
    }

    // 1/sum from the 1/(1+x) table, with the sum normalised into [1, 2).
    const int headroom_plus_one = math::CountLeadingZeros(static_cast<uint32_t>(sum_of_exps));
    const int32_t shifted_sum = static_cast<int32_t>(((static_cast<int64_t>(sum_of_exps) << (headroom_plus_one - 1)) + (1 << 13)) >> 14);
    // x = sum - 1, recentred from [0, 65535] to [-32768, 32767].
    const int32_t symmetric_sum = math::Clamp(shifted_sum - ((1 << 15) + (1 << 16)), -32768, 32767);
    const int16_t reciprocal = math::LookupInt16Lut(static_cast<int16_t>(symmetric_sum), reciprocal_lut);

    const int right_shift = 31 - headroom_plus_one;
    const int64_t round = static_cast<int64_t>(1) << (right_shift - 1);
    for (int32_t c = 0; c < d.depth; ++c) {
      const int32_t result = static_cast<int32_t>((static_cast<int64_t>(out[c]) * reciprocal + round) >> right_shift);
      out[c] = static_cast<int16_t>(math::Clamp(result, 0, 32767));
    }
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalInt8<int8_t>, "reference int8"},
    {EvalInt8<int16_t>, "reference int8->int16"},
    {EvalInt16, "reference int16"},
};

}  // namespace

const OpKernel kOp_SOFTMAX = {Prepare, kVariants, 4, 3};

}  // namespace kernels
}  // namespace tinyrt
