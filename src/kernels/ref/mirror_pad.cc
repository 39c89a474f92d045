// SPDX-License-Identifier: Apache-2.0
// MIRROR_PAD: pads each dimension with a mirror image of the input, paddings a constant
// [rank, 2] int32/int64 tensor. REFLECT leaves out the edge element (pad < dim), SYMMETRIC
// repeats it (pad <= dim). Any copyable type (TFLM: float32, int8), up to 6-D.
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

struct MirrorPadData {
  int32_t out_dims[kCopyDims] = {};  // padded to 6-D with ones
  int32_t in_dims[kCopyDims];
  int32_t before[kCopyDims];
  int32_t in_strides[kCopyDims];
  int32_t reflect;  // 1: REFLECT, 0: SYMMETRIC
};

// Input index along one dimension for output index j.
int32_t Mirror(int32_t j, int32_t before, int32_t dim, int32_t reflect) {
  const int32_t k = j - before;
  if (k < 0) return reflect ? -k : -k - 1;
  if (k >= dim) return reflect ? 2 * dim - 2 - k : 2 * dim - 1 - k;
  return k;
}

template <typename T>
Status Eval(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<MirrorPadData>();
  const T* in = ctx.input<T>(0);
  T* out = ctx.output<T>(0);
  int32_t index[kCopyDims] = {0, 0, 0, 0, 0, 0};
  int32_t elements = 1;
  for (int k = 0; k < kCopyDims; ++k) elements *= d.out_dims[k];
  for (int32_t o = 0; o < elements; ++o) {
    int32_t offset = 0;
    for (int k = 0; k < kCopyDims; ++k) offset += Mirror(index[k], d.before[k], d.in_dims[k], d.reflect) * d.in_strides[k];
    out[o] = in[offset];
    for (int k = kCopyDims - 1; k >= 0; --k) {
      if (++index[k] < d.out_dims[k]) break;
      index[k] = 0;
    }
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {TINYRT_ELEMENT_SIZE_VARIANTS(Eval)};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView input = ctx.input(0);
  const TensorView paddings = ctx.input(1);
  const TensorView output = ctx.output(0);
  TINYRT_RETURN_IF_ERROR(CheckCopyTypes(ctx, input, output));
  TINYRT_RETURN_IF_ERROR(RequireConstantIndices(ctx, paddings, "paddings"));
  const auto* options = ctx.options<tflite::MirrorPadOptions>(tflite::BuiltinOptions_MirrorPadOptions);
  const int mode = options != nullptr ? options->mode() : tflite::MirrorPadMode_REFLECT;
  TINYRT_PREPARE_CHECK(ctx, mode == tflite::MirrorPadMode_REFLECT || mode == tflite::MirrorPadMode_SYMMETRIC,
                       "mode " << mode << " is not supported");
  const int rank = input.rank();
  TINYRT_PREPARE_CHECK(ctx, rank <= kCopyDims, "input rank " << rank << " is above " << kCopyDims);
  TINYRT_PREPARE_CHECK(ctx, paddings.elements() == static_cast<size_t>(2 * rank), "paddings must have shape [" << rank << ", 2]");
  auto* data = ctx.AllocateOpData<MirrorPadData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->reflect = mode == tflite::MirrorPadMode_REFLECT ? 1 : 0;
  int32_t out_dims[kCopyDims] = {};
  const int pad = kCopyDims - rank;
  int32_t stride = 1;
  for (int k = kCopyDims - 1; k >= 0; --k) {
    const int i = k - pad;
    const int32_t dim = i < 0 ? 1 : input.dim(i);
    const int64_t before = i < 0 ? 0 : IndexAt(paddings, static_cast<size_t>(2 * i));
    const int64_t after = i < 0 ? 0 : IndexAt(paddings, static_cast<size_t>(2 * i + 1));
    const int64_t limit = data->reflect ? dim - 1 : dim;
    TINYRT_PREPARE_CHECK(
        ctx, before >= 0 && after >= 0 && before <= limit && after <= limit,
        "paddings " << before << ", " << after << " of dimension " << i << " (size " << dim << ") must be in [0, " << limit << "]");
    data->in_dims[k] = dim;
    data->before[k] = static_cast<int32_t>(before);
    data->out_dims[k] = static_cast<int32_t>(dim + before + after);
    data->in_strides[k] = stride;
    stride *= dim;
    if (i >= 0) out_dims[i] = data->out_dims[k];
  }
  TINYRT_RETURN_IF_ERROR(CheckOutputShape(ctx, output, out_dims, rank));
  ctx.SelectVariant(ElementSizeVariant(input.type()));
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_MIRROR_PAD = {Prepare, kVariants, 4, 3};

}  // namespace kernels
}  // namespace tinyrt
