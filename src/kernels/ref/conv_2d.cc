// SPDX-License-Identifier: Apache-2.0
// CONV_2D: output[b, y, x, o] = act(sum_{fy, fx, c} input[b, y*sh - ph + fy*dh, x*sw - pw + fx*dw, g*C + c]
//                                               * filter[o, fy, fx, c] + bias[o]),
// where C = filter depth and g = o / (output depth / groups) (grouped convolution when C divides
// the input depth). Taps outside the input are skipped (zero padding). float32; int8 with int8
// filters (per-channel or per-tensor) and int32 bias; int16 with int8 filters (16x8) summed as
// TFLM does: in 64 bits with an int64 bias, in 32 bits with an int32 one and, without a bias, in
// 64 bits unless the options' quantized_bias_type is INT32. int8 also with int4 filters (int4.h).
#include <type_traits>

#include "src/kernels/int4.h"
#include "src/kernels/op_data.h"
#include "src/kernels/opt/requant_variants.h"

namespace tinyrt {
namespace kernels {
namespace {

// Reference variants, then the optimized int8 ones (opt/variants.h) from kInt8Opt on.
// kInt8Int4 (int4 filters) exists when built in (TINYRT_INT4_WEIGHTS).
enum Variant : uint8_t { kFloat, kInt8, kInt16Bias64, kInt16Bias32, kInt8Int4, kInt8Opt = kInt8Int4 + TINYRT_INT4_WEIGHTS };

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const auto* options = ctx.options<tflite::Conv2DOptions>(tflite::BuiltinOptions_Conv2DOptions);
  if (options == nullptr) return ctx.Fail(StatusCode::kInvalidModel) << "Conv2DOptions are missing";
  ConvGeometry g;
  TINYRT_RETURN_IF_ERROR(PrepareConvGeometry(
      ctx, {options->padding(), options->stride_h(), options->stride_w(), options->dilation_h_factor(), options->dilation_w_factor()}, &g));
  const TensorView input = ctx.input(0);
  const TensorView filter = ctx.input(1);
  const TensorView output = ctx.output(0);
  const int32_t filter_depth = filter.dim(3);
  TINYRT_PREPARE_CHECK(ctx, filter.dim(0) == g.output_depth,
                       "filter has " << filter.dim(0) << " output channels, output has " << g.output_depth);
  TINYRT_PREPARE_CHECK(ctx, filter_depth > 0 && g.input_depth % filter_depth == 0,
                       "filter depth " << filter_depth << " does not divide the input depth " << g.input_depth);
  const int32_t groups = g.input_depth / filter_depth;
  TINYRT_PREPARE_CHECK(ctx, g.output_depth % groups == 0,
                       "output depth " << g.output_depth << " is not a multiple of the " << groups << " groups");
  if (ctx.has_input(2)) {
    TINYRT_PREPARE_CHECK(ctx, ctx.input(2).elements() == static_cast<size_t>(g.output_depth),
                         "bias has " << ctx.input(2).elements() << " elements, expected " << g.output_depth);
  }
  const TensorType type = input.type();
  TINYRT_PREPARE_CHECK(ctx, output.type() == type,
                       "output type " << TensorTypeName(output.type()) << " differs from input type " << TensorTypeName(type));
  const auto activation = static_cast<math::Activation>(options->fused_activation_function());

