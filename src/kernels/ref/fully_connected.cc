// SPDX-License-Identifier: Apache-2.0
// FULLY_CONNECTED: output[b, o] = act(sum_d input[b, d] * filter[o, d] + bias[o]).
// float32; int8 activations with int8 weights (per-tensor or per-channel); int16 activations
// with int8 weights (16x8, per-tensor or per-channel; int64, int32 or no bias, summed in the bias
// type as TFLM: without a bias in 64 bits unless quantized_bias_type is INT32); int8 activations
// with int4 weights (int4.h: per-tensor or per-channel, zero point 0).
#include "src/kernels/int4.h"
#include "src/kernels/op_data.h"
#include "src/kernels/opt/requant_variants.h"

namespace tinyrt {
namespace kernels {
namespace {

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView input = ctx.input(0);
  const TensorView filter = ctx.input(1);
  const TensorView bias = ctx.input(2);
  const TensorView output = ctx.output(0);
  const auto* options = ctx.options<tflite::FullyConnectedOptions>(tflite::BuiltinOptions_FullyConnectedOptions);
  const auto activation = static_cast<math::Activation>(options != nullptr ? options->fused_activation_function() : 0);
  if (options != nullptr && options->weights_format() != tflite::FullyConnectedOptionsWeightsFormat_DEFAULT) {
    return ctx.Fail(StatusCode::kUnsupported) << "shuffled weights format is not supported";
  }
  TINYRT_PREPARE_CHECK(ctx, filter.rank() == 2, "filter must be 2-D, has rank " << static_cast<int32_t>(filter.rank()));
  const int32_t accum_depth = filter.dim(1);
  const int32_t output_depth = filter.dim(0);
  TINYRT_PREPARE_CHECK(
      ctx, accum_depth > 0 && input.elements() % static_cast<size_t>(accum_depth) == 0,
      "input of " << static_cast<uint64_t>(input.elements()) << " elements is not a multiple of the filter depth " << accum_depth);
  const int32_t batches = static_cast<int32_t>(input.elements() / static_cast<size_t>(accum_depth));
  TINYRT_PREPARE_CHECK(
      ctx, output.elements() == static_cast<size_t>(batches) * static_cast<size_t>(output_depth),
      "output has " << static_cast<uint64_t>(output.elements()) << " elements, expected " << static_cast<int64_t>(batches) * output_depth);
  if (bias.valid()) {
    TINYRT_PREPARE_CHECK(ctx, bias.elements() == static_cast<size_t>(output_depth),
                         "bias has " << static_cast<uint64_t>(bias.elements()) << " elements, expected " << output_depth);
  }

