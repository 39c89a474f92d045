// SPDX-License-Identifier: Apache-2.0
// STRIDED_SLICE with constant begin/end/strides, up to 5-D: TFLM's reference walk, computed
// once in Prepare (shape padded to 5-D with whole leading axes, begin/end resolved with the
// masks: negative indices count from the end, then clamped). begin_mask/end_mask/
// shrink_axis_mask are supported; ellipsis_mask, new_axis_mask and offset are not (TFLM Micro
// does not implement them either). A copy, so one kernel per element size.
#include <string.h>

#include "src/kernels/kernel_util.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr int kDims = 5;

struct StridedSliceData {
  int32_t shape[kDims];  // input shape padded to 5-D
  int32_t start[kDims];
  int32_t stop[kDims];
  int32_t stride[kDims];
};

int32_t ClampIndex(int32_t v, int32_t lo, int32_t hi) { return v > hi ? hi : (v < lo ? lo : v); }

// TFLM's StridedSliceStartForAxis / StridedSliceEndForAxis.
int32_t StartForAxis(int32_t begin, int32_t stride, bool begin_mask, int32_t size) {
  if (begin < 0) begin += size;
  begin = stride > 0 ? ClampIndex(begin, 0, size) : ClampIndex(begin, -1, size - 1);
  if (begin_mask) begin = stride > 0 ? 0 : size - 1;
  return begin;
}

int32_t StopForAxis(int32_t end, int32_t stride, bool end_mask, bool shrink, int32_t start, int32_t size) {
  if (shrink) return start >= size ? start : start + 1;
  if (end < 0) end += size;
  end = stride > 0 ? ClampIndex(end, 0, size) : ClampIndex(end, -1, size - 1);
  if (end_mask) end = stride > 0 ? size : -1;
  return end;
}