  ConvData* data = nullptr;
  Variant variant;
  if (type == TensorType::kFloat32) {
    TINYRT_PREPARE_CHECK(ctx, filter.type() == TensorType::kFloat32,
                         "float32 input needs float32 filters, got " << TensorTypeName(filter.type()) << kHybridNotSupported);
    TINYRT_PREPARE_CHECK(ctx, !ctx.has_input(2) || ctx.input(2).type() == TensorType::kFloat32, "float32 op needs a float32 bias");
    data = ctx.AllocateOpData<ConvData>();
    if (data == nullptr) return ctx.ArenaExhausted();
    TINYRT_RETURN_IF_ERROR(PrepareFloatActivation(ctx, activation, &data->float_act_min, &data->float_act_max));
    variant = kFloat;
  } else if (type == TensorType::kInt8 || type == TensorType::kInt16) {
    data = static_cast<ConvData*>(ctx.AllocatePersistent(sizeof(ConvData) + RequantTailBytes(ctx, g.output_depth), alignof(ConvData)));
    if (data == nullptr) return ctx.ArenaExhausted();
    ctx.SetOpData(data);
    // TFLM's 16x8 conv accumulates in the bias type; without a bias, in int64 unless the options'
    // quantized_bias_type is INT32.
    const bool wide = Int16x8WideAccumulator(ctx.has_input(2) ? ctx.input(2) : TensorView(), options->quantized_bias_type());
    ConvOperands operands;
    operands.int16_int64_accumulator = wide;
    operands.int4_filter = TINYRT_INT4_WEIGHTS != 0;
    if (TINYRT_INT4_WEIGHTS && filter.type() == TensorType::kInt4) TINYRT_RETURN_IF_ERROR(PrepareInt4Filter(ctx, 1));
    TINYRT_RETURN_IF_ERROR(
        PrepareConvQuantization(ctx, activation, 0, g.output_depth, /*allow_int16_int32_bias=*/true, &data->q, nullptr, nullptr, operands));
    TINYRT_RETURN_IF_ERROR(PrepareRequant(ctx, data, input, filter, output, g.output_depth));
    variant = TINYRT_INT4_WEIGHTS && filter.type() == TensorType::kInt4 ? kInt8Int4
              : type == TensorType::kInt8                               ? kInt8
              : wide                                                    ? kInt16Bias64
                                                                        : kInt16Bias32;
  } else {
    return TypeError(ctx, "input", type);
  }
  data->g = g;
  TINYRT_RETURN_IF_ERROR(PrepareWindowInPlace(ctx, g, TensorTypeSize(type), &data->in_place, &data->ring));
  data->filter_depth = filter_depth;
  data->filters_per_group = g.output_depth / groups;
  uint8_t selected = variant;
  if (variant == kInt8) TINYRT_RETURN_IF_ERROR(SelectOptVariant(ctx, kConv2DInt8Variants, kInt8Opt, *data, &data->scratch, &selected));
  if (TINYRT_INT4_WEIGHTS && variant == kInt8Int4) RecordReferenceReason(ctx, ReferenceReason::kInt4Filter);
  ctx.SelectVariant(selected);
  return Status::Ok();
}

// T: activation type; Acc: accumulator (float, int32 or int64); Bias: bias element type; kInt4:
// int8 with a packed int4 filter (read nibble by nibble, int4.h).
template <typename T, typename Acc, typename Bias, bool kInt4 = false>
Status Eval(const EvalContext& ctx) {
  constexpr bool kFloat32 = sizeof(T) == 4;
  using Filter = typename std::conditional<kFloat32, float, int8_t>::type;
  const auto& d = *ctx.op_data<ConvData>();
  const ConvGeometry g = d.g;  // a copy: int8 output stores could alias the op data
  const ConvQuantParams q = d.q;
  const T* input = ctx.input<T>(0);
  const Filter* filter = ctx.input<Filter>(1);
  const Bias* bias = ctx.has_input(2) ? ctx.input<Bias>(2) : nullptr;
  T* output = ctx.output<T>(0);
  const float float_min = d.float_act_min;
  const float float_max = d.float_act_max;
  const int32_t* multipliers = kFloat32 ? nullptr : d.multipliers();
  const int8_t* shifts = kFloat32 ? nullptr : d.shifts();
  const int32_t input_offset = q.input_offset;  // only int8 has one
  const int32_t depth = d.filter_depth;
  const int32_t filters_per_group = d.filters_per_group;
  const int32_t pixel_stride = g.input_depth;
  const int32_t filter_row = g.filter_width * depth;
  const int32_t filter_size = g.filter_height * filter_row;
  const bool shared = static_cast<const void*>(output) == static_cast<const void*>(input);
  const int32_t in_step = g.dilation_width * pixel_stride;
  ForEachOutputRow(
      input, g, d.in_place, shared ? ctx.scratch(d.ring) : nullptr, shared, [&](const OutputRow& r, const WindowRows<T>& in_rows) {
        for (int32_t ox = 0; ox < g.output_width; ++ox) {
          const int32_t ix0 = ox * g.stride_width - g.pad_width;
          int32_t fx_begin, fx_end;
          WindowTaps(ix0, g.dilation_width, g.filter_width, g.input_width, &fx_begin, &fx_end);
          const int32_t in_first = (ix0 + fx_begin * g.dilation_width) * pixel_stride;
          ChannelWindow window{r.fy_begin, r.fy_end, in_first, in_step, fx_end - fx_begin, depth, 0, filter_row};
          const Filter* filter_first = filter + fx_begin * depth;
          T* out = output + ((static_cast<size_t>(r.batch) * g.output_height + r.oy) * g.output_width + ox) * g.output_depth;
          for (int32_t o = 0; o < g.output_depth; ++o) {
            window.in_first = in_first + (o / filters_per_group) * depth;
            Acc acc;
            if constexpr (kInt4) {
              acc = WindowSumInt4<true>(in_rows, window, filter,
                                        static_cast<size_t>(fx_begin * depth) + static_cast<size_t>(o) * filter_size, input_offset);
            } else {
              acc = WindowSum<true, T, Filter, Acc>(in_rows, window, filter_first + static_cast<size_t>(o) * filter_size, input_offset);
            }
            if constexpr (kFloat32) {
              const float bias_value = bias != nullptr ? bias[o] : 0.0f;  // TFLite adds 0.0f without bias
              out[o] = math::Clamp(acc + bias_value, float_min, float_max);
            } else {
              if (bias != nullptr) acc += static_cast<Acc>(bias[o]);
              const int32_t scaled = math::MultiplyByQuantizedMultiplier(acc, multipliers[o], shifts[o]) + q.output_offset;
              out[o] = static_cast<T>(math::Clamp(scaled, q.act_min, q.act_max));
            }
          }
        }
      });
  return Status::Ok();
}

constexpr EvalVariant kReferenceVariants[] = {
    {Eval<float, float, float>, "reference float32"},
    {EvalWithRequant<ConvData, Eval<int8_t, int32_t, int32_t>>, "reference int8"},
    {EvalWithRequant<ConvData, Eval<int16_t, int64_t, int64_t>>, "reference int16x8"},
    {EvalWithRequant<ConvData, Eval<int16_t, int32_t, int32_t>>, "reference int16x8 (32-bit accumulator)"},
#if TINYRT_INT4_WEIGHTS
    {EvalWithRequant<ConvData, Eval<int8_t, int32_t, int32_t, true>>, "reference int8 (int4 filter)"},
#endif
};
static_assert(sizeof(kReferenceVariants) / sizeof(kReferenceVariants[0]) == kInt8Opt, "optimized variants follow the reference ones");
constexpr auto kVariants = WithOptVariantsRequant<ConvData, kConv2DInt8Variants>(kReferenceVariants);

}  // namespace

// Versions: 1 float, 3 int8, 4 int16, 6 grouped, 7 int4 filter, 8 int16 with quantized_bias_type; the
// hybrid forms (2, 5) are refused by Prepare.
const OpKernel kOp_CONV_2D = {Prepare, kVariants.v, kVariants.size(), 8};

}  // namespace kernels
}  // namespace tinyrt
