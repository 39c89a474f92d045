// SPDX-License-Identifier: Apache-2.0
// SignalFftAutoScale (TFLM signal library): shifts an int16 frame left by as many bits as its
// largest magnitude allows (output 0) and reports the shift (output 1, int32 scalar), so the
// fixed-point FFT that follows keeps the most precision.
#include "src/kernels/signal_util.h"
#include "src/math/signal_math.h"

namespace tinyrt {
namespace kernels {
namespace {

struct FftAutoScaleData {
  int32_t size;
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireExactIo(ctx, 1, 2));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  const TensorView scale_bits = ctx.output(1);
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "input", input, TensorType::kInt16));
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "output 0", output, TensorType::kInt16));
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "output 1 (scale bits)", scale_bits, TensorType::kInt32));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "input", input, 1));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "output 0", output, 1));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "output 1 (scale bits)", scale_bits, 0));
  TINYRT_RETURN_IF_ERROR(RequireElements(ctx, "output 0", output, input.elements()));
  FftAutoScaleData* data = ctx.AllocateOpData<FftAutoScaleData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->size = static_cast<int32_t>(input.elements());
  return Status::Ok();
}

Status EvalInt16(const EvalContext& ctx) {
  const int32_t size = ctx.op_data<FftAutoScaleData>()->size;
  const int16_t* input = ctx.input<int16_t>(0);
  int16_t* output = ctx.output<int16_t>(0);
  // Largest magnitude, kept in int16 as TFLM's MaxAbs16 keeps it (-32768 wraps to itself and is
  // then overtaken by any later value).
  int16_t max = 0;
  for (int32_t i = 0; i < size; ++i) {
    const int16_t v = input[i];
    if (v > max) {
      max = v;
    } else if (-v > max) {
      max = static_cast<int16_t>(-v);
    }
  }
  // The bit length of max, read as uint32 (a negative max has 32 bits, so no scaling).
  int32_t scale_bits = 16 - static_cast<int32_t>(math::BitLength32(static_cast<uint32_t>(static_cast<int32_t>(max)))) - 1;
  if (scale_bits < 0) scale_bits = 0;
  for (int32_t i = 0; i < size; ++i) output[i] = static_cast<int16_t>(input[i] * (1 << scale_bits));
  *ctx.output<int32_t>(1) = scale_bits;
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {{EvalInt16, "reference int16"}};

}  // namespace

const OpKernel kOp_Custom_SignalFftAutoScale = {Prepare, kVariants, 1, 1};

}  // namespace kernels
}  // namespace tinyrt
