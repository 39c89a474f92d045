// SPDX-License-Identifier: Apache-2.0
// RESIZE_BILINEAR: each output pixel interpolates the four input pixels around its source
// position (NHWC). float32 follows TFLite's float arithmetic, int8 its 10-bit fixed-point
// variant (bit-exact with TFLM); int16 (which TFLM refuses) is computed exactly in integers:
// the source position is a rational number, so the interpolation is an exact fraction rounded
// half away from zero.
#include "src/kernels/resize.h"

#include <math.h>

namespace tinyrt {
namespace kernels {
namespace {

struct ResizeBilinearData {
  ResizeShape shape;
  int32_t align_corners;
  int32_t half_pixel_centers;
  float height_scale;  // float32: input/output size ratio
  float width_scale;
  int32_t height_scale_10;  // int8: the ratio in 1/1024 units, rounded
  int32_t width_scale_10;
};

// Source position of output index `i` as an exact fraction num / den (int16).
struct Fraction {
  int64_t num;
  int64_t den;
};

Fraction SourcePosition(int32_t i, int32_t in_size, int32_t out_size, bool align_corners, bool half_pixel) {
  if (align_corners && out_size > 1) return Fraction{static_cast<int64_t>(i) * (in_size - 1), out_size - 1};
  if (half_pixel) return Fraction{(2 * static_cast<int64_t>(i) + 1) * in_size - out_size, 2 * static_cast<int64_t>(out_size)};
  return Fraction{static_cast<int64_t>(i) * in_size, out_size};
}

Status Prepare(PrepareContext& ctx) {
  ResizeShape shape;
  TINYRT_RETURN_IF_ERROR(PrepareResizeShape(ctx, &shape));
  const auto* options = ctx.options<tflite::ResizeBilinearOptions>(tflite::BuiltinOptions_ResizeBilinearOptions);
  const bool align_corners = options != nullptr && options->align_corners();
  const bool half_pixel = options != nullptr && options->half_pixel_centers();
  TINYRT_PREPARE_CHECK(ctx, !(align_corners && half_pixel), "align_corners and half_pixel_centers cannot both be true");
  const TensorType type = ctx.input(0).type();
  if (type != TensorType::kFloat32 && type != TensorType::kInt8 && type != TensorType::kInt16) {
    return TypeError(ctx, "input", type) << " (supported: float32, int8, int16)";
  }
  // Fixed-point ranges: (1 << 10) * size and the int16 products below stay in range.
  TINYRT_PREPARE_CHECK(
      ctx, shape.in_height < (1 << 20) && shape.in_width < (1 << 20) && shape.out_height < (1 << 15) && shape.out_width < (1 << 15),
      "sizes beyond 2^20 (input) or 2^15 (output) are not supported");
  auto* data = ctx.AllocateOpData<ResizeBilinearData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->shape = shape;
  data->align_corners = align_corners ? 1 : 0;
  data->half_pixel_centers = half_pixel ? 1 : 0;
  data->height_scale = static_cast<float>(shape.in_height) / static_cast<float>(shape.out_height);
  data->width_scale = static_cast<float>(shape.in_width) / static_cast<float>(shape.out_width);
  data->height_scale_10 = ((1 << 10) * shape.in_height + shape.out_height / 2) / shape.out_height;
  data->width_scale_10 = ((1 << 10) * shape.in_width + shape.out_width / 2) / shape.out_width;
  if (align_corners && shape.out_height > 1) {
    data->height_scale = static_cast<float>(shape.in_height - 1) / static_cast<float>(shape.out_height - 1);
    data->height_scale_10 = ((1 << 10) * (shape.in_height - 1) + (shape.out_height - 1) / 2) / (shape.out_height - 1);
  }
  if (align_corners && shape.out_width > 1) {
    data->width_scale = static_cast<float>(shape.in_width - 1) / static_cast<float>(shape.out_width - 1);
    data->width_scale_10 = ((1 << 10) * (shape.in_width - 1) + (shape.out_width - 1) / 2) / (shape.out_width - 1);
  }
  ctx.SelectVariant(type == TensorType::kFloat32 ? 0 : type == TensorType::kInt8 ? 1 : 2);
  return Status::Ok();
}

// The four input pixels around a source position: rows y0/y1, columns x0/x1.
template <typename T>
struct Corners {
  const T* p00;  // (y0, x0)
  const T* p10;  // (y1, x0)
  const T* p01;  // (y0, x1)
  const T* p11;  // (y1, x1)
};

template <typename T>
Corners<T> CornersAt(const T* image, const ResizeShape& s, int32_t y0, int32_t y1, int32_t x0, int32_t x1) {
  return Corners<T>{image + (y0 * s.in_width + x0) * s.depth, image + (y1 * s.in_width + x0) * s.depth,
                    image + (y0 * s.in_width + x1) * s.depth, image + (y1 * s.in_width + x1) * s.depth};
}

// Source position and its lower/upper neighbours along one axis (float32).
void FloatNeighbours(int32_t i, float scale, bool half_pixel, int32_t size, float* pos, int32_t* lo, int32_t* hi) {
  *pos = half_pixel ? (static_cast<float>(i) + 0.5f) * scale - 0.5f : static_cast<float>(i) * scale;
  const int32_t f = static_cast<int32_t>(floorf(*pos));
  const int32_t c = static_cast<int32_t>(ceilf(*pos));
  *lo = f > 0 ? f : 0;
  *hi = c < size - 1 ? c : size - 1;
}

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<ResizeBilinearData>();
  const ResizeShape& s = d.shape;
  const float* input = ctx.input<float>(0);
  float* output = ctx.output<float>(0);
  for (int32_t b = 0; b < s.batches; ++b) {
    const float* image = input + b * s.in_height * s.in_width * s.depth;
    for (int32_t y = 0; y < s.out_height; ++y) {
      float in_y;
      int32_t y0, y1;
      FloatNeighbours(y, d.height_scale, d.half_pixel_centers != 0, s.in_height, &in_y, &y0, &y1);
      for (int32_t x = 0; x < s.out_width; ++x) {
        float in_x;
        int32_t x0, x1;
        FloatNeighbours(x, d.width_scale, d.half_pixel_centers != 0, s.in_width, &in_x, &x0, &x1);
        const Corners<float> p = CornersAt(image, s, y0, y1, x0, x1);
        // Same products, in the same order, as TFLite's reference (then + 0, as it adds its
        // zero rounding offset).
        const float dy = in_y - static_cast<float>(y0);
        const float dx = in_x - static_cast<float>(x0);
        for (int32_t c = 0; c < s.depth; ++c) {
          *output++ = p.p00[c] * (1 - dy) * (1 - dx) + p.p10[c] * dy * (1 - dx) + p.p01[c] * (1 - dy) * dx + p.p11[c] * dy * dx + 0.0f;
        }
      }
    }
  }
  return Status::Ok();
}

// Position in 1/1024 units and its neighbours (TFLite's integer variant).
void FixedNeighbours(int32_t i, int32_t scale_10, bool half_pixel, int32_t size, int32_t* pos, int32_t* lo, int32_t* hi) {
  *pos = half_pixel ? i * scale_10 + scale_10 / 2 - (1 << 9) : i * scale_10;
  const int32_t f = *pos / (1 << 10);  // truncates: 0 for the small negative half-pixel positions
  const int32_t c = (*pos + (1 << 10) - 1) / (1 << 10);
  *lo = f > 0 ? f : 0;
  *hi = c < size - 1 ? c : size - 1;
}

Status EvalInt8(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<ResizeBilinearData>();
  const ResizeShape& s = d.shape;
  const int8_t* input = ctx.input<int8_t>(0);
  int8_t* output = ctx.output<int8_t>(0);
  constexpr int32_t kOne = 1 << 10;
  for (int32_t b = 0; b < s.batches; ++b) {
    const int8_t* image = input + b * s.in_height * s.in_width * s.depth;
    for (int32_t y = 0; y < s.out_height; ++y) {
      int32_t in_y, y0, y1;
      FixedNeighbours(y, d.height_scale_10, d.half_pixel_centers != 0, s.in_height, &in_y, &y0, &y1);
      const int64_t wy1 = in_y - kOne * y0;
      const int64_t wy0 = kOne - wy1;
      for (int32_t x = 0; x < s.out_width; ++x) {
        int32_t in_x, x0, x1;
        FixedNeighbours(x, d.width_scale_10, d.half_pixel_centers != 0, s.in_width, &in_x, &x0, &x1);
        const int64_t wx1 = in_x - kOne * x0;
        const int64_t wx0 = kOne - wx1;
        const Corners<int8_t> p = CornersAt(image, s, y0, y1, x0, x1);
        for (int32_t c = 0; c < s.depth; ++c) {
          const int64_t sum = p.p00[c] * wy0 * wx0 + p.p10[c] * wy1 * wx0 + p.p01[c] * wy0 * wx1 + p.p11[c] * wy1 * wx1;
          // Round half away from zero, then truncate (TFLite's default double rounding).
          const int64_t round = sum > 0 ? (1 << 19) : -(1 << 19);
          *output++ = static_cast<int8_t>((sum + round) / (1 << 20));
        }
      }
    }
  }
  return Status::Ok();
}

Status EvalInt16(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<ResizeBilinearData>();
  const ResizeShape& s = d.shape;
  const int16_t* input = ctx.input<int16_t>(0);
  int16_t* output = ctx.output<int16_t>(0);
  const bool align = d.align_corners != 0;
  const bool half = d.half_pixel_centers != 0;
  for (int32_t b = 0; b < s.batches; ++b) {
    const int16_t* image = input + b * s.in_height * s.in_width * s.depth;
    for (int32_t y = 0; y < s.out_height; ++y) {
      const Fraction fy = SourcePosition(y, s.in_height, s.out_height, align, half);
      // Neighbours clamped to the image; a position before the first row weighs only row 0.
      int64_t y0 = fy.num < 0 ? 0 : fy.num / fy.den;
      if (y0 > s.in_height - 1) y0 = s.in_height - 1;
      const int64_t y1 = y0 + 1 < s.in_height ? y0 + 1 : y0;
      int64_t wy1 = fy.num - y0 * fy.den;  // (position - y0) * den, in [0, den)
      if (wy1 < 0 || y1 == y0) wy1 = 0;
      const int64_t wy0 = fy.den - wy1;
      for (int32_t x = 0; x < s.out_width; ++x) {
        const Fraction fx = SourcePosition(x, s.in_width, s.out_width, align, half);
        int64_t x0 = fx.num < 0 ? 0 : fx.num / fx.den;
        if (x0 > s.in_width - 1) x0 = s.in_width - 1;
        const int64_t x1 = x0 + 1 < s.in_width ? x0 + 1 : x0;
        int64_t wx1 = fx.num - x0 * fx.den;
        if (wx1 < 0 || x1 == x0) wx1 = 0;
        const int64_t wx0 = fx.den - wx1;
        const int64_t den = fy.den * fx.den;
        const Corners<int16_t> p =
            CornersAt(image, s, static_cast<int32_t>(y0), static_cast<int32_t>(y1), static_cast<int32_t>(x0), static_cast<int32_t>(x1));
        for (int32_t c = 0; c < s.depth; ++c) {
          const int64_t sum = p.p00[c] * wy0 * wx0 + p.p10[c] * wy1 * wx0 + p.p01[c] * wy0 * wx1 + p.p11[c] * wy1 * wx1;
          const int64_t magnitude = ((sum < 0 ? -sum : sum) * 2 + den) / (2 * den);  // |sum / den| rounded half up
          *output++ = static_cast<int16_t>(sum < 0 ? -magnitude : magnitude);
        }
      }
    }
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalInt8, "reference int8"},
    {EvalInt16, "reference int16 (exact)"},
};

}  // namespace

const OpKernel kOp_RESIZE_BILINEAR = {Prepare, kVariants, 3, 4};

}  // namespace kernels
}  // namespace tinyrt
