// SPDX-License-Identifier: Apache-2.0
// SVDF (singular value decomposition filter), one step, as TFLM's reference kernels compute it.
// The activation state [batch, num_filters * memory_size] (a variable tensor) keeps, per filter,
// the last memory_size feature values. Each step shifts it left by one, appends
// weights_feature x input for every filter, and each output unit sums, over its `rank` filters,
// the dot product of the filter's memory with its weights_time row, plus the bias.
//  - float32: float throughout, then the fused activation.
//  - int8 input/output with int16 (or int8) weights_time and state: the feature value is rescaled
//    into the state's scale and saturated to the state type; the per-unit sum is rescaled to the
//    output. TFLM ignores the fused activation here (the int8 output clamp is the only one).
// Two multipliers, computed in float as TFLM does before QuantizeMultiplier:
//   feature -> state: input_scale * feature_scale / state_scale
//   sum -> output:    state_scale * time_scale / output_scale
// The per-unit sums are accumulated directly (no scratch buffers): the same additions in the same
// order as TFLM's scratch-based loops.
#include <math.h>
#include <string.h>

#include <limits>

#include "src/kernels/kernel_util.h"
#include "src/kernels/op_data.h"
#include "src/kernels/opt/variants.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr int kInput = 0;
constexpr int kWeightsFeature = 1;
constexpr int kWeightsTime = 2;
constexpr int kBias = 3;
constexpr int kState = 4;

