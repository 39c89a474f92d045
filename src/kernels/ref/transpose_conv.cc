// SPDX-License-Identifier: Apache-2.0
// TRANSPOSE_CONV: the gradient of CONV_2D with respect to its input. Inputs: output_shape
// (ignored at run time, as in TFLM: the output tensor's static shape counts; it may even be a
// graph input), filter [out_depth, fh, fw, in_depth], input NHWC, optional bias [out_depth].
// Computed as TFLM's reference kernels do, by scattering: each input element adds
// input * filter[o, fy, fx, c] to output (y*stride - pad + fy, x*stride - pad + fx, o), walking the
// input in order; float32 scatters into the output itself (float sums in that order), int8
// into an int32 scratch buffer ((input - zp) * filter, int32 bias), int16x8 into an int64 one
// (int64 bias; int32 and int16 biases are widened). Then bias, per-channel requantization
// (quantized) and the fused activation. Padding is computed from the output size as TFLM does.
#include <string.h>

#include <type_traits>

#include "src/kernels/conv_util.h"
#include "src/math/fixed_point.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr int kOutputShapeTensor = 0;
constexpr int kFilterTensor = 1;
constexpr int kInputTensor = 2;
constexpr int kBiasTensor = 3;

struct TransposeConvData : ConvShape {
  int32_t pad_height;
  int32_t pad_width;
  ConvQuantParams q;
  float float_act_min;
  float float_act_max;
  uint32_t scratch;  // int32/int64 accumulators, one per output element (quantized)
  // Followed by int32 multipliers[output_depth] and int8 shifts[output_depth] (quantized).
  const int32_t* multipliers() const { return reinterpret_cast<const int32_t*>(this + 1); }
  const int8_t* shifts() const { return reinterpret_cast<const int8_t*>(multipliers() + output_depth); }
};

// acc[(b, oy, ox, o)] += product(input value, filter value) over the scatter pattern.
template <typename In, typename Filter, typename Acc, typename Product>
void Scatter(const TransposeConvData& d, const In* input, const Filter* filter, Acc* acc, const Product& product) {
  const int32_t out_row = d.output_width * d.output_depth;
  for (int32_t b = 0; b < d.batches; ++b) {
    Acc* out_batch = acc + static_cast<size_t>(b) * static_cast<size_t>(d.output_height) * static_cast<size_t>(out_row);
    for (int32_t iy = 0; iy < d.input_height; ++iy) {
      for (int32_t ix = 0; ix < d.input_width; ++ix) {
        const In* in = input + ((static_cast<size_t>(b) * static_cast<size_t>(d.input_height) + static_cast<size_t>(iy)) *
                                    static_cast<size_t>(d.input_width) +
                                static_cast<size_t>(ix)) *
                                   static_cast<size_t>(d.input_depth);
        // 64-bit: a huge stride times the position must not overflow (it only skips taps).
        const int64_t oy0 = static_cast<int64_t>(iy) * d.stride_height - d.pad_height;
        const int64_t ox0 = static_cast<int64_t>(ix) * d.stride_width - d.pad_width;
        for (int32_t c = 0; c < d.input_depth; ++c) {
          for (int32_t fy = 0; fy < d.filter_height; ++fy) {
            const int64_t oy = oy0 + fy;
            if (oy < 0 || oy >= d.output_height) continue;
            for (int32_t fx = 0; fx < d.filter_width; ++fx) {
              const int64_t ox = ox0 + fx;
              if (ox < 0 || ox >= d.output_width) continue;
              Acc* out = out_batch + static_cast<size_t>(oy) * static_cast<size_t>(out_row) +
                         static_cast<size_t>(ox) * static_cast<size_t>(d.output_depth);
              const size_t tap = (static_cast<size_t>(fy) * static_cast<size_t>(d.filter_width) + static_cast<size_t>(fx)) *
                                     static_cast<size_t>(d.input_depth) +
                                 static_cast<size_t>(c);
              const size_t filter_stride =
                  static_cast<size_t>(d.filter_height) * static_cast<size_t>(d.filter_width) * static_cast<size_t>(d.input_depth);
              for (int32_t o = 0; o < d.output_depth; ++o) {
                const size_t w = static_cast<size_t>(o) * filter_stride + tap;
                out[o] += product(in[c], filter[w]);
              }
            }
          }
        }
      }
    }
  }
}

