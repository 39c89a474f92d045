// Numpy-style broadcasting of two inputs onto one output, up to 6 dimensions, shared by the
// elementwise binary kernels (ADD, SUB). Prepare describes the output shape and, for each input,
// its element stride along every output dimension (0 where that input has extent 1 and is
// repeated); Eval walks the output in order with one running offset per input.
#pragma once

#include "src/kernels/kernel_util.h"

namespace tinyrt {
namespace kernels {

constexpr int kMaxBroadcastRank = 6;

// Stored in the op data (plain ints: same layout on 32- and 64-bit targets).
struct BroadcastDesc {
  int32_t dims[kMaxBroadcastRank];      // output shape padded on the left with ones
  int32_t strides1[kMaxBroadcastRank];  // input 1 element strides along the output dims
  int32_t strides2[kMaxBroadcastRank];
};

// Dimension i of t's shape padded on the left with ones to kMaxBroadcastRank dimensions.
inline int32_t BroadcastExtendedDim(const TensorView& t, int i) {
  const int pad = kMaxBroadcastRank - t.rank();
  return i < pad ? 1 : t.dim(i - pad);
}

// Checks that in1 and in2 broadcast to exactly out's shape (trailing dimensions aligned, each
// pair equal or one of them 1) and fills *desc.
inline Status PrepareBroadcast(PrepareContext& ctx, const TensorView& in1, const TensorView& in2, const TensorView& out,
                               BroadcastDesc* desc) {
  TINYRT_PREPARE_CHECK(ctx, in1.rank() <= kMaxBroadcastRank && in2.rank() <= kMaxBroadcastRank && out.rank() <= kMaxBroadcastRank,
                       "ranks above " << kMaxBroadcastRank << " are not supported");
  for (int i = 0; i < kMaxBroadcastRank; ++i) {
    const int32_t d1 = BroadcastExtendedDim(in1, i);
    const int32_t d2 = BroadcastExtendedDim(in2, i);
    TINYRT_PREPARE_CHECK(ctx, d1 == d2 || d1 == 1 || d2 == 1, "input shapes do not broadcast: dimension " << d1 << " against " << d2);
    desc->dims[i] = d1 == 1 ? d2 : d1;
    TINYRT_PREPARE_CHECK(ctx, BroadcastExtendedDim(out, i) == desc->dims[i],
                         "output shape does not match the broadcast of the inputs (dimension " << BroadcastExtendedDim(out, i)
                                                                                             << ", expected " << desc->dims[i] << ")");
  }
  int32_t stride1 = 1;
  int32_t stride2 = 1;
  for (int i = kMaxBroadcastRank - 1; i >= 0; --i) {
    const int32_t d1 = BroadcastExtendedDim(in1, i);
    const int32_t d2 = BroadcastExtendedDim(in2, i);
    desc->strides1[i] = (d1 == 1 && desc->dims[i] != 1) ? 0 : stride1;
    desc->strides2[i] = (d2 == 1 && desc->dims[i] != 1) ? 0 : stride2;
    stride1 *= d1;
    stride2 *= d2;
  }
  return Status::Ok();
}

// output[o] = op(input1[...], input2[...]) for every output element, in output order.
template <typename In, typename Out, typename Op>
inline void BroadcastBinary(const BroadcastDesc& b, int32_t elements, const In* input1, const In* input2, Out* output, const Op& op) {
  int32_t index[kMaxBroadcastRank] = {0, 0, 0, 0, 0, 0};
  int32_t offset1 = 0;
  int32_t offset2 = 0;
  for (int32_t o = 0; o < elements; ++o) {
    output[o] = op(input1[offset1], input2[offset2]);
    for (int dim = kMaxBroadcastRank - 1; dim >= 0; --dim) {
      offset1 += b.strides1[dim];
      offset2 += b.strides2[dim];
      if (++index[dim] < b.dims[dim]) break;
      offset1 -= b.strides1[dim] * b.dims[dim];
      offset2 -= b.strides2[dim] * b.dims[dim];
      index[dim] = 0;
    }
  }
}

}  // namespace kernels
}  // namespace tinyrt
