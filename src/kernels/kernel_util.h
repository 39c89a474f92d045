// Helpers shared by kernels' Prepare functions: checks that produce uniform error messages, and
// the quantized-parameter arithmetic every conv/fc-like op repeats.
#pragma once

#include "src/math/quantization.h"
#include "tinyrt/kernel.h"

namespace tinyrt {
namespace kernels {

// Fails with "input I has type X; this kernel supports ..." unless the tensor exists.
#define TINYRT_PREPARE_CHECK(ctx, condition, ...)                                  \
  do {                                                                             \
    if (!(condition)) return (ctx).Fail(::tinyrt::StatusCode::kUnsupported) << __VA_ARGS__; \
  } while (0)

inline Status RequireIo(PrepareContext& ctx, int min_inputs, int outputs) {
  if (ctx.num_inputs() < min_inputs || ctx.num_outputs() < outputs) {
    return ctx.Fail(StatusCode::kInvalidModel) << "has " << static_cast<int32_t>(ctx.num_inputs()) << " inputs and "
                                               << static_cast<int32_t>(ctx.num_outputs()) << " outputs; needs at least "
                                               << static_cast<int32_t>(min_inputs) << " and " << static_cast<int32_t>(outputs);
  }
  for (int i = 0; i < min_inputs; ++i) {
    if (!ctx.has_input(i)) return ctx.Fail(StatusCode::kInvalidModel) << "required input " << static_cast<int32_t>(i) << " is missing";
  }
  return Status::Ok();
}

inline ErrorBuilder TypeError(PrepareContext& ctx, const char* what, TensorType type) {
  ErrorBuilder e = ctx.Fail(StatusCode::kUnsupported);
  e << what << " type " << TensorTypeName(type) << " is not supported";
  return e;
}

// int8 kernels accumulate products of at most 255*255 in int32, then add an int32 bias. With at
// most 2^14 taps per output (|sum| < 2^30) and |bias| <= 2^30 nothing can overflow. Real models
// are far below both bounds; a crafted one must not cause undefined behaviour.
constexpr int64_t kMaxInt32AccumulationTaps = 16384;
constexpr int32_t kMaxInt32BiasMagnitude = 1 << 30;

// Checks a constant int32 bias against kMaxInt32BiasMagnitude (a runtime bias is not checked).
inline Status CheckInt32Bias(PrepareContext& ctx, const TensorView& bias) {
  if (!bias.valid() || bias.type() != TensorType::kInt32 || bias.raw() == nullptr) return Status::Ok();
  const int32_t* values = bias.data<int32_t>();
  for (size_t i = 0; i < bias.elements(); ++i) {
    if (values[i] > kMaxInt32BiasMagnitude || values[i] < -kMaxInt32BiasMagnitude) {
      return ctx.Fail(StatusCode::kUnsupported) << "bias value " << values[i] << " exceeds +-2^30 (int32 accumulator overflow)";
    }
  }
  return Status::Ok();
}

inline Status CheckAccumulationTaps(PrepareContext& ctx, int64_t taps) {
  if (taps > kMaxInt32AccumulationTaps) {
    return ctx.Fail(StatusCode::kUnsupported) << "accumulates " << taps << " products per output; int8 kernels allow at most "
                                              << kMaxInt32AccumulationTaps << " (int32 accumulator overflow)";
  }
  return Status::Ok();
}

// MultiplyByQuantizedMultiplier's shift range (TFLite DCHECKs it): scale ratios outside about
// [2^-31, 2^30] have no valid fixed-point form, and shifts beyond it would be undefined behaviour.
inline bool ValidMultiplierShift(int32_t shift) { return shift >= -31 && shift <= 30; }

// Quantization of a tensor that a quantized kernel needs: a scale must be present.
inline bool HasScale(const TensorView& t) { return t.num_scales() > 0; }

// Effective multiplier input_scale * filter_scale / output_scale, in double as TFLite computes it.
inline void ConvMultiplier(float input_scale, float filter_scale, float output_scale, int32_t* multiplier, int32_t* shift) {
  int s = 0;
  const double real = static_cast<double>(input_scale) * static_cast<double>(filter_scale) / static_cast<double>(output_scale);
  math::QuantizeMultiplier(real, multiplier, &s);
  *shift = s;
}

// Elements of a tensor flattened to [outer, last_dim]. The verifier keeps these in range.
inline int32_t FlatSizeSkipDim(const TensorView& t, int skip) {
  int32_t size = 1;
  for (int i = 0; i < t.rank(); ++i) {
    if (i != skip) size *= t.dim(i);
  }
  return size;
}

inline bool SameShape(const TensorView& a, const TensorView& b) {
  if (a.rank() != b.rank()) return false;
  for (int i = 0; i < a.rank(); ++i) {
    if (a.dim(i) != b.dim(i)) return false;
  }
  return true;
}

}  // namespace kernels
}  // namespace tinyrt
