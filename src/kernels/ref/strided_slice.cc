// STRIDED_SLICE: output = input[begin_0:end_0:stride_0, ..., begin_{n-1}:end_{n-1}:stride_{n-1}]
// with TFLite's mask semantics, as TFLM's reference kernel resolves them per axis:
//   start: begin (negative counts from the end), clamped to [0, size] ([-1, size-1] for a
//          negative stride); begin_mask bit set: 0 (size-1 for a negative stride).
//   stop:  end (+ start when the offset flag is set), same negative/clamp rules; end_mask bit
//          set: size (-1); shrink_axis_mask bit set: start + 1 (start when start >= size), and the
//          dimension is dropped from the output.
// begin/end/strides must be constant (int32 or int64, one entry per input dimension). TFLM
// zeroes ellipsis_mask and new_axis_mask, i.e. does not support them; tinyrt rejects models
// that set them. A pure copy, so one Eval per element size serves every fixed-size type.
#include "src/kernels/kernel_util.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr int kMaxSliceRank = 6;

struct StridedSliceData {
  int32_t elements;
  int32_t base;  // input offset of the first element
  // Per output-walk dimension (input dims padded on the left to kMaxSliceRank): element count
  // and input offset step (stride * input element stride).
  int32_t counts[kMaxSliceRank];
  int32_t steps[kMaxSliceRank];
};

