// SPDX-License-Identifier: Apache-2.0
// SignalRfft (TFLM signal library): real FFT of each row (last dimension) of the input, zero
// padded to fft_length, giving fft_length/2 + 1 complex bins (interleaved real, imag) per row.
// int16 and int32 use KISS FFT's fixed point (result scaled by 1/fft_length), float32 is
// unscaled; the arithmetic matches TFLM's build of KISS FFT exactly (src/math/kiss_fft.h).
#include "src/kernels/signal_util.h"
#include "src/math/kiss_fft.h"

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
  const int32_t input_length = LastDim(input);
  const int32_t rows = OuterSize(input);
  TINYRT_PREPARE_CHECK(ctx, input_length <= fft_length, "input rows of " << input_length << " samples exceed fft_length " << fft_length);
  TINYRT_PREPARE_CHECK(ctx, LastDim(output) == 2 * (fft_length / 2 + 1) && OuterSize(output) == rows,
                       "output must hold " << rows << " rows of " << 2 * (fft_length / 2 + 1) << " values (fft_length/2 + 1 complex bins)");
  switch (type) {
    case TensorType::kInt16:
      ctx.SelectVariant(0);
      return Setup<int16_t>(ctx, fft_length, input_length, rows);
    case TensorType::kInt32:
      ctx.SelectVariant(1);
      return Setup<int32_t>(ctx, fft_length, input_length, rows);
    default:
      ctx.SelectVariant(2);
      return Setup<float>(ctx, fft_length, input_length, rows);
  }
}

constexpr EvalVariant kVariants[] = {
    {EvalRfft<int16_t>, "reference int16"},
    {EvalRfft<int32_t>, "reference int32"},
    {EvalRfft<float>, "reference float32"},
};

}  // namespace

const OpKernel kOp_Custom_SignalRfft = {Prepare, kVariants, 3, 1};

}  // namespace kernels
}  // namespace tinyrt
