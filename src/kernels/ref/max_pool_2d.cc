// MAX_POOL_2D: the maximum of each in-bounds filter window, per channel (NHWC), then the fused
// activation; float32, int8 and int16 (raw values: input and output share quantization).
#include "src/kernels/pooling.h"

namespace tinyrt {
namespace kernels {
namespace {

template <typename T, typename Acc>
Status EvalMax(const EvalContext& ctx, Acc lowest, Acc act_min, Acc act_max) {
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
        for (int32_t c = 0; c < d.depth; ++c) {
          Acc max = lowest;
          for (int32_t fy = y_start; fy < y_end; ++fy) {
            const T* row = input + ((b * d.in_height + in_y_origin + fy) * d.in_width + in_x_origin) * d.depth + c;
            for (int32_t fx = x_start; fx < x_end; ++fx) {
              const Acc v = row[fx * d.depth];
              if (v > max) max = v;
            }
          }
          output[((b * d.out_height + out_y) * d.out_width + out_x) * d.depth + c] = static_cast<T>(math::Clamp(max, act_min, act_max));
        }
      }
    }
  }
  return Status::Ok();
}

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<PoolData>();
  return EvalMax<float, float>(ctx, -3.4028234e38f, d.float_act_min, d.float_act_max);
}

template <typename T>
Status EvalQuantized(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<PoolData>();
  return EvalMax<T, int32_t>(ctx, math::QuantizedMin(sizeof(T) == 1 ? TensorType::kInt8 : TensorType::kInt16), d.act_min, d.act_max);
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalQuantized<int8_t>, "reference int8"},
    {EvalQuantized<int16_t>, "reference int16"},
};

}  // namespace

const OpKernel kOp_MAX_POOL_2D = {PreparePool, kVariants, 3, 3};

}  // namespace kernels
}  // namespace tinyrt
