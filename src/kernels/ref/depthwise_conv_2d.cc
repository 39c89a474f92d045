// SPDX-License-Identifier: Apache-2.0
// DEPTHWISE_CONV_2D: each input channel c is convolved with depth_multiplier filters of its own:
// output[b, y, x, c*M + m] = act(sum_{fy, fx} input[b, y*sh - ph + fy*dh, x*sw - pw + fx*dw, c]
//                                           * filter[0, fy, fx, c*M + m] + bias[c*M + m]).
// Taps outside the input are skipped (zero padding). float32; int8 with int8 filters (per-channel
// along dimension 3, or per-tensor) and int32 bias; int16 with int8 filters (16x8) and int64 bias.
// int8 also with int4 filters (int4.h).
#include <type_traits>

#include "src/kernels/int4.h"
#include "src/kernels/op_data.h"
#include "src/kernels/opt/requant_variants.h"

namespace tinyrt {
namespace kernels {
namespace {

// kInt8Int4 (int4 filters) exists when built in (TINYRT_INT4_WEIGHTS).
enum Variant : uint8_t { kFloat, kInt8, kInt16, kInt8Int4, kInt8Opt = kInt8Int4 + TINYRT_INT4_WEIGHTS };

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const auto* options = ctx.options<tflite::DepthwiseConv2DOptions>(tflite::BuiltinOptions_DepthwiseConv2DOptions);
  if (options == nullptr) return ctx.Fail(StatusCode::kInvalidModel) << "DepthwiseConv2DOptions are missing";
  ConvGeometry g;
  TINYRT_RETURN_IF_ERROR(PrepareConvGeometry(
      ctx, {options->padding(), options->stride_h(), options->stride_w(), options->dilation_h_factor(), options->dilation_w_factor()}, &g));
  const TensorView input = ctx.input(0);
  const TensorView filter = ctx.input(1);
  const TensorView output = ctx.output(0);
  TINYRT_PREPARE_CHECK(ctx, filter.dim(0) == 1 && filter.dim(3) == g.output_depth,
                       "filter shape [" << filter.dim(0) << ", " << filter.dim(1) << ", " << filter.dim(2) << ", " << filter.dim(3)
                                        << "] is not [1, H, W, " << g.output_depth << "]");
  const int32_t multiplier = g.output_depth / g.input_depth;
  // TFLM loops over input_depth * the options' depth_multiplier channels: they must agree.
  TINYRT_PREPARE_CHECK(ctx, g.output_depth % g.input_depth == 0 && options->depth_multiplier() == multiplier,
                       "depth_multiplier " << options->depth_multiplier() << " does not turn " << g.input_depth << " input channels into "
                                           << g.output_depth);
  if (ctx.has_input(2)) {
    TINYRT_PREPARE_CHECK(ctx, ctx.input(2).elements() == static_cast<size_t>(g.output_depth),
                         "bias has " << ctx.input(2).elements() << " elements, expected " << g.output_depth);
  }
  const TensorType type = input.type();
  TINYRT_PREPARE_CHECK(ctx, output.type() == type,
                       "output type " << TensorTypeName(output.type()) << " differs from input type " << TensorTypeName(type));
  const auto activation = static_cast<math::Activation>(options->fused_activation_function());

