// SPDX-License-Identifier: Apache-2.0
// Optimized FULLY_CONNECTED with int4 weights (src/kernels/int4.h) and int8 activations: two
// input rows x two weight rows at a time, as GemmColumns, through isa.h's Dot2x2 on chunks of
// kChunk weights unpacked from the packed filter into a 2 x kChunk-byte stack buffer: the filter
// stays packed in the model and no arena buffer holds unpacked weights. Built for the portable
// instruction set (the host, and firmware without the DSP extension: Cortex-M0/M3, RV32, Xtensa);
// the DSP and Helium builds pass int4 to the reference variant (reason "int4 filter") until this
// file has run under QEMU there (it uses only isa.h's building blocks, which have their DSP and
// Helium forms).
#include "src/kernels/int4.h"
#include "src/kernels/opt/fully_connected_operands.h"
#include "src/kernels/opt/variants.h"

namespace tinyrt {
namespace kernels {

#if TINYRT_INT4_WEIGHTS && defined(TINYRT_ISA_PORTABLE)
const char kOptInt4VariantName[] = "portable int8 (int4 weights)";

namespace {

constexpr int32_t kChunk = 32;  // weights per row and step: 64 bytes of stack for two rows

// Weights [first, first + n) of a packed int4 tensor as int8 (n <= kChunk).
void UnpackInt4(const int8_t* packed, size_t first, int32_t n, int8_t* out) {
  int32_t k = 0;
  if (first & 1) out[k++] = static_cast<int8_t>(Int4At(packed, first));  // a row starting mid-byte
  const int8_t* byte = packed + ((first + static_cast<size_t>(k)) >> 1);
  for (; k + 2 <= n; k += 2, ++byte) {
    const uint32_t b = static_cast<uint8_t>(*byte);
    out[k] = static_cast<int8_t>(static_cast<int32_t>(b << 28) >> 28);
    out[k + 1] = static_cast<int8_t>(static_cast<int32_t>(b << 24) >> 28);
  }
  if (k < n) out[k] = static_cast<int8_t>(Int4At(packed, first + static_cast<size_t>(k)));
}

}  // namespace

Status EvalFullyConnectedInt4Opt(const EvalContext& ctx) {
  if (!TINYRT_OPT_KERNELS) return Status::Ok();  // never selected; the code below compiles out
  const opt::FullyConnectedOperands op = opt::MakeFullyConnectedOperands(ctx);
  const opt::Requant r = op.r;  // a local copy: int8 stores may alias anything the reference reaches
  const size_t depth = static_cast<size_t>(op.depth);
  int8_t w[2][kChunk];
  for (int32_t b = 0; b < op.batches; b += 2) {
    const bool pair = b + 1 < op.batches;
    const int8_t* c0 = op.input + static_cast<size_t>(b) * depth;
    const int8_t* c1 = pair ? c0 + depth : c0;  // one row: computed twice, stored once
    int8_t* out0 = op.output + static_cast<size_t>(b) * static_cast<size_t>(op.channels);
    int8_t* out1 = out0 + op.channels;
    for (int32_t o = 0; o < op.channels; o += 2) {
      const bool two = o + 1 < op.channels;
      const int32_t o1 = two ? o + 1 : o;
      const int32_t b0 = op.bias != nullptr ? op.bias[o] : 0, b1 = op.bias != nullptr ? op.bias[o1] : 0;
      int32_t acc[4] = {b0, b1, b0, b1};
      for (int32_t k = 0; k < op.depth; k += kChunk) {
        const int32_t n = op.depth - k < kChunk ? op.depth - k : kChunk;
        UnpackInt4(op.filter, static_cast<size_t>(o) * depth + static_cast<size_t>(k), n, w[0]);
        UnpackInt4(op.filter, static_cast<size_t>(o1) * depth + static_cast<size_t>(k), n, w[1]);
        opt::Dot2x2(c0 + k, c1 + k, w[0], w[1], n, op.input_offset, acc);
      }
      const int32_t ca = op.per_channel ? o : 0, cb = op.per_channel ? o1 : 0;
      out0[o] = opt::Requantize(acc[0], op.multipliers[ca], op.shifts[ca], r);
      if (two) out0[o1] = opt::Requantize(acc[1], op.multipliers[cb], op.shifts[cb], r);
      if (pair) {
        out1[o] = opt::Requantize(acc[2], op.multipliers[ca], op.shifts[ca], r);
        if (two) out1[o1] = opt::Requantize(acc[3], op.multipliers[cb], op.shifts[cb], r);
      }
    }
  }
  return Status::Ok();
}
#endif

}  // namespace kernels
}  // namespace tinyrt