  const TensorType type = input.type();
  const bool per_channel = filter.num_scales() > 1;
  FullyConnectedData* data = nullptr;
  if (type == TensorType::kFloat32) {
    TINYRT_PREPARE_CHECK(ctx, filter.type() == TensorType::kFloat32 && output.type() == TensorType::kFloat32,
                         "float32 input needs float32 filter and output" << kHybridNotSupported);
    TINYRT_PREPARE_CHECK(ctx, !bias.valid() || bias.type() == TensorType::kFloat32, "float32 op needs a float32 bias");
    data = ctx.AllocateOpData<FullyConnectedData>();
    if (data == nullptr) return ctx.ArenaExhausted();
    if (!math::FloatActivationRange(activation, &data->float_act_min, &data->float_act_max)) {
      return ctx.Fail(StatusCode::kUnsupported) << "fused activation " << static_cast<int32_t>(activation) << " is not supported";
    }
  } else if (type == TensorType::kInt8 || type == TensorType::kInt16) {
    if (TINYRT_INT4_WEIGHTS && filter.type() == TensorType::kInt4) {
      TINYRT_RETURN_IF_ERROR(PrepareInt4Filter(ctx, 1));
      for (int c = 0; c < filter.num_scales(); ++c) {
        TINYRT_PREPARE_CHECK(ctx, filter.zero_point(c) == 0,
                             "int4 filter zero point " << filter.zero_point(c) << " of channel " << static_cast<int32_t>(c) << " is not 0");
      }
    } else {
      TINYRT_PREPARE_CHECK(ctx, filter.type() == TensorType::kInt8,
                           TensorTypeName(type) << " input needs int8 weights, got " << TensorTypeName(filter.type())
                                                << (filter.type() == TensorType::kInt4 && type == TensorType::kInt8
                                                        ? " (int4 weights: configure tinyrt with -DTINYRT_INT4_WEIGHTS=ON)"
                                                        : ""));
    }
    TINYRT_PREPARE_CHECK(ctx, output.type() == type,
                         "output type " << TensorTypeName(output.type()) << " differs from input type " << TensorTypeName(type));
    const TensorType bias_type = type == TensorType::kInt8 ? TensorType::kInt32 : TensorType::kInt64;
    TINYRT_PREPARE_CHECK(ctx,
                         !bias.valid() || bias.type() == bias_type || (type == TensorType::kInt16 && bias.type() == TensorType::kInt32),
                         "bias type " << TensorTypeName(bias.type()) << " is not supported with " << TensorTypeName(type) << " input");
    TINYRT_PREPARE_CHECK(ctx, HasScale(input) && HasScale(filter) && HasScale(output), "quantized tensors need quantization scales");
    const bool wide = type == TensorType::kInt16 && Int16x8WideAccumulator(bias, options != nullptr ? options->quantized_bias_type() : 0);
    TINYRT_RETURN_IF_ERROR(CheckAccumulator(ctx, accum_depth, bias, type == TensorType::kInt8 ? 255 : 32768, wide));
    TINYRT_PREPARE_CHECK(
        ctx, !per_channel || filter.num_scales() == output_depth,
        "filter has " << static_cast<int32_t>(filter.num_scales()) << " scales for " << output_depth << " output channels");
    // Per-tensor: the one multiplier and shift follow the op data; per-channel: the table or its
    // source (requant_table.h).
    const size_t tail = per_channel ? RequantTailBytes(ctx, output_depth) : sizeof(int32_t) + sizeof(int8_t);
    data = static_cast<FullyConnectedData*>(ctx.AllocatePersistent(sizeof(FullyConnectedData) + tail));
    if (data == nullptr) return ctx.ArenaExhausted();
    ctx.SetOpData(data);
    data->per_channel = per_channel ? 1 : 0;
    data->output_depth = output_depth;
    data->requant_at = static_cast<int32_t>(sizeof(FullyConnectedData));
    if (per_channel) {
      // TFLM: one multiplier per channel from double(input) * double(filter[c]) / double(output).
      TINYRT_RETURN_IF_ERROR(PrepareRequant(ctx, data, input, filter, output, output_depth));
    } else {
      // TFLM (GetQuantizedConvolutionMultipler): the float product input * filter, then the
      // division by the output scale in double.
      TINYRT_RETURN_IF_ERROR(StoreChannelMultiplier(ctx, input.scale() * filter.scale(), 1.0f, output.scale(), 0,
                                                    const_cast<int32_t*>(data->multipliers()), const_cast<int8_t*>(data->shifts())));
    }
    data->input_offset = -input.zero_point();
    // TFLM's per-channel kernel ignores the filter zero point (weights are symmetric).
    data->filter_offset = per_channel ? 0 : -filter.zero_point();
    data->output_offset = output.zero_point();
    if (type == TensorType::kInt16) {
      TINYRT_PREPARE_CHECK(ctx, input.zero_point() == 0 && output.zero_point() == 0, "int16 tensors must have zero point 0");
    }
    if (!math::QuantizedActivationRange(activation, type, output.scale(), output.zero_point(), &data->act_min, &data->act_max)) {
      return ctx.Fail(StatusCode::kUnsupported) << "fused activation " << static_cast<int32_t>(activation) << " is not supported";
    }
  } else {
    return TypeError(ctx, "input", type);
  }
  data->batches = batches;
  data->accum_depth = accum_depth;
  data->output_depth = output_depth;
  return Status::Ok();
}

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<FullyConnectedData>();
  const float* input = ctx.input<float>(0);
  const float* filter = ctx.input<float>(1);
  const float* bias = ctx.has_input(2) ? ctx.input<float>(2) : nullptr;
  float* output = ctx.output<float>(0);
  for (int32_t b = 0; b < d.batches; ++b) {
    const float* in = input + b * d.accum_depth;
    for (int32_t o = 0; o < d.output_depth; ++o) {
      const float* w = filter + o * d.accum_depth;
      float total = 0.0f;
      for (int32_t i = 0; i < d.accum_depth; ++i) total += in[i] * w[i];
      if (bias != nullptr) total += bias[o];
      output[b * d.output_depth + o] = math::Clamp(total, d.float_act_min, d.float_act_max);
    }
  }
  return Status::Ok();
}

// TFLM's reference_integer_ops::FullyConnected(PerChannel): Acc is the accumulator and bias type
// (int32 for int8; int32 or int64 for int16x8), and picks the MultiplyByQuantizedMultiplier
// overload (the 64-bit one reduces the multiplier to 16 bits). kInt4: int8 with packed int4
// weights (int4.h; zero point 0), read nibble by nibble.
template <typename InT, typename Acc, bool kInt4 = false>
Status EvalQuantized(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<FullyConnectedData>();
  const InT* input = ctx.input<InT>(0);
  const int8_t* filter = ctx.input<int8_t>(1);
  const Acc* bias = ctx.has_input(2) ? ctx.input<Acc>(2) : nullptr;
  InT* output = ctx.output<InT>(0);
  const int32_t* multipliers = d.multipliers();
  const int8_t* shifts = d.shifts();
  for (int32_t b = 0; b < d.batches; ++b) {
    const InT* in = input + b * d.accum_depth;
    for (int32_t o = 0; o < d.output_depth; ++o) {
      const int8_t* w = filter + o * d.accum_depth;
      const int c = d.per_channel ? o : 0;
      Acc acc = 0;
      if constexpr (kInt4) {
        const size_t first = static_cast<size_t>(o) * static_cast<size_t>(d.accum_depth);
        for (int32_t i = 0; i < d.accum_depth; ++i) acc += Int4At(filter, first + static_cast<size_t>(i)) * (in[i] + d.input_offset);
      } else {
        for (int32_t i = 0; i < d.accum_depth; ++i) acc += static_cast<Acc>(w[i] + d.filter_offset) * (in[i] + d.input_offset);
      }
      if (bias != nullptr) acc += bias[o];
      int32_t result = math::MultiplyByQuantizedMultiplier(acc, multipliers[c], shifts[c]);
      result += d.output_offset;
      output[b * d.output_depth + o] = static_cast<InT>(math::Clamp(result, d.act_min, d.act_max));
    }
  }
  return Status::Ok();
}

constexpr EvalVariant kReferenceVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalWithRequant<FullyConnectedData, EvalQuantized<int8_t, int32_t>>, "reference int8"},
    {EvalWithRequant<FullyConnectedData, EvalQuantized<int16_t, int64_t>>, "reference int16x8"},
    {EvalWithRequant<FullyConnectedData, EvalQuantized<int16_t, int32_t>>, "reference int16x8 (32-bit accumulator)"},
