// SPDX-License-Identifier: Apache-2.0
// Shared Prepare checks of RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR: NHWC input, a constant
// int32 size tensor [2] = {new_height, new_width}, and an output of shape
// [batches, new_height, new_width, depth] with the input's type.
#pragma once

#include "src/kernels/kernel_util.h"

namespace tinyrt {
namespace kernels {

struct ResizeShape {
  int32_t batches;
  int32_t in_height;
  int32_t in_width;
  int32_t depth;
  int32_t out_height;
  int32_t out_width;
};

inline Status PrepareResizeShape(PrepareContext& ctx, ResizeShape* shape) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView input = ctx.input(0);
  const TensorView size = ctx.input(1);
  const TensorView output = ctx.output(0);
  TINYRT_PREPARE_CHECK(ctx, input.rank() == 4, "input must be 4-D (NHWC), has rank " << input.rank());
  TINYRT_PREPARE_CHECK(ctx, size.type() == TensorType::kInt32 && size.rank() == 1 && size.dim(0) == 2,
                       "size must be an int32 tensor of shape [2]");
  // The output shape is planned before Invoke, so the size must be known now.
  TINYRT_PREPARE_CHECK(ctx, size.raw() != nullptr && !size.is_variable(), "size must be a constant tensor");
  TINYRT_PREPARE_CHECK(ctx, output.type() == input.type(),
                       "output type " << TensorTypeName(output.type()) << " differs from input type " << TensorTypeName(input.type()));
  const int32_t out_height = size.data<int32_t>()[0];
  const int32_t out_width = size.data<int32_t>()[1];
  TINYRT_PREPARE_CHECK(ctx, out_height > 0 && out_width > 0, "size (" << out_height << ", " << out_width << ") must be positive");
  TINYRT_PREPARE_CHECK(ctx, input.dim(1) > 0 && input.dim(2) > 0, "input height and width must be positive");
  TINYRT_PREPARE_CHECK(ctx,
                       output.rank() == 4 && output.dim(0) == input.dim(0) && output.dim(1) == out_height && output.dim(2) == out_width &&
                           output.dim(3) == input.dim(3),
                       "output shape must be [" << input.dim(0) << ", " << out_height << ", " << out_width << ", " << input.dim(3) << "]");
  if (input.type() == TensorType::kInt8 || input.type() == TensorType::kInt16) {
    // Both ops move raw values: input and output must share their quantization.
    TINYRT_PREPARE_CHECK(ctx,
                         HasScale(input) && HasScale(output) && math::ScalesWithinOneMillionth(input.scale(), output.scale()) &&
                             input.zero_point() == output.zero_point(),
                         "input and output quantization must be equal");
  }
  shape->batches = input.dim(0);
  shape->in_height = input.dim(1);
  shape->in_width = input.dim(2);
  shape->depth = input.dim(3);
  shape->out_height = out_height;
  shape->out_width = out_width;
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt
