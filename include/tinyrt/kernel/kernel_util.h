// SPDX-License-Identifier: Apache-2.0
// Public kernel API (docs/custom_kernels.md). Helpers shared by kernels' Prepare functions: checks that produce uniform error messages, and
// the quantized-parameter arithmetic every conv/fc-like op repeats.
#pragma once

#include "tinyrt/kernel.h"
#include "tinyrt/kernel/quantization.h"

namespace tinyrt {
namespace kernels {

// Fails with "input I has type X; this kernel supports ..." unless the tensor exists.
#define TINYRT_PREPARE_CHECK(ctx, condition, ...)                                           \
  do {                                                                                      \
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

// Quantized kernels accumulate `taps` products of a weight (|w| <= 128) and an input (|x + offset|
// <= max_input: 255 for int8, 32768 for int16), then add the bias, in int32 or int64. A crafted
// model must not make that overflow (undefined behaviour), so Prepare checks
// |bias| + taps * 128 * max_input against the accumulator for every output channel (a runtime
// bias, never seen in practice, counts as 0). Real models are far below.
inline Status CheckAccumulator(PrepareContext& ctx, int64_t taps, const TensorView& bias, int64_t max_input, bool int64_accumulator) {
  const int64_t limit = int64_accumulator ? (INT64_MAX >> 1) : INT32_MAX;
  // taps * 128 * max_input > limit, multiplied rather than divided (no 64-bit division routine
  // on 32-bit cores); shapes hold at most 2^31 elements, so the product fits in int64.
  if (taps > (static_cast<int64_t>(1) << 31) || taps * 128 * max_input > limit) {
    return ctx.Fail(StatusCode::kUnsupported) << taps << " products per output can overflow the accumulator";
  }
  const int64_t worst_sum = taps * 128 * max_input;
  int64_t worst_bias = 0;
  if (bias.valid() && bias.raw() != nullptr && (bias.type() == TensorType::kInt32 || bias.type() == TensorType::kInt64)) {
    for (size_t i = 0; i < bias.elements(); ++i) {
      const int64_t v = bias.type() == TensorType::kInt32 ? bias.data<int32_t>()[i] : bias.data<int64_t>()[i];
      const int64_t magnitude = v < 0 ? (v == INT64_MIN ? INT64_MAX : -v) : v;
      worst_bias = magnitude > worst_bias ? magnitude : worst_bias;
    }
  }
  if (worst_bias > limit - worst_sum) {
    return ctx.Fail(StatusCode::kUnsupported) << taps << " products per output plus a bias of magnitude " << worst_bias
                                              << " can overflow the " << (int64_accumulator ? "int64" : "int32") << " accumulator";
  }
  return Status::Ok();
}

// TFLM's 16x8 CONV_2D and FULLY_CONNECTED accumulate in the bias type: 64 bits with an int64
// bias, 32 bits with an int32 one and, without a bias, 32 bits only when the options'
// quantized_bias_type is INT32 (tflite::TensorType_INT32 = 2), else 64 bits.
inline bool Int16x8WideAccumulator(const TensorView& bias, int quantized_bias_type) {
  if (bias.valid()) return bias.type() == TensorType::kInt64;
  return quantized_bias_type != 2;
}

// MultiplyByQuantizedMultiplier's shift range (TFLite DCHECKs it): scale ratios outside about
// [2^-31, 2^30] have no valid fixed-point form, and shifts beyond it would be undefined behaviour.
inline bool ValidMultiplierShift(int32_t shift) { return shift >= -31 && shift <= 30; }

// Appended to a refused scale ratio: why the range ends where it does (docs/robustness.md).
constexpr const char* kScaleRatioRange =
    " (its fixed-point multiplier needs a shift outside -31..30, where TFLM's rescale shifts an int32 by 31 or more: "
    "undefined)";

// Appended to the type error of conv/depthwise/fully-connected kernels given int8 weights with
// float32 activations.
constexpr const char* kHybridNotSupported = "; hybrid models (float32 activations with int8 weights) are not supported yet";

// Quantization of a tensor that a quantized kernel needs: a scale must be present.
inline bool HasScale(const TensorView& t) { return t.num_scales() > 0; }

// Effective multiplier input_scale * filter_scale / output_scale, bit for bit as TFLite computes
// it in double, in integer arithmetic (no soft double on cores without a double FPU).
inline void ConvMultiplier(float input_scale, float filter_scale, float output_scale, int32_t* multiplier, int32_t* shift) {
  int s = 0;
  math::QuantizeMultiplierFromScales(input_scale, filter_scale, output_scale, multiplier, &s);
  *shift = s;
}

// Per-channel requantization kept in op data as int32 multipliers and int8 shifts (5 bytes a
// channel instead of 8: with thousands of channels this is most of a model's persistent arena).
// Fails when the effective scale input * filter / output is beyond 2^+-127.
inline Status StoreChannelMultiplier(PrepareContext& ctx, float input_scale, float filter_scale, float output_scale, int32_t channel,
                                     int32_t* multiplier, int8_t* shift) {
  int32_t s = 0;
  ConvMultiplier(input_scale, filter_scale, output_scale, multiplier, &s);
  if (s < -128 || s > 127) {
    return ctx.Fail(StatusCode::kUnsupported) << "effective scale of channel " << channel
                                              << " (input scale x filter scale / output scale) is 2^" << s << ", out of range";
  }
  *shift = static_cast<int8_t>(s);
  return Status::Ok();
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

// Element-wise ops (and views such as RESHAPE) read input element i before they write output
// element i and never read it again, so output 0 may start at an input of the same byte size
// and element size that no later op reads. Tries the inputs in order; the first that qualifies
// is shared.
inline void ShareElementwiseInput(PrepareContext& ctx, int num_candidates = 1) {
  const TensorView output = ctx.output(0);
  for (int i = 0; i < num_candidates && i < ctx.num_inputs(); ++i) {
    const TensorView input = ctx.input(i);
    if (!input.valid() || input.bytes() != output.bytes() || TensorTypeSize(input.type()) != TensorTypeSize(output.type())) continue;
    if (!ctx.InputEndsHere(i)) continue;
    ctx.ShareInputWithOutput(i);
    return;
  }
}

}  // namespace kernels
}  // namespace tinyrt
