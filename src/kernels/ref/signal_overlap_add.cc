// SPDX-License-Identifier: Apache-2.0
// SignalOverlapAdd (TFLM signal library): reassembles a signal from overlapping frames. Each
// frame (last dimension, frame_size samples) is added into a per-row accumulator (the state);
// the first frame_step samples are output and shifted out. int16 saturates; float32 adds.
#include "src/kernels/signal_util.h"

namespace tinyrt {
namespace kernels {
namespace {

struct OverlapAddData {
  int32_t rows;
  int32_t n_frames;
  int32_t frame_size;
  int32_t frame_step;
  int32_t element_size;
  int32_t reserved;
  // Followed by the accumulators: T[rows][frame_size].
};

void Reset(void* op_data) {
  auto* d = static_cast<OverlapAddData*>(op_data);
  memset(Trailing<uint8_t>(d), 0, static_cast<size_t>(d->element_size) * static_cast<size_t>(d->rows) * static_cast<size_t>(d->frame_size));
}

inline int16_t AddSample(int16_t a, int16_t b) {
  return static_cast<int16_t>(math::Clamp(static_cast<int32_t>(a) + b, INT16_MIN, INT16_MAX));
}
inline float AddSample(float a, float b) { return a + b; }

template <typename T>
Status EvalOverlapAdd(const EvalContext& ctx) {
  OverlapAddData& d = *ctx.mutable_op_data<OverlapAddData>();
  const T* input = ctx.input<T>(0);
  T* output = ctx.output<T>(0);
  const size_t step = static_cast<size_t>(d.frame_step);
  const size_t keep = static_cast<size_t>(d.frame_size - d.frame_step);
  for (int32_t row = 0; row < d.rows; ++row) {
    T* acc = Trailing<T>(&d) + row * d.frame_size;
    for (int32_t f = 0; f < d.n_frames; ++f) {
      const int32_t frame_index = row * d.n_frames + f;
      const T* in = input + frame_index * d.frame_size;
      for (int32_t i = 0; i < d.frame_size; ++i) acc[i] = AddSample(in[i], acc[i]);
      memcpy(output + frame_index * d.frame_step, acc, sizeof(T) * step);
      memmove(acc, acc + step, sizeof(T) * keep);
      memset(acc + keep, 0, sizeof(T) * step);
    }
  }
  return Status::Ok();
}

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireExactIo(ctx, 1, 1));
  const CustomOptions options(ctx);
  int32_t type_code = 0;
  int32_t frame_step = 0;
  TINYRT_RETURN_IF_ERROR(options.Int("T", 0, 127, &type_code));
  TINYRT_RETURN_IF_ERROR(options.Int("frame_step", 1, 1 << 24, &frame_step));
  const auto type = static_cast<TensorType>(type_code);
  if (type != TensorType::kInt16 && type != TensorType::kFloat32) {
    return TypeError(ctx, "custom option 'T':", type) << " (int16 and float32 are)";
  }
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "input", input, type));
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "output", output, type));
  TINYRT_PREPARE_CHECK(ctx, input.rank() >= 2 && output.rank() == input.rank() - 1,
                       "input must have rank >= 2 (frames, frame_size) and the output one less");
  const int32_t frame_size = LastDim(input);
  const int32_t n_frames = input.dim(input.rank() - 2);
  TINYRT_PREPARE_CHECK(ctx, frame_step <= frame_size, "frame_step " << frame_step << " exceeds the frame size " << frame_size);
  const int32_t rows = n_frames == 0 ? 0 : OuterSize(input) / n_frames;
  TINYRT_RETURN_IF_ERROR(RequireElements(ctx, "output", output, static_cast<size_t>(rows) * n_frames * frame_step));
  const size_t element_size = TensorTypeSize(type);
  OverlapAddData* data =
      AllocateOpDataWithTrailing<OverlapAddData>(ctx, element_size * static_cast<size_t>(rows) * static_cast<size_t>(frame_size));
  if (data == nullptr) return ctx.ArenaExhausted();
  data->rows = rows;
  data->n_frames = n_frames;
  data->frame_size = frame_size;
  data->frame_step = frame_step;
  data->element_size = static_cast<int32_t>(element_size);
  ctx.SelectVariant(type == TensorType::kInt16 ? 0 : 1);
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalOverlapAdd<int16_t>, "reference int16"},
    {EvalOverlapAdd<float>, "reference float32"},
};

}  // namespace

const OpKernel kOp_Custom_SignalOverlapAdd = {Prepare, kVariants, 2, 1, Reset};

}  // namespace kernels
}  // namespace tinyrt
