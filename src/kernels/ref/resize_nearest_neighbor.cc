// SPDX-License-Identifier: Apache-2.0
// RESIZE_NEAREST_NEIGHBOR: each output pixel copies the input pixel nearest to its source
// position (NHWC), computed in float as TFLite does; any element type of 1, 2 or 4 bytes
// (float32, int8, int16, int32), since values are only copied. The source rows and columns are
// computed once in Prepare.
#include <string.h>

#include "src/kernels/resize.h"

namespace tinyrt {
namespace kernels {
namespace {

struct ResizeNearestData {
  ResizeShape shape;
  int32_t element_size;
  // Followed in the arena by int32 source_row[out_height] and source_col[out_width].
  const int32_t* rows() const { return reinterpret_cast<const int32_t*>(this + 1); }
  const int32_t* cols() const { return rows() + shape.out_height; }
};

// TFLite's source index: floor (or, with align_corners, round half away from zero) of the
// scaled position, clamped to the image.
int32_t NearestIndex(int32_t i, int32_t in_size, int32_t out_size, bool align_corners, bool half_pixel) {
  const float scale = (align_corners && out_size > 1) ? static_cast<float>(in_size - 1) / static_cast<float>(out_size - 1)
                                                      : static_cast<float>(in_size) / static_cast<float>(out_size);
  const float pos = (static_cast<float>(i) + (half_pixel ? 0.5f : 0.0f)) * scale;
  // pos >= 0, so truncation is floor.
  int32_t index = static_cast<int32_t>(align_corners ? math::RoundHalfAway(pos) : pos);
  if (index > in_size - 1) index = in_size - 1;
  if (half_pixel && index < 0) index = 0;
  return index;
}

Status Prepare(PrepareContext& ctx) {
  ResizeShape shape;
  TINYRT_RETURN_IF_ERROR(PrepareResizeShape(ctx, &shape));
  const auto* options = ctx.options<tflite::ResizeNearestNeighborOptions>(tflite::BuiltinOptions_ResizeNearestNeighborOptions);
  const TensorType type = ctx.input(0).type();
  if (type != TensorType::kFloat32 && type != TensorType::kInt8 && type != TensorType::kInt16 && type != TensorType::kInt32) {
    return TypeError(ctx, "input", type) << " (supported: float32, int8, int16, int32)";
  }
  const bool align = options != nullptr && options->align_corners();
  const bool half = options != nullptr && options->half_pixel_centers();
  const size_t tables = sizeof(int32_t) * static_cast<size_t>(shape.out_height + shape.out_width);
  auto* data = static_cast<ResizeNearestData*>(ctx.AllocatePersistent(sizeof(ResizeNearestData) + tables));
  if (data == nullptr) return ctx.ArenaExhausted();
  ctx.SetOpData(data);
  data->shape = shape;
  data->element_size = static_cast<int32_t>(TensorTypeSize(type));
  auto* rows = const_cast<int32_t*>(data->rows());
  auto* cols = const_cast<int32_t*>(data->cols());
  for (int32_t y = 0; y < shape.out_height; ++y) rows[y] = NearestIndex(y, shape.in_height, shape.out_height, align, half);
  for (int32_t x = 0; x < shape.out_width; ++x) cols[x] = NearestIndex(x, shape.in_width, shape.out_width, align, half);
  return Status::Ok();
}

Status Eval(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<ResizeNearestData>();
  const ResizeShape& s = d.shape;
  const uint8_t* input = ctx.input<uint8_t>(0);
  uint8_t* output = ctx.output<uint8_t>(0);
  const size_t pixel = static_cast<size_t>(s.depth) * static_cast<size_t>(d.element_size);
  for (int32_t b = 0; b < s.batches; ++b) {
    const uint8_t* image = input + static_cast<size_t>(b) * static_cast<size_t>(s.in_height * s.in_width) * pixel;
    for (int32_t y = 0; y < s.out_height; ++y) {
      const int32_t in_y = d.rows()[y];
      for (int32_t x = 0; x < s.out_width; ++x) {
        const int32_t in_x = d.cols()[x];
        memcpy(output, image + static_cast<size_t>(in_y * s.in_width + in_x) * pixel, pixel);
        output += pixel;
      }
    }
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {Eval, "reference (copy)"},
};

}  // namespace

const OpKernel kOp_RESIZE_NEAREST_NEIGHBOR = {Prepare, kVariants, 1, 4};

}  // namespace kernels
}  // namespace tinyrt
