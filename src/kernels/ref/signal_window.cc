// SPDX-License-Identifier: Apache-2.0
// SignalWindow (TFLM signal library): output = saturate_int16((input * window) >> shift),
// the window (rank 1) applied to each consecutive block of the input. int16 only.
#include "src/kernels/signal_util.h"

namespace tinyrt {
namespace kernels {
namespace {

struct WindowData {
  int32_t size;         // input elements
  int32_t window_size;  // elements of the window
  int32_t shift;
  int32_t reserved;
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireExactIo(ctx, 2, 1));
  const TensorView input = ctx.input(0);
  const TensorView window = ctx.input(1);
  const TensorView output = ctx.output(0);
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "input", input, TensorType::kInt16));
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "window (input 1)", window, TensorType::kInt16));
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "output", output, TensorType::kInt16));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "window (input 1)", window, 1));
  TINYRT_PREPARE_CHECK(ctx, input.rank() >= 1 && output.rank() == input.rank(), "input and output must have the same rank >= 1");
  TINYRT_RETURN_IF_ERROR(RequireElements(ctx, "output", output, input.elements()));
  const int32_t window_size = window.dim(0);
  TINYRT_PREPARE_CHECK(ctx, window_size > 0 && input.elements() % static_cast<size_t>(window_size) == 0,
                       "input of " << input.elements() << " elements is not a whole number of windows of " << window_size);
  int32_t shift = 0;
  TINYRT_RETURN_IF_ERROR(CustomOptions(ctx).Int("shift", 0, 31, &shift));
  WindowData* data = ctx.AllocateOpData<WindowData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->size = static_cast<int32_t>(input.elements());
  data->window_size = window_size;
  data->shift = shift;
  return Status::Ok();
}

Status EvalInt16(const EvalContext& ctx) {
  const WindowData& d = *ctx.op_data<WindowData>();
  const int16_t* input = ctx.input<int16_t>(0);
  const int16_t* window = ctx.input<int16_t>(1);
  int16_t* output = ctx.output<int16_t>(0);
  for (int32_t start = 0; start < d.size; start += d.window_size) {
    for (int32_t i = 0; i < d.window_size; ++i) {
      const int32_t v = (static_cast<int32_t>(input[start + i]) * window[i]) >> d.shift;
      output[start + i] = static_cast<int16_t>(math::Clamp(v, INT16_MIN, INT16_MAX));
    }
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {{EvalInt16, "reference int16"}};

}  // namespace

const OpKernel kOp_Custom_SignalWindow = {Prepare, kVariants, 1, 1};

}  // namespace kernels
}  // namespace tinyrt
