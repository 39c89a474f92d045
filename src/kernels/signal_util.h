// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the signal library's kernels (src/kernels/ref/signal_*.cc): exact
// input/output counts, type and rank checks with uniform messages, and op data followed by
// state or plan arrays in one persistent allocation; the options and checks the two FFT kernels
// (SignalRfft, SignalIrfft) share.
#pragma once

#include <string.h>

#include "src/kernels/custom_options.h"
#include "src/kernels/kernel_util.h"
#include "src/math/kiss_fft.h"

namespace tinyrt {
namespace kernels {

inline Status RequireExactIo(PrepareContext& ctx, int inputs, int outputs) {
  if (ctx.num_inputs() != inputs || ctx.num_outputs() != outputs) {
    return ctx.Fail(StatusCode::kInvalidModel) << "has " << ctx.num_inputs() << " inputs and " << ctx.num_outputs() << " outputs; needs "
                                               << inputs << " and " << outputs;
  }
  for (int i = 0; i < inputs; ++i) {
    if (!ctx.has_input(i)) return ctx.Fail(StatusCode::kInvalidModel) << "required input " << i << " is missing";
  }
  return Status::Ok();
}

// `what` is e.g. "input 0" or "output 1".
inline Status RequireType(PrepareContext& ctx, const char* what, const TensorView& t, TensorType type) {
  if (t.type() != type) {
    return ctx.Fail(StatusCode::kUnsupported) << what << " has type " << TensorTypeName(t.type()) << "; this op needs "
                                              << TensorTypeName(type);
  }
  return Status::Ok();
}

inline Status RequireRank(PrepareContext& ctx, const char* what, const TensorView& t, int rank) {
  if (t.rank() != rank) return ctx.Fail(StatusCode::kInvalidModel) << what << " has rank " << t.rank() << "; this op needs rank " << rank;
  return Status::Ok();
}

inline Status RequireElements(PrepareContext& ctx, const char* what, const TensorView& t, size_t elements) {
  if (t.elements() != elements) {
    return ctx.Fail(StatusCode::kInvalidModel) << what << " has " << t.elements() << " elements; expected " << elements;
  }
  return Status::Ok();
}

// Allocates Data followed by `trailing_bytes` (state, tables) as the node's op data, 8-byte
// aligned and zero-filled; nullptr when the arena is exhausted.
template <typename Data>
Data* AllocateOpDataWithTrailing(PrepareContext& ctx, size_t trailing_bytes) {
  static_assert(sizeof(Data) % 8 == 0, "trailing arrays must stay 8-byte aligned");
  void* memory = ctx.AllocatePersistent(sizeof(Data) + trailing_bytes, 8);
  if (memory != nullptr) ctx.SetOpData(memory);
  return static_cast<Data*>(memory);
}

// The array that follows an op data struct in its allocation.
template <typename T, typename Data>
T* Trailing(Data* data, size_t byte_offset = 0) {
  return reinterpret_cast<T*>(reinterpret_cast<uint8_t*>(data + 1) + byte_offset);
}
template <typename T, typename Data>
const T* Trailing(const Data* data, size_t byte_offset = 0) {
  return reinterpret_cast<const T*>(reinterpret_cast<const uint8_t*>(data + 1) + byte_offset);
}

// Element count of all but the last dimension (the "outer dims" of a framed signal).
inline int32_t OuterSize(const TensorView& t) {
  if (t.rank() == 0) return 1;
  const int32_t last = t.dim(t.rank() - 1);
  return last == 0 ? 0 : static_cast<int32_t>(t.elements() / static_cast<size_t>(last));
}
inline int32_t LastDim(const TensorView& t) { return t.rank() == 0 ? 1 : t.dim(t.rank() - 1); }

// The Prepare of SignalRfft and SignalIrfft: option T (int16, int32 or float32) and fft_length
// (even, fft_length/2 a product of 2, 3 and 5), one input and one output of type T and the same
// rank >= 1; then PrepareRows(ctx, input, output, type, fft_length) checks the rows and sets the
// op up. A template: each op's Prepare compiles to one function, as if written out in its file.
template <Status (*PrepareRows)(PrepareContext&, const TensorView&, const TensorView&, TensorType, int32_t)>
Status PrepareRealFft(PrepareContext& ctx) {
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
  return PrepareRows(ctx, input, output, type, fft_length);
}

// The FFT kernels' variants are int16, int32 and float32: selects the one of `type` (checked by
// PrepareRealFft) and returns setup(T()) with T its element type.
template <typename Setup>
Status SelectRealFftVariant(PrepareContext& ctx, TensorType type, const Setup& setup) {
  switch (type) {
    case TensorType::kInt16: ctx.SelectVariant(0); return setup(int16_t());
    case TensorType::kInt32: ctx.SelectVariant(1); return setup(int32_t());
    default: ctx.SelectVariant(2); return setup(float());
  }
}

}  // namespace kernels
}  // namespace tinyrt
