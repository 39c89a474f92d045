// SPDX-License-Identifier: Apache-2.0
// Op data of the kernels that have optimized Eval variants beside the reference one
// (src/kernels/opt/): both read the same arena struct that the reference Prepare fills.
#pragma once

#include "src/kernels/conv_util.h"
#include "src/kernels/requant_table.h"

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
  RequantSource* requant_source() { return requant_at == static_cast<int32_t>(sizeof(*this)) ? nullptr : reinterpret_cast<RequantSource*>(this + 1); }
  int32_t requant_channels() const { return g.output_depth; }
  const int32_t* multipliers() const { return reinterpret_cast<const int32_t*>(reinterpret_cast<const uint8_t*>(this) + requant_at); }
  const int8_t* shifts() const { return reinterpret_cast<const int8_t*>(multipliers() + g.output_depth); }
};

struct DepthwiseConvData {
  ConvGeometry g;
  int32_t depth_multiplier;
  ConvQuantParams q;
  float float_act_min;
  union {
    float float_act_max;  // float32 ops
    int32_t requant_at;   // quantized ops: int32 multipliers[output_depth], int8 shifts[output_depth] lie this far from the op data
  };
  InPlaceRows in_place;
  uint32_t ring;  // scratch handle of the in-place row ring
  // Quantized ops: followed in the arena by the table, or by a RequantSource when the table is
  // computed at Eval into scratch (requant_table.h).
  RequantSource* requant_source() { return requant_at == static_cast<int32_t>(sizeof(*this)) ? nullptr : reinterpret_cast<RequantSource*>(this + 1); }
  int32_t requant_channels() const { return g.output_depth; }
  const int32_t* multipliers() const { return reinterpret_cast<const int32_t*>(reinterpret_cast<const uint8_t*>(this) + requant_at); }
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
  union {
    float float_act_max;  // float32 ops
    int32_t requant_at;   // quantized ops: int32 multipliers[n], int8 shifts[n] lie this far from the op data
  };
  int32_t per_channel;  // 1: multipliers/shifts hold n = output_depth entries, else n = 1
  // Quantized ops: followed in the arena by the table, or by a RequantSource when the table is
  // computed at Eval into scratch (requant_table.h).
  RequantSource* requant_source() { return requant_at == static_cast<int32_t>(sizeof(*this)) ? nullptr : reinterpret_cast<RequantSource*>(this + 1); }
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

// An optimized variant's scratch handle, kept without growing the op data: it takes the in-place
// ring's slot when the op has no ring, else it is the ring's handle plus a small distance (the two
// requests are made back to back) kept in the ring plan's spare byte. False if it cannot be kept.
inline bool KeepExtraScratch(uint32_t handle, InPlaceRows* in_place, uint32_t* ring) {
  if (in_place->ring_rows == 0) {
    *ring = handle;
    return true;
  }
  if (handle <= *ring || handle - *ring > 0xFF) return false;
  in_place->reserved = static_cast<uint8_t>(handle - *ring);
  return true;
}
inline uint32_t ExtraScratch(const InPlaceRows& in_place, uint32_t ring) { return in_place.ring_rows == 0 ? ring : ring + in_place.reserved; }

// Optimized variant selection of the ops not yet on opt/variants.h's tables, called at the end of
// the reference Prepare (src/kernels/opt/*.cc).
// Each returns the variant index to use: `optimized` when it runs, else `reference` with the
// reason recorded on the context. They may request scratch memory.
Status SelectDepthwiseConv2DVariant(PrepareContext& ctx, DepthwiseConvData* data, uint8_t reference, uint8_t optimized, uint8_t* selected);
Status SelectAddVariant(PrepareContext& ctx, bool same_shape, uint8_t reference, uint8_t optimized, uint8_t* selected);
Status SelectAveragePoolVariant(PrepareContext& ctx, uint8_t reference, uint8_t optimized, uint8_t* selected);

// The optimized int8 Eval variants and their names (one per build: host, Cortex-M DSP or MVE).
Status EvalDepthwiseConv2DInt8Opt(const EvalContext& ctx);
Status EvalAddInt8Opt(const EvalContext& ctx);
Status EvalAveragePoolInt8Opt(const EvalContext& ctx);
extern const char kOptInt8VariantName[];

}  // namespace kernels
}  // namespace tinyrt
