// SPDX-License-Identifier: Apache-2.0
// SignalRfft (TFLM signal library): real FFT of each row (last dimension) of the input, zero
// padded to fft_length, giving fft_length/2 + 1 complex bins (interleaved real, imag) per row.
// int16 and int32 use KISS FFT's fixed point (result scaled by 1/fft_length), float32 is
// unscaled; the arithmetic matches TFLM's build of KISS FFT exactly (src/math/kiss_fft.h).
#include "src/kernels/signal_util.h"

namespace tinyrt {
namespace kernels {
namespace {

struct RfftData {
  int32_t fft_length;
  int32_t input_length;  // samples per input row (<= fft_length)
  int32_t rows;
  uint32_t padded_handle;  // scratch: one zero-padded row, fft_length samples
  uint32_t work_handle;    // scratch: fft_length/2 complex values
  int32_t reserved;
  // Followed by the FFT plan.
};

template <typename T>
Status EvalRfft(const EvalContext& ctx) {
  const RfftData& d = *ctx.op_data<RfftData>();
  const T* input = ctx.input<T>(0);
  auto* output = ctx.output<math::Complex<T>>(0);
  T* padded = reinterpret_cast<T*>(ctx.scratch(d.padded_handle));
  auto* work = reinterpret_cast<math::Complex<T>*>(ctx.scratch(d.work_handle));
  const int32_t bins = d.fft_length / 2 + 1;
  for (int32_t row = 0; row < d.rows; ++row) {
    memcpy(padded, input + row * d.input_length, sizeof(T) * static_cast<size_t>(d.input_length));
    memset(padded + d.input_length, 0, sizeof(T) * static_cast<size_t>(d.fft_length - d.input_length));
    math::RealFft<T>(Trailing<uint8_t>(&d), padded, output + row * bins, work);
  }
  return Status::Ok();
}

template <typename T>
Status Setup(PrepareContext& ctx, int32_t fft_length, int32_t input_length, int32_t rows) {
  const size_t plan_bytes = math::RealFftPlanBytes<T>(fft_length);
  RfftData* data = AllocateOpDataWithTrailing<RfftData>(ctx, plan_bytes);
  if (data == nullptr) return ctx.ArenaExhausted();
  data->fft_length = fft_length;
  data->input_length = input_length;
  data->rows = rows;
  math::RealFftInit<T>(fft_length, false, Trailing<uint8_t>(data));
  TINYRT_RETURN_IF_ERROR(ctx.RequestScratch(sizeof(T) * static_cast<size_t>(fft_length), &data->padded_handle));
  return ctx.RequestScratch(sizeof(math::Complex<T>) * static_cast<size_t>(fft_length / 2), &data->work_handle);
}

// After PrepareRealFft's checks (signal_util.h).
Status PrepareRows(PrepareContext& ctx, const TensorView& input, const TensorView& output, TensorType type, int32_t fft_length) {
  const int32_t input_length = LastDim(input);
  const int32_t rows = OuterSize(input);
  TINYRT_PREPARE_CHECK(ctx, input_length <= fft_length, "input rows of " << input_length << " samples exceed fft_length " << fft_length);
  TINYRT_PREPARE_CHECK(ctx, LastDim(output) == 2 * (fft_length / 2 + 1) && OuterSize(output) == rows,
                       "output must hold " << rows << " rows of " << 2 * (fft_length / 2 + 1) << " values (fft_length/2 + 1 complex bins)");
  return SelectRealFftVariant(ctx, type, [&](auto zero) { return Setup<decltype(zero)>(ctx, fft_length, input_length, rows); });
}

constexpr EvalVariant kVariants[] = {
    {EvalRfft<int16_t>, "reference int16"},
    {EvalRfft<int32_t>, "reference int32"},
    {EvalRfft<float>, "reference float32"},
};

}  // namespace

const OpKernel kOp_Custom_SignalRfft = {PrepareRealFft<PrepareRows>, kVariants, 3, 1};

}  // namespace kernels
}  // namespace tinyrt
