// SPDX-License-Identifier: Apache-2.0
// Shared pieces of the element-wise kernels (unary math, logic, FLOOR_DIV/MOD, SELECT_V2, ELU,
// LOG_SOFTMAX, L2_NORMALIZATION): type-list lookup, the unary and same-type binary Prepare/Eval
// pairs, a three-operand broadcast walk, and common checks. Comparisons: comparisons.h.
#pragma once

#include "src/kernels/broadcast.h"

namespace tinyrt {
namespace kernels {
namespace elementwise {

// Index of `type` in types[0..count), or -1: the Eval variant of a kernel whose variants follow
// that list.
inline int TypeIndex(TensorType type, const TensorType* types, int count) {
  for (int i = 0; i < count; ++i) {
    if (types[i] == type) return i;
  }
  return -1;
}

struct UnaryData {
  int32_t elements;
};

// One input, one output of the same type and element count, the type one of types[0..count)
// (`supported` names them for the error message). Selects the variant of the type's index.
inline Status PrepareUnary(PrepareContext& ctx, const TensorType* types, int count, const char* supported) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 1));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  const int index = TypeIndex(input.type(), types, count);
  if (index < 0) return TypeError(ctx, "input", input.type()) << " (supported: " << supported << ")";
  TINYRT_PREPARE_CHECK(ctx, output.type() == input.type(),
                       "output type " << TensorTypeName(output.type()) << " differs from input type " << TensorTypeName(input.type()));
  TINYRT_PREPARE_CHECK(
      ctx, output.elements() == input.elements(),
      "input has " << static_cast<uint64_t>(input.elements()) << " elements, output " << static_cast<uint64_t>(output.elements()));
  UnaryData* data = ctx.AllocateOpData<UnaryData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->elements = static_cast<int32_t>(input.elements());
  ctx.SelectVariant(static_cast<uint8_t>(index));
  return Status::Ok();
}

// float32-only unary ops (SIN, COS, LOG, ...), as TFLM registers them.
inline Status PrepareFloatUnary(PrepareContext& ctx) {
  static constexpr TensorType kTypes[] = {TensorType::kFloat32};
  return PrepareUnary(ctx, kTypes, 1, "float32");
}

// out[i] = F(in[i]) over the op's elements (UnaryData).
template <typename T, T (*F)(T)>
Status EvalUnary(const EvalContext& ctx) {
  const int32_t n = ctx.op_data<UnaryData>()->elements;
  const T* in = ctx.input<T>(0);
  T* out = ctx.output<T>(0);
  for (int32_t i = 0; i < n; ++i) out[i] = F(in[i]);
  return Status::Ok();
}

// Defines kOp_NAME, a float32-only unary kernel computing fn(x) per element (inside namespace
// tinyrt::kernels; fn is a float(float) function).
#define TINYRT_FLOAT_UNARY_OP(NAME, fn)                                                                                      \
  namespace {                                                                                                                \
  constexpr EvalVariant k##NAME##Variants[] = {{::tinyrt::kernels::elementwise::EvalUnary<float, fn>, "reference float32"}}; \
  }                                                                                                                          \
  const OpKernel kOp_##NAME = {::tinyrt::kernels::elementwise::PrepareFloatUnary, k##NAME##Variants, 1, 1};

// Three operands broadcast against each other (SELECT_V2): output shape padded to 6-D and each
// operand's strides along it (0 where it broadcasts).
struct BroadcastPlan3 {
  int32_t elements;
  int32_t dims[kMaxBroadcastDims];
  int32_t strides[3][kMaxBroadcastDims];
};

inline Status PlanBroadcast3(PrepareContext& ctx, const TensorView* inputs, const TensorView& output, BroadcastPlan3* plan) {
  TINYRT_PREPARE_CHECK(ctx, output.rank() <= kMaxBroadcastDims, "ranks above " << kMaxBroadcastDims << " are not supported");
  for (int k = 0; k < 3; ++k) {
    TINYRT_PREPARE_CHECK(ctx, inputs[k].rank() <= kMaxBroadcastDims, "ranks above " << kMaxBroadcastDims << " are not supported");
  }
  for (int i = 0; i < kMaxBroadcastDims; ++i) {
    int32_t dim = 1;
    for (int k = 0; k < 3; ++k) {
      const int32_t d = BroadcastDim(inputs[k], i);
      if (d != 1) {
        TINYRT_PREPARE_CHECK(ctx, dim == 1 || dim == d, "input shapes do not broadcast: dimension " << dim << " against " << d);
        dim = d;
      }
    }
    plan->dims[i] = dim;
    TINYRT_PREPARE_CHECK(
        ctx, BroadcastDim(output, i) == dim,
        "output shape does not match the broadcast of the inputs (dimension " << BroadcastDim(output, i) << ", expected " << dim << ")");
  }
  for (int k = 0; k < 3; ++k) {
    int64_t stride = 1;
    for (int i = kMaxBroadcastDims - 1; i >= 0; --i) {
      const int32_t d = BroadcastDim(inputs[k], i);
      plan->strides[k][i] = d == plan->dims[i] && d != 1 ? static_cast<int32_t>(stride > INT32_MAX ? 0 : stride) : 0;
      stride *= d;
    }
  }
  plan->elements = static_cast<int32_t>(output.elements());
  return Status::Ok();
}