// Elements visited from start towards stop in steps of stride.
// (64-bit: a stride near +-2^31 overflows the 32-bit sums; the count itself is at most the size.)
int32_t Count(int32_t start, int32_t stop, int32_t stride) {
  const int64_t a = start, b = stop, s = stride;
  if (s > 0) return b > a ? static_cast<int32_t>((b - a + s - 1) / s) : 0;
  return a > b ? static_cast<int32_t>((a - b - s - 1) / -s) : 0;
}

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 4, 1));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  const TensorType type = input.type();
  const size_t element = TensorTypeSize(type);
  const bool type_ok = type == TensorType::kFloat32 || type == TensorType::kInt8 || type == TensorType::kInt16 ||
                       type == TensorType::kInt32 || type == TensorType::kInt64 || type == TensorType::kBool;
  if (!type_ok) return TypeError(ctx, "input", type) << " (supported: float32, int8, int16, int32, int64, bool)";
  TINYRT_PREPARE_CHECK(ctx, output.type() == type,
                       "output type " << TensorTypeName(output.type()) << " differs from input type " << TensorTypeName(type));
  const int rank = input.rank();
  TINYRT_PREPARE_CHECK(ctx, rank >= 1 && rank <= kDims, "input rank " << rank << " is not supported (1 to " << kDims << ")");
  const char* const names[3] = {"begin", "end", "strides"};
  for (int i = 1; i <= 3; ++i) {
    const TensorView t = ctx.input(i);
    TINYRT_PREPARE_CHECK(ctx, t.type() == TensorType::kInt32 && t.rank() == 1, names[i - 1] << " must be a 1-D int32 tensor");
    TINYRT_PREPARE_CHECK(ctx, t.raw() != nullptr, names[i - 1] << " must be constant");
    TINYRT_PREPARE_CHECK(ctx, t.elements() >= static_cast<size_t>(rank),
                         names[i - 1] << " has " << t.elements() << " entries for rank " << rank);
  }
  const auto* options = ctx.options<tflite::StridedSliceOptions>(tflite::BuiltinOptions_StridedSliceOptions);
  const int32_t begin_mask = options != nullptr ? options->begin_mask() : 0;
  const int32_t end_mask = options != nullptr ? options->end_mask() : 0;
  const int32_t shrink_mask = options != nullptr ? options->shrink_axis_mask() : 0;
  TINYRT_PREPARE_CHECK(ctx, options == nullptr || (options->ellipsis_mask() == 0 && options->new_axis_mask() == 0),
                       "ellipsis_mask and new_axis_mask are not supported");
  TINYRT_PREPARE_CHECK(ctx, options == nullptr || !options->offset(), "offset = true is not supported");
  const int32_t* begin = ctx.input(1).data<int32_t>();
  const int32_t* end = ctx.input(2).data<int32_t>();
  const int32_t* strides = ctx.input(3).data<int32_t>();

  StridedSliceData* data = ctx.AllocateOpData<StridedSliceData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  const int pad = kDims - rank;
  int out_rank = 0;
  for (int d = 0; d < kDims; ++d) {
    if (d < pad) {  // a whole leading axis of size 1
      data->shape[d] = 1;
      data->start[d] = 0;
      data->stop[d] = 1;
      data->stride[d] = 1;
      continue;
    }
    const int axis = d - pad;
    const int32_t size = input.dim(axis);
    const int32_t stride = strides[axis];
    TINYRT_PREPARE_CHECK(ctx, stride != 0, "stride of axis " << axis << " is 0");
    const bool shrink = (shrink_mask & (1 << axis)) != 0;
    data->shape[d] = size;
    data->stride[d] = stride;
    data->start[d] = StartForAxis(begin[axis], stride, (begin_mask & (1 << axis)) != 0, size);
    data->stop[d] = StopForAxis(end[axis], stride, (end_mask & (1 << axis)) != 0, shrink, data->start[d], size);
    if (shrink) continue;
    const int32_t count = Count(data->start[d], data->stop[d], stride);
    TINYRT_PREPARE_CHECK(ctx, out_rank < output.rank() && output.dim(out_rank) == count,
                         "output dimension " << out_rank << " should be " << count);
    ++out_rank;
  }
  TINYRT_PREPARE_CHECK(ctx, out_rank == output.rank(), "output rank " << output.rank() << " should be " << out_rank);
  ctx.SelectVariant(element == 1 ? 0 : element == 2 ? 1 : element == 4 ? 2 : 3);
  return Status::Ok();
}

inline bool Continue(int32_t index, int32_t stop, int32_t stride) { return stride > 0 ? index < stop : index > stop; }

template <typename T>
Status Eval(const EvalContext& ctx) {
  const StridedSliceData& d = *ctx.op_data<StridedSliceData>();
  const T* in = ctx.input<T>(0);
  T* out = ctx.output<T>(0);
  const int32_t* s = d.shape;
  for (int32_t i0 = d.start[0]; Continue(i0, d.stop[0], d.stride[0]); i0 += d.stride[0]) {
    for (int32_t i1 = d.start[1]; Continue(i1, d.stop[1], d.stride[1]); i1 += d.stride[1]) {
      for (int32_t i2 = d.start[2]; Continue(i2, d.stop[2], d.stride[2]); i2 += d.stride[2]) {
        for (int32_t i3 = d.start[3]; Continue(i3, d.stop[3], d.stride[3]); i3 += d.stride[3]) {
          const int32_t row = (((i0 * s[1] + i1) * s[2] + i2) * s[3] + i3) * s[4];
          if (d.stride[4] == 1) {
            const int32_t len = d.stop[4] - d.start[4];
            if (len > 0) {
              memcpy(out, in + row + d.start[4], sizeof(T) * static_cast<size_t>(len));
              out += len;
            }
          } else {
            for (int32_t i4 = d.start[4]; Continue(i4, d.stop[4], d.stride[4]); i4 += d.stride[4]) *out++ = in[row + i4];
          }
        }
      }
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

}  // namespace

const OpKernel kOp_STRIDED_SLICE = {Prepare, kVariants, 4, 8};

}  // namespace kernels
}  // namespace tinyrt
