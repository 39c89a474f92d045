// SPDX-License-Identifier: Apache-2.0
// What CONV_2D and DEPTHWISE_CONV_2D share: at Prepare, window geometry (shapes, strides,
// dilation, padding) and the per-output-channel requantization TFLite's
// PopulateConvolutionQuantizationParams computes; at Eval, the row loop of every variant
// (ForEachOutputRow) and the reference kernels' window sum.
#pragma once

#include "src/kernels/in_place_rows.h"
#include "src/kernels/kernel_util.h"
#include "src/kernels/padding.h"

namespace tinyrt {
namespace kernels {

// NHWC input and output, filter taps and strides: how every convolution's geometry starts
// (TRANSPOSE_CONV's too, which has no dilation).
struct ConvShape {
  int32_t batches;
  int32_t input_height;
  int32_t input_width;
  int32_t input_depth;
  int32_t filter_height;
  int32_t filter_width;
  int32_t output_height;
  int32_t output_width;
  int32_t output_depth;
  int32_t stride_height;
  int32_t stride_width;
};

// The shape, dilation, and where each output window starts.
struct ConvGeometry : ConvShape {
  int32_t dilation_height;
  int32_t dilation_width;
  int32_t pad_height;  // padding before the first row/column (the odd extra goes after)
  int32_t pad_width;
};

struct ConvWindowOptions {
  int32_t padding;  // kPaddingSame or kPaddingValid (tflite::Padding)
  int32_t stride_height;
  int32_t stride_width;
  int32_t dilation_height;
  int32_t dilation_width;
};

// Checks ranks, strides, dilations and that the output has the shape TFLite computes for this
// window; filter height/width are dims 1 and 2 of the filter for both ops.
inline Status PrepareConvGeometry(PrepareContext& ctx, const ConvWindowOptions& w, ConvGeometry* g) {
  const TensorView input = ctx.input(0);
  const TensorView filter = ctx.input(1);
  const TensorView output = ctx.output(0);
  TINYRT_PREPARE_CHECK(ctx, input.rank() == 4 && filter.rank() == 4 && output.rank() == 4,
                       "input, filter and output must be 4-D, have ranks " << static_cast<int32_t>(input.rank()) << ", "
                                                                           << static_cast<int32_t>(filter.rank()) << ", "
                                                                           << static_cast<int32_t>(output.rank()));
  TINYRT_PREPARE_CHECK(ctx, w.padding == kPaddingSame || w.padding == kPaddingValid, "padding " << w.padding << " is not SAME or VALID");
  TINYRT_PREPARE_CHECK(ctx, w.stride_height > 0 && w.stride_width > 0,
                       "strides must be positive, are " << w.stride_height << "x" << w.stride_width);
  TINYRT_PREPARE_CHECK(ctx, w.dilation_height > 0 && w.dilation_width > 0,
                       "dilation factors must be positive, are " << w.dilation_height << "x" << w.dilation_width);
  g->batches = input.dim(0);
  g->input_height = input.dim(1);
  g->input_width = input.dim(2);
  g->input_depth = input.dim(3);
  g->filter_height = filter.dim(1);
  g->filter_width = filter.dim(2);
  g->output_depth = output.dim(3);
  g->stride_height = w.stride_height;
  g->stride_width = w.stride_width;
  g->dilation_height = w.dilation_height;
  g->dilation_width = w.dilation_width;
  TINYRT_PREPARE_CHECK(ctx, g->input_depth > 0 && g->filter_height > 0 && g->filter_width > 0 && g->output_depth > 0,
                       "input depth, filter size and output depth must be non-zero");
  TINYRT_PREPARE_CHECK(
      ctx, WindowParametersInRange(w.stride_height, w.stride_width, w.dilation_height, w.dilation_width, g->filter_height, g->filter_width),
      "strides, dilations and filter sizes must be at most " << kMaxWindowParameter);
  int out_height = 0;
  int out_width = 0;
  const PaddingValues pad =
      ComputePaddingHeightWidth(w.stride_height, w.stride_width, w.dilation_height, w.dilation_width, g->input_height, g->input_width,
                                g->filter_height, g->filter_width, w.padding, &out_height, &out_width);
  g->output_height = out_height;
  g->output_width = out_width;
  TINYRT_PREPARE_CHECK(ctx, g->output_height > 0 && g->output_width > 0,
                       "the " << g->filter_height << "x" << g->filter_width << " filter (dilation " << w.dilation_height << "x"
                              << w.dilation_width << ") does not fit the " << g->input_height << "x" << g->input_width << " input");
  TINYRT_PREPARE_CHECK(ctx, output.dim(0) == g->batches && output.dim(1) == g->output_height && output.dim(2) == g->output_width,
                       "output shape [" << output.dim(0) << ", " << output.dim(1) << ", " << output.dim(2) << ", " << output.dim(3)
                                        << "] does not match the computed [" << g->batches << ", " << g->output_height << ", "
                                        << g->output_width << ", " << g->output_depth << "]");
  g->pad_height = pad.height;
  g->pad_width = pad.width;
  return Status::Ok();
}

// The filter taps [*begin, *end) of a window starting at input coordinate `origin` (may be negative)
// that land inside [0, in_size): skipping the others is TFLite's zero padding. Empty if none do.
inline void WindowTaps(int32_t origin, int32_t dilation, int32_t filter_size, int32_t in_size, int32_t* begin, int32_t* end) {
  *begin = origin < 0 ? (-origin + dilation - 1) / dilation : 0;
  const int32_t room = in_size - origin;  // taps t with origin + t*dilation < in_size
  const int32_t limit = room > 0 ? (room + dilation - 1) / dilation : 0;
  *end = limit < filter_size ? limit : filter_size;
  if (*end < *begin) *end = *begin;
}

// Offsets and clamp range of a quantized conv-like op.
struct ConvQuantParams {
  int32_t input_offset;   // -input zero point (0 for int16)
  int32_t output_offset;  // output zero point (0 for int16)
  int32_t act_min;
  int32_t act_max;
};

// Where a conv-like op keeps its operands (TRANSPOSE_CONV orders them differently), and how it
// accumulates.
struct ConvOperands {
  int input = 0;
  int filter = 1;
  int bias = 2;
  bool check_bias_type = true;           // false: the caller checks the bias type
  bool int16_int64_accumulator = false;  // 16x8 sums in int64 whatever the bias (TRANSPOSE_CONV)
  bool int4_filter = false;              // int8 input may have an int4 filter (int4.h checks the rest): TINYRT_INT4_WEIGHTS
};

// Validates quantized input/filter/bias/output types and quantization (int8 x int8 -> int8 with
// int32 bias, int16 x int8 -> int16 with int64 bias, or int32 bias when `allow_int16_int32_bias`),
// and checks (and, given arrays, fills) one multiplier/shift per output channel (a per-tensor filter scale is broadcast, as
// TFLite does). The filter is quantized along `quantized_dimension` with `channels` entries.
inline Status PrepareConvQuantization(PrepareContext& ctx, math::Activation activation, int quantized_dimension, int32_t channels,
                                      bool allow_int16_int32_bias, ConvQuantParams* q, int32_t* multipliers, int8_t* shifts,
                                      ConvOperands operands = ConvOperands()) {
  const TensorView input = ctx.input(operands.input);
  const TensorView filter = ctx.input(operands.filter);
  const TensorView output = ctx.output(0);
  const TensorType type = input.type();
  const bool int4 = TINYRT_INT4_WEIGHTS && operands.int4_filter && type == TensorType::kInt8 && filter.type() == TensorType::kInt4;
  TINYRT_PREPARE_CHECK(
      ctx, filter.type() == TensorType::kInt8 || int4,
      TensorTypeName(type) << " input needs int8 filters, got " << TensorTypeName(filter.type())
                           << (filter.type() == TensorType::kInt4 ? " (int4 filters: CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED"
                                                                    " with int8 input, tinyrt built with -DTINYRT_INT4_WEIGHTS=ON)"
                                                                  : ""));
  TINYRT_PREPARE_CHECK(ctx, HasScale(input) && HasScale(filter) && HasScale(output), "quantized tensors need quantization scales");
  const int scales = filter.num_scales();
  TINYRT_PREPARE_CHECK(ctx, scales == 1 || (scales == channels && filter.quantized_dimension() == quantized_dimension),
                       "filter has " << static_cast<int32_t>(scales) << " scales along dimension "
                                     << static_cast<int32_t>(filter.quantized_dimension()) << "; expected 1, or " << channels
                                     << " along dimension " << static_cast<int32_t>(quantized_dimension));
  for (int c = 0; c < scales; ++c) {
    // TFLite's integer conv kernels assume symmetric weights and ignore a filter zero point.
    TINYRT_PREPARE_CHECK(ctx, filter.zero_point(c) == 0,
                         "filter zero point " << filter.zero_point(c) << " of channel " << static_cast<int32_t>(c) << " is not 0");
  }
  const TensorView bias = ctx.has_input(operands.bias) ? ctx.input(operands.bias) : TensorView();
  if (operands.check_bias_type && bias.valid()) {
    const TensorType bias_type = bias.type();
    const bool ok = type == TensorType::kInt8
                        ? bias_type == TensorType::kInt32
                        : bias_type == TensorType::kInt64 || (allow_int16_int32_bias && bias_type == TensorType::kInt32);
    TINYRT_PREPARE_CHECK(ctx, ok,
                         "bias type " << TensorTypeName(bias_type) << " is not supported with " << TensorTypeName(type) << " input");
  }
  {
    // Taps per output: the filter's elements per output channel (conv: h*w*in, depthwise: h*w).
    const int64_t taps = static_cast<int64_t>(filter.elements() / static_cast<size_t>(channels));
    const bool int64_accumulator =
        (bias.valid() && bias.type() == TensorType::kInt64) || (type == TensorType::kInt16 && operands.int16_int64_accumulator);
    TINYRT_RETURN_IF_ERROR(CheckAccumulator(ctx, taps, bias, type == TensorType::kInt8 ? 255 : 32768, int64_accumulator));
  }
  if (type == TensorType::kInt16) {
    TINYRT_PREPARE_CHECK(ctx, input.zero_point() == 0 && output.zero_point() == 0, "int16 tensors must have zero point 0");
  }
  for (int32_t c = 0; c < channels; ++c) {  // null arrays: only checked (requant_table.h computes them at Eval)
    int32_t m = 0;
    int8_t s = 0;
    TINYRT_RETURN_IF_ERROR(
        StoreChannelMultiplier(ctx, input.scale(), filter.scale(scales == 1 ? 0 : static_cast<int>(c)), output.scale(), c, &m, &s));
    if (multipliers != nullptr) multipliers[c] = m;
    if (shifts != nullptr) shifts[c] = s;
  }
  q->input_offset = -input.zero_point();
  q->output_offset = output.zero_point();
  if (!math::QuantizedActivationRange(activation, type, output.scale(), output.zero_point(), &q->act_min, &q->act_max)) {
    return ctx.Fail(StatusCode::kUnsupported) << "fused activation " << static_cast<int32_t>(activation) << " is not supported";
  }
  return Status::Ok();
}

// Float clamp range, or an error for activations that cannot be fused.
inline Status PrepareFloatActivation(PrepareContext& ctx, math::Activation activation, float* act_min, float* act_max) {
  if (!math::FloatActivationRange(activation, act_min, act_max)) {
    return ctx.Fail(StatusCode::kUnsupported) << "fused activation " << static_cast<int32_t>(activation) << " is not supported";
  }
  return Status::Ok();
}

// In-place windowed ops keep one input-row pointer per filter row.
constexpr int32_t kMaxInPlaceFilterRows = 16;

inline RowWindow ConvRowWindow(const ConvGeometry& g, size_t element_size) {
  return RowWindow{g.input_height,
                   g.output_height,
                   static_cast<uint32_t>(static_cast<size_t>(g.input_width) * static_cast<size_t>(g.input_depth) * element_size),
                   static_cast<uint32_t>(static_cast<size_t>(g.output_width) * static_cast<size_t>(g.output_depth) * element_size),
                   g.stride_height,
                   g.pad_height,
                   (g.filter_height - 1) * g.dilation_height + 1};
}

// Lets a windowed op write its output over input 0 when no later op reads that input and the
// ring of saved rows is smaller than what sharing saves; requests the ring as scratch.
inline Status PrepareWindowInPlace(PrepareContext& ctx, const ConvGeometry& g, size_t element_size, InPlaceRows* plan, uint32_t* ring) {
  *plan = InPlaceRows{0, 0, 0};
  *ring = 0;
  if (g.batches != 1 || g.filter_height > kMaxInPlaceFilterRows || !ctx.InputEndsHere(0)) return Status::Ok();
  const RowWindow w = ConvRowWindow(g, element_size);
  if (!PlanInPlaceRows(w, plan)) return Status::Ok();
  TINYRT_RETURN_IF_ERROR(ctx.RequestScratch(RingBytes(w, *plan), ring));
  ctx.ShareInputWithOutput(0);
  return Status::Ok();
}

// The input rows one output row reads, one pointer per filter row, fetched once per output row
// (from the ring for rows an in-place op has already overwritten).
template <typename T>
class WindowRows {
 public:
  WindowRows(const T* image, size_t row_elements, int32_t dilation) : image_(image), row_elements_(row_elements), dilation_(dilation) {}
  void Fetch(const RowReader& reader, int32_t iy0, int32_t fy_begin, int32_t fy_end) {
    iy0_ = iy0;
    for (int32_t fy = fy_begin; fy < fy_end && fy < kMaxInPlaceFilterRows; ++fy) {
      rows_[fy] = reinterpret_cast<const T*>(reader.Row(iy0 + fy * dilation_));
    }
  }
  // Filters taller than kMaxInPlaceFilterRows never run in place.
  const T* operator[](int32_t fy) const {
    return fy < kMaxInPlaceFilterRows ? rows_[fy] : image_ + static_cast<size_t>(iy0_ + fy * dilation_) * row_elements_;
  }

