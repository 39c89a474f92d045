// SPDX-License-Identifier: Apache-2.0
// How an op picks an optimized Eval variant: each op with optimized variants lists them here, per
// instruction set of the build (isa_select.h), in order of preference, as OptVariant entries:
// the Eval function and its name, a runtime availability check (AVX2: the CPU running the
// interpreter), a predicate on the op data its Prepare filled (the parameters the variant runs),
// the scratch bytes it needs and, for a variant written for some shapes only, those shapes. The reference kernel appends the list to its
// own variants (WithOptVariants) and, at the end of its Prepare, calls SelectOptVariant: the first available variant that supports the
// parameters runs, its scratch handle goes to the op data's `scratch` field; otherwise the reference variant runs and the context records
// why (the last refusal).
//
// One file per op and instruction set: opt/OP.cc (portable), opt/dsp_OP.cc, opt/mve_*.cc,
// opt/x86_avx2_*.cc; the operand setup they share is in opt/OP_operands.h.
// This header includes no intrinsics: the reference kernels include it.
#pragma once

#include <stddef.h>

#include "src/kernels/op_data.h"
#include "src/kernels/opt/isa_select.h"
#include "src/kernels/pooling.h"

namespace tinyrt {
namespace kernels {

template <typename Data>
struct OptVariant {
  EvalVariant eval;
  bool (*available)();                       // nullptr: always (the build's instruction set)
  ReferenceReason (*supports)(const Data&);  // kNone: runs these parameters
  size_t (*scratch_bytes)(const Data&);      // nullptr: no scratch
  // nullptr: every shape; else the shapes this variant is written for, the others passed on to the
  // next variant without a refusal (AVX2 depthwise: multiplier 1 and one input channel).
  bool (*runs)(const Data&) = nullptr;
};

// An op's whole variant table: its reference variants, then its optimized ones.
template <size_t N>
struct VariantTable {
  EvalVariant v[N];
  static constexpr uint8_t size() { return static_cast<uint8_t>(N); }
};
template <size_t R, typename Data, size_t O>
constexpr VariantTable<R + O> WithOptVariants(const EvalVariant (&reference)[R], const OptVariant<Data> (&optimized)[O]) {
  VariantTable<R + O> table{};
  for (size_t i = 0; i < R; ++i) table.v[i] = reference[i];
  for (size_t i = 0; i < O; ++i) table.v[R + i] = optimized[i].eval;
  return table;
}

// Picks the variant for `data` (see above). `first`: the index of variants[0] in the op's table;
// *selected keeps its value (the reference variant) when no optimized variant runs. May request
// scratch memory (into *scratch).
template <typename Data, size_t N>
Status SelectOptVariant(PrepareContext& ctx, const OptVariant<Data> (&variants)[N], uint8_t first, const Data& data, uint32_t* scratch,
                        uint8_t* selected) {
  if (!TINYRT_OPT_KERNELS) {
    ctx.SetReferenceReason(ReferenceReason::kNotBuilt);
    return Status::Ok();
  }
  if (ctx.reference_kernels_only()) {
    ctx.SetReferenceReason(ReferenceReason::kForced);
    return Status::Ok();
  }
  ReferenceReason reason = ReferenceReason::kNone;
  for (size_t i = 0; i < N; ++i) {
    const OptVariant<Data>& variant = variants[i];
    if (variant.available != nullptr && !variant.available()) continue;
    if (variant.runs != nullptr && !variant.runs(data)) continue;
    const ReferenceReason refusal = variant.supports != nullptr ? variant.supports(data) : ReferenceReason::kNone;
    if (refusal != ReferenceReason::kNone) {
      reason = refusal;
      continue;
    }
    const size_t bytes = variant.scratch_bytes != nullptr ? variant.scratch_bytes(data) : 0;
    if (bytes > 0) TINYRT_RETURN_IF_ERROR(ctx.RequestOptionalScratch(bytes, scratch, *selected));  // dropped if it would cost arena
    ctx.SetReferenceReason(ReferenceReason::kNone);
    *selected = static_cast<uint8_t>(first + i);
    return Status::Ok();
  }
  ctx.SetReferenceReason(reason);
  return Status::Ok();
}

// Records why an op with optimized variants runs its reference variant for parameters no
// optimized variant takes (e.g. `kType`), unless the build or the interpreter rules them out.
inline void RecordReferenceReason(PrepareContext& ctx, ReferenceReason reason) {
  ctx.SetReferenceReason(!TINYRT_OPT_KERNELS            ? ReferenceReason::kNotBuilt
                         : ctx.reference_kernels_only() ? ReferenceReason::kForced
                                                        : reason);
}

#if defined(TINYRT_ISA_X86_AVX2)
extern const char kX86Avx2Int8VariantName[];  // "x86 avx2 int8"
// True when the CPU (and OS) run AVX2 code and the AVX2 variants are not switched off.
bool X86Avx2Enabled();
#endif

// ---- CONV_2D int8 (opt/conv_2d.cc, opt/dsp_conv_2d.cc, opt/mve_gemm.cc, opt/x86_avx2_gemm.cc) ----
ReferenceReason Conv2DInt8Supports(const ConvData& data);  // not grouped, scratch small enough
size_t Conv2DInt8ScratchBytes(const ConvData& data);       // the same on every instruction set
#if defined(TINYRT_ISA_MVE)
Status EvalConv2DInt8Mve(const EvalContext& ctx);
constexpr OptVariant<ConvData> kConv2DInt8Variants[] = {
    {{EvalConv2DInt8Mve, kOptInt8VariantName}, nullptr, Conv2DInt8Supports, Conv2DInt8ScratchBytes}};
#elif defined(TINYRT_ISA_DSP)
Status EvalConv2DInt8Dsp(const EvalContext& ctx);
constexpr OptVariant<ConvData> kConv2DInt8Variants[] = {
    {{EvalConv2DInt8Dsp, kOptInt8VariantName}, nullptr, Conv2DInt8Supports, Conv2DInt8ScratchBytes}};
#else
Status EvalConv2DInt8Portable(const EvalContext& ctx);
#if defined(TINYRT_ISA_X86_AVX2)
TINYRT_AVX2 Status EvalConv2DInt8X86Avx2(const EvalContext& ctx);
#endif
constexpr OptVariant<ConvData> kConv2DInt8Variants[] = {
#if defined(TINYRT_ISA_X86_AVX2)
    {{EvalConv2DInt8X86Avx2, kX86Avx2Int8VariantName}, X86Avx2Enabled, Conv2DInt8Supports, Conv2DInt8ScratchBytes},
#endif
    {{EvalConv2DInt8Portable, kOptInt8VariantName}, nullptr, Conv2DInt8Supports, Conv2DInt8ScratchBytes}};
#endif

// ---- FULLY_CONNECTED int8 (opt/fully_connected.cc, opt/dsp_fully_connected.cc, opt/mve_gemm.cc,
// opt/x86_avx2_gemm.cc); no scratch ----
ReferenceReason FullyConnectedInt8Supports(const FullyConnectedData& data);  // filter zero point 0
#if defined(TINYRT_ISA_MVE)
Status EvalFullyConnectedInt8Mve(const EvalContext& ctx);
constexpr OptVariant<FullyConnectedData> kFullyConnectedInt8Variants[] = {
    {{EvalFullyConnectedInt8Mve, kOptInt8VariantName}, nullptr, FullyConnectedInt8Supports, nullptr}};
#elif defined(TINYRT_ISA_DSP)
Status EvalFullyConnectedInt8Dsp(const EvalContext& ctx);
constexpr OptVariant<FullyConnectedData> kFullyConnectedInt8Variants[] = {
    {{EvalFullyConnectedInt8Dsp, kOptInt8VariantName}, nullptr, FullyConnectedInt8Supports, nullptr}};
#else
Status EvalFullyConnectedInt8Portable(const EvalContext& ctx);
#if defined(TINYRT_ISA_X86_AVX2)
TINYRT_AVX2 Status EvalFullyConnectedInt8X86Avx2(const EvalContext& ctx);
#endif
constexpr OptVariant<FullyConnectedData> kFullyConnectedInt8Variants[] = {
#if defined(TINYRT_ISA_X86_AVX2)
    {{EvalFullyConnectedInt8X86Avx2, kX86Avx2Int8VariantName}, X86Avx2Enabled, FullyConnectedInt8Supports, nullptr},
#endif
    {{EvalFullyConnectedInt8Portable, kOptInt8VariantName}, nullptr, FullyConnectedInt8Supports, nullptr}};
#endif

// ---- FULLY_CONNECTED with int4 weights (opt/fully_connected_int4.cc): the portable instruction
// set only (the DSP and Helium builds run the reference variant, reason "int4 filter"); no
// scratch, a 64-byte stack buffer ----
#if TINYRT_INT4_WEIGHTS && defined(TINYRT_ISA_PORTABLE)
#define TINYRT_OPT_INT4_FULLY_CONNECTED 1
extern const char kOptInt4VariantName[];  // "portable int8 (int4 weights)"
Status EvalFullyConnectedInt4Opt(const EvalContext& ctx);
constexpr OptVariant<FullyConnectedData> kFullyConnectedInt4Variants[] = {
    {{EvalFullyConnectedInt4Opt, kOptInt4VariantName}, nullptr, nullptr, nullptr}};
#else
#define TINYRT_OPT_INT4_FULLY_CONNECTED 0
#endif

// ---- DEPTHWISE_CONV_2D int8 (opt/depthwise_conv_2d.cc, opt/dsp_depthwise_conv_2d.cc,
// opt/mve_depthwise.cc, opt/x86_avx2_depthwise.cc); scratch for one input channel with several
// filters (run as a convolution) ----
ReferenceReason DepthwiseConv2DInt8Supports(const DepthwiseConvData& data);  // scratch small enough
size_t DepthwiseConv2DInt8ScratchBytes(const DepthwiseConvData& data);       // the same on every instruction set
#if defined(TINYRT_ISA_MVE)
Status EvalDepthwiseConv2DInt8Mve(const EvalContext& ctx);
constexpr OptVariant<DepthwiseConvData> kDepthwiseConv2DInt8Variants[] = {
    {{EvalDepthwiseConv2DInt8Mve, kOptInt8VariantName}, nullptr, DepthwiseConv2DInt8Supports, DepthwiseConv2DInt8ScratchBytes}};
#elif defined(TINYRT_ISA_DSP)
Status EvalDepthwiseConv2DInt8Dsp(const EvalContext& ctx);
constexpr OptVariant<DepthwiseConvData> kDepthwiseConv2DInt8Variants[] = {
    {{EvalDepthwiseConv2DInt8Dsp, kOptInt8VariantName}, nullptr, DepthwiseConv2DInt8Supports, DepthwiseConv2DInt8ScratchBytes}};
#else
Status EvalDepthwiseConv2DInt8Portable(const EvalContext& ctx);
#if defined(TINYRT_ISA_X86_AVX2)
TINYRT_AVX2 Status EvalDepthwiseConv2DInt8X86Avx2(const EvalContext& ctx);
bool DepthwiseConv2DInt8X86Avx2Runs(const DepthwiseConvData& data);  // multiplier 1 (up to 32 filter rows), one input channel
#endif
constexpr OptVariant<DepthwiseConvData> kDepthwiseConv2DInt8Variants[] = {
#if defined(TINYRT_ISA_X86_AVX2)
    {{EvalDepthwiseConv2DInt8X86Avx2, kX86Avx2Int8VariantName},
     X86Avx2Enabled,
     DepthwiseConv2DInt8Supports,
     DepthwiseConv2DInt8ScratchBytes,
     DepthwiseConv2DInt8X86Avx2Runs},
#endif
    {{EvalDepthwiseConv2DInt8Portable, kOptInt8VariantName}, nullptr, DepthwiseConv2DInt8Supports, DepthwiseConv2DInt8ScratchBytes}};
#endif

// ---- ADD int8 (opt/add.cc, opt/dsp_add.cc, opt/mve_add.cc, opt/x86_avx2_add.cc); no scratch ----
// What ADD's Prepare knows beyond AddData.
struct AddShapes {
  bool same_shape;
};
ReferenceReason AddInt8Supports(const AddShapes& shapes);  // no broadcasting
#if defined(TINYRT_ISA_MVE)
Status EvalAddInt8Mve(const EvalContext& ctx);
constexpr OptVariant<AddShapes> kAddInt8Variants[] = {{{EvalAddInt8Mve, kOptInt8VariantName}, nullptr, AddInt8Supports, nullptr}};
#elif defined(TINYRT_ISA_DSP)
Status EvalAddInt8Dsp(const EvalContext& ctx);
constexpr OptVariant<AddShapes> kAddInt8Variants[] = {{{EvalAddInt8Dsp, kOptInt8VariantName}, nullptr, AddInt8Supports, nullptr}};
#else
Status EvalAddInt8Portable(const EvalContext& ctx);
#if defined(TINYRT_ISA_X86_AVX2)
TINYRT_AVX2 Status EvalAddInt8X86Avx2(const EvalContext& ctx);
#endif
constexpr OptVariant<AddShapes> kAddInt8Variants[] = {
#if defined(TINYRT_ISA_X86_AVX2)
    {{EvalAddInt8X86Avx2, kX86Avx2Int8VariantName}, X86Avx2Enabled, AddInt8Supports, nullptr},
#endif
    {{EvalAddInt8Portable, kOptInt8VariantName}, nullptr, AddInt8Supports, nullptr}};
#endif

// ---- AVERAGE_POOL_2D int8 (opt/average_pool_2d.cc: portable, also on Helium;
// opt/dsp_average_pool_2d.cc); every shape, no scratch ----
#if defined(TINYRT_ISA_DSP)
Status EvalAveragePool2DInt8Dsp(const EvalContext& ctx);
constexpr OptVariant<PoolData> kAveragePool2DInt8Variants[] = {
    {{EvalAveragePool2DInt8Dsp, kOptInt8VariantName}, nullptr, nullptr, nullptr}};
#else
Status EvalAveragePool2DInt8Portable(const EvalContext& ctx);
constexpr OptVariant<PoolData> kAveragePool2DInt8Variants[] = {
    {{EvalAveragePool2DInt8Portable, kOptInt8VariantName}, nullptr, nullptr, nullptr}};
#endif

// ---- UNIDIRECTIONAL_SEQUENCE_LSTM int8 (int16 cell) and SVDF int8 (opt/unidirectional_sequence_lstm.cc,
// opt/svdf.cc): one variant on every instruction set, its matrix-vector products through isa.h
// (and the DSP FULLY_CONNECTED microkernel); no scratch ----
ReferenceReason LstmInt8Supports(const LstmData& data);  // weight zero points 0
Status EvalLstmInt8Opt(const EvalContext& ctx);
constexpr OptVariant<LstmData> kLstmInt8Variants[] = {{{EvalLstmInt8Opt, kOptInt8VariantName}, nullptr, LstmInt8Supports, nullptr}};
Status EvalLstmFloatOpt(const EvalContext& ctx);  // float32: four units per input load
extern const char kOptFloatVariantName[];         // "optimized float32"
constexpr OptVariant<LstmData> kLstmFloatVariants[] = {{{EvalLstmFloatOpt, kOptFloatVariantName}, nullptr, nullptr, nullptr}};
Status EvalSvdfInt8Opt(const EvalContext& ctx);  // int16 weights_time and state
constexpr OptVariant<SvdfData> kSvdfInt8Variants[] = {{{EvalSvdfInt8Opt, kOptInt8VariantName}, nullptr, nullptr, nullptr}};

}  // namespace kernels
}  // namespace tinyrt
