// SPDX-License-Identifier: Apache-2.0
// int4 weights (TFLite TensorType INT4) for CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED with
// int8 activations: the filter stays packed in the model (flash), two values a byte as the TFLite
// converter writes them -- flat element 2k in the low nibble of byte k, element 2k + 1 in the high
// nibble, each sign-extended from 4 bits (-8..7); an odd count leaves the last high nibble unused.
// The kernels read each weight with Int4At where they would read an int8 one: no arena buffer
// holds unpacked weights (TFLM unpacks the whole filter into arena scratch every Invoke).
//
// TINYRT_INT4_WEIGHTS=0 (CMake TINYRT_INT4_WEIGHTS=OFF, the default of firmware builds; tensor.h) leaves
// every int4 path out, so int8-only firmware keeps its flash: Prepare then refuses int4 filters,
// saying how to build them in.
#pragma once

#include "src/kernels/conv_util.h"

namespace tinyrt {
namespace kernels {

// Flat element i of a packed int4 tensor, sign-extended: the nibble is moved to the top of a
// 32-bit word and shifted back arithmetically (no branch on i's parity).
inline int32_t Int4At(const int8_t* packed, size_t i) {
  const uint32_t byte = static_cast<uint8_t>(packed[i >> 1]);
  return static_cast<int32_t>(byte << (28 - 4 * static_cast<uint32_t>(i & 1))) >> 28;
}

// Checks what an int4 filter (input `index`) needs beyond the int8 checks: int8 activations and a
// constant tensor in the model (Model::Load checked that its buffer holds ceil(elements / 2)
// bytes). The zero points (0) and scales are checked as for int8 filters.
inline Status PrepareInt4Filter(PrepareContext& ctx, int index) {
  const TensorView filter = ctx.input(index);
  TINYRT_PREPARE_CHECK(ctx, ctx.input(0).type() == TensorType::kInt8,
                       TensorTypeName(ctx.input(0).type()) << " input needs int8 filters, got int4 (int4 filters need int8 activations)");
  TINYRT_PREPARE_CHECK(
      ctx, filter.raw() != nullptr && ctx.model_offset(filter.raw()) != kLocationNone,
      "int4 filter '" << filter.name() << "' is not a constant in the model (tinyrt reads int4 weights from the model only)");
  return Status::Ok();
}

// WindowSum (conv_util.h) over an int4 filter whose window starts at flat element w_first (rows
// filter_row elements apart, columns depth or w_step apart); int8 input plus input_offset.
template <bool kChannels>
__attribute__((noinline)) int32_t WindowSumInt4(const WindowRows<int8_t>& rows, const ChannelWindow& window, const int8_t* packed,
                                                size_t w_first, int32_t input_offset) {
  const ChannelWindow c = window;
  const int32_t depth = kChannels ? c.depth : 1;
  const int32_t w_step = kChannels ? c.depth : c.w_step;
  int32_t acc = 0;
  for (int32_t fy = c.fy_begin; fy < c.fy_end; ++fy) {
    const int8_t* in = rows[fy] + c.in_first;
    size_t w = w_first + static_cast<size_t>(fy) * static_cast<size_t>(c.filter_row);
    for (int32_t t = 0; t < c.taps; ++t, in += c.in_step, w += static_cast<size_t>(w_step)) {
      for (int32_t k = 0; k < depth; ++k) acc += Int4At(packed, w + static_cast<size_t>(k)) * (in[k] + input_offset);
    }
  }
  return acc;
}

}  // namespace kernels
}  // namespace tinyrt
