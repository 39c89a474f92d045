// SPDX-License-Identifier: Apache-2.0
// SignalIrfft (TFLM signal library): inverse real FFT of each row of fft_length/2 + 1 complex
// bins (interleaved real, imag), giving fft_length real samples per row. int16 and int32 use
// KISS FFT's fixed point (the normalized inverse), float32 divides KISS FFT's unnormalized
// result by fft_length, as TFLM does.
#include "src/kernels/signal_util.h"
#include "src/math/kiss_fft.h"

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

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireExactIo(ctx, 1, 1));
  const CustomOptions options(ctx);
  int32_t type_code = 0;
  int32_t fft_length = 0;
  TINYRT_RETURN_IF_ERROR(options.Int("T", 0, 127, &type_code));
  TINYRT_RETURN_IF_ERROR(options.Int("fft_length", 4, 1 << 20, &fft_length));
  const auto type = static_cast<TensorType>(type_code);
  if (type != TensorType::kInt16 && type != TensorType::kInt32 && type != TensorType::kFloat32) {
    return TypeError(ctx, "custom option 'T':", type) << " (int16, int32 and float32 are)";
  }
  TINYRT_PREPARE_CHECK(ctx, math::RealFftLengthSupported(fft_length),
                       "fft_length " << fft_length << " is not supported: it must be even and fft_length/2 a product of 2, 3 and 5");
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "input", input, type));
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "output", output, type));
  TINYRT_PREPARE_CHECK(ctx, input.rank() >= 1 && output.rank() == input.rank(), "input and output must have the same rank >= 1");
  const int32_t rows = OuterSize(input);
  const int32_t input_bins = LastDim(input) / 2;
  TINYRT_PREPARE_CHECK(ctx, LastDim(input) % 2 == 0 && input_bins >= fft_length / 2 + 1,
                       "input rows must hold at least " << fft_length / 2 + 1 << " complex bins (interleaved), have " << LastDim(input)
                                                        << " values");
  TINYRT_PREPARE_CHECK(ctx, LastDim(output) == fft_length && OuterSize(output) == rows,
                       "output must hold " << rows << " rows of fft_length = " << fft_length << " samples");
  switch (type) {
    case TensorType::kInt16:
      ctx.SelectVariant(0);
      return Setup<int16_t>(ctx, fft_length, input_bins, rows);
    case TensorType::kInt32:
      ctx.SelectVariant(1);
      return Setup<int32_t>(ctx, fft_length, input_bins, rows);
    default:
      ctx.SelectVariant(2);
      return Setup<float>(ctx, fft_length, input_bins, rows);
  }
}

constexpr EvalVariant kVariants[] = {
    {EvalIrfft<int16_t>, "reference int16"},
    {EvalIrfft<int32_t>, "reference int32"},
    {EvalIrfft<float>, "reference float32"},
};

}  // namespace

const OpKernel kOp_Custom_SignalIrfft = {Prepare, kVariants, 3, 1};

}  // namespace kernels
}  // namespace tinyrt