size_t OutputElements(const TransposeConvData& d) {
  return static_cast<size_t>(d.batches) * static_cast<size_t>(d.output_height) * static_cast<size_t>(d.output_width) *
         static_cast<size_t>(d.output_depth);
}

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<TransposeConvData>();
  const float* bias = ctx.has_input(kBiasTensor) ? ctx.input<float>(kBiasTensor) : nullptr;
  float* output = ctx.output<float>(0);
  const size_t n = OutputElements(d);
  for (size_t i = 0; i < n; ++i) output[i] = 0.0f;
  Scatter(d, ctx.input<float>(kInputTensor), ctx.input<float>(kFilterTensor), output, [](float x, float w) { return x * w; });
  for (size_t i = 0; i < n; ++i) {
    float acc = output[i];
    if (bias != nullptr) acc += bias[i % static_cast<size_t>(d.output_depth)];
    output[i] = math::Clamp(acc, d.float_act_min, d.float_act_max);
  }
  return Status::Ok();
}

// The 16x8 rescale for shifts of 15 and above (an effective scale of 2^14 or more, e.g. an output
// scale near 1e-9): TFLM's total shift 15 - shift is zero or negative there, and its shifts by
// negative counts are undefined. tinyrt gives the exact value, x * reduced multiplier *
// 2^(shift - 15) saturated to int32 (then clamped to the output range like any other).
int32_t RescaleBeyondTflmRange(int64_t x, int32_t multiplier, int shift) {
  constexpr int64_t kLimit = (static_cast<int64_t>(1) << 47) - 1;
  x = x > kLimit ? kLimit : (x < -kLimit ? -kLimit : x);
  const int32_t reduced = multiplier < 0x7FFF0000 ? ((multiplier + (1 << 15)) >> 16) : 0x7FFF;
  const int64_t v = x * reduced;  // |v| < 2^62
  if (v == 0) return 0;
  const int up = shift - 15;
  const int64_t headroom = up >= 31 ? 0 : (static_cast<int64_t>(INT32_MAX) >> up);
  if (v > headroom) return INT32_MAX;
  if (v < -headroom) return INT32_MIN;
  return static_cast<int32_t>(v * (static_cast<int64_t>(1) << up));
}