#if TINYRT_INT4_WEIGHTS
    {EvalWithRequant<FullyConnectedData, EvalQuantized<int8_t, int32_t, true>>, "reference int8 (int4 weights)"},  // 4
#if TINYRT_OPT_INT4_FULLY_CONNECTED
    {EvalWithRequant<FullyConnectedData, EvalFullyConnectedInt4Opt>, kOptInt4VariantName},  // 5: optimized (opt/variants.h)
#endif
#endif
};
constexpr uint8_t kInt8Opt = sizeof(kReferenceVariants) / sizeof(kReferenceVariants[0]);  // then the optimized int8 ones (opt/variants.h)
constexpr auto kVariants = WithOptVariantsRequant<FullyConnectedData, kFullyConnectedInt8Variants>(kReferenceVariants);

Status PrepareAndSelect(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(Prepare(ctx));
  const TensorType type = ctx.input(0).type();
  const auto* options = ctx.options<tflite::FullyConnectedOptions>(tflite::BuiltinOptions_FullyConnectedOptions);
  const bool wide =
      Int16x8WideAccumulator(ctx.has_input(2) ? ctx.input(2) : TensorView(), options != nullptr ? options->quantized_bias_type() : 0);
  uint8_t selected = type == TensorType::kFloat32 ? 0 : type == TensorType::kInt8 ? 1 : wide ? 2 : 3;
  if (TINYRT_INT4_WEIGHTS && type == TensorType::kInt8 && ctx.input(1).type() == TensorType::kInt4) {
    selected = 4;
#if TINYRT_OPT_INT4_FULLY_CONNECTED
    uint32_t no_scratch = 0;
    TINYRT_RETURN_IF_ERROR(SelectOptVariant(ctx, kFullyConnectedInt4Variants, 5, *static_cast<const FullyConnectedData*>(ctx.op_data()),
                                            &no_scratch, &selected));
#else
    RecordReferenceReason(ctx, ReferenceReason::kInt4Filter);
#endif
    ctx.SelectVariant(selected);
    return Status::Ok();
  }
  if (type == TensorType::kInt8) {
    uint32_t no_scratch = 0;  // no variant asks for any
    TINYRT_RETURN_IF_ERROR(SelectOptVariant(ctx, kFullyConnectedInt8Variants, kInt8Opt,
                                            *static_cast<const FullyConnectedData*>(ctx.op_data()), &no_scratch, &selected));
  }
  ctx.SelectVariant(selected);
  return Status::Ok();
}

}  // namespace

// Versions up to 12 (int4 weights included).
const OpKernel kOp_FULLY_CONNECTED = {PrepareAndSelect, kVariants.v, kVariants.size(), 12};

}  // namespace kernels
}  // namespace tinyrt
