// SPDX-License-Identifier: Apache-2.0
// Op data of the kernels that have optimized Eval variants beside the reference one
// (src/kernels/opt/): both read the same arena struct that the reference Prepare fills.
#pragma once

#include "src/kernels/conv_util.h"

namespace tinyrt {
namespace kernels {

struct FloatActivationRange {
  float min;
  float max;
};

struct ConvData {
  ConvGeometry g;
  int32_t filter_depth;       // input channels each filter sees
  int32_t filters_per_group;  // output channels per group
  ConvQuantParams q;  // quantized ops
  union {
    FloatActivationRange float_act;  // float32 ops
    uint32_t scratch;                // int8 ops: the optimized variant's scratch handle (opt/variants.h)
  };
  InPlaceRows in_place;
  uint32_t ring;  // scratch handle of the in-place row ring
  // Quantized ops: followed in the arena by int32 multipliers[output_depth], int8 shifts[output_depth].
  const int32_t* multipliers() const { return reinterpret_cast<const int32_t*>(this + 1); }
  const int8_t* shifts() const { return reinterpret_cast<const int8_t*>(multipliers() + g.output_depth); }
};

struct DepthwiseConvData {
  ConvGeometry g;
  int32_t depth_multiplier;
  ConvQuantParams q;  // quantized ops
  union {
    FloatActivationRange float_act;  // float32 ops
    uint32_t scratch;                // int8 ops: the optimized variant's scratch handle (opt/variants.h)
  };
  InPlaceRows in_place;
  uint32_t ring;  // scratch handle of the in-place row ring
  // Quantized ops: followed in the arena by int32 multipliers[output_depth], int8 shifts[output_depth].
  const int32_t* multipliers() const { return reinterpret_cast<const int32_t*>(this + 1); }
  const int8_t* shifts() const { return reinterpret_cast<const int8_t*>(multipliers() + g.output_depth); }
};

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
  float float_act_max;
  int32_t per_channel;  // 1: multipliers/shifts hold output_depth entries, else 1
  // Followed in the arena by int32 multipliers[n] and int8 shifts[n].
  const int32_t* multipliers() const { return reinterpret_cast<const int32_t*>(this + 1); }
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

}  // namespace kernels
}  // namespace tinyrt