// In: int8 or int16 activations; Acc: int32 (int8) or int64 (16x8); Bias: the bias tensor's type.
template <typename In, typename Acc, typename Bias>
Status EvalQuantized(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<TransposeConvData>();
  const Bias* bias = ctx.has_input(kBiasTensor) ? ctx.input<Bias>(kBiasTensor) : nullptr;
  In* output = ctx.output<In>(0);
  Acc* acc = reinterpret_cast<Acc*>(ctx.scratch(d.scratch));
  const size_t n = OutputElements(d);
  memset(acc, 0, n * sizeof(Acc));
  const int32_t input_offset = d.q.input_offset;  // 0 for int16
  Scatter(d, ctx.input<In>(kInputTensor), ctx.input<int8_t>(kFilterTensor), acc,
          [input_offset](In x, int8_t w) { return static_cast<Acc>(static_cast<int32_t>(x) + input_offset) * static_cast<Acc>(w); });
  const int32_t* multipliers = d.multipliers();
  const int8_t* shifts = d.shifts();
  for (size_t i = 0; i < n; ++i) {
    const size_t o = i % static_cast<size_t>(d.output_depth);
    Acc sum = acc[i];
    // Wrapping, as the fixed-width addition does on TFLM's targets (a crafted bias must not be UB).
    if (bias != nullptr)
      sum =
          static_cast<Acc>(static_cast<std::make_unsigned_t<Acc>>(sum) + static_cast<std::make_unsigned_t<Acc>>(static_cast<Acc>(bias[o])));
    // TFLM adds no output zero point in the 16x8 kernel (it must be 0 there).
    int32_t rescaled;
    if constexpr (sizeof(Acc) == 8) {
      rescaled = shifts[o] < 15 ? math::MultiplyByQuantizedMultiplier(sum, multipliers[o], shifts[o])
                                : RescaleBeyondTflmRange(sum, multipliers[o], shifts[o]);
    } else {
      rescaled = math::MultiplyByQuantizedMultiplier(sum, multipliers[o], shifts[o]);
    }
    const int32_t scaled = math::WrappingAdd(rescaled, d.q.output_offset);
    output[i] = static_cast<In>(math::Clamp(scaled, d.q.act_min, d.q.act_max));
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalQuantized<int8_t, int32_t, int32_t>, "reference int8"},
    {EvalQuantized<int16_t, int64_t, int64_t>, "reference int16x8"},
    {EvalQuantized<int16_t, int64_t, int32_t>, "reference int16x8 (int32 bias)"},
    {EvalQuantized<int16_t, int64_t, int16_t>, "reference int16x8 (int16 bias)"},
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 3, 1));
  const TensorView output_shape = ctx.input(kOutputShapeTensor);
  const TensorView filter = ctx.input(kFilterTensor);
  const TensorView input = ctx.input(kInputTensor);
  const TensorView output = ctx.output(0);
  const bool has_bias = ctx.has_input(kBiasTensor);
  const auto* options = ctx.options<tflite::TransposeConvOptions>(tflite::BuiltinOptions_TransposeConvOptions);
  TINYRT_PREPARE_CHECK(ctx, options != nullptr, "TransposeConvOptions are missing");
  const auto activation = static_cast<math::Activation>(options->fused_activation_function());
  const TensorType type = input.type();
  if (type != TensorType::kFloat32 && type != TensorType::kInt8 && type != TensorType::kInt16) {
    return TypeError(ctx, "input", type) << " (supported: float32, int8, int16)";
  }
  TINYRT_PREPARE_CHECK(ctx, output.type() == type,
                       "output type " << TensorTypeName(output.type()) << " differs from input type " << TensorTypeName(type));

  // Geometry.
  TINYRT_PREPARE_CHECK(
      ctx, input.rank() == 4 && filter.rank() == 4 && output.rank() == 4,
      "input, filter and output must be 4-D, have ranks " << input.rank() << ", " << filter.rank() << ", " << output.rank());
  const int padding = options->padding();
  TINYRT_PREPARE_CHECK(ctx, padding == kPaddingSame || padding == kPaddingValid, "padding " << padding << " is not SAME or VALID");
  TINYRT_PREPARE_CHECK(ctx, options->stride_h() > 0 && options->stride_w() > 0,
                       "strides must be positive, are " << options->stride_h() << "x" << options->stride_w());
  TINYRT_PREPARE_CHECK(ctx,
                       WindowParametersInRange(options->stride_h(), options->stride_w(), 1, 1, filter.dim(1) > 0 ? filter.dim(1) : 1,
                                               filter.dim(2) > 0 ? filter.dim(2) : 1),
                       "strides and filter sizes must be at most " << kMaxWindowParameter);
  TINYRT_PREPARE_CHECK(ctx, output.dim(0) == input.dim(0),
                       "output batch " << output.dim(0) << " differs from input batch " << input.dim(0));
  TINYRT_PREPARE_CHECK(ctx, filter.dim(3) == input.dim(3),
                       "filter depth " << filter.dim(3) << " differs from input depth " << input.dim(3));
  TINYRT_PREPARE_CHECK(ctx, filter.dim(0) == output.dim(3),
                       "filter has " << filter.dim(0) << " output channels, output depth is " << output.dim(3));
  TINYRT_PREPARE_CHECK(ctx, filter.dim(0) > 0 && filter.dim(1) > 0 && filter.dim(2) > 0, "filter dimensions must be non-zero");
  if (has_bias) {
    TINYRT_PREPARE_CHECK(
        ctx, ctx.input(kBiasTensor).elements() == static_cast<size_t>(filter.dim(0)),
        "bias has " << static_cast<uint64_t>(ctx.input(kBiasTensor).elements()) << " elements, expected " << filter.dim(0));
  }
  if (output_shape.valid() && output_shape.raw() != nullptr) {
    // A constant output_shape must describe the output tensor.
    TINYRT_PREPARE_CHECK(ctx, output_shape.type() == TensorType::kInt32 && output_shape.elements() == 4,
                         "output_shape must be a 4-element int32 tensor");
    for (int i = 0; i < 4; ++i) {
      TINYRT_PREPARE_CHECK(
          ctx, output_shape.data<int32_t>()[i] == output.dim(i),
          "output_shape[" << i << "] is " << output_shape.data<int32_t>()[i] << " but the output tensor has " << output.dim(i));
    }
  }

  const int32_t channels = filter.dim(0);
  const bool quantized = type != TensorType::kFloat32;
  const size_t bytes = sizeof(TransposeConvData) + (quantized ? (sizeof(int32_t) + sizeof(int8_t)) * static_cast<size_t>(channels) : 0);
  auto* data = static_cast<TransposeConvData*>(ctx.AllocatePersistent(bytes, alignof(TransposeConvData)));
  if (data == nullptr) return ctx.ArenaExhausted();
  ctx.SetOpData(data);
  data->batches = input.dim(0);
  data->input_height = input.dim(1);
  data->input_width = input.dim(2);
  data->input_depth = input.dim(3);
  data->filter_height = filter.dim(1);
  data->filter_width = filter.dim(2);
  data->output_height = output.dim(1);
  data->output_width = output.dim(2);
  data->output_depth = output.dim(3);
  data->stride_height = options->stride_h();
  data->stride_width = options->stride_w();
  // TFLM pads as a CONV_2D from the output back to the input would (dilation 1).
  int unused_height = 0;
  int unused_width = 0;
  const PaddingValues pad =
      ComputePaddingHeightWidth(data->stride_height, data->stride_width, 1, 1, data->output_height, data->output_width, data->filter_height,
                                data->filter_width, padding, &unused_height, &unused_width);
  data->pad_height = pad.height;
  data->pad_width = pad.width;

  if (!quantized) {
    TINYRT_PREPARE_CHECK(ctx, filter.type() == TensorType::kFloat32,
                         "float32 input needs float32 filters, got " << TensorTypeName(filter.type()) << kHybridNotSupported);
    TINYRT_PREPARE_CHECK(ctx, !has_bias || ctx.input(kBiasTensor).type() == TensorType::kFloat32, "float32 op needs a float32 bias");
    TINYRT_RETURN_IF_ERROR(PrepareFloatActivation(ctx, activation, &data->float_act_min, &data->float_act_max));
    ctx.SelectVariant(0);
    return Status::Ok();
  }

  uint8_t variant = 1;
  if (has_bias) {
    const TensorType bias_type = ctx.input(kBiasTensor).type();
    if (type == TensorType::kInt8) {
      TINYRT_PREPARE_CHECK(ctx, bias_type == TensorType::kInt32,
                           "bias type " << TensorTypeName(bias_type) << " is not supported with int8 input");
    } else {
      TINYRT_PREPARE_CHECK(ctx, bias_type == TensorType::kInt64 || bias_type == TensorType::kInt32 || bias_type == TensorType::kInt16,
                           "bias type " << TensorTypeName(bias_type) << " is not supported with int16 input");
      variant = bias_type == TensorType::kInt64 ? 2 : bias_type == TensorType::kInt32 ? 3 : 4;
    }
  } else if (type == TensorType::kInt16) {
    variant = 2;
  }
  ConvOperands operands;
  operands.input = kInputTensor;
  operands.filter = kFilterTensor;
  operands.bias = kBiasTensor;
  operands.check_bias_type = false;  // checked above (int16 bias too)
  operands.int16_int64_accumulator = true;
  TINYRT_RETURN_IF_ERROR(PrepareConvQuantization(ctx, activation, 0, channels, false, &data->q, const_cast<int32_t*>(data->multipliers()),
                                                 const_cast<int8_t*>(data->shifts()), operands));
  // Shifts of 15 and above take RescaleBeyondTflmRange in the 16x8 kernel (TFLM's is undefined
  // there); an int8 shift above 30 would shift int32 by 31 in TFLM (undefined) and is refused.
  for (int32_t c = 0; c < channels; ++c) {
    TINYRT_PREPARE_CHECK(ctx, ValidMultiplierShift(data->shifts()[c]),
                         "the scales of output channel " << c << " give an out-of-range rescale (effective scale 2^" << data->shifts()[c]
                                                         << ": input scale x filter scale / output scale)");
  }
  const size_t acc_size = type == TensorType::kInt8 ? sizeof(int32_t) : sizeof(int64_t);
  TINYRT_RETURN_IF_ERROR(ctx.RequestScratch(acc_size * output.elements(), &data->scratch));
  ctx.SelectVariant(variant);
  return Status::Ok();
}

}  // namespace

// Versions: 1 float, 2 int8, 3 int16x8, 4 fused activation.
const OpKernel kOp_TRANSPOSE_CONV = {Prepare, kVariants, 5, 5};

}  // namespace kernels
}  // namespace tinyrt