  DepthwiseConvData* data = nullptr;
  Variant variant;
  if (type == TensorType::kFloat32) {
    TINYRT_PREPARE_CHECK(ctx, filter.type() == TensorType::kFloat32,
                         "float32 input needs float32 filters, got " << TensorTypeName(filter.type()) << kHybridNotSupported);
    TINYRT_PREPARE_CHECK(ctx, !ctx.has_input(2) || ctx.input(2).type() == TensorType::kFloat32, "float32 op needs a float32 bias");
    data = ctx.AllocateOpData<DepthwiseConvData>();
    if (data == nullptr) return ctx.ArenaExhausted();
    TINYRT_RETURN_IF_ERROR(PrepareFloatActivation(ctx, activation, &data->float_act_min, &data->float_act_max));
    variant = kFloat;
  } else if (type == TensorType::kInt8 || type == TensorType::kInt16) {
    data = static_cast<DepthwiseConvData*>(
        ctx.AllocatePersistent(sizeof(DepthwiseConvData) + RequantTailBytes(ctx, g.output_depth), alignof(DepthwiseConvData)));
    if (data == nullptr) return ctx.ArenaExhausted();
    ctx.SetOpData(data);
    // TFLM's 16x8 depthwise kernel reads the bias as int64 only.
    ConvOperands operands;
    operands.int4_filter = TINYRT_INT4_WEIGHTS != 0;
    if (TINYRT_INT4_WEIGHTS && filter.type() == TensorType::kInt4) TINYRT_RETURN_IF_ERROR(PrepareInt4Filter(ctx, 1));
    TINYRT_RETURN_IF_ERROR(PrepareConvQuantization(ctx, activation, 3, g.output_depth, /*allow_int16_int32_bias=*/false, &data->q, nullptr,
                                                   nullptr, operands));
    TINYRT_RETURN_IF_ERROR(PrepareRequant(ctx, data, input, filter, output, g.output_depth));
    variant = TINYRT_INT4_WEIGHTS && filter.type() == TensorType::kInt4 ? kInt8Int4 : type == TensorType::kInt8 ? kInt8 : kInt16;
  } else {
    return TypeError(ctx, "input", type);
  }
  data->g = g;
  TINYRT_RETURN_IF_ERROR(PrepareWindowInPlace(ctx, g, TensorTypeSize(type), &data->in_place, &data->ring));
  data->depth_multiplier = multiplier;
  uint8_t selected = variant;
  if (variant == kInt8) {
    TINYRT_RETURN_IF_ERROR(SelectOptVariant(ctx, kDepthwiseConv2DInt8Variants, kInt8Opt, *data, &data->scratch, &selected));
  }
  if (TINYRT_INT4_WEIGHTS && variant == kInt8Int4) RecordReferenceReason(ctx, ReferenceReason::kInt4Filter);
  ctx.SelectVariant(selected);
  return Status::Ok();
}

// kInt4: int8 with a packed int4 filter (read nibble by nibble, int4.h).
template <typename T, typename Acc, typename Bias, bool kInt4 = false>
Status Eval(const EvalContext& ctx) {
  constexpr bool kFloat32 = sizeof(T) == 4;
  using Filter = typename std::conditional<kFloat32, float, int8_t>::type;
  const auto& d = *ctx.op_data<DepthwiseConvData>();
  const ConvGeometry g = d.g;  // a copy: int8 output stores could alias the op data
  const ConvQuantParams q = d.q;
  const T* input = ctx.input<T>(0);
  const Filter* filter = ctx.input<Filter>(1);
  const Bias* bias = ctx.has_input(2) ? ctx.input<Bias>(2) : nullptr;
  T* output = ctx.output<T>(0);
  const float float_min = kFloat32 ? d.float_act_min : 0.0f;
  const float float_max = kFloat32 ? d.float_act_max : 0.0f;
  const int32_t* multipliers = kFloat32 ? nullptr : d.multipliers();
  const int8_t* shifts = kFloat32 ? nullptr : d.shifts();
  const int32_t input_offset = q.input_offset;  // only int8 has one
  const int32_t in_depth = g.input_depth;
  const int32_t multiplier = d.depth_multiplier;
  const int32_t out_depth = g.output_depth;
  const int32_t filter_row = g.filter_width * out_depth;
  const int32_t in_step = g.dilation_width * in_depth;
  const bool shared = static_cast<const void*>(output) == static_cast<const void*>(input);
  ForEachOutputRow(
      input, g, d.in_place, shared ? ctx.scratch(d.ring) : nullptr, shared, [&](const OutputRow& r, const WindowRows<T>& in_rows) {
        for (int32_t ox = 0; ox < g.output_width; ++ox) {
          const int32_t ix0 = ox * g.stride_width - g.pad_width;
          int32_t fx_begin, fx_end;
          WindowTaps(ix0, g.dilation_width, g.filter_width, g.input_width, &fx_begin, &fx_end);
          ChannelWindow window{r.fy_begin, r.fy_end,  (ix0 + fx_begin * g.dilation_width) * in_depth, in_step, fx_end - fx_begin, 1,
                               out_depth,  filter_row};
          const Filter* filter_first = filter + fx_begin * out_depth;
          T* out = output + ((static_cast<size_t>(r.batch) * g.output_height + r.oy) * g.output_width + ox) * out_depth;
          for (int32_t ic = 0; ic < in_depth; ++ic, ++window.in_first) {
            for (int32_t m = 0; m < multiplier; ++m) {
              const int32_t oc = ic * multiplier + m;
              Acc acc;
              if constexpr (kInt4) {
                acc = WindowSumInt4<false>(in_rows, window, filter, static_cast<size_t>(fx_begin * out_depth + oc), input_offset);
              } else {
                acc = WindowSum<false, T, Filter, Acc>(in_rows, window, filter_first + oc, input_offset);
              }
              if constexpr (kFloat32) {
                const float bias_value = bias != nullptr ? bias[oc] : 0.0f;  // TFLite adds 0.0f without bias
                out[oc] = math::Clamp(acc + bias_value, float_min, float_max);
              } else {
                if (bias != nullptr) acc += static_cast<Acc>(bias[oc]);
                const int32_t scaled = math::MultiplyByQuantizedMultiplier(acc, multipliers[oc], shifts[oc]) + q.output_offset;
                out[oc] = static_cast<T>(math::Clamp(scaled, q.act_min, q.act_max));
              }
            }
          }
        }
      });
  return Status::Ok();
}

constexpr EvalVariant kReferenceVariants[] = {
    {Eval<float, float, float>, "reference float32"},
    {EvalWithRequant<DepthwiseConvData, Eval<int8_t, int32_t, int32_t>>, "reference int8"},
    {EvalWithRequant<DepthwiseConvData, Eval<int16_t, int64_t, int64_t>>, "reference int16x8"},
#if TINYRT_INT4_WEIGHTS
    {EvalWithRequant<DepthwiseConvData, Eval<int8_t, int32_t, int32_t, true>>, "reference int8 (int4 filter)"},
#endif
};
static_assert(sizeof(kReferenceVariants) / sizeof(kReferenceVariants[0]) == kInt8Opt, "optimized variants follow the reference ones");
constexpr auto kVariants = WithOptVariantsRequant<DepthwiseConvData, kDepthwiseConv2DInt8Variants>(kReferenceVariants);  // opt/variants.h

}  // namespace

// Versions: 1 float, 2 dilation, 3 int8, 7 int4 filter; the hybrid (4, 6) and int16-filter (5) forms
// are refused by Prepare.
const OpKernel kOp_DEPTHWISE_CONV_2D = {Prepare, kVariants.v, kVariants.size(), 7};

}  // namespace kernels
}  // namespace tinyrt