// The optimized int8 variant follows the three reference ones (opt/variants.h).
constexpr uint8_t kInt8Opt = 3;

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 3, 1));
  TINYRT_PREPARE_CHECK(ctx, ctx.num_inputs() == 5 && ctx.has_input(kState), "needs 5 inputs, the last the activation state");
  const auto* options = ctx.options<tflite::SVDFOptions>(tflite::BuiltinOptions_SVDFOptions);
  TINYRT_PREPARE_CHECK(ctx, options != nullptr, "SVDF options are missing");
  const TensorView input = ctx.input(kInput);
  const TensorView feature = ctx.input(kWeightsFeature);
  const TensorView time = ctx.input(kWeightsTime);
  const TensorView bias = ctx.has_input(kBias) ? ctx.input(kBias) : TensorView();
  const TensorView state = ctx.input(kState);
  const TensorView output = ctx.output(0);

  const int32_t rank = options->rank();
  TINYRT_PREPARE_CHECK(ctx, input.rank() == 2, "input must be 2-D [batch, input_size], has rank " << input.rank());
  TINYRT_PREPARE_CHECK(ctx, feature.rank() == 2 && time.rank() == 2, "weights_feature and weights_time must be 2-D");
  const int32_t batches = input.dim(0);
  const int32_t input_size = input.dim(1);
  const int32_t num_filters = feature.dim(0);
  TINYRT_PREPARE_CHECK(ctx, rank > 0 && num_filters % rank == 0, "rank " << rank << " does not divide the " << num_filters << " filters");
  const int32_t num_units = num_filters / rank;
  const int32_t memory_size = time.dim(1);
  TINYRT_PREPARE_CHECK(ctx, feature.dim(1) == input_size, "weights_feature has depth " << feature.dim(1) << ", input has " << input_size);
  TINYRT_PREPARE_CHECK(ctx, time.dim(0) == num_filters && memory_size > 0,
                       "weights_time must be [" << num_filters << ", memory_size], is [" << time.dim(0) << ", " << memory_size << "]");
  TINYRT_PREPARE_CHECK(ctx, !bias.valid() || (bias.rank() == 1 && bias.dim(0) == num_units), "bias must have " << num_units << " elements");
  TINYRT_PREPARE_CHECK(ctx, state.is_variable(), "the activation state (input 4) must be a variable tensor");
  TINYRT_PREPARE_CHECK(ctx, state.rank() == 2 && state.dim(0) == batches && state.dim(1) == memory_size * num_filters,
                       "activation state must be [" << batches << ", " << memory_size * num_filters << "]");
  TINYRT_PREPARE_CHECK(ctx, output.rank() == 2 && output.dim(0) == batches && output.dim(1) == num_units,
                       "output must be [" << batches << ", " << num_units << "]");

  auto* data = ctx.AllocateOpData<SvdfData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->batches = batches;
  data->input_size = input_size;
  data->num_filters = num_filters;
  data->num_units = num_units;
  data->rank = rank;
  data->memory_size = memory_size;
  data->activation = options->fused_activation_function();

  const TensorType type = input.type();
  if (type == TensorType::kFloat32) {
    TINYRT_PREPARE_CHECK(ctx,
                         feature.type() == TensorType::kFloat32 && time.type() == TensorType::kFloat32 &&
                             state.type() == TensorType::kFloat32 && output.type() == TensorType::kFloat32 &&
                             (!bias.valid() || bias.type() == TensorType::kFloat32),
                         "float32 input needs float32 weights, bias, state and output" << kHybridNotSupported);
    TINYRT_PREPARE_CHECK(ctx, data->activation >= 0 && data->activation <= 5,
                         "fused activation " << data->activation << " is not supported");
    ctx.SelectVariant(0);
  } else if (type == TensorType::kInt8) {
    TINYRT_PREPARE_CHECK(ctx, feature.type() == TensorType::kInt8,
                         "int8 input needs int8 weights_feature, got " << TensorTypeName(feature.type()));
    TINYRT_PREPARE_CHECK(ctx, time.type() == TensorType::kInt16 || time.type() == TensorType::kInt8,
                         "weights_time type " << TensorTypeName(time.type()) << " is not supported (int16 or int8)");
    TINYRT_PREPARE_CHECK(
        ctx, state.type() == time.type(),
        "activation state type " << TensorTypeName(state.type()) << " differs from weights_time type " << TensorTypeName(time.type()));
    TINYRT_PREPARE_CHECK(ctx, !bias.valid() || bias.type() == TensorType::kInt32,
                         "bias type " << TensorTypeName(bias.type()) << " is not int32");
    TINYRT_PREPARE_CHECK(ctx, output.type() == TensorType::kInt8, "output type " << TensorTypeName(output.type()) << " is not int8");
    TINYRT_PREPARE_CHECK(ctx, HasScale(input) && HasScale(feature) && HasScale(time) && HasScale(state) && HasScale(output),
                         "quantized tensors need quantization scales");
    // The feature dot products (no bias); the time sums wrap instead (int16 weights, see EvalInt8).
    TINYRT_RETURN_IF_ERROR(CheckAccumulator(ctx, input_size, TensorView(), 255, false));
    // Float products, as TFLM writes them, then widened.
    const float time_times_state = state.scale() * time.scale();
    if (bias.valid()) {
      const double difference = static_cast<double>(bias.scale()) - static_cast<double>(time_times_state);
      TINYRT_PREPARE_CHECK(ctx, HasScale(bias) && difference < 1e-5 && difference > -1e-5,
                           "bias scale must equal state scale * weights_time scale");
    }
    const double feature_scale = static_cast<double>(input.scale() * feature.scale() / state.scale());
    const double output_scale = static_cast<double>(state.scale() * time.scale() / output.scale());
    int shift = 0;
    math::QuantizeMultiplier(feature_scale, &data->feature_multiplier, &shift);
    data->feature_shift = shift;
    math::QuantizeMultiplier(output_scale, &data->output_multiplier, &shift);
    data->output_shift = shift;
    data->input_zero_point = input.zero_point();
    data->output_zero_point = output.zero_point();
    data->state_zero_point = state.zero_point();
    uint8_t selected = time.type() == TensorType::kInt16 ? 1 : 2;
    if (selected == 1) {
      uint32_t no_scratch = 0;  // the optimized variant needs none
      TINYRT_RETURN_IF_ERROR(SelectOptVariant(ctx, kSvdfInt8Variants, kInt8Opt, *data, &no_scratch, &selected));
    } else {
      RecordReferenceReason(ctx, ReferenceReason::kType);  // int8 weights_time and state: reference only
    }
    ctx.SelectVariant(selected);
  } else {
    return TypeError(ctx, "input", type) << " (supported: float32, int8)";
  }
  return Status::Ok();
}

float Activate(int32_t activation, float x) {
  switch (activation) {
    case 1: return x < 0.0f ? 0.0f : x;
    case 2: return x > 1.0f ? 1.0f : (x < -1.0f ? -1.0f : x);
    case 3: return x > 6.0f ? 6.0f : (x < 0.0f ? 0.0f : x);
    case 4: return tanhf(x);
    case 5: return signbit(x) ? 1.0f : 0.0f;
    default: return x;
  }
}

// Drops the oldest memory slot of every filter: one shift of the whole state buffer, whose last
// slot per filter the feature step overwrites.
template <typename T>
void ShiftState(T* state, int32_t elements) {
  memmove(state, state + 1, sizeof(T) * static_cast<size_t>(elements - 1));
}

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<SvdfData>();
  const float* input = ctx.input<float>(kInput);
  const float* feature = ctx.input<float>(kWeightsFeature);
  const float* time = ctx.input<float>(kWeightsTime);
  const float* bias = ctx.has_input(kBias) ? ctx.input<float>(kBias) : nullptr;
  float* state = ctx.mutable_input<float>(kState);
  float* output = ctx.output<float>(0);
  const int32_t m = d.memory_size;
  ShiftState(state, d.batches * d.num_filters * m);
  for (int32_t b = 0; b < d.batches; ++b) {
    const float* in = input + b * d.input_size;
    for (int32_t f = 0; f < d.num_filters; ++f) {
      const float* w = feature + f * d.input_size;
      float dot = 0.0f;
      for (int32_t k = 0; k < d.input_size; ++k) dot += w[k] * in[k];
      state[(b * d.num_filters + f) * m + m - 1] = dot;
    }
  }
  for (int32_t b = 0; b < d.batches; ++b) {
    for (int32_t u = 0; u < d.num_units; ++u) {
      float sum = bias != nullptr ? bias[u] : 0.0f;
      for (int32_t r = 0; r < d.rank; ++r) {
        const int32_t f = u * d.rank + r;
        const float* w = time + f * m;
        const float* s = state + (b * d.num_filters + f) * m;
        float dot = 0.0f;
        for (int32_t j = 0; j < m; ++j) dot += w[j] * s[j];
        sum += dot;
      }
      output[b * d.num_units + u] = Activate(d.activation, sum);
    }
  }
  return Status::Ok();
}

// T: type of weights_time and of the state (int16 or int8).
template <typename T>
Status EvalInt8(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<SvdfData>();
  const int8_t* input = ctx.input<int8_t>(kInput);
  const int8_t* feature = ctx.input<int8_t>(kWeightsFeature);
  const T* time = ctx.input<T>(kWeightsTime);
  const int32_t* bias = ctx.has_input(kBias) ? ctx.input<int32_t>(kBias) : nullptr;
  T* state = ctx.mutable_input<T>(kState);
  int8_t* output = ctx.output<int8_t>(0);
  const int32_t m = d.memory_size;
  const int32_t state_min = std::numeric_limits<T>::min();
  const int32_t state_max = std::numeric_limits<T>::max();
  ShiftState(state, d.batches * d.num_filters * m);
  for (int32_t b = 0; b < d.batches; ++b) {
    const int8_t* in = input + b * d.input_size;
    for (int32_t f = 0; f < d.num_filters; ++f) {
      const int8_t* w = feature + f * d.input_size;
      int32_t dot = 0;
      for (int32_t k = 0; k < d.input_size; ++k) dot += w[k] * (in[k] - d.input_zero_point);
      // The state's zero point goes in before the saturation to the state type.
      const int32_t value = d.state_zero_point + math::MultiplyByQuantizedMultiplier(dot, d.feature_multiplier, d.feature_shift);
      state[(b * d.num_filters + f) * m + m - 1] = static_cast<T>(math::Clamp(value, state_min, state_max));
    }
  }
  for (int32_t b = 0; b < d.batches; ++b) {
    for (int32_t u = 0; u < d.num_units; ++u) {
      // int16 x int16 products can exceed int32 in a crafted model: TFLM's int32 sum then wraps on
      // its targets, so sum modulo 2^32 (identical whenever nothing overflows).
      uint32_t sum = bias != nullptr ? static_cast<uint32_t>(bias[u]) : 0u;
      for (int32_t r = 0; r < d.rank; ++r) {
        const int32_t f = u * d.rank + r;
        const T* w = time + f * m;
        const T* s = state + (b * d.num_filters + f) * m;
        for (int32_t j = 0; j < m; ++j) sum += static_cast<uint32_t>(static_cast<int64_t>(w[j]) * (s[j] - d.state_zero_point));
      }
      const int32_t q =
          math::MultiplyByQuantizedMultiplier(static_cast<int32_t>(sum), d.output_multiplier, d.output_shift) + d.output_zero_point;
      output[b * d.num_units + u] = static_cast<int8_t>(math::Clamp(q, -128, 127));
    }
  }
  return Status::Ok();
}

constexpr EvalVariant kReferenceVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalInt8<int16_t>, "reference int8 (int16 state)"},
    {EvalInt8<int8_t>, "reference int8 (int8 state)"},
};
constexpr auto kVariants = WithOptVariants(kReferenceVariants, kSvdfInt8Variants);

}  // namespace

const OpKernel kOp_SVDF = {Prepare, kVariants.v, kVariants.size(), 4};

}  // namespace kernels
}  // namespace tinyrt
