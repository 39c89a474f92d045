// SPDX-License-Identifier: Apache-2.0
// Elementwise binary ops with numpy-style broadcasting (ADD, SUB, MUL, DIV, MINIMUM, MAXIMUM): a
// pointer-free plan computed in Prepare (output shape padded to 6-D, each input's strides along
// it, 0 where it broadcasts) and one loop that walks the output in order.
#pragma once

#include "src/kernels/kernel_util.h"

namespace tinyrt {
namespace kernels {

constexpr int kMaxBroadcastDims = 6;

struct BroadcastPlan {
  int32_t elements;
  int32_t same_shape;  // 1: flat loop, no strides needed
  int32_t dims[kMaxBroadcastDims];
  int32_t strides1[kMaxBroadcastDims];
  int32_t strides2[kMaxBroadcastDims];
};

// Dimension i of t's shape padded on the left with ones to kMaxBroadcastDims dimensions.
inline int32_t BroadcastDim(const TensorView& t, int i) {
  const int pad = kMaxBroadcastDims - t.rank();
  return i < pad ? 1 : t.dim(i - pad);
}

inline Status PlanBroadcast(PrepareContext& ctx, const TensorView& input1, const TensorView& input2, const TensorView& output,
                            BroadcastPlan* plan) {
  TINYRT_PREPARE_CHECK(ctx, input1.rank() <= kMaxBroadcastDims && input2.rank() <= kMaxBroadcastDims && output.rank() <= kMaxBroadcastDims,
                       "ranks above " << kMaxBroadcastDims << " are not supported");
  for (int i = 0; i < kMaxBroadcastDims; ++i) {
    const int32_t d1 = BroadcastDim(input1, i);
    const int32_t d2 = BroadcastDim(input2, i);
    TINYRT_PREPARE_CHECK(ctx, d1 == d2 || d1 == 1 || d2 == 1, "input shapes do not broadcast: dimension " << d1 << " against " << d2);
    plan->dims[i] = d1 == 1 ? d2 : d1;
    TINYRT_PREPARE_CHECK(ctx, BroadcastDim(output, i) == plan->dims[i],
                         "output shape does not match the broadcast of the inputs (dimension " << BroadcastDim(output, i) << ", expected "
                                                                                               << plan->dims[i] << ")");
  }
  // int64: with a zero-sized dimension the partial products can exceed int32 even though the
  // tensor is empty (the strides are then never used).
  int64_t stride1 = 1;
  int64_t stride2 = 1;
  for (int i = kMaxBroadcastDims - 1; i >= 0; --i) {
    const int32_t d1 = BroadcastDim(input1, i);
    const int32_t d2 = BroadcastDim(input2, i);
    plan->strides1[i] = d1 == plan->dims[i] ? static_cast<int32_t>(stride1 > INT32_MAX ? 0 : stride1) : 0;
    plan->strides2[i] = d2 == plan->dims[i] ? static_cast<int32_t>(stride2 > INT32_MAX ? 0 : stride2) : 0;
    stride1 *= d1;
    stride2 *= d2;
  }
  plan->elements = static_cast<int32_t>(output.elements());
  plan->same_shape = input1.elements() == output.elements() && input2.elements() == output.elements() ? 1 : 0;
  return Status::Ok();
}

// out[o] = f(a[offset1(o)], b[offset2(o)]) over the output in order.
template <typename In1, typename In2, typename Out, typename F>
void BroadcastApply(const BroadcastPlan& p, const In1* a, const In2* b, Out* out, F f) {
  if (p.same_shape) {
    for (int32_t i = 0; i < p.elements; ++i) out[i] = f(a[i], b[i]);
    return;
  }
  int32_t index[kMaxBroadcastDims] = {0, 0, 0, 0, 0, 0};
  int32_t offset1 = 0;
  int32_t offset2 = 0;
  for (int32_t o = 0; o < p.elements; ++o) {
    out[o] = f(a[offset1], b[offset2]);
    for (int dim = kMaxBroadcastDims - 1; dim >= 0; --dim) {
      offset1 += p.strides1[dim];
      offset2 += p.strides2[dim];
      if (++index[dim] < p.dims[dim]) break;
      offset1 -= p.strides1[dim] * p.dims[dim];
      offset2 -= p.strides2[dim] * p.dims[dim];
      index[dim] = 0;
    }
  }
}

// TFLite's CalculateActivationRange for int32 outputs.
inline bool Int32ActivationRange(math::Activation activation, int32_t* act_min, int32_t* act_max) {
  switch (activation) {
    case math::Activation::kNone:
      *act_min = INT32_MIN;
      *act_max = INT32_MAX;
      return true;
    case math::Activation::kRelu:
      *act_min = 0;
      *act_max = INT32_MAX;
      return true;
    case math::Activation::kReluN1To1:
      *act_min = -1;
      *act_max = 1;
      return true;
    case math::Activation::kRelu6:
      *act_min = 0;
      *act_max = 6;
      return true;
    default: return false;
  }
}

}  // namespace kernels
}  // namespace tinyrt
