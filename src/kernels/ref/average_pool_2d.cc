// AVERAGE_POOL_2D: the mean of each in-bounds filter window, per channel (NHWC), then the fused
// activation. float32 sums in float in window order; int8/int16 average the raw values in
// int32 and round half away from zero, as TFLM's reference kernels do.
#include "src/kernels/pooling.h"

namespace tinyrt {
namespace kernels {
namespace {

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<PoolData>();
  const float* input = ctx.input<float>(0);
  float* output = ctx.output<float>(0);
  for (int32_t b = 0; b < d.batches; ++b) {
    for (int32_t out_y = 0; out_y < d.out_height; ++out_y) {
      const int32_t in_y_origin = out_y * d.stride_height - d.pad_height;
      int32_t y_start, y_end;
      PoolWindow(in_y_origin, d.filter_height, d.in_height, &y_start, &y_end);
      for (int32_t out_x = 0; out_x < d.out_width; ++out_x) {
        const int32_t in_x_origin = out_x * d.stride_width - d.pad_width;
        int32_t x_start, x_end;
        PoolWindow(in_x_origin, d.filter_width, d.in_width, &x_start, &x_end);
        for (int32_t c = 0; c < d.depth; ++c) {
          float total = 0.0f;
          float count = 0.0f;
          for (int32_t fy = y_start; fy < y_end; ++fy) {
            const float* row = input + ((b * d.in_height + in_y_origin + fy) * d.in_width + in_x_origin) * d.depth + c;
            for (int32_t fx = x_start; fx < x_end; ++fx) {
              total += row[fx * d.depth];
              count += 1.0f;
            }
          }
          output[((b * d.out_height + out_y) * d.out_width + out_x) * d.depth + c] =
              math::Clamp(total / count, d.float_act_min, d.float_act_max);
        }
      }
    }
  }
  return Status::Ok();
}

template <typename T>
Status EvalQuantized(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<PoolData>();
  const T* input = ctx.input<T>(0);
  T* output = ctx.output<T>(0);
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
          int32_t sum = 0;
          for (int32_t fy = y_start; fy < y_end; ++fy) {
            const T* row = input + ((b * d.in_height + in_y_origin + fy) * d.in_width + in_x_origin) * d.depth + c;
            for (int32_t fx = x_start; fx < x_end; ++fx) sum += row[fx * d.depth];
          }
          // Integer division truncates towards zero, so the half is added away from zero.
          const int32_t average = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
          output[((b * d.out_height + out_y) * d.out_width + out_x) * d.depth + c] =
              static_cast<T>(math::Clamp(average, d.act_min, d.act_max));
        }
      }
    }
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalQuantized<int8_t>, "reference int8"},
    {EvalQuantized<int16_t>, "reference int16"},
};

}  // namespace

const OpKernel kOp_AVERAGE_POOL_2D = {PreparePool, kVariants, 3, 3};

}  // namespace kernels
}  // namespace tinyrt
