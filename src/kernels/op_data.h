// SPDX-License-Identifier: Apache-2.0
// Op data of the kernels that have optimized Eval variants beside the reference one
// (src/kernels/opt/): both read the same arena struct that the reference Prepare fills.
#pragma once

#include <math.h>

#include "src/kernels/conv_util.h"
#include "src/kernels/requant_table.h"

namespace tinyrt {
namespace kernels {

struct FloatActivationRange {
  float min;
  float max;
};

// CONV_2D's and DEPTHWISE_CONV_2D's own fields, which their op data (WindowConvData) starts with.
struct ConvFields {
  ConvGeometry g;
  int32_t filter_depth;       // input channels each filter sees
  int32_t filters_per_group;  // output channels per group
};
struct DepthwiseConvFields {
  ConvGeometry g;
  int32_t depth_multiplier;
};

// The op data of CONV_2D and DEPTHWISE_CONV_2D: the op's own fields (Fields, starting with the
// geometry g), then what both keep.
template <typename Fields>
struct WindowConvData : Fields {
  ConvQuantParams q;  // quantized ops
  union {
    float float_act_min;  // float32 ops
    uint32_t scratch;     // int8 ops: the optimized variant's scratch handle (opt/variants.h)
  };
  union {
    float float_act_max;  // float32 ops
    int32_t requant_at;   // quantized ops: int32 multipliers[output_depth], int8 shifts[output_depth] lie this far from the op data
  };
  InPlaceRows in_place;
  uint32_t ring;  // scratch handle of the in-place row ring
  // Quantized ops: followed in the arena by the table, or by a RequantSource when the table is
  // computed at Eval into scratch (requant_table.h).
  RequantSource* requant_source() {
    return requant_at == static_cast<int32_t>(sizeof(*this)) ? nullptr : reinterpret_cast<RequantSource*>(this + 1);
  }
  int32_t requant_channels() const { return this->g.output_depth; }
  const int32_t* multipliers() const { return reinterpret_cast<const int32_t*>(reinterpret_cast<const uint8_t*>(this) + requant_at); }
  const int8_t* shifts() const { return reinterpret_cast<const int8_t*>(multipliers() + this->g.output_depth); }
};
using ConvData = WindowConvData<ConvFields>;
using DepthwiseConvData = WindowConvData<DepthwiseConvFields>;

struct FullyConnectedData {
  int32_t batches;
  int32_t accum_depth;
  int32_t output_depth;
  int32_t input_offset;   // -input zero point
  int32_t filter_offset;  // -filter zero point
  int32_t output_offset;  // output zero point
  int32_t act_min;
  int32_t act_max;
  float float_act_min;
  union {
    float float_act_max;  // float32 ops
    int32_t requant_at;   // quantized ops: int32 multipliers[n], int8 shifts[n] lie this far from the op data
  };
  int32_t per_channel;  // 1: multipliers/shifts hold n = output_depth entries, else n = 1
  // Quantized ops: followed in the arena by the table, or by a RequantSource when the table is
  // computed at Eval into scratch (requant_table.h).
  RequantSource* requant_source() {
    return requant_at == static_cast<int32_t>(sizeof(*this)) ? nullptr : reinterpret_cast<RequantSource*>(this + 1);
  }
  int32_t requant_channels() const { return output_depth; }
  const int32_t* multipliers() const { return reinterpret_cast<const int32_t*>(reinterpret_cast<const uint8_t*>(this) + requant_at); }
  const int8_t* shifts() const { return reinterpret_cast<const int8_t*>(multipliers() + (per_channel ? output_depth : 1)); }
};

// ADD, and SUB (src/kernels/ref/sub.cc), whose quantized scheme is ADD's with a minus.
struct AddData {
  int32_t elements;
  int32_t input1_offset;  // -zero point
  int32_t input2_offset;
  int32_t output_offset;  // +zero point
  int32_t left_shift;
  int32_t input1_multiplier;
  int32_t input1_shift;
  int32_t input2_multiplier;
  int32_t input2_shift;
  int32_t output_multiplier;
  int32_t output_shift;
  int32_t act_min;
  int32_t act_max;
  float float_act_min;
  float float_act_max;
};

// The optimized int8 Eval variants' name on the build's instruction set (opt/variants.h lists
// them per op).
extern const char kOptInt8VariantName[];

// ---- Recurrent ops (src/kernels/ref/unidirectional_sequence_lstm.cc, ref/svdf.cc; optimized
// variants in opt/unidirectional_sequence_lstm.cc, opt/svdf.cc) ----

// One LSTM gate's two fully connected layers, quantized: W x + b and R h, each into Q3.12.
struct LstmGateQuant {
  int32_t input_weight_offset;      // -zero point of W
  int32_t recurrent_weight_offset;  // -zero point of R
  int32_t input_multiplier;         // input_scale * W_scale / 2^-12
  int32_t input_shift;
  int32_t recurrent_multiplier;  // hidden_scale * R_scale / 2^-12
  int32_t recurrent_shift;
};

struct LstmData {
  int32_t batches;
  int32_t time_steps;
  int32_t input_size;
  int32_t units;
  int32_t time_major;
  float cell_clip;  // > 0: clip the cell state
  // Quantized kernels.
  int32_t input_offset;            // -input zero point
  int32_t hidden_offset;           // -hidden state zero point
  LstmGateQuant gates[4];          // input, forget, cell, output
  int32_t forget_cell_multiplier;  // forget (Q0.15) x cell -> cell scale
  int32_t forget_cell_shift;
  int32_t input_cell_multiplier;  // input gate x cell gate (Q0.15 each) -> cell scale
  int32_t input_cell_shift;
  int32_t hidden_multiplier;  // tanh(c) x output gate (Q0.15 each) -> hidden scale
  int32_t hidden_shift;
  int32_t hidden_zero_point;
  int32_t hidden_min;
  int32_t hidden_max;
  int32_t cell_tanh_multiplier;  // tanh input rescaling for the cell scale
  int32_t cell_tanh_right_shift;
  int32_t quantized_cell_clip;
};

// Where one LSTM step reads and writes: `rows` batch rows of input, state and output (element
// offsets).
struct LstmStep {
  int32_t input;
  int32_t output;
  int32_t state;
  int32_t rows;
};

// Calls fn(step) for every step in TFLM's order: all time steps of batch 0, then batch 1, ...
// (batch-major), or each time step for all batch rows at once (time-major).
template <typename Fn>
void ForEachLstmStep(const LstmData& d, Fn fn) {
  if (d.time_major) {
    for (int32_t t = 0; t < d.time_steps; ++t) fn(LstmStep{t * d.batches * d.input_size, t * d.batches * d.units, 0, d.batches});
    return;
  }
  for (int32_t b = 0; b < d.batches; ++b) {
    for (int32_t t = 0; t < d.time_steps; ++t) {
      const int32_t row = b * d.time_steps + t;
      fn(LstmStep{row * d.input_size, row * d.units, b * d.units, 1});
    }
  }
}

// The float LSTM's gate sigmoid (TFLM's thresholds) and the clamp TFLM applies to fully connected
// results and products with activation NONE (the float range).
inline float LstmSigmoid(float x) {
  if (x > 16.619047164916992188f) return 1.0f;
  if (x < -9.0f) return expf(x);
  return 1.0f / (1.0f + expf(-x));
}
inline float LstmClampFloat(float x) {
  constexpr float kMax = 3.40282346638528859812e+38f;
  return x < -kMax ? -kMax : (x > kMax ? kMax : x);
}

struct SvdfData {
  int32_t batches;
  int32_t input_size;
  int32_t num_filters;
  int32_t num_units;
  int32_t rank;
  int32_t memory_size;
  int32_t activation;  // float32 only
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t state_zero_point;
  int32_t feature_multiplier;
  int32_t feature_shift;
  int32_t output_multiplier;
  int32_t output_shift;
};

}  // namespace kernels
}  // namespace tinyrt
