// SPDX-License-Identifier: Apache-2.0
// SignalFramer (TFLM signal library): cuts each row of an int16 stream into overlapping frames
// of frame_size samples every frame_step samples. Each invocation takes n_frames * frame_step
// new samples per row and outputs n_frames frames per row; output 1 (bool) is false while the
// buffered samples do not yet fill a frame (those frames are zeros). With `prefill`, the buffer
// starts with frame_size - frame_step zeros, so the first invocation is already valid.
#include "src/kernels/signal_util.h"

namespace tinyrt {
namespace kernels {
namespace {

struct FramerData {
  int32_t rows;
  int32_t n_frames;
  int32_t frame_size;
  int32_t frame_step;
  int32_t capacity;  // samples buffered per row: frame_size rounded up to a multiple of frame_step
  int32_t prefill;
  // Followed by int32 count[rows], then int16 buffer[rows][capacity] (oldest sample first).
};

size_t BufferOffset(int32_t rows) { return sizeof(int32_t) * static_cast<size_t>(rows); }

void Reset(void* op_data) {
  auto* d = static_cast<FramerData*>(op_data);
  int32_t* count = Trailing<int32_t>(d);
  for (int32_t r = 0; r < d->rows; ++r) count[r] = d->prefill ? d->frame_size - d->frame_step : 0;
  memset(Trailing<int16_t>(d, BufferOffset(d->rows)), 0, sizeof(int16_t) * static_cast<size_t>(d->rows) * static_cast<size_t>(d->capacity));
}

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireExactIo(ctx, 1, 2));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  const TensorView valid = ctx.output(1);
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "input", input, TensorType::kInt16));
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "output 0", output, TensorType::kInt16));
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "output 1 (valid)", valid, TensorType::kBool));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "output 1 (valid)", valid, 0));
  TINYRT_PREPARE_CHECK(ctx, input.rank() >= 1 && output.rank() == input.rank() + 1, "output rank must be the input rank + 1");
  const CustomOptions options(ctx);
  int32_t frame_size = 0, frame_step = 0;
  bool prefill = false;
  TINYRT_RETURN_IF_ERROR(options.Int("frame_size", 1, 1 << 24, &frame_size));
  TINYRT_RETURN_IF_ERROR(options.Int("frame_step", 1, 1 << 24, &frame_step));
  TINYRT_RETURN_IF_ERROR(options.Bool("prefill", &prefill));
  TINYRT_PREPARE_CHECK(ctx, !prefill || frame_size >= frame_step, "prefill needs frame_size >= frame_step");
  const int32_t innermost = LastDim(input);
  TINYRT_PREPARE_CHECK(ctx, innermost >= frame_step && innermost % frame_step == 0,
                       "input rows of " << innermost << " samples are not a whole number of frame steps of " << frame_step);
  const int32_t rows = OuterSize(input);
  const int32_t n_frames = innermost / frame_step;
  TINYRT_RETURN_IF_ERROR(RequireElements(ctx, "output 0", output, static_cast<size_t>(rows) * n_frames * frame_size));
  TINYRT_PREPARE_CHECK(ctx, LastDim(output) == frame_size && output.dim(output.rank() - 2) == n_frames,
                       "output must end in [" << n_frames << ", " << frame_size << "] (frames, frame_size)");
  const int32_t capacity = (frame_size + frame_step - 1) / frame_step * frame_step;
  const size_t state = BufferOffset(rows) + sizeof(int16_t) * static_cast<size_t>(rows) * static_cast<size_t>(capacity);
  FramerData* data = AllocateOpDataWithTrailing<FramerData>(ctx, state);
  if (data == nullptr) return ctx.ArenaExhausted();
  data->rows = rows;
  data->n_frames = n_frames;
  data->frame_size = frame_size;
  data->frame_step = frame_step;
  data->capacity = capacity;
  data->prefill = prefill ? 1 : 0;
  return Status::Ok();
}

Status EvalInt16(const EvalContext& ctx) {
  FramerData& d = *ctx.mutable_op_data<FramerData>();
  int32_t* counts = Trailing<int32_t>(&d);
  bool valid = true;
  for (int32_t row = 0; row < d.rows; ++row) {
    int16_t* buffer = Trailing<int16_t>(&d, BufferOffset(d.rows)) + row * d.capacity;
    int32_t count = counts[row];
    for (int32_t f = 0; f < d.n_frames; ++f) {
      const int32_t frame_index = row * d.n_frames + f;
      // count + frame_step <= capacity always holds: count stays below frame_size, and is a
      // multiple of frame_step (or frame_size - frame_step with prefill).
      memcpy(buffer + count, ctx.input<int16_t>(0) + frame_index * d.frame_step, sizeof(int16_t) * static_cast<size_t>(d.frame_step));
      count += d.frame_step;
      int16_t* out = ctx.output<int16_t>(0) + frame_index * d.frame_size;
      if (count >= d.frame_size) {
        memcpy(out, buffer, sizeof(int16_t) * static_cast<size_t>(d.frame_size));
        count -= d.frame_step;
        memmove(buffer, buffer + d.frame_step, sizeof(int16_t) * static_cast<size_t>(count));
      } else {
        memset(out, 0, sizeof(int16_t) * static_cast<size_t>(d.frame_size));
        valid = false;
      }
    }
    counts[row] = count;
  }
  *ctx.output<bool>(1) = valid;
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {{EvalInt16, "reference int16"}};

}  // namespace

const OpKernel kOp_Custom_SignalFramer = {Prepare, kVariants, 1, 1, Reset};

}  // namespace kernels
}  // namespace tinyrt
