// SPDX-License-Identifier: Apache-2.0
// SignalPCAN (TFLM signal library): per-channel energy normalization. Each channel is
// multiplied by a gain looked up from its noise estimate (input 1) in the gain table (input 2,
// int16), shifted by snr_shift, and compressed by PCAN's shrink curve. uint32 only.
#include "src/kernels/signal_util.h"
#include "src/math/signal_math.h"

namespace tinyrt {
namespace kernels {
namespace {

struct PcanData {
  int32_t num_channels;
  int32_t snr_shift;
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireExactIo(ctx, 3, 1));
  const TensorView input = ctx.input(0);
  const TensorView noise = ctx.input(1);
  const TensorView lut = ctx.input(2);
  const TensorView output = ctx.output(0);
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "input", input, TensorType::kUInt32));
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "noise estimate (input 1)", noise, TensorType::kUInt32));
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "gain table (input 2)", lut, TensorType::kInt16));
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "output", output, TensorType::kUInt32));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "input", input, 1));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "noise estimate (input 1)", noise, 1));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "gain table (input 2)", lut, 1));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "output", output, 1));
  TINYRT_PREPARE_CHECK(ctx, input.elements() > 0, "input is empty");
  TINYRT_RETURN_IF_ERROR(RequireElements(ctx, "noise estimate (input 1)", noise, input.elements()));
  TINYRT_RETURN_IF_ERROR(RequireElements(ctx, "output", output, input.elements()));
  // The lookup indexes up to 4 * 32 - 4 for noise estimates near 2^32.
  TINYRT_PREPARE_CHECK(ctx, lut.elements() >= static_cast<size_t>(math::kPcanGainLutSize),
                       "gain table has " << lut.elements() << " entries; needs " << math::kPcanGainLutSize);
  int32_t snr_shift = 0;
  TINYRT_RETURN_IF_ERROR(CustomOptions(ctx).Int("snr_shift", 0, 63, &snr_shift));
  PcanData* data = ctx.AllocateOpData<PcanData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->num_channels = static_cast<int32_t>(input.elements());
  data->snr_shift = snr_shift;
  return Status::Ok();
}

Status EvalUInt32(const EvalContext& ctx) {
  const PcanData& d = *ctx.op_data<PcanData>();
  const uint32_t* input = ctx.input<uint32_t>(0);
  const uint32_t* noise = ctx.input<uint32_t>(1);
  const int16_t* lut = ctx.input<int16_t>(2);
  uint32_t* output = ctx.output<uint32_t>(0);
  for (int32_t i = 0; i < d.num_channels; ++i) {
    // The gain is int16 in the table and used as uint32 (sign-extended), as in the reference.
    const uint32_t gain = static_cast<uint32_t>(static_cast<int32_t>(math::PcanGain(noise[i], lut)));
    const uint32_t snr = static_cast<uint32_t>((static_cast<uint64_t>(input[i]) * gain) >> d.snr_shift);
    output[i] = math::PcanShrink(snr);
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {{EvalUInt32, "reference uint32"}};

}  // namespace

const OpKernel kOp_Custom_SignalPCAN = {Prepare, kVariants, 1, 1};

}  // namespace kernels
}  // namespace tinyrt