template <typename T>
Status Eval(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<StridedSliceData>();
  const T* input = ctx.input<T>(0);
  T* output = ctx.output<T>(0);
  int32_t index[kMaxSliceRank] = {0, 0, 0, 0, 0, 0};
  int32_t offset = d.base;
  for (int32_t o = 0; o < d.elements; ++o) {
    output[o] = input[offset];
    for (int k = kMaxSliceRank - 1; k >= 0; --k) {
      offset += d.steps[k];
      if (++index[k] < d.counts[k]) break;
      offset -= d.steps[k] * d.counts[k];
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

int64_t Clamp64(int64_t v, int64_t lo, int64_t hi) { return v < lo ? lo : (v > hi ? hi : v); }

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 4, 1));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  const size_t element_size = TensorTypeSize(input.type());
  TINYRT_PREPARE_CHECK(ctx, input.type() != TensorType::kResource && (element_size == 1 || element_size == 2 || element_size == 4 || element_size == 8),
                       "input type " << TensorTypeName(input.type()) << " is not supported");
  TINYRT_PREPARE_CHECK(ctx, output.type() == input.type(),
                       "output type " << TensorTypeName(output.type()) << " differs from input type " << TensorTypeName(input.type()));
  const int rank = input.rank();
  TINYRT_PREPARE_CHECK(ctx, rank <= kMaxSliceRank, "input rank " << rank << " is above " << kMaxSliceRank);

  const auto* options = ctx.options<tflite::StridedSliceOptions>(tflite::BuiltinOptions_StridedSliceOptions);
  const int32_t begin_mask = options != nullptr ? options->begin_mask() : 0;
  const int32_t end_mask = options != nullptr ? options->end_mask() : 0;
  const int32_t shrink_mask = options != nullptr ? options->shrink_axis_mask() : 0;
  const bool offset_flag = options != nullptr && options->offset();
  TINYRT_PREPARE_CHECK(ctx, options == nullptr || (options->ellipsis_mask() == 0 && options->new_axis_mask() == 0),
                       "ellipsis_mask and new_axis_mask are not supported (as in TFLM)");

  // begin, end, strides: constant int32/int64 vectors with one entry per input dimension.
  const TensorView index_tensors[3] = {ctx.input(1), ctx.input(2), ctx.input(3)};
  static const char* const kNames[3] = {"begin", "end", "strides"};
  for (int t = 0; t < 3; ++t) {
    const TensorView& v = index_tensors[t];
    TINYRT_PREPARE_CHECK(ctx, v.type() == TensorType::kInt32 || v.type() == TensorType::kInt64,
                         kNames[t] << " type " << TensorTypeName(v.type()) << " is not supported (int32, int64)");
    TINYRT_PREPARE_CHECK(ctx, v.raw() != nullptr, kNames[t] << " must be a constant tensor");
    TINYRT_PREPARE_CHECK(ctx, v.elements() == static_cast<size_t>(rank),
                         kNames[t] << " has " << static_cast<uint64_t>(v.elements()) << " elements for an input of rank " << rank);
  }
  auto value = [&index_tensors](int t, int i) -> int64_t {
    const TensorView& v = index_tensors[t];
    return v.type() == TensorType::kInt32 ? v.data<int32_t>()[i] : v.data<int64_t>()[i];
  };

  auto* data = ctx.AllocateOpData<StridedSliceData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  const int pad = kMaxSliceRank - rank;
  int64_t base = 0;
  int64_t elements = 1;
  int64_t in_stride = 1;
  int out_axis = output.rank() - 1;  // output dimension matched against, walking backwards
  for (int k = kMaxSliceRank - 1; k >= 0; --k) {
    if (k < pad) {
      data->counts[k] = 1;
      data->steps[k] = 0;
      continue;
    }
    const int axis = k - pad;
    const int64_t size = input.dim(axis);
    const int64_t stride = value(2, axis);
    TINYRT_PREPARE_CHECK(ctx, stride != 0, "stride of dimension " << axis << " is 0");
    const bool shrink = (shrink_mask >> axis) & 1;
    int64_t start = value(0, axis);
    if (start < 0) start += size;
    start = stride > 0 ? Clamp64(start, 0, size) : Clamp64(start, -1, size - 1);
    if ((begin_mask >> axis) & 1) start = stride > 0 ? 0 : size - 1;
    int64_t stop;
    if (shrink) {
      TINYRT_PREPARE_CHECK(ctx, stride > 0, "a shrunk dimension (" << axis << ") needs a positive stride");
      stop = start >= size ? start : start + 1;
    } else {
      stop = value(1, axis);
      if (offset_flag) stop += start;
      if (stop < 0) stop += size;
      stop = stride > 0 ? Clamp64(stop, 0, size) : Clamp64(stop, -1, size - 1);
      if ((end_mask >> axis) & 1) stop = stride > 0 ? size : -1;
    }
    // Elements visited by "for (i = start; stride > 0 ? i < stop : i > stop; i += stride)".
    const int64_t span = stride > 0 ? stop - start : start - stop;
    const int64_t step = stride > 0 ? stride : -stride;
    const int64_t count = span > 0 ? (span + step - 1) / step : 0;
    if (!shrink) {
      TINYRT_PREPARE_CHECK(ctx, out_axis >= 0 && output.dim(out_axis) == count,
                           "output dimension for input dimension " << axis << " is " << (out_axis >= 0 ? output.dim(out_axis) : -1)
                                                                   << ", the slice gives " << static_cast<int32_t>(count));
      --out_axis;
    }
    data->counts[k] = static_cast<int32_t>(count);
    // A single element never steps (keeps offsets in range for huge strides).
    data->steps[k] = count > 1 ? static_cast<int32_t>(stride * in_stride) : 0;
    if (count > 0) base += start * in_stride;
    elements *= count;
    in_stride *= size;
  }
  TINYRT_PREPARE_CHECK(ctx, out_axis == -1, "output rank " << output.rank() << " does not match the slice");
  TINYRT_PREPARE_CHECK(ctx, static_cast<size_t>(elements) == output.elements(), "output element count does not match the slice");
  data->elements = static_cast<int32_t>(elements);
  data->base = static_cast<int32_t>(base);
  ctx.SelectVariant(element_size == 1 ? 0 : element_size == 2 ? 1 : element_size == 4 ? 2 : 3);
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_STRIDED_SLICE = {Prepare, kVariants, 4, 8};

}  // namespace kernels
}  // namespace tinyrt
