// SPDX-License-Identifier: Apache-2.0
// SignalStacker (TFLM signal library): stacks consecutive int16 feature vectors of num_channels
// into one vector of (left + 1 + right) vectors. The first vector after a reset is repeated
// left_context extra times; then every `stacker_step` invocations output 1 (bool) is true and
// output 0 holds the stack, oldest vector first (zeros while not valid).
#include "src/kernels/signal_util.h"

namespace tinyrt {
namespace kernels {
namespace {

struct StackerData {
  int32_t num_channels;
  int32_t left_context;
  int32_t buffer_size;  // num_channels * (left + right + 1)
  int32_t step_size;    // num_channels * stacker_step
  int32_t count;        // samples buffered
  int32_t has_first_frame;
  // Followed by int16 buffer[buffer_size], oldest sample first.
};

void Reset(void* op_data) {
  auto* d = static_cast<StackerData*>(op_data);
  d->count = 0;
  d->has_first_frame = 0;
  memset(Trailing<int16_t>(d), 0, sizeof(int16_t) * static_cast<size_t>(d->buffer_size));
}

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireExactIo(ctx, 1, 2));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  const TensorView valid = ctx.output(1);
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "input", input, TensorType::kInt16));
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "output 0", output, TensorType::kInt16));
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "output 1 (valid)", valid, TensorType::kBool));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "input", input, 1));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "output 0", output, 1));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "output 1 (valid)", valid, 0));
  const CustomOptions options(ctx);
  int32_t channels = 0, left = 0, right = 0, step = 0;
  TINYRT_RETURN_IF_ERROR(options.Int("num_channels", 1, 1 << 20, &channels));
  TINYRT_RETURN_IF_ERROR(options.Int("stacker_left_context", 0, 1 << 10, &left));
  TINYRT_RETURN_IF_ERROR(options.Int("stacker_right_context", 0, 1 << 10, &right));
  TINYRT_RETURN_IF_ERROR(options.Int("stacker_step", 1, 1 << 10, &step));
  TINYRT_PREPARE_CHECK(ctx, step <= left + right + 1,
                       "stacker_step " << step << " exceeds the stack of " << left + right + 1 << " vectors");
  const int32_t buffer_size = channels * (left + right + 1);
  TINYRT_RETURN_IF_ERROR(RequireElements(ctx, "input", input, static_cast<size_t>(channels)));
  TINYRT_RETURN_IF_ERROR(RequireElements(ctx, "output 0", output, static_cast<size_t>(buffer_size)));
  StackerData* data = AllocateOpDataWithTrailing<StackerData>(ctx, sizeof(int16_t) * static_cast<size_t>(buffer_size));
  if (data == nullptr) return ctx.ArenaExhausted();
  data->num_channels = channels;
  data->left_context = left;
  data->buffer_size = buffer_size;
  data->step_size = channels * step;
  return Status::Ok();
}

Status EvalInt16(const EvalContext& ctx) {
  StackerData& d = *ctx.mutable_op_data<StackerData>();
  int16_t* buffer = Trailing<int16_t>(&d);
  const size_t vector_bytes = sizeof(int16_t) * static_cast<size_t>(d.num_channels);
  // Room is guaranteed: after a stack is output, count = buffer_size - step_size <= buffer_size - num_channels.
  memcpy(buffer + d.count, ctx.input<int16_t>(0), vector_bytes);
  d.count += d.num_channels;
  if (!d.has_first_frame) {  // pad the left context with copies of the first vector
    for (int32_t i = 0; i < d.left_context; ++i) {
      memcpy(buffer + d.count, buffer + d.count - d.num_channels, vector_bytes);
      d.count += d.num_channels;
    }
    d.has_first_frame = 1;
  }
  int16_t* output = ctx.output<int16_t>(0);
  bool* valid = ctx.output<bool>(1);
  if (d.count >= d.buffer_size) {
    memcpy(output, buffer, sizeof(int16_t) * static_cast<size_t>(d.buffer_size));
    d.count -= d.step_size;
    memmove(buffer, buffer + d.step_size, sizeof(int16_t) * static_cast<size_t>(d.count));
    *valid = true;
  } else {
    memset(output, 0, sizeof(int16_t) * static_cast<size_t>(d.buffer_size));
    *valid = false;
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {{EvalInt16, "reference int16"}};

}  // namespace

const OpKernel kOp_Custom_SignalStacker = {Prepare, kVariants, 1, 1, Reset};

}  // namespace kernels
}  // namespace tinyrt