 private:
  const T* image_;
  size_t row_elements_;
  int32_t dilation_;
  int32_t iy0_ = 0;
  const T* rows_[kMaxInPlaceFilterRows] = {};
};

// One output row of a windowed op, as ForEachOutputRow hands it out: its batch, its index, the
// first input row of its window (iy0, possibly in the padding) and the valid filter rows
// [fy_begin, fy_end).
struct OutputRow {
  int32_t batch;
  int32_t oy;
  int32_t iy0;
  int32_t fy_begin;
  int32_t fy_end;
};

// The row loop every convolution kernel shares: calls row(OutputRow, rows) for each output row
// of each batch, in the order an in-place run needs (backward when the plan says so), after
// saving the input rows that output row will overwrite. rows[fy] is filter row fy's input row
// (from the ring once overwritten). `ring` is the ring buffer when the output shares the input's
// bytes (`shared`), else null.
template <typename T, typename RowFn>
inline void ForEachOutputRow(const T* input, const ConvGeometry& g, const InPlaceRows& plan, uint8_t* ring, bool shared, RowFn&& row) {
  const RowWindow window = ConvRowWindow(g, sizeof(T));
  const size_t row_elements = static_cast<size_t>(g.input_width) * static_cast<size_t>(g.input_depth);
  for (int32_t b = 0; b < g.batches; ++b) {
    const T* image = input + static_cast<size_t>(b) * static_cast<size_t>(g.input_height) * row_elements;
    RowReader reader(reinterpret_cast<const uint8_t*>(image), window, plan, ring, shared);
    WindowRows<T> rows(image, row_elements, g.dilation_height);
    for (int32_t step = 0; step < g.output_height; ++step) {
      OutputRow r;
      r.batch = b;
      r.oy = reader.reverse() ? g.output_height - 1 - step : step;
      reader.Begin(r.oy);
      r.iy0 = r.oy * g.stride_height - g.pad_height;
      WindowTaps(r.iy0, g.dilation_height, g.filter_height, g.input_height, &r.fy_begin, &r.fy_end);
      rows.Fetch(reader, r.iy0, r.fy_begin, r.fy_end);
      row(static_cast<const OutputRow&>(r), static_cast<const WindowRows<T>&>(rows));
    }
  }
}

// One output channel's window, for the reference kernels' WindowSum: valid filter rows
// [fy_begin, fy_end), `taps` valid columns per row of `depth` channels each, starting at input
// element in_first of each row (columns in_step apart) and at weight w_first (filter_row between
// filter rows; columns `depth` apart, or w_step apart for depthwise, which has one channel).
struct ChannelWindow {
  int32_t fy_begin;
  int32_t fy_end;
  int32_t in_first;
  int32_t in_step;
  int32_t taps;
  int32_t depth;
  int32_t w_step;
  int32_t filter_row;
};

// The window's sum in TFLite's reference order (fy, fx, then channels); kChannels: the channel
// loop (CONV_2D), else one channel per column (DEPTHWISE_CONV_2D). int8 adds input_offset to the
// input. Not inlined: its few registers then stay free of the callers' pixel loops (the firmware
// builds the reference kernels with -Os, where GCC spills without regard to loop depth).
template <bool kChannels, typename T, typename Filter, typename Acc>
__attribute__((noinline)) Acc WindowSum(const WindowRows<T>& rows, const ChannelWindow& window, const Filter* w_first,
                                        int32_t input_offset) {
  const ChannelWindow c = window;
  const int32_t depth = kChannels ? c.depth : 1;
  const int32_t w_step = kChannels ? c.depth : c.w_step;  // a column's channels are contiguous
  Acc acc = 0;
  for (int32_t fy = c.fy_begin; fy < c.fy_end; ++fy) {
    const T* in = rows[fy] + c.in_first;
    const Filter* w = w_first + fy * c.filter_row;
    for (int32_t t = 0; t < c.taps; ++t, in += c.in_step, w += w_step) {
      for (int32_t k = 0; k < depth; ++k) {
        if constexpr (sizeof(T) == 4) {
          acc += in[k] * w[k];
        } else if constexpr (sizeof(T) == 1) {
          acc += w[k] * (in[k] + input_offset);
        } else {
          acc += static_cast<Acc>(w[k] * in[k]);
        }
      }
    }
  }
  return acc;
}

}  // namespace kernels
}  // namespace tinyrt
