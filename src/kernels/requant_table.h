// SPDX-License-Identifier: Apache-2.0
// Per-channel requantization (an int32 multiplier and an int8 shift per output channel) of
// CONV_2D, DEPTHWISE_CONV_2D and per-channel FULLY_CONNECTED, kept out of the persistent arena.
// It is derived from constants of the model (input, filter and output scales), so Prepare only
// checks it and records where the filter scales are (RequantSource, 16 bytes after the op data
// instead of 5 bytes a channel); each Eval recomputes the table into planned scratch, which the
// planner shares with every other op's (the largest table sets the bytes, only when the op is at
// the plan's peak). The op's Eval variants are wrapped (EvalWithRequant) so that every one of them,
// reference or optimized, finds the table through the op data's multipliers()/shifts() as before:
// at `requant_at` bytes from the op data. Tables of up to kMaxInlineRequantChannels channels stay
// after the op data (requant_at == sizeof(op data)): there the source, its scratch record and
// the scratch would cost more than the table; every table does when the application chooses speed
// over RAM (MicroInterpreter::KeepRequantizationTables(true)).
#pragma once

#include <string.h>

#include "src/kernels/kernel_util.h"

namespace tinyrt {
namespace kernels {

struct RequantSource {
  static constexpr uint32_t kOneScale = 0x80000000u;  // in `scales`: one filter scale for all channels
  uint32_t scales;                                    // model offset of the filter's float scales (| kOneScale)
  float input_scale;
  float output_scale;
  uint32_t scratch;  // handle of the table: int32 multipliers[channels], int8 shifts[channels]
};

constexpr int32_t kMaxInlineRequantChannels = 8;  // 40 bytes: about a source (16) + scratch record (16)
inline size_t RequantTableBytes(int32_t channels) { return (sizeof(int32_t) + sizeof(int8_t)) * static_cast<size_t>(channels); }
// Small tables, and every table when the application keeps them (KeepRequantizationTables).
inline bool InlineRequant(const PrepareContext& ctx, int32_t channels) {
  return channels <= kMaxInlineRequantChannels || ctx.keep_requant_tables();
}
// What follows the op data: the table itself, or its source.
inline size_t RequantTailBytes(const PrepareContext& ctx, int32_t channels) {
  return InlineRequant(ctx, channels) ? RequantTableBytes(channels) : sizeof(RequantSource);
}

// Records where the filter scales are and requests the table's scratch. The scales must have been
// checked (StoreChannelMultiplier) for every channel.
inline Status PrepareRequantSource(PrepareContext& ctx, const TensorView& input, const TensorView& filter, const TensorView& output,
                                   int32_t channels, RequantSource* source) {
  const auto* q = filter.flatbuffer()->quantization();
  const uint32_t offset = ctx.model_offset(q->scale()->data());
  TINYRT_PREPARE_CHECK(ctx, offset != kLocationNone && (offset & RequantSource::kOneScale) == 0,
                       "filter scales are not inside the model buffer");
  source->scales = offset | (filter.num_scales() == 1 ? RequantSource::kOneScale : 0u);
  source->input_scale = input.scale();
  source->output_scale = output.scale();
  return ctx.RequestScratch(RequantTableBytes(channels), &source->scratch);
}

// The table, computed into the op's scratch bit for bit as Prepare checked it; `data` is the op
// data that `source` follows; *at: the table's distance from it.
inline void LoadRequantTable(const EvalContext& ctx, const void* data, const RequantSource* source, int32_t channels, int32_t* at) {
  uint8_t* table = ctx.scratch(source->scratch);
  *at = static_cast<int32_t>(table - static_cast<const uint8_t*>(data));
  auto* multipliers = reinterpret_cast<int32_t*>(table);
  auto* shifts = reinterpret_cast<int8_t*>(multipliers + channels);
  const bool one_scale = (source->scales & RequantSource::kOneScale) != 0;
  const uint8_t* scales = ctx.model_bytes(source->scales & ~RequantSource::kOneScale);
  int32_t m = 0, s = 0;
  for (int32_t c = 0; c < channels; ++c) {
    if (c == 0 || !one_scale) {
      float filter_scale;
      memcpy(&filter_scale, scales + (one_scale ? 0 : sizeof(float) * static_cast<size_t>(c)), sizeof(float));
      ConvMultiplier(source->input_scale, filter_scale, source->output_scale, &m, &s);
    }
    multipliers[c] = m;
    shifts[c] = static_cast<int8_t>(s);
  }
}

// Where an op's table goes: after the op data (small tables), else into scratch from the source
// that follows the op data. `data` was allocated with RequantTailBytes(ctx, channels) after it; Data has
// `int32_t requant_at` and the filter is quantized along the output channels.
template <typename Data>
inline Status PrepareRequant(PrepareContext& ctx, Data* data, const TensorView& input, const TensorView& filter, const TensorView& output,
                             int32_t channels) {
  data->requant_at = 0;  // Eval sets it
  if (InlineRequant(ctx, channels)) {
    data->requant_at = static_cast<int32_t>(sizeof(Data));
    auto* multipliers = reinterpret_cast<int32_t*>(data + 1);
    auto* shifts = reinterpret_cast<int8_t*>(multipliers + channels);
    const int scales = filter.num_scales();
    for (int32_t c = 0; c < channels; ++c) {
      TINYRT_RETURN_IF_ERROR(StoreChannelMultiplier(ctx, input.scale(), filter.scale(scales == 1 ? 0 : static_cast<int>(c)), output.scale(),
                                                    c, &multipliers[c], &shifts[c]));
    }
    return Status::Ok();
  }
  return PrepareRequantSource(ctx, input, filter, output, channels, reinterpret_cast<RequantSource*>(data + 1));
}

// An Eval variant of an op whose op data (Data) may carry a RequantSource: loads the table, then
// runs F. Data provides requant_source() (nullptr: the table is kept in the op data),
// requant_channels() and requant_at.
template <typename Data>
inline void LoadRequant(const EvalContext& ctx) {
  Data* d = ctx.mutable_op_data<Data>();
  const RequantSource* source = d->requant_source();
  if (source != nullptr) LoadRequantTable(ctx, d, source, d->requant_channels(), &d->requant_at);
}
template <typename Data, EvalFn F>
Status EvalWithRequant(const EvalContext& ctx) {
  LoadRequant<Data>(ctx);
  return F(ctx);
}

}  // namespace kernels
}  // namespace tinyrt
