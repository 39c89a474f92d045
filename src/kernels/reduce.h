// SPDX-License-Identifier: Apache-2.0
// Reductions over a set of axes (MEAN, SUM, REDUCE_MAX, REDUCE_MIN, REDUCE_ALL): a pointer-free
// plan computed in Prepare (input shape padded to 6-D, the output stride of each input dimension,
// 0 along reduced axes) and one walk of the input in order that folds each element into its
// output, so every output combines its elements in increasing input index order, as TFLM's
// reference Reduce does (float results depend on that order).
#pragma once

#include "src/kernels/data_movement.h"
#include "src/math/fixed_point.h"

namespace tinyrt {
namespace kernels {

constexpr int kMaxReduceRank = 6;

struct ReducePlan {
  int32_t input_elements;
  int32_t output_elements;
  int32_t count;  // input elements per output (0 when the input is empty)
  int32_t in_dims[kMaxReduceRank];
  int32_t out_strides[kMaxReduceRank];
};

// Resolves the constant axis tensor (input 1; negative axes count from the end, duplicates are
// ignored) against input 0 and checks the output's element count (keep_dims only changes its
// shape).
inline Status PlanReduce(PrepareContext& ctx, ReducePlan* plan) {
  const TensorView input = ctx.input(0);
  const TensorView axis = ctx.input(1);
  const TensorView output = ctx.output(0);
  const int rank = input.rank();
  TINYRT_PREPARE_CHECK(ctx, rank <= kMaxReduceRank, "input rank " << rank << " is above " << kMaxReduceRank);
  TINYRT_PREPARE_CHECK(ctx, axis.type() == TensorType::kInt32 || axis.type() == TensorType::kInt64,
                       "axis type " << TensorTypeName(axis.type()) << " is not supported (int32, int64)");
  TINYRT_PREPARE_CHECK(ctx, IsConstant(axis), "axis must be a constant tensor");
  bool reduced[kMaxReduceRank] = {false, false, false, false, false, false};
  for (size_t i = 0; i < axis.elements(); ++i) {
    int a = 0;
    TINYRT_PREPARE_CHECK(ctx, ResolveAxis(IndexAt(axis, i), rank, &a), "axis " << IndexAt(axis, i) << " is out of range for rank " << rank);
    reduced[a] = true;
  }
  const int pad = kMaxReduceRank - rank;
  int64_t count = 1;
  int64_t outputs = 1;
  int32_t stride = 1;
  for (int k = kMaxReduceRank - 1; k >= 0; --k) {
    const int32_t dim = k < pad ? 1 : input.dim(k - pad);
    const bool is_reduced = k >= pad && reduced[k - pad];
    plan->in_dims[k] = dim;
    plan->out_strides[k] = is_reduced ? 0 : stride;
    if (is_reduced) {
      count *= dim;
    } else {
      stride *= dim;
      outputs *= dim;
    }
  }
  TINYRT_PREPARE_CHECK(ctx, static_cast<size_t>(outputs) == output.elements(),
                       "output has " << static_cast<uint64_t>(output.elements()) << " elements, the reduction gives " << outputs);
  plan->input_elements = static_cast<int32_t>(input.elements());
  plan->output_elements = static_cast<int32_t>(outputs);
  plan->count = input.elements() == 0 ? 0 : static_cast<int32_t>(count);
  return Status::Ok();
}

// The accumulator type comes from `acc` alone (a literal 0 must not decide it: int32_t is long
// on arm-none-eabi).
template <typename T>
struct SameType {
  using type = T;
};

// acc[o] = init for every output, then acc[o] = fold(acc[o], x) for each input x in order.
template <typename In, typename Acc, typename Fold>
void ReduceInto(const ReducePlan& p, const In* input, Acc* acc, typename SameType<Acc>::type init, const Fold& fold) {
  for (int32_t o = 0; o < p.output_elements; ++o) acc[o] = init;
  int32_t index[kMaxReduceRank] = {0, 0, 0, 0, 0, 0};
  int32_t out = 0;
  for (int32_t i = 0; i < p.input_elements; ++i) {
    acc[out] = fold(acc[out], input[i]);
    for (int k = kMaxReduceRank - 1; k >= 0; --k) {
      out += p.out_strides[k];
      if (++index[k] < p.in_dims[k]) break;
      out -= p.out_strides[k] * p.in_dims[k];
      index[k] = 0;
    }
  }
}

// Checks inputs/outputs of a reduction: the input type is float32, int8, int16 or (when
// `int32_too`) int32, and the output has the same type.
inline Status CheckReduceTypes(PrepareContext& ctx, bool int32_too) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorType type = ctx.input(0).type();
  const TensorType out = ctx.output(0).type();
  if (type != TensorType::kFloat32 && type != TensorType::kInt8 && type != TensorType::kInt16 &&
      !(int32_too && type == TensorType::kInt32)) {
    return TypeError(ctx, "input", type) << (int32_too ? " (supported: float32, int8, int16, int32)"
                                                       : " (supported: float32, int8, int16)");
  }
  TINYRT_PREPARE_CHECK(ctx, out == type, "output type " << TensorTypeName(out) << " differs from input type " << TensorTypeName(type));
  return Status::Ok();
}

// ---- Quantized MEAN / SUM, as TFLM's QuantizedMeanOrSum: int32 sums (wrapping like TFLM's),
// minus zero point * count, one fixed-point rescale by scale_in / scale_out (for MEAN with 1/count
// folded into the multiplier), plus the output zero point, saturated. Zeros when the input is
// empty.
struct QuantizedSumData {
  ReducePlan plan;
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t multiplier;
  int32_t shift;
  uint32_t sums_handle;  // int32 scratch, one per output
};

template <typename T>
Status EvalQuantizedSum(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<QuantizedSumData>();
  T* output = ctx.output<T>(0);
  if (d.plan.count == 0) {
    for (int32_t o = 0; o < d.plan.output_elements; ++o) output[o] = 0;
    return Status::Ok();
  }
  auto* sums = reinterpret_cast<int32_t*>(ctx.scratch(d.sums_handle));
  ReduceInto(d.plan, ctx.input<T>(0), sums, 0, [](int32_t sum, T v) { return math::WrappingAdd(sum, v); });
  const TensorType type = sizeof(T) == 1 ? TensorType::kInt8 : TensorType::kInt16;
  const int32_t qmin = math::QuantizedMin(type);
  const int32_t qmax = math::QuantizedMax(type);
  // -zero_point * count, wrapping like the sums.
  const int32_t minus_zero_point_sum =
      static_cast<int32_t>(0u - static_cast<uint32_t>(d.input_zero_point) * static_cast<uint32_t>(d.plan.count));
  for (int32_t o = 0; o < d.plan.output_elements; ++o) {
    const int32_t centred = math::WrappingAdd(sums[o], minus_zero_point_sum);
    const int32_t q = math::WrappingAdd(math::MultiplyByQuantizedMultiplier(centred, d.multiplier, d.shift), d.output_zero_point);
    output[o] = static_cast<T>(math::Clamp(q, qmin, qmax));
  }
  return Status::Ok();
}

inline int FloorLog2(uint32_t x) {
  int log = -1;
  while (x != 0) {
    x >>= 1;
    ++log;
  }
  return log;
}

// The quantized part of MEAN's / SUM's Prepare, after PlanReduce filled d->plan.
inline Status PrepareQuantizedSum(PrepareContext& ctx, QuantizedSumData* d, bool mean) {
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  TINYRT_PREPARE_CHECK(ctx, HasScale(input) && HasScale(output) && input.scale() > 0.0f && output.scale() > 0.0f,
                       "quantized tensors need positive quantization scales");
  d->input_zero_point = input.zero_point();
  d->output_zero_point = output.zero_point();
  int32_t multiplier = 0;
  int32_t shift = 0;
  ConvMultiplier(input.scale(), 1.0f, output.scale(), &multiplier, &shift);
  TINYRT_PREPARE_CHECK(ctx, ValidMultiplierShift(shift),
                       "input/output scale ratio " << input.scale() / output.scale() << " is out of range" << kScaleRatioRange);
  if (mean && d->plan.count > 0) {
    // Fold 1/count in: s = floor(log2(count)), at most 32 and at most 31 + shift so the result
    // stays a valid MultiplyByQuantizedMultiplier shift (TFLM's QuantizedMeanOrSum).
    int s = FloorLog2(static_cast<uint32_t>(d->plan.count));
    if (s > 32) s = 32;
    if (s > 31 + shift) s = 31 + shift;
    TINYRT_PREPARE_CHECK(ctx, s >= 0, "input/output scale ratio is too small");
    multiplier = static_cast<int32_t>((static_cast<int64_t>(multiplier) << s) / d->plan.count);
    shift -= s;
  }
  d->multiplier = multiplier;
  d->shift = shift;
  return ctx.RequestScratch(sizeof(int32_t) * static_cast<size_t>(d->plan.output_elements), &d->sums_handle);
}

// ---- REDUCE_MAX / REDUCE_MIN: float32 (TFLM's comparison, so NaN inputs are skipped), int8,
// int16, int32. A quantized output whose scale or zero point differs from the input's gets the
// extremum requantized (the map is increasing, so this equals the extremum of the requantized
// values): clamp((q - zp_in) * scale_in / scale_out + zp_out) with a fixed-point multiplier.
struct ExtremumData {
  ReducePlan plan;
  int32_t requantize;
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t multiplier;
  int32_t shift;
  int32_t qmin;
  int32_t qmax;
};

template <typename T>
constexpr T LowestOf() {
  return static_cast<T>(sizeof(T) == 1 ? INT8_MIN : sizeof(T) == 2 ? INT16_MIN : INT32_MIN);
}
template <>
constexpr float LowestOf<float>() {
  return -3.40282347e+38f;
}
template <typename T>
constexpr T HighestOf() {
  return static_cast<T>(sizeof(T) == 1 ? INT8_MAX : sizeof(T) == 2 ? INT16_MAX : INT32_MAX);
}
template <>
constexpr float HighestOf<float>() {
  return 3.40282347e+38f;
}

template <typename T, bool kMax>
Status EvalExtremum(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<ExtremumData>();
  T* out = ctx.output<T>(0);
  if (kMax) {
    ReduceInto(d.plan, ctx.input<T>(0), out, LowestOf<T>(), [](T current, T in) { return in > current ? in : current; });
  } else {
    ReduceInto(d.plan, ctx.input<T>(0), out, HighestOf<T>(), [](T current, T in) { return in < current ? in : current; });
  }
  if (d.requantize) {
    for (int32_t o = 0; o < d.plan.output_elements; ++o) {
      const int32_t q = math::MultiplyByQuantizedMultiplier(static_cast<int32_t>(out[o]) - d.input_zero_point, d.multiplier, d.shift) +
                        d.output_zero_point;
      out[o] = static_cast<T>(math::Clamp(q, d.qmin, d.qmax));
    }
  }
  return Status::Ok();
}

// Variants in this order: float32, int8, int16, int32.
inline Status PrepareExtremum(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(CheckReduceTypes(ctx, /*int32_too=*/true));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  const TensorType type = input.type();
  auto* data = ctx.AllocateOpData<ExtremumData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  TINYRT_RETURN_IF_ERROR(PlanReduce(ctx, &data->plan));
  const bool quantized = type == TensorType::kInt8 || type == TensorType::kInt16;
  if (quantized && !SameQuantization(input, output)) {
    TINYRT_PREPARE_CHECK(ctx, HasScale(input) && HasScale(output) && input.scale() > 0.0f && output.scale() > 0.0f,
                         "input and output need positive quantization scales to requantize");
    data->requantize = 1;
    data->input_zero_point = input.zero_point();
    data->output_zero_point = output.zero_point();
    ConvMultiplier(input.scale(), 1.0f, output.scale(), &data->multiplier, &data->shift);
    TINYRT_PREPARE_CHECK(ctx, ValidMultiplierShift(data->shift),
                         "input/output scale ratio " << input.scale() / output.scale() << " is out of range" << kScaleRatioRange);
    data->qmin = math::QuantizedMin(type);
    data->qmax = math::QuantizedMax(type);
  }
  ctx.SelectVariant(type == TensorType::kFloat32 ? 0 : type == TensorType::kInt8 ? 1 : type == TensorType::kInt16 ? 2 : 3);
  return Status::Ok();
}

// ---- ARG_MAX / ARG_MIN: the index of the first largest (smallest) element along a constant axis,
// as TFLM compares (a strictly greater/smaller value replaces the current one, so NaN is never
// picked after the first element). Inputs float32, int8, int16, int32; outputs int32 or int64
// (TFLM: int32 only).
struct ArgData {
  int32_t outer;
  int32_t axis_size;
  int32_t inner;
};

template <typename In, typename Out, bool kMax>
Status EvalArg(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<ArgData>();
  const In* input = ctx.input<In>(0);
  Out* output = ctx.output<Out>(0);
  for (int32_t o = 0; o < d.outer; ++o) {
    const In* block = input + static_cast<size_t>(o) * static_cast<size_t>(d.axis_size) * static_cast<size_t>(d.inner);
    for (int32_t i = 0; i < d.inner; ++i) {
      In best = block[i];
      int32_t best_index = 0;
      for (int32_t a = 1; a < d.axis_size; ++a) {
        const In v = block[static_cast<size_t>(a) * static_cast<size_t>(d.inner) + static_cast<size_t>(i)];
        if (kMax ? v > best : v < best) {
          best = v;
          best_index = a;
        }
      }
      output[static_cast<size_t>(o) * static_cast<size_t>(d.inner) + static_cast<size_t>(i)] = static_cast<Out>(best_index);
    }
  }
  return Status::Ok();
}

// kVariants entries in the order PrepareArg selects: (float32, int8, int16, int32) x (int32, int64).
#define TINYRT_ARG_VARIANTS(kMax)                                                                                               \
  {EvalArg<float, int32_t, kMax>, "reference float32->int32"}, {EvalArg<float, int64_t, kMax>, "reference float32->int64"},     \
      {EvalArg<int8_t, int32_t, kMax>, "reference int8->int32"}, {EvalArg<int8_t, int64_t, kMax>, "reference int8->int64"},     \
      {EvalArg<int16_t, int32_t, kMax>, "reference int16->int32"}, {EvalArg<int16_t, int64_t, kMax>, "reference int16->int64"}, \
      {EvalArg<int32_t, int32_t, kMax>, "reference int32->int32"}, {                                                            \
    EvalArg<int32_t, int64_t, kMax>, "reference int32->int64"                                                                   \
  }

// `option_type`: the ArgMax/ArgMinOptions output_type, or -1 without options.
inline Status PrepareArg(PrepareContext& ctx, int option_type) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView input = ctx.input(0);
  const TensorView axis_tensor = ctx.input(1);
  const TensorView output = ctx.output(0);
  const TensorType type = input.type();
  int in_index = 0;
  switch (type) {
    case TensorType::kFloat32: in_index = 0; break;
    case TensorType::kInt8: in_index = 1; break;
    case TensorType::kInt16: in_index = 2; break;
    case TensorType::kInt32: in_index = 3; break;
    default: return TypeError(ctx, "input", type) << " (supported: float32, int8, int16, int32)";
  }
  const TensorType out_type = output.type();
  if (out_type != TensorType::kInt32 && out_type != TensorType::kInt64)
    return TypeError(ctx, "output", out_type) << " (supported: int32, int64)";
  TINYRT_PREPARE_CHECK(ctx, option_type < 0 || static_cast<TensorType>(option_type) == out_type,
                       "output_type " << TensorTypeName(static_cast<TensorType>(option_type)) << " differs from the output type "
                                      << TensorTypeName(out_type));
  TINYRT_RETURN_IF_ERROR(RequireConstantIndices(ctx, axis_tensor, "axis"));
  TINYRT_PREPARE_CHECK(ctx, axis_tensor.elements() == 1, "axis must hold one value");
  const int rank = input.rank();
  TINYRT_PREPARE_CHECK(ctx, rank >= 1 && rank <= 8, "input rank " << rank << " is not supported (1 to 8)");
  int axis = 0;
  TINYRT_PREPARE_CHECK(ctx, ResolveAxis(IndexAt(axis_tensor, 0), rank, &axis),
                       "axis " << IndexAt(axis_tensor, 0) << " is out of range for rank " << rank);
  TINYRT_PREPARE_CHECK(ctx, input.dim(axis) >= 1, "the axis dimension is empty");
  int32_t dims[8];
  for (int i = 0, j = 0; i < rank; ++i) {
    if (i != axis) dims[j++] = input.dim(i);
  }
  TINYRT_RETURN_IF_ERROR(CheckOutputShape(ctx, output, dims, rank - 1));
  auto* data = ctx.AllocateOpData<ArgData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->outer = DimProduct(input, 0, axis);
  data->axis_size = input.dim(axis);
  data->inner = DimProduct(input, axis + 1, rank);
  ctx.SelectVariant(static_cast<uint8_t>(in_index * 2 + (out_type == TensorType::kInt64 ? 1 : 0)));
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt
