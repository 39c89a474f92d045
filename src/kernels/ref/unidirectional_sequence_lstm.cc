// SPDX-License-Identifier: Apache-2.0
// UNIDIRECTIONAL_SEQUENCE_LSTM: a standard (Keras) LSTM run over a sequence, as TFLM's reference
// kernel computes it. Per time step and unit j, with x the input row and h, c the hidden and cell
// state (variable tensors that carry over between invocations):
//   gate_g = act_g(W_g x + b_g + R_g h)     g in {input, forget, cell, output}
//   c = forget * c + input * cell_gate   (then clipped to +-cell_clip when cell_clip > 0)
//   h = output * tanh(c), also written to the output sequence.
// Input/forget/output gates use the sigmoid, the cell gate the op's fused activation (TANH).
// Like TFLM there is no peephole, projection, layer normalisation or CIFG; those models are
// refused. Layouts: batch-major [batch, time, input] (each batch row runs its sequence on its own)
// or time-major [time, batch, input] (all batch rows step together).
//  - float32: float throughout, W x + b and R h as separate fully connected results, summed.
//  - int8 activations, int8 weights, int32 bias, int16 cell state (and int16 activations with
//    int64 bias): each fully connected result is requantized to int16 in Q3.12 (scale 2^-12) and
//    saturated, their saturated sum goes through TFLite's int16 sigmoid/tanh (Q0.15 out); the
//    element-wise products are requantized into the cell scale and, for h, into the hidden
//    state's scale and zero point. The gate scales are these fixed ones, as in TFLM @90b983c2:
//    the op's intermediate tensors (which older TFLite integer LSTMs read) are not used.
// All gates of a unit only need that unit's values, so each unit is finished in one pass and the
// new h goes straight into the output step (copied into the state after the step): no gate
// buffers, same arithmetic in the same order as TFLM's buffer-based steps.
#include <math.h>
#include <string.h>

#include "src/kernels/kernel_util.h"
#include "src/kernels/op_data.h"
#include "src/kernels/opt/variants.h"
#include "src/math/int16_activations.h"

namespace tinyrt {
namespace kernels {
namespace {

// Input tensor numbering (TFLite's lstm_shared.h).
constexpr int kInput = 0;
constexpr int kInputWeights[4] = {1, 2, 3, 4};      // input-to-{input, forget, cell, output}
constexpr int kRecurrentWeights[4] = {5, 6, 7, 8};  // recurrent-to-{...}
constexpr int kPeepholeWeights[3] = {9, 10, 11};
constexpr int kBiases[4] = {12, 13, 14, 15};
constexpr int kProjectionWeights = 16;
constexpr int kProjectionBias = 17;
constexpr int kHiddenState = 18;
constexpr int kCellState = 19;
constexpr int kLayerNormWeights[4] = {20, 21, 22, 23};
constexpr int kNumInputs = 24;

// The optimized int8 variant follows the three reference ones, then the float32 one (opt/variants.h).
constexpr uint8_t kInt8Opt = 3;

enum Gate { kInputGate = 0, kForgetGate = 1, kCellGate = 2, kOutputGate = 3 };

// The integer gates' fully connected layers output int16 in Q3.12.
constexpr float kGateInputScale = 1.0f / 4096;
// Sigmoid and tanh write Q0.15.
constexpr float kGateOutputScale = 1.0f / 32768;

bool SameType(PrepareContext& ctx, const int* indices, int count, TensorType type) {
  for (int i = 0; i < count; ++i) {
    if (ctx.input(indices[i]).type() != type) return false;
  }
  return true;
}

Status PrepareQuantized(PrepareContext& ctx, LstmData* data) {
  const TensorView input = ctx.input(kInput);
  const TensorView hidden = ctx.input(kHiddenState);
  const TensorView cell = ctx.input(kCellState);
  const TensorType type = input.type();
  const TensorType bias_type = type == TensorType::kInt8 ? TensorType::kInt32 : TensorType::kInt64;
  TINYRT_PREPARE_CHECK(ctx, SameType(ctx, kInputWeights, 4, TensorType::kInt8) && SameType(ctx, kRecurrentWeights, 4, TensorType::kInt8),
                       TensorTypeName(type) << " LSTM needs int8 weights");
  TINYRT_PREPARE_CHECK(ctx, SameType(ctx, kBiases, 4, bias_type),
                       TensorTypeName(type) << " LSTM needs " << TensorTypeName(bias_type) << " biases");
  TINYRT_PREPARE_CHECK(
      ctx, cell.type() == TensorType::kInt16,
      "cell state type " << TensorTypeName(cell.type()) << " is not supported; a quantized LSTM needs an int16 cell state");
  TINYRT_PREPARE_CHECK(ctx, HasScale(input) && HasScale(hidden) && HasScale(cell), "input, hidden and cell state need quantization scales");
  for (int g = 0; g < 4; ++g) {
    const TensorView w = ctx.input(kInputWeights[g]);
    const TensorView r = ctx.input(kRecurrentWeights[g]);
    TINYRT_PREPARE_CHECK(ctx, w.num_scales() == 1 && r.num_scales() == 1, "LSTM weights need one (per-tensor) quantization scale");
  }
  if (type == TensorType::kInt16) {
    TINYRT_PREPARE_CHECK(ctx, input.zero_point() == 0 && hidden.zero_point() == 0, "int16 input and hidden state need zero point 0");
  }
  // Each gate's two fully connected layers: W x + bias and R h.
  const int64_t max_input = type == TensorType::kInt8 ? 255 : 32768;
  for (int g = 0; g < 4; ++g) {
    TINYRT_RETURN_IF_ERROR(
        CheckAccumulator(ctx, input.dim(input.rank() - 1), ctx.input(kBiases[g]), max_input, type == TensorType::kInt16));
    TINYRT_RETURN_IF_ERROR(
        CheckAccumulator(ctx, ctx.input(kRecurrentWeights[g]).dim(1), TensorView(), max_input, type == TensorType::kInt16));
  }
  data->input_offset = -input.zero_point();
  data->hidden_offset = -hidden.zero_point();
  for (int g = 0; g < 4; ++g) {
    const TensorView w = ctx.input(kInputWeights[g]);
    const TensorView r = ctx.input(kRecurrentWeights[g]);
    LstmGateQuant& q = data->gates[g];
    q.input_weight_offset = -w.zero_point();
    q.recurrent_weight_offset = -r.zero_point();
    ConvMultiplier(input.scale(), w.scale(), kGateInputScale, &q.input_multiplier, &q.input_shift);
    ConvMultiplier(hidden.scale(), r.scale(), kGateInputScale, &q.recurrent_multiplier, &q.recurrent_shift);
  }
  // Element-wise products, in double like TFLM's CreateInterGateMulParams.
  const double cell_scale = static_cast<double>(cell.scale());
  const double gate_scale = static_cast<double>(kGateOutputScale);
  int shift = 0;
  math::QuantizeMultiplier(gate_scale * cell_scale / cell_scale, &data->forget_cell_multiplier, &shift);
  data->forget_cell_shift = shift;
  math::QuantizeMultiplier(gate_scale * gate_scale / cell_scale, &data->input_cell_multiplier, &shift);
  data->input_cell_shift = shift;
  math::QuantizeMultiplier(gate_scale * gate_scale / static_cast<double>(hidden.scale()), &data->hidden_multiplier, &shift);
  data->hidden_shift = shift;
  data->hidden_zero_point = hidden.zero_point();
  data->hidden_min = math::QuantizedMin(hidden.type());
  data->hidden_max = math::QuantizedMax(hidden.type());

  // tanh(c) reads the cell in its own scale 2^power (rounded log2, as TFLM; it does not insist on
  // a power of two): shift = 15 + power - 3 bits beyond the table's input units.
  int cell_scale_power = 0;
  math::CheckedLog2(cell.scale(), &cell_scale_power);
  const int tanh_shift = 15 + cell_scale_power - 3;
  TINYRT_PREPARE_CHECK(ctx, tanh_shift <= 14, "cell state scale 2^" << cell_scale_power << " is too large (at most 2^2)");
  int right_shift = 0;
  math::PowerOfTwoActivationRescale(tanh_shift, &data->cell_tanh_multiplier, &right_shift);
  data->cell_tanh_right_shift = right_shift;
  // Truncated toward zero, as TFLM's cast does.
  double clip = static_cast<double>(data->cell_clip) / cell_scale;
  clip = clip < -32768.0 ? -32768.0 : (clip > 32767.0 ? 32767.0 : clip);
  data->quantized_cell_clip = static_cast<int16_t>(clip);
  return Status::Ok();
}

Status Prepare(PrepareContext& ctx) {
  TINYRT_PREPARE_CHECK(ctx, ctx.num_inputs() == kNumInputs && ctx.num_outputs() == 1,
                       "needs 24 inputs and 1 output, has " << ctx.num_inputs() << " and " << ctx.num_outputs());
  const auto* options = ctx.options<tflite::UnidirectionalSequenceLSTMOptions>(tflite::BuiltinOptions_UnidirectionalSequenceLSTMOptions);
  TINYRT_PREPARE_CHECK(ctx, options != nullptr, "UNIDIRECTIONAL_SEQUENCE_LSTM options are missing");
  TINYRT_PREPARE_CHECK(ctx, !options->diagonal_recurrent_tensors(), "diagonal recurrent weights are not supported");
  TINYRT_PREPARE_CHECK(
      ctx, options->fused_activation_function() == tflite::ActivationFunctionType_TANH,
      "cell gate activation " << static_cast<int32_t>(options->fused_activation_function()) << " is not supported (only TANH)");
  TINYRT_PREPARE_CHECK(ctx, options->cell_clip() >= 0.0f, "cell_clip must not be negative");

  // The standard LSTM only (TFLM's kernel refuses the variants too).
  TINYRT_PREPARE_CHECK(ctx, ctx.has_input(kInput) && ctx.has_input(kHiddenState) && ctx.has_input(kCellState),
                       "input, hidden state (input 18) and cell state (input 19) are required");
  for (int g = 0; g < 4; ++g) {
    TINYRT_PREPARE_CHECK(ctx, ctx.has_input(kInputWeights[g]) && ctx.has_input(kRecurrentWeights[g]) && ctx.has_input(kBiases[g]),
                         "all four gates need input and recurrent weights and a bias (CIFG is not supported)");
    TINYRT_PREPARE_CHECK(ctx, !ctx.has_input(kLayerNormWeights[g]), "layer normalisation is not supported");
  }
  for (int i = 0; i < 3; ++i) TINYRT_PREPARE_CHECK(ctx, !ctx.has_input(kPeepholeWeights[i]), "peephole connections are not supported");
  TINYRT_PREPARE_CHECK(ctx, !ctx.has_input(kProjectionWeights) && !ctx.has_input(kProjectionBias), "projection is not supported");

  const TensorView input = ctx.input(kInput);
  const TensorView hidden = ctx.input(kHiddenState);
  const TensorView cell = ctx.input(kCellState);
  const TensorView output = ctx.output(0);
  TINYRT_PREPARE_CHECK(ctx, hidden.is_variable() && cell.is_variable(), "hidden and cell state must be variable tensors");
  TINYRT_PREPARE_CHECK(ctx, input.rank() == 3, "input must be 3-D, has rank " << input.rank());
  const bool time_major = options->time_major();
  const int32_t batches = input.dim(time_major ? 1 : 0);
  const int32_t time_steps = input.dim(time_major ? 0 : 1);
  const int32_t input_size = input.dim(2);
  const int32_t units = ctx.input(kInputWeights[kForgetGate]).dim(0);
  for (int g = 0; g < 4; ++g) {
    const TensorView w = ctx.input(kInputWeights[g]);
    const TensorView r = ctx.input(kRecurrentWeights[g]);
    const TensorView b = ctx.input(kBiases[g]);
    TINYRT_PREPARE_CHECK(ctx, w.rank() == 2 && w.dim(0) == units && w.dim(1) == input_size,
                         "input weights must be [" << units << ", " << input_size << "]");
    TINYRT_PREPARE_CHECK(ctx, r.rank() == 2 && r.dim(0) == units && r.dim(1) == units,
                         "recurrent weights must be [" << units << ", " << units << "]");
    TINYRT_PREPARE_CHECK(ctx, b.rank() == 1 && b.dim(0) == units, "biases must have " << units << " elements");
  }
  const size_t state_elements = static_cast<size_t>(batches) * static_cast<size_t>(units);
  TINYRT_PREPARE_CHECK(ctx, hidden.elements() == state_elements && cell.elements() == state_elements,
                       "hidden and cell state need " << state_elements << " elements (batch x units)");
  TINYRT_PREPARE_CHECK(ctx, output.rank() == 3 && output.dim(0) == input.dim(0) && output.dim(1) == input.dim(1) && output.dim(2) == units,
                       "output must be [" << input.dim(0) << ", " << input.dim(1) << ", " << units << "]");

  const TensorType type = input.type();
  TINYRT_PREPARE_CHECK(ctx, hidden.type() == type && output.type() == type,
                       "hidden state and output must have the input's type " << TensorTypeName(type));
  auto* data = ctx.AllocateOpData<LstmData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->batches = batches;
  data->time_steps = time_steps;
  data->input_size = input_size;
  data->units = units;
  data->time_major = time_major ? 1 : 0;
  data->cell_clip = options->cell_clip();
  if (type == TensorType::kFloat32) {
    TINYRT_PREPARE_CHECK(ctx,
                         SameType(ctx, kInputWeights, 4, type) && SameType(ctx, kRecurrentWeights, 4, type) &&
                             SameType(ctx, kBiases, 4, type) && cell.type() == type,
                         "float32 LSTM needs float32 weights, biases and cell state" << kHybridNotSupported);
    uint8_t selected = 0;
    uint32_t no_scratch = 0;  // the optimized variant needs none
    TINYRT_RETURN_IF_ERROR(SelectOptVariant(ctx, kLstmFloatVariants, kInt8Opt + 1, *data, &no_scratch, &selected));
    ctx.SelectVariant(selected);
  } else if (type == TensorType::kInt8 || type == TensorType::kInt16) {
    TINYRT_RETURN_IF_ERROR(PrepareQuantized(ctx, data));
    uint8_t selected = type == TensorType::kInt8 ? 1 : 2;
    if (type == TensorType::kInt8) {
      uint32_t no_scratch = 0;  // the optimized variant needs none
      TINYRT_RETURN_IF_ERROR(SelectOptVariant(ctx, kLstmInt8Variants, kInt8Opt, *data, &no_scratch, &selected));
    } else {
      RecordReferenceReason(ctx, ReferenceReason::kType);  // int16 activations: reference only
    }
    ctx.SelectVariant(selected);
  } else {
    return TypeError(ctx, "input", type) << " (supported: float32, int8, int16)";
  }
  return Status::Ok();
}

// ---- float32 ----

inline float ClampFloat(float x) { return LstmClampFloat(x); }
inline float Sigmoid(float x) { return LstmSigmoid(x); }

struct FloatWeights {
  const float* w[4];
  const float* r[4];
  const float* bias[4];
};

inline float FloatGate(const LstmData& d, const FloatWeights& p, int g, const float* x, const float* h, int32_t j) {
  const float* w = p.w[g] + j * d.input_size;
  float from_input = 0.0f;
  for (int32_t k = 0; k < d.input_size; ++k) from_input += x[k] * w[k];
  from_input = ClampFloat(from_input + p.bias[g][j]);
  const float* r = p.r[g] + j * d.units;
  float from_hidden = 0.0f;
  for (int32_t k = 0; k < d.units; ++k) from_hidden += h[k] * r[k];
  from_hidden = ClampFloat(from_hidden + 0.0f);
  return from_input + from_hidden;
}

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<LstmData>();
  FloatWeights p;
  for (int g = 0; g < 4; ++g) {
    p.w[g] = ctx.input<float>(kInputWeights[g]);
    p.r[g] = ctx.input<float>(kRecurrentWeights[g]);
    p.bias[g] = ctx.input<float>(kBiases[g]);
  }
  const float* input = ctx.input<float>(kInput);
  float* hidden = ctx.mutable_input<float>(kHiddenState);
  float* cell = ctx.mutable_input<float>(kCellState);
  float* output = ctx.output<float>(0);
  ForEachLstmStep(d, [&](const LstmStep& s) {
    for (int32_t row = 0; row < s.rows; ++row) {
      const float* x = input + s.input + row * d.input_size;
      const float* h = hidden + s.state + row * d.units;
      float* c = cell + s.state + row * d.units;
      float* out = output + s.output + row * d.units;
      for (int32_t j = 0; j < d.units; ++j) {
        const float forget = Sigmoid(FloatGate(d, p, kForgetGate, x, h, j));
        const float in = Sigmoid(FloatGate(d, p, kInputGate, x, h, j));
        const float candidate = tanhf(FloatGate(d, p, kCellGate, x, h, j));
        float c_new = ClampFloat(forget * c[j]) + ClampFloat(in * candidate);
        if (d.cell_clip > 0.0f) c_new = math::Clamp(c_new, -d.cell_clip, d.cell_clip);
        c[j] = c_new;
        const float out_gate = Sigmoid(FloatGate(d, p, kOutputGate, x, h, j));
        out[j] = ClampFloat(tanhf(c_new) * out_gate);
      }
    }
    memcpy(hidden + s.state, output + s.output, sizeof(float) * static_cast<size_t>(s.rows * d.units));
  });
  return Status::Ok();
}

// ---- quantized: ActT int8 (AccT int32, BiasT int32) or int16 (int64, int64) ----

inline int32_t SaturateInt16(int32_t x) { return math::Clamp(x, -32768, 32767); }

template <typename BiasT>
struct QuantizedWeights {
  const int8_t* w[4];
  const int8_t* r[4];
  const BiasT* bias[4];
};

// Gate pre-activation in Q3.12: the two fully connected results, each saturated to int16, and
// their saturated sum.
template <typename AccT, typename ActT, typename BiasT>
inline int16_t QuantizedGate(const LstmData& d, const QuantizedWeights<BiasT>& p, int g, const ActT* x, const ActT* h, int32_t j) {
  const LstmGateQuant& q = d.gates[g];
  const int8_t* w = p.w[g] + j * d.input_size;
  AccT acc = 0;
  for (int32_t k = 0; k < d.input_size; ++k) acc += (w[k] + q.input_weight_offset) * (x[k] + d.input_offset);
  acc += p.bias[g][j];
  const int32_t from_input = SaturateInt16(math::MultiplyByQuantizedMultiplier(acc, q.input_multiplier, q.input_shift));
  const int8_t* r = p.r[g] + j * d.units;
  AccT racc = 0;
  for (int32_t k = 0; k < d.units; ++k) racc += (r[k] + q.recurrent_weight_offset) * (h[k] + d.hidden_offset);
  const int32_t from_hidden = SaturateInt16(math::MultiplyByQuantizedMultiplier(racc, q.recurrent_multiplier, q.recurrent_shift));
  return static_cast<int16_t>(SaturateInt16(from_input + from_hidden));
}

// Q0.15 sigmoid / tanh of a Q3.12 gate: 2^12 input units are 1, so the table rescaling is 3.
inline int16_t GateSigmoid(int16_t x) { return math::LogisticInt16(x, 3, 0); }
inline int16_t GateTanh(int16_t x) { return math::TanhInt16(x, 3, 0); }

template <typename ActT, typename AccT, typename BiasT>
Status EvalQuantized(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<LstmData>();
  QuantizedWeights<BiasT> p;
  for (int g = 0; g < 4; ++g) {
    p.w[g] = ctx.input<int8_t>(kInputWeights[g]);
    p.r[g] = ctx.input<int8_t>(kRecurrentWeights[g]);
    p.bias[g] = ctx.input<BiasT>(kBiases[g]);
  }
  const ActT* input = ctx.input<ActT>(kInput);
  ActT* hidden = ctx.mutable_input<ActT>(kHiddenState);
  int16_t* cell = ctx.mutable_input<int16_t>(kCellState);
  ActT* output = ctx.output<ActT>(0);
  const bool clip = d.cell_clip > 0.0f;
  const int32_t cell_clip = d.quantized_cell_clip;
  ForEachLstmStep(d, [&](const LstmStep& s) {
    for (int32_t row = 0; row < s.rows; ++row) {
      const ActT* x = input + s.input + row * d.input_size;
      const ActT* h = hidden + s.state + row * d.units;
      int16_t* c = cell + s.state + row * d.units;
      ActT* out = output + s.output + row * d.units;
      for (int32_t j = 0; j < d.units; ++j) {
        const int32_t forget = GateSigmoid(QuantizedGate<AccT>(d, p, kForgetGate, x, h, j));
        const int32_t in = GateSigmoid(QuantizedGate<AccT>(d, p, kInputGate, x, h, j));
        const int32_t candidate = GateTanh(QuantizedGate<AccT>(d, p, kCellGate, x, h, j));
        const int32_t kept =
            SaturateInt16(math::MultiplyByQuantizedMultiplier(forget * c[j], d.forget_cell_multiplier, d.forget_cell_shift));
        const int32_t added =
            SaturateInt16(math::MultiplyByQuantizedMultiplier(in * candidate, d.input_cell_multiplier, d.input_cell_shift));
        int32_t c_new = SaturateInt16(kept + added);
        if (clip) c_new = math::Clamp(c_new, -cell_clip, cell_clip);
        c[j] = static_cast<int16_t>(c_new);
        const int32_t out_gate = GateSigmoid(QuantizedGate<AccT>(d, p, kOutputGate, x, h, j));
        const int32_t tanh_c = math::TanhInt16(static_cast<int16_t>(c_new), d.cell_tanh_multiplier, d.cell_tanh_right_shift);
        const int32_t h_new =
            d.hidden_zero_point + math::MultiplyByQuantizedMultiplier(tanh_c * out_gate, d.hidden_multiplier, d.hidden_shift);
        out[j] = static_cast<ActT>(math::Clamp(h_new, d.hidden_min, d.hidden_max));
      }
    }
    memcpy(hidden + s.state, output + s.output, sizeof(ActT) * static_cast<size_t>(s.rows * d.units));
  });
  return Status::Ok();
}

constexpr EvalVariant kReferenceVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalQuantized<int8_t, int32_t, int32_t>, "reference int8 (int16 cell)"},
    {EvalQuantized<int16_t, int64_t, int64_t>, "reference int16 (int16 cell)"},
};
constexpr auto kReferenceAndInt8 = WithOptVariants(kReferenceVariants, kLstmInt8Variants);
constexpr auto kVariants = WithOptVariants(kReferenceAndInt8.v, kLstmFloatVariants);

}  // namespace

const OpKernel kOp_UNIDIRECTIONAL_SEQUENCE_LSTM = {Prepare, kVariants.v, kVariants.size(), 5};

}  // namespace kernels
}  // namespace tinyrt
