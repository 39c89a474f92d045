// SPDX-License-Identifier: Apache-2.0
// Shared Prepare of AVERAGE_POOL_2D and MAX_POOL_2D: both slide a filter_height x filter_width
// window over NHWC input with TFLite's SAME/VALID padding, per channel, and clamp to the fused
// activation. Padded positions are skipped (not counted as zeros), as in TFLite.
#pragma once

#include "src/kernels/kernel_util.h"
#include "src/kernels/padding.h"

namespace tinyrt {
namespace kernels {

struct PoolData {
  int32_t batches;
  int32_t in_height;
  int32_t in_width;
  int32_t depth;
  int32_t out_height;
  int32_t out_width;
  int32_t stride_height;
  int32_t stride_width;
  int32_t filter_height;
  int32_t filter_width;
  int32_t pad_height;  // rows of padding before the image
  int32_t pad_width;   // columns of padding before the image
  int32_t act_min;     // quantized types
  int32_t act_max;
  float float_act_min;
  float float_act_max;
};

// The in-bounds filter rows/columns [start, end) of the window whose origin (top-left corner,
// possibly in the padding) is `origin` along an axis of `size` elements.
inline void PoolWindow(int32_t origin, int32_t filter, int32_t size, int32_t* start, int32_t* end) {
  *start = origin < 0 ? -origin : 0;
  *end = size - origin < filter ? size - origin : filter;
}

// Reduces each in-bounds filter window, per channel, in TFLite's order (rows, then columns):
// acc = step(acc, value) from `init`, then output = finish(acc, number of values).
template <typename T, typename Acc, typename Step, typename Finish>
void PoolWindows(const PoolData& d, const T* input, T* output, Acc init, Step step, Finish finish) {
  for (int32_t b = 0; b < d.batches; ++b) {
    for (int32_t out_y = 0; out_y < d.out_height; ++out_y) {
      const int32_t in_y_origin = out_y * d.stride_height - d.pad_height;
      int32_t y_start, y_end;
      PoolWindow(in_y_origin, d.filter_height, d.in_height, &y_start, &y_end);
      for (int32_t out_x = 0; out_x < d.out_width; ++out_x) {
        const int32_t in_x_origin = out_x * d.stride_width - d.pad_width;
        int32_t x_start, x_end;
        PoolWindow(in_x_origin, d.filter_width, d.in_width, &x_start, &x_end);
        const int32_t count = (y_end - y_start) * (x_end - x_start);
        for (int32_t c = 0; c < d.depth; ++c) {
          Acc acc = init;
          for (int32_t fy = y_start; fy < y_end; ++fy) {
            const T* row = input + ((b * d.in_height + in_y_origin + fy) * d.in_width + in_x_origin) * d.depth + c;
            for (int32_t fx = x_start; fx < x_end; ++fx) acc = step(acc, row[fx * d.depth]);
          }
          *output++ = finish(acc, count);
        }
      }
    }
  }
}

// Validates the node and fills its PoolData. Selects variant 0 for float32, 1 for int8 and 2
// for int16, the order both pooling kernels list their Eval variants in.
inline Status PreparePool(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 1));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  const auto* options = ctx.options<tflite::Pool2DOptions>(tflite::BuiltinOptions_Pool2DOptions);
  if (options == nullptr) return ctx.Fail(StatusCode::kInvalidModel) << "has no Pool2DOptions";
  const TensorType type = input.type();
  if (type != TensorType::kFloat32 && type != TensorType::kInt8 && type != TensorType::kInt16) {
    return TypeError(ctx, "input", type) << " (supported: float32, int8, int16)";
  }
  TINYRT_PREPARE_CHECK(ctx, output.type() == type,
                       "output type " << TensorTypeName(output.type()) << " differs from input type " << TensorTypeName(type));
  TINYRT_PREPARE_CHECK(ctx, input.rank() == 4 && output.rank() == 4,
                       "input and output must be 4-D (NHWC), have ranks " << input.rank() << " and " << output.rank());
  const int padding = options->padding();
  TINYRT_PREPARE_CHECK(ctx, padding == kPaddingSame || padding == kPaddingValid, "padding " << padding << " is not SAME or VALID");
  TINYRT_PREPARE_CHECK(ctx,
                       options->stride_h() > 0 && options->stride_w() > 0 && options->filter_height() > 0 && options->filter_width() > 0,
                       "strides (" << options->stride_h() << ", " << options->stride_w() << ") and filter size ("
                                   << options->filter_height() << ", " << options->filter_width() << ") must be positive");
  TINYRT_PREPARE_CHECK(
      ctx, WindowParametersInRange(options->stride_h(), options->stride_w(), 1, 1, options->filter_height(), options->filter_width()),
      "strides and filter sizes must be at most " << kMaxWindowParameter);

  int out_height = 0;
  int out_width = 0;
  const PaddingValues pad = ComputePaddingHeightWidth(options->stride_h(), options->stride_w(), 1, 1, input.dim(1), input.dim(2),
                                                      options->filter_height(), options->filter_width(), padding, &out_height, &out_width);
  TINYRT_PREPARE_CHECK(ctx, out_height > 0 && out_width > 0,
                       "the " << options->filter_height() << "x" << options->filter_width() << " filter does not fit the " << input.dim(1)
                              << "x" << input.dim(2) << " input");
  TINYRT_PREPARE_CHECK(
      ctx, output.dim(0) == input.dim(0) && output.dim(1) == out_height && output.dim(2) == out_width && output.dim(3) == input.dim(3),
      "output shape [" << output.dim(0) << ", " << output.dim(1) << ", " << output.dim(2) << ", " << output.dim(3) << "] should be ["
                       << input.dim(0) << ", " << out_height << ", " << out_width << ", " << input.dim(3) << "]");

  PoolData* data = ctx.AllocateOpData<PoolData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  const auto activation = static_cast<math::Activation>(options->fused_activation_function());
  if (type == TensorType::kFloat32) {
    if (!math::FloatActivationRange(activation, &data->float_act_min, &data->float_act_max)) {
      return ctx.Fail(StatusCode::kUnsupported) << "fused activation " << static_cast<int32_t>(activation) << " is not supported";
    }
  } else {
    TINYRT_PREPARE_CHECK(ctx, HasScale(input) && HasScale(output), "quantized tensors need quantization scales");
    // Pooling works on the raw values, so input and output must share their quantization.
    // |input scale - output scale| <= 1e-6 in double, computed exactly in integers (no soft double).
    TINYRT_PREPARE_CHECK(ctx, math::ScalesWithinOneMillionth(input.scale(), output.scale()) && input.zero_point() == output.zero_point(),
                         "input and output quantization must be equal");
    if (!math::QuantizedActivationRange(activation, type, output.scale(), output.zero_point(), &data->act_min, &data->act_max)) {
      return ctx.Fail(StatusCode::kUnsupported) << "fused activation " << static_cast<int32_t>(activation) << " is not supported";
    }
  }
  data->batches = input.dim(0);
  data->in_height = input.dim(1);
  data->in_width = input.dim(2);
  data->depth = input.dim(3);
  data->out_height = out_height;
  data->out_width = out_width;
  data->stride_height = options->stride_h();
  data->stride_width = options->stride_w();
  data->filter_height = options->filter_height();
  data->filter_width = options->filter_width();
  data->pad_height = pad.height;
  data->pad_width = pad.width;
  ctx.SelectVariant(type == TensorType::kFloat32 ? 0 : type == TensorType::kInt8 ? 1 : 2);
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt
