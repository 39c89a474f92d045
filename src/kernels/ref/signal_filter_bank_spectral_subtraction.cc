// SPDX-License-Identifier: Apache-2.0
// SignalFilterBankSpectralSubtraction (TFLM signal library): per-channel noise estimate by a
// one-pole low-pass filter (its state lives in the op data and persists across invocations),
// subtracted from the signal with a floor of min_signal_remaining * signal. Output 0 is the
// cleaned signal, output 1 a copy of the updated noise estimate. Even channels use `smoothing`,
// odd ones `alternate_smoothing`. uint32 only.
#include "src/kernels/signal_util.h"

namespace tinyrt {
namespace kernels {
namespace {

struct SpectralSubtractionData {
  int32_t num_channels;
  uint32_t smoothing;
  uint32_t one_minus_smoothing;
  uint32_t alternate_smoothing;
  uint32_t alternate_one_minus_smoothing;
  uint32_t min_signal_remaining;
  int32_t smoothing_bits;
  int32_t spectral_subtraction_bits;
  int32_t clamping;
  int32_t reserved;
  // Followed by the noise estimate: uint32[num_channels].
};

void Reset(void* op_data) {
  auto* d = static_cast<SpectralSubtractionData*>(op_data);
  memset(Trailing<uint32_t>(d), 0, sizeof(uint32_t) * static_cast<size_t>(d->num_channels));
}

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireExactIo(ctx, 1, 2));
  const TensorView input = ctx.input(0);
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "input", input, TensorType::kUInt32));
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "output 0", ctx.output(0), TensorType::kUInt32));
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "output 1 (noise estimate)", ctx.output(1), TensorType::kUInt32));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "input", input, 1));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "output 0", ctx.output(0), 1));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "output 1 (noise estimate)", ctx.output(1), 1));
  const CustomOptions options(ctx);
  int32_t num_channels = 0, smoothing = 0, one_minus_smoothing = 0, alternate_smoothing = 0, alternate_one_minus_smoothing = 0,
          min_signal_remaining = 0, smoothing_bits = 0, spectral_subtraction_bits = 0;
  bool clamping = false;
  TINYRT_RETURN_IF_ERROR(options.Int("num_channels", 1, INT32_MAX / 8, &num_channels));
  // Coefficients are uint32 in the reference; an int32 option converts as it does there.
  TINYRT_RETURN_IF_ERROR(options.Int("smoothing", INT32_MIN, INT32_MAX, &smoothing));
  TINYRT_RETURN_IF_ERROR(options.Int("one_minus_smoothing", INT32_MIN, INT32_MAX, &one_minus_smoothing));
  TINYRT_RETURN_IF_ERROR(options.Int("alternate_smoothing", INT32_MIN, INT32_MAX, &alternate_smoothing));
  TINYRT_RETURN_IF_ERROR(options.Int("alternate_one_minus_smoothing", INT32_MIN, INT32_MAX, &alternate_one_minus_smoothing));
  TINYRT_RETURN_IF_ERROR(options.Int("min_signal_remaining", INT32_MIN, INT32_MAX, &min_signal_remaining));
  TINYRT_RETURN_IF_ERROR(options.Int("smoothing_bits", 0, 31, &smoothing_bits));
  TINYRT_RETURN_IF_ERROR(options.Int("spectral_subtraction_bits", 0, 63, &spectral_subtraction_bits));
  TINYRT_RETURN_IF_ERROR(options.Bool("clamping", &clamping));
  const size_t channels = static_cast<size_t>(num_channels);
  TINYRT_RETURN_IF_ERROR(RequireElements(ctx, "input", input, channels));
  TINYRT_RETURN_IF_ERROR(RequireElements(ctx, "output 0", ctx.output(0), channels));
  TINYRT_RETURN_IF_ERROR(RequireElements(ctx, "output 1 (noise estimate)", ctx.output(1), channels));
  SpectralSubtractionData* data = AllocateOpDataWithTrailing<SpectralSubtractionData>(ctx, sizeof(uint32_t) * channels);
  if (data == nullptr) return ctx.ArenaExhausted();
  data->num_channels = num_channels;
  data->smoothing = static_cast<uint32_t>(smoothing);
  data->one_minus_smoothing = static_cast<uint32_t>(one_minus_smoothing);
  data->alternate_smoothing = static_cast<uint32_t>(alternate_smoothing);
  data->alternate_one_minus_smoothing = static_cast<uint32_t>(alternate_one_minus_smoothing);
  data->min_signal_remaining = static_cast<uint32_t>(min_signal_remaining);
  data->smoothing_bits = smoothing_bits;
  data->spectral_subtraction_bits = spectral_subtraction_bits;
  data->clamping = clamping ? 1 : 0;
  return Status::Ok();
}

Status EvalUInt32(const EvalContext& ctx) {
  SpectralSubtractionData& d = *ctx.mutable_op_data<SpectralSubtractionData>();
  uint32_t* noise = Trailing<uint32_t>(&d);
  const uint32_t* input = ctx.input<uint32_t>(0);
  uint32_t* output = ctx.output<uint32_t>(0);
  for (int32_t i = 0; i < d.num_channels; ++i) {
    const bool odd = (i & 1) != 0;
    const uint32_t smoothing = odd ? d.alternate_smoothing : d.smoothing;
    const uint32_t one_minus_smoothing = odd ? d.alternate_one_minus_smoothing : d.one_minus_smoothing;
    const uint32_t signal = input[i] << d.smoothing_bits;  // extra fractional bits for the filter
    noise[i] = static_cast<uint32_t>((static_cast<uint64_t>(signal) * smoothing + static_cast<uint64_t>(noise[i]) * one_minus_smoothing) >>
                                     d.spectral_subtraction_bits);
    uint32_t estimate = noise[i];
    if (estimate > signal) {  // never subtract more than the signal
      estimate = signal;
      if (d.clamping) noise[i] = estimate;
    }
    const uint32_t floor = static_cast<uint32_t>((static_cast<uint64_t>(input[i]) * d.min_signal_remaining) >> d.spectral_subtraction_bits);
    const uint32_t subtracted = (signal - estimate) >> d.smoothing_bits;
    output[i] = subtracted > floor ? subtracted : floor;
  }
  memcpy(ctx.output<uint32_t>(1), noise, sizeof(uint32_t) * static_cast<size_t>(d.num_channels));
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {{EvalUInt32, "reference uint32"}};

}  // namespace

const OpKernel kOp_Custom_SignalFilterBankSpectralSubtraction = {Prepare, kVariants, 1, 1, Reset};

}  // namespace kernels
}  // namespace tinyrt