// f(o, offset0, offset1, offset2) for every output index o in order.
template <typename F>
void BroadcastWalk3(const BroadcastPlan3& p, F f) {
  int32_t index[kMaxBroadcastDims] = {0, 0, 0, 0, 0, 0};
  int32_t offset[3] = {0, 0, 0};
  for (int32_t o = 0; o < p.elements; ++o) {
    f(o, offset[0], offset[1], offset[2]);
    for (int dim = kMaxBroadcastDims - 1; dim >= 0; --dim) {
      for (int k = 0; k < 3; ++k) offset[k] += p.strides[k][dim];
      if (++index[dim] < p.dims[dim]) break;
      for (int k = 0; k < 3; ++k) offset[k] -= p.strides[k][dim] * p.dims[dim];
      index[dim] = 0;
    }
  }
}

// Quantized tensors a and b share one scale and zero point.
inline bool SameQuantization(const TensorView& a, const TensorView& b) {
  return HasScale(a) && HasScale(b) && a.scale() == b.scale() && a.zero_point() == b.zero_point();
}

// Binary ops with broadcasting whose inputs and output share one type from types[0..count)
// (`supported` names them): LOGICAL_AND/OR (bool), FLOOR_DIV/MOD (float32, int32). Selects the
// variant of the type's index.
struct BinaryData {
  BroadcastPlan plan;
};

inline Status PrepareBinary(PrepareContext& ctx, const TensorType* types, int count, const char* supported) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView input1 = ctx.input(0);
  const TensorView input2 = ctx.input(1);
  const TensorView output = ctx.output(0);
  const TensorType type = input1.type();
  const int index = TypeIndex(type, types, count);
  if (index < 0) return TypeError(ctx, "input", type) << " (supported: " << supported << ")";
  TINYRT_PREPARE_CHECK(ctx, input2.type() == type && output.type() == type,
                       "input 2 and output types " << TensorTypeName(input2.type()) << " and " << TensorTypeName(output.type())
                                                   << " differ from input type " << TensorTypeName(type));
  BinaryData* data = ctx.AllocateOpData<BinaryData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  TINYRT_RETURN_IF_ERROR(PlanBroadcast(ctx, input1, input2, output, &data->plan));
  ctx.SelectVariant(static_cast<uint8_t>(index));
  return Status::Ok();
}

inline Status PrepareLogicalBinary(PrepareContext& ctx) {
  static constexpr TensorType kTypes[] = {TensorType::kBool};
  return PrepareBinary(ctx, kTypes, 1, "bool");
}

inline Status PrepareFloatInt32Binary(PrepareContext& ctx) {
  static constexpr TensorType kTypes[] = {TensorType::kFloat32, TensorType::kInt32};
  return PrepareBinary(ctx, kTypes, 2, "float32, int32");
}

template <typename T, T (*F)(T, T)>
Status EvalBinary(const EvalContext& ctx) {
  BroadcastApply(ctx.op_data<BinaryData>()->plan, ctx.input<T>(0), ctx.input<T>(1), ctx.output<T>(0), F);
  return Status::Ok();
}

// float32 or int8 input and an output of the same type and shape (ELU, LOG_SOFTMAX,
// L2_NORMALIZATION, which keep a float32 and an int8 variant).
inline Status CheckFloatOrInt8SameShape(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 1));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  const TensorType type = input.type();
  if (type != TensorType::kFloat32 && type != TensorType::kInt8) return TypeError(ctx, "input", type) << " (supported: float32, int8)";
  TINYRT_PREPARE_CHECK(ctx, output.type() == type,
                       "output type " << TensorTypeName(output.type()) << " differs from input type " << TensorTypeName(type));
  TINYRT_PREPARE_CHECK(ctx, SameShape(input, output), "input and output shapes differ");
  return Status::Ok();
}

}  // namespace elementwise
}  // namespace kernels
}  // namespace tinyrt
