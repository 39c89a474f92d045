// SPDX-License-Identifier: Apache-2.0
// SignalIrfft (TFLM signal library): inverse real FFT of each row of fft_length/2 + 1 complex
// bins (interleaved real, imag), giving fft_length real samples per row. int16 and int32 use
// KISS FFT's fixed point (the normalized inverse), float32 divides KISS FFT's unnormalized
// result by fft_length, as TFLM does.
#include "src/kernels/signal_util.h"

namespace tinyrt {
namespace kernels {
namespace {

struct IrfftData {
  int32_t fft_length;
  int32_t input_bins;  // complex values per input row (>= fft_length/2 + 1)
  int32_t rows;
  uint32_t work_handle;  // scratch: fft_length/2 complex values
  // Followed by the FFT plan.
};

// KISS FFT's float inverse is unnormalized; TFLM divides by fft_length. Fixed point is already.
inline void Normalize(float* out, int32_t fft_length) {
  for (int32_t i = 0; i < fft_length; ++i) out[i] /= static_cast<float>(fft_length);
}
template <typename T>
inline void Normalize(T*, int32_t) {}

template <typename T>
Status EvalIrfft(const EvalContext& ctx) {
  const IrfftData& d = *ctx.op_data<IrfftData>();
  const auto* input = ctx.input<math::Complex<T>>(0);
  T* output = ctx.output<T>(0);
  auto* work = reinterpret_cast<math::Complex<T>*>(ctx.scratch(d.work_handle));
  for (int32_t row = 0; row < d.rows; ++row) {
    T* out = output + row * d.fft_length;
    math::InverseRealFft<T>(Trailing<uint8_t>(&d), input + row * d.input_bins, out, work);
    Normalize(out, d.fft_length);
  }
  return Status::Ok();
}

template <typename T>
Status Setup(PrepareContext& ctx, int32_t fft_length, int32_t input_bins, int32_t rows) {
  IrfftData* data = AllocateOpDataWithTrailing<IrfftData>(ctx, math::RealFftPlanBytes<T>(fft_length));
  if (data == nullptr) return ctx.ArenaExhausted();
  data->fft_length = fft_length;
  data->input_bins = input_bins;
  data->rows = rows;
  math::RealFftInit<T>(fft_length, true, Trailing<uint8_t>(data));
  return ctx.RequestScratch(sizeof(math::Complex<T>) * static_cast<size_t>(fft_length / 2), &data->work_handle);
}

// After PrepareRealFft's checks (signal_util.h).
Status PrepareRows(PrepareContext& ctx, const TensorView& input, const TensorView& output, TensorType type, int32_t fft_length) {
  const int32_t rows = OuterSize(input);
  const int32_t input_values = LastDim(input);
  const int32_t input_bins = input_values / 2;
  TINYRT_PREPARE_CHECK(
      ctx, input_values % 2 == 0 && input_bins >= fft_length / 2 + 1,
      "input rows must hold at least " << fft_length / 2 + 1 << " complex bins (interleaved), have " << input_values << " values");
  TINYRT_PREPARE_CHECK(ctx, LastDim(output) == fft_length && OuterSize(output) == rows,
                       "output must hold " << rows << " rows of fft_length = " << fft_length << " samples");
  return SelectRealFftVariant(ctx, type, [&](auto zero) { return Setup<decltype(zero)>(ctx, fft_length, input_bins, rows); });
}

constexpr EvalVariant kVariants[] = {
    {EvalIrfft<int16_t>, "reference int16"},
    {EvalIrfft<int32_t>, "reference int32"},
    {EvalIrfft<float>, "reference float32"},
};

}  // namespace

const OpKernel kOp_Custom_SignalIrfft = {PrepareRealFft<PrepareRows>, kVariants, 3, 1};

}  // namespace kernels
}  // namespace tinyrt
