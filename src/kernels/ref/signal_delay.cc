// SPDX-License-Identifier: Apache-2.0
// SignalDelay (TFLM signal library): delays each row (last dimension) of an int16 signal by
// delay_length samples across invocations; the first delay_length output samples after a reset
// are zeros. The last delay_length samples of each row are the state, kept in the op data.
#include "src/kernels/signal_util.h"

namespace tinyrt {
namespace kernels {
namespace {

struct DelayData {
  int32_t rows;
  int32_t frame_size;    // samples per row per invocation
  int32_t delay_length;  // samples of history per row
  int32_t reserved;
  // Followed by the history: int16[rows][delay_length], oldest sample first.
};

void Reset(void* op_data) {
  auto* d = static_cast<DelayData*>(op_data);
  memset(Trailing<int16_t>(d), 0, sizeof(int16_t) * static_cast<size_t>(d->rows) * static_cast<size_t>(d->delay_length));
}

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireExactIo(ctx, 1, 1));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "input", input, TensorType::kInt16));
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "output", output, TensorType::kInt16));
  TINYRT_PREPARE_CHECK(ctx, input.rank() >= 1, "input must have rank >= 1");
  TINYRT_PREPARE_CHECK(ctx, SameShape(input, output), "output shape differs from the input's");
  int32_t delay_length = 0;
  TINYRT_RETURN_IF_ERROR(CustomOptions(ctx).Int("delay_length", 0, 1 << 24, &delay_length));
  const int32_t rows = OuterSize(input);
  DelayData* data =
      AllocateOpDataWithTrailing<DelayData>(ctx, sizeof(int16_t) * static_cast<size_t>(rows) * static_cast<size_t>(delay_length));
  if (data == nullptr) return ctx.ArenaExhausted();
  data->rows = rows;
  data->frame_size = LastDim(input);
  data->delay_length = delay_length;
  return Status::Ok();
}

Status EvalInt16(const EvalContext& ctx) {
  DelayData& d = *ctx.mutable_op_data<DelayData>();
  const int32_t frame = d.frame_size;
  const int32_t delay = d.delay_length;
  for (int32_t row = 0; row < d.rows; ++row) {
    const int16_t* in = ctx.input<int16_t>(0) + row * frame;
    int16_t* out = ctx.output<int16_t>(0) + row * frame;
    int16_t* history = Trailing<int16_t>(&d) + row * delay;
    // The row is history followed by the input: output its first `frame` samples, keep the last
    // `delay` as the new history (reading ahead of what is overwritten).
    for (int32_t j = 0; j < frame; ++j) out[j] = j < delay ? history[j] : in[j - delay];
    for (int32_t k = 0; k < delay; ++k) history[k] = frame + k < delay ? history[frame + k] : in[frame + k - delay];
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {{EvalInt16, "reference int16"}};

}  // namespace

const OpKernel kOp_Custom_SignalDelay = {Prepare, kVariants, 1, 1, Reset};

}  // namespace kernels
}  // namespace tinyrt
