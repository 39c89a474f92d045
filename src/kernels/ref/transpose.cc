// SPDX-License-Identifier: Apache-2.0
// TRANSPOSE: output[i_0, ..., i_{n-1}] = input[j] where input dimension perm[k] takes index i_k.
// A pure rearrangement, so one Eval per element size serves every fixed-size type. Up to 6
// dimensions; the permutation must be a constant int32/int64 tensor.
#include "src/kernels/kernel_util.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr int kMaxTransposeRank = 6;

struct TransposeData {
  int32_t elements;
  // Output shape padded on the left with ones, and the input element stride that each output
  // dimension advances by.
  int32_t out_dims[kMaxTransposeRank];
  int32_t in_strides[kMaxTransposeRank];
};

template <typename T>
Status Eval(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<TransposeData>();
  const T* input = ctx.input<T>(0);
  T* output = ctx.output<T>(0);
  int32_t index[kMaxTransposeRank] = {0, 0, 0, 0, 0, 0};
  int32_t offset = 0;
  for (int32_t o = 0; o < d.elements; ++o) {
    output[o] = input[offset];
    for (int k = kMaxTransposeRank - 1; k >= 0; --k) {
      offset += d.in_strides[k];
      if (++index[k] < d.out_dims[k]) break;
      offset -= d.in_strides[k] * d.out_dims[k];
      index[k] = 0;
    }
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {Eval<uint8_t>, "reference 8-bit"},
    {Eval<uint16_t>, "reference 16-bit"},
    {Eval<uint32_t>, "reference 32-bit"},
    {Eval<uint64_t>, "reference 64-bit"},
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView input = ctx.input(0);
  const TensorView perm = ctx.input(1);
  const TensorView output = ctx.output(0);
  const size_t element_size = TensorTypeSize(input.type());
  TINYRT_PREPARE_CHECK(
      ctx, input.type() != TensorType::kResource && (element_size == 1 || element_size == 2 || element_size == 4 || element_size == 8),
      "input type " << TensorTypeName(input.type()) << " is not supported");
  TINYRT_PREPARE_CHECK(ctx, output.type() == input.type(),
                       "output type " << TensorTypeName(output.type()) << " differs from input type " << TensorTypeName(input.type()));
  const int rank = input.rank();
  TINYRT_PREPARE_CHECK(ctx, rank <= kMaxTransposeRank, "input rank " << rank << " is above " << kMaxTransposeRank);
  TINYRT_PREPARE_CHECK(ctx, output.rank() == rank, "output rank " << output.rank() << " differs from input rank " << rank);
  TINYRT_PREPARE_CHECK(ctx, perm.type() == TensorType::kInt32 || perm.type() == TensorType::kInt64,
                       "perm type " << TensorTypeName(perm.type()) << " is not supported (int32, int64)");
  TINYRT_PREPARE_CHECK(ctx, perm.raw() != nullptr, "perm must be a constant tensor");
  TINYRT_PREPARE_CHECK(ctx, perm.elements() == static_cast<size_t>(rank),
                       "perm has " << static_cast<uint64_t>(perm.elements()) << " elements for an input of rank " << rank);

  // Contiguous strides of the input.
  int32_t strides[kMaxTransposeRank];
  int32_t stride = 1;
  for (int i = rank - 1; i >= 0; --i) {
    strides[i] = stride;
    stride *= input.dim(i);
  }
  auto* data = ctx.AllocateOpData<TransposeData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  bool used[kMaxTransposeRank] = {false, false, false, false, false, false};
  const int pad = kMaxTransposeRank - rank;
  for (int k = 0; k < kMaxTransposeRank; ++k) {
    if (k < pad) {
      data->out_dims[k] = 1;
      data->in_strides[k] = 0;
      continue;
    }
    const int axis = k - pad;
    const int64_t p = perm.type() == TensorType::kInt32 ? perm.data<int32_t>()[axis] : perm.data<int64_t>()[axis];
    TINYRT_PREPARE_CHECK(ctx, p >= 0 && p < rank && !used[p], "perm is not a permutation of 0.." << rank - 1);
    used[p] = true;
    TINYRT_PREPARE_CHECK(ctx, output.dim(axis) == input.dim(static_cast<int>(p)),
                         "output dimension " << axis << " is " << output.dim(axis) << ", expected input dimension "
                                             << static_cast<int32_t>(p) << " = " << input.dim(static_cast<int>(p)));
    data->out_dims[k] = output.dim(axis);
    data->in_strides[k] = strides[p];
  }
  data->elements = static_cast<int32_t>(output.elements());
  ctx.SelectVariant(element_size == 1 ? 0 : element_size == 2 ? 1 : element_size == 4 ? 2 : 3);
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_TRANSPOSE = {Prepare, kVariants, 4, 6};

}  // namespace kernels
}  // namespace tinyrt
