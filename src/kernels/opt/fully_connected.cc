// SPDX-License-Identifier: Apache-2.0
// Optimized int8 FULLY_CONNECTED: the GEMM of src/kernels/opt/gemm.cc with the input rows as
// columns (two batches at a time), no scratch. Filters with a non-zero zero point run the
// reference variant.
#include "src/kernels/op_data.h"
#include "src/kernels/opt/dsp.h"
#include "src/kernels/opt/mve.h"
#include "src/kernels/opt/x86_avx2.h"

namespace tinyrt {
namespace kernels {

Status SelectFullyConnectedVariant(PrepareContext& ctx, FullyConnectedData* data, uint8_t reference, uint8_t optimized, uint8_t* selected) {
  *selected = reference;
  if (!TINYRT_OPT_KERNELS) {
    ctx.SetReferenceReason(ReferenceReason::kNotBuilt);
    return Status::Ok();
  }
  if (ctx.reference_kernels_only()) {
    ctx.SetReferenceReason(ReferenceReason::kForced);
    return Status::Ok();
  }
  if (data->filter_offset != 0) {
    ctx.SetReferenceReason(ReferenceReason::kFilterZeroPoint);
    return Status::Ok();
  }
  ctx.SetReferenceReason(ReferenceReason::kNone);
  *selected = optimized;
#if defined(TINYRT_ISA_X86_AVX2)
  if (X86Avx2Enabled()) *selected = optimized + kX86Avx2VariantStep;  // x86_avx2_*.cc, when the CPU has AVX2
#endif
  return Status::Ok();
}

Status EvalFullyConnectedInt8Opt(const EvalContext& ctx) {
  if (!TINYRT_OPT_KERNELS) return Status::Ok();  // never selected; the code below compiles out
#if defined(TINYRT_ISA_MVE)
  return opt::mve::EvalFullyConnected(ctx);  // src/kernels/opt/mve_gemm.cc
#endif
  const auto& d = *ctx.op_data<FullyConnectedData>();
  const int32_t depth = d.accum_depth;
  const int32_t channels = d.output_depth;
  const int32_t batches = d.batches;
  const int32_t input_offset = d.input_offset;
  const bool per_channel = d.per_channel != 0;
  const opt::Requant r{d.output_offset, d.act_min, d.act_max};
  const int32_t* multipliers = d.multipliers();
  const int8_t* shifts = d.shifts();
  const int8_t* input = ctx.input<int8_t>(0);
  const int8_t* filter = ctx.input<int8_t>(1);
  const int32_t* bias = ctx.has_input(2) ? ctx.input<int32_t>(2) : nullptr;
  int8_t* output = ctx.output<int8_t>(0);
#if defined(TINYRT_ISA_DSP)
  // One input row at a time through the assembly microkernel (opt/dsp_fully_connected.cc).
  if (depth % 4 == 0 && depth > 0 && opt::FastRequantApplies(multipliers, shifts, per_channel ? channels : 1)) {
    for (int32_t b = 0; b < batches; ++b) {
      opt::FullyConnectedRow(input + static_cast<size_t>(b) * depth, depth, input_offset, filter, channels, bias, multipliers, shifts,
                             per_channel, r, output + static_cast<size_t>(b) * channels);
    }
    return Status::Ok();
  }
#endif
  for (int32_t b = 0; b < batches; b += 2) {
    const bool pair = b + 1 < batches;
    const int8_t* c0 = input + static_cast<size_t>(b) * depth;
    int8_t* out0 = output + static_cast<size_t>(b) * channels;
    opt::GemmColumns(c0, pair ? c0 + depth : nullptr, depth, input_offset, filter, channels, bias, multipliers, shifts, per_channel, r, out0,
                     out0 + channels);
  }
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt
