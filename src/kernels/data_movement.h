// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the data-movement kernels (slices, gathers, joins, splits, reversals,
// broadcasts, space/depth/batch rearrangements): they copy elements without looking at them, so
// each has one Eval per element size, chosen in Prepare. Also the Prepare-time helpers these ops
// repeat: reading constant index tensors, resolving an axis, checking an output shape and that a
// copy does not silently change a quantized tensor's meaning.
#pragma once

#include <string.h>

#include "src/kernels/kernel_util.h"

namespace tinyrt {
namespace kernels {

// Types a pure copy supports, and the Eval variant index for their element size.
inline bool IsCopyType(TensorType t) {
  return t == TensorType::kFloat32 || t == TensorType::kInt8 || t == TensorType::kUInt8 || t == TensorType::kInt16 ||
         t == TensorType::kInt32 || t == TensorType::kInt64 || t == TensorType::kBool;
}
constexpr const char* kCopyTypes = " (supported: float32, int8, uint8, int16, int32, int64, bool)";

inline uint8_t ElementSizeVariant(TensorType t) {
  switch (TensorTypeSize(t)) {
    case 1: return 0;
    case 2: return 1;
    case 4: return 2;
    default: return 3;
  }
}

// kVariants entries for an Eval templated on an unsigned type of the element's size.
#define TINYRT_ELEMENT_SIZE_VARIANTS(fn)                                                                       \
  {fn<uint8_t>, "reference 1-byte"}, {fn<uint16_t>, "reference 2-byte"}, {fn<uint32_t>, "reference 4-byte"}, { \
    fn<uint64_t>, "reference 8-byte"                                                                           \
  }

// Same scale and zero point, or neither quantized.
inline bool SameQuantization(const TensorView& a, const TensorView& b) {
  return HasScale(a) == HasScale(b) && (!HasScale(a) || (a.scale() == b.scale() && a.zero_point() == b.zero_point()));
}

// Fails unless `in` is a copyable type and `out` has the same type; and, for quantized types, the
// same scale and zero point (a copy cannot rescale).
inline Status CheckCopyTypes(PrepareContext& ctx, const TensorView& in, const TensorView& out, const char* what = "input") {
  if (!IsCopyType(in.type())) return TypeError(ctx, what, in.type()) << kCopyTypes;
  TINYRT_PREPARE_CHECK(ctx, out.type() == in.type(),
                       "output type " << TensorTypeName(out.type()) << " differs from " << what << " type " << TensorTypeName(in.type()));
  if (in.type() == TensorType::kInt8 || in.type() == TensorType::kInt16 || in.type() == TensorType::kUInt8) {
    TINYRT_PREPARE_CHECK(ctx, SameQuantization(in, out), what << " and output must have the same scale and zero point");
  }
  return Status::Ok();
}

// A constant (model-stored) int32 or int64 tensor: the index-like operands these ops precompute
// from.
inline bool IsConstant(const TensorView& t) { return t.valid() && t.raw() != nullptr && !t.is_variable(); }

inline Status RequireIndexType(PrepareContext& ctx, const TensorView& t, const char* name) {
  TINYRT_PREPARE_CHECK(ctx, t.type() == TensorType::kInt32 || t.type() == TensorType::kInt64,
                       name << " type " << TensorTypeName(t.type()) << " is not supported (int32, int64)");
  return Status::Ok();
}

inline Status RequireConstantIndices(PrepareContext& ctx, const TensorView& t, const char* name) {
  TINYRT_PREPARE_CHECK(ctx, t.valid(), name << " is missing");
  TINYRT_RETURN_IF_ERROR(RequireIndexType(ctx, t, name));
  TINYRT_PREPARE_CHECK(ctx, IsConstant(t), name << " must be a constant tensor");
  return Status::Ok();
}

// Element i of an int32 or int64 tensor.
inline int64_t IndexAt(const TensorView& t, size_t i) {
  return t.type() == TensorType::kInt64 ? t.data<int64_t>()[i] : static_cast<int64_t>(t.data<int32_t>()[i]);
}

// Resolves a possibly negative axis against `rank`; false when out of range.
inline bool ResolveAxis(int64_t axis, int rank, int* out) {
  if (axis < 0) axis += rank;
  if (axis < 0 || axis >= rank) return false;
  *out = static_cast<int>(axis);
  return true;
}

// Fails unless the output tensor has exactly the shape dims[0..rank).
inline Status CheckOutputShape(PrepareContext& ctx, const TensorView& out, const int32_t* dims, int rank, int output_index = 0) {
  TINYRT_PREPARE_CHECK(ctx, out.rank() == rank, "output " << output_index << " has rank " << out.rank() << ", expected " << rank);
  for (int i = 0; i < rank; ++i) {
    TINYRT_PREPARE_CHECK(ctx, out.dim(i) == dims[i],
                         "output " << output_index << " dimension " << i << " is " << out.dim(i) << ", expected " << dims[i]);
  }
  return Status::Ok();
}

// ---- A small int vector known in Prepare, written by Eval (SHAPE, BROADCAST_ARGS).
constexpr int kMaxVectorValues = 8;

struct VectorData {
  int32_t size;
  int32_t values[kMaxVectorValues];
};

template <typename T>
Status EvalVector(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<VectorData>();
  T* out = ctx.output<T>(0);
  for (int32_t i = 0; i < d.size; ++i) out[i] = static_cast<T>(d.values[i]);
  return Status::Ok();
}

// Checks an int32/int64 vector output of `size` values and selects EvalVector's variant (int32
// first, int64 second).
inline Status PrepareVectorOutput(PrepareContext& ctx, int32_t size) {
  const TensorView output = ctx.output(0);
  const TensorType type = output.type();
  if (type != TensorType::kInt32 && type != TensorType::kInt64) return TypeError(ctx, "output", type) << " (supported: int32, int64)";
  const int32_t want[1] = {size};
  TINYRT_RETURN_IF_ERROR(CheckOutputShape(ctx, output, want, 1));
  ctx.SelectVariant(type == TensorType::kInt32 ? 0 : 1);
  return Status::Ok();
}

// ---- Strided copy: dst[dst_offset + sum i_k * dst_strides[k]] = src[src_offset + sum i_k *
// src_strides[k]] for every index i in dims (6-D, outermost first, padded with ones). Strides
// may be negative (reversal) or 0 (broadcast).
constexpr int kCopyDims = 6;

struct CopyPlan {
  int32_t dims[kCopyDims];
  int32_t src_strides[kCopyDims];
  int32_t dst_strides[kCopyDims];
  int32_t src_offset;
  int32_t dst_offset;
};

// A plan over `rank` dimensions, right-aligned into the 6-D arrays; contiguous row-major strides
// for both sides (callers then adjust the source side).
inline void InitCopyPlan(CopyPlan* p, const int32_t* dims, int rank) {
  const int pad = kCopyDims - rank;
  int32_t stride = 1;
  for (int k = kCopyDims - 1; k >= 0; --k) {
    p->dims[k] = k < pad ? 1 : dims[k - pad];
    p->src_strides[k] = stride;
    p->dst_strides[k] = stride;
    stride *= p->dims[k];
  }
  p->src_offset = 0;
  p->dst_offset = 0;
}

template <typename T>
void RunCopy(const CopyPlan& p, const T* src, T* dst) {
  const int32_t* n = p.dims;
  const int32_t* s = p.src_strides;
  const int32_t* d = p.dst_strides;
  for (int32_t i0 = 0; i0 < n[0]; ++i0) {
    for (int32_t i1 = 0; i1 < n[1]; ++i1) {
      for (int32_t i2 = 0; i2 < n[2]; ++i2) {
        for (int32_t i3 = 0; i3 < n[3]; ++i3) {
          for (int32_t i4 = 0; i4 < n[4]; ++i4) {
            const T* in = src + p.src_offset + i0 * s[0] + i1 * s[1] + i2 * s[2] + i3 * s[3] + i4 * s[4];
            T* out = dst + p.dst_offset + i0 * d[0] + i1 * d[1] + i2 * d[2] + i3 * d[3] + i4 * d[4];
            for (int32_t i5 = 0; i5 < n[5]; ++i5) out[i5 * d[5]] = in[i5 * s[5]];
          }
        }
      }
    }
  }
}

// The whole Eval of ops that are one CopyPlan from input 0 to output 0 (the plan is the op data).
template <typename T>
Status EvalCopyPlan(const EvalContext& ctx) {
  RunCopy(*ctx.op_data<CopyPlan>(), ctx.input<T>(0), ctx.output<T>(0));
  return Status::Ok();
}

// SPACE_TO_DEPTH (`to_depth`) and DEPTH_TO_SPACE on NHWC with a block_size x block_size block:
// depth index (block_row * block_size + block_col) * channels + channel. Builds the CopyPlan (op
// data) that walks the output in order.
inline Status PrepareDepthSpace(PrepareContext& ctx, bool to_depth, bool has_options, int32_t b) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 1));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  TINYRT_RETURN_IF_ERROR(CheckCopyTypes(ctx, input, output));
  TINYRT_PREPARE_CHECK(ctx, has_options, "options are missing");
  TINYRT_PREPARE_CHECK(ctx, input.rank() == 4, "input must be 4-D (NHWC), has rank " << input.rank());
  TINYRT_PREPARE_CHECK(ctx, b >= 1 && b <= 4096, "block_size " << b << " is not supported");
  const int32_t n = input.dim(0), h = input.dim(1), w = input.dim(2), c = input.dim(3);
  auto* plan = ctx.AllocateOpData<CopyPlan>();
  if (plan == nullptr) return ctx.ArenaExhausted();
  if (to_depth) {
    TINYRT_PREPARE_CHECK(ctx, h % b == 0 && w % b == 0,
                         "input height " << h << " and width " << w << " must be multiples of block_size " << b);
    TINYRT_PREPARE_CHECK(ctx, static_cast<int64_t>(c) * b * b <= INT32_MAX, "output depth is too large");
    const int32_t want[4] = {n, h / b, w / b, c * b * b};
    TINYRT_RETURN_IF_ERROR(CheckOutputShape(ctx, output, want, 4));
    // Output order (n, out_h, out_w, block_row, block_col, c) reads input [n, out_h*b + block_row, out_w*b + block_col, c].
    const int32_t dims[6] = {n, h / b, w / b, b, b, c};
    const int32_t strides[6] = {h * w * c, b * w * c, b * c, w * c, c, 1};
    InitCopyPlan(plan, dims, 6);
    for (int k = 0; k < 6; ++k) plan->src_strides[k] = strides[k];
  } else {
    TINYRT_PREPARE_CHECK(ctx, c % (b * b) == 0, "input depth " << c << " must be a multiple of block_size^2 = " << b * b);
    const int32_t oc = c / (b * b);
    TINYRT_PREPARE_CHECK(ctx, static_cast<int64_t>(h) * b <= INT32_MAX && static_cast<int64_t>(w) * b <= INT32_MAX,
                         "output size is too large");
    const int32_t want[4] = {n, h * b, w * b, oc};
    TINYRT_RETURN_IF_ERROR(CheckOutputShape(ctx, output, want, 4));
    // Output order (n, in_h, block_row, in_w, block_col, oc) reads input [n, in_h, in_w, (block_row*b + block_col)*oc + oc].
    const int32_t dims[6] = {n, h, b, w, b, oc};
    const int32_t strides[6] = {h * w * c, w * c, b * oc, c, oc, 1};
    InitCopyPlan(plan, dims, 6);
    for (int k = 0; k < 6; ++k) plan->src_strides[k] = strides[k];
  }
  ctx.SelectVariant(ElementSizeVariant(input.type()));
  return Status::Ok();
}

// ---- Joins and splits along an axis (CONCATENATION, PACK, SPLIT, SPLIT_V, UNPACK): per index of
// the dimensions before the axis, part p contributes a contiguous run of sizes()[p] elements.
struct PartsData {
  int32_t outer;
  int32_t num_parts;
  int32_t split_input;  // splits: the input cut into the outputs
  // Followed in the arena by int32 sizes[num_parts].
  const int32_t* sizes() const { return reinterpret_cast<const int32_t*>(this + 1); }
  int32_t* sizes() { return reinterpret_cast<int32_t*>(this + 1); }
};

// Op data with `extra` bytes after the sizes (for ops that keep more per part).
inline PartsData* AllocateParts(PrepareContext& ctx, int num_parts, size_t extra = 0) {
  auto* data =
      static_cast<PartsData*>(ctx.AllocatePersistent(sizeof(PartsData) + sizeof(int32_t) * static_cast<size_t>(num_parts) + extra));
  if (data != nullptr) {
    ctx.SetOpData(data);
    data->num_parts = num_parts;
  }
  return data;
}

// Product of t's dimensions in [begin, end).
inline int32_t DimProduct(const TensorView& t, int begin, int end) {
  int32_t p = 1;
  for (int i = begin; i < end; ++i) p *= t.dim(i);
  return p;
}

// Inputs joined into output 0. (memmove: a malformed model may name one tensor as both input and
// output; the result is then meaningless but the copy stays defined.)
template <typename T>
Status EvalJoin(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<PartsData>();
  T* out = ctx.output<T>(0);
  for (int32_t o = 0; o < d.outer; ++o) {
    for (int32_t i = 0; i < d.num_parts; ++i) {
      const int32_t n = d.sizes()[i];
      memmove(out, ctx.input<T>(i) + static_cast<size_t>(o) * static_cast<size_t>(n), sizeof(T) * static_cast<size_t>(n));
      out += n;
    }
  }
  return Status::Ok();
}

// Input split_input cut into outputs [0, parts).
template <typename T>
Status EvalSplit(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<PartsData>();
  const T* in = ctx.input<T>(d.split_input);
  for (int32_t o = 0; o < d.outer; ++o) {
    for (int32_t i = 0; i < d.num_parts; ++i) {
      const int32_t n = d.sizes()[i];
      memmove(ctx.output<T>(i) + static_cast<size_t>(o) * static_cast<size_t>(n), in, sizeof(T) * static_cast<size_t>(n));
      in += n;
    }
  }
  return Status::Ok();
}

// SPLIT / SPLIT_V: every output has the input's shape except along `axis`, where the outputs'
// sizes add up to the input's. Allocates and fills the parts (one per output).
inline Status PrepareSplitAlongAxis(PrepareContext& ctx, int input_index, int axis) {
  const TensorView input = ctx.input(input_index);
  const int rank = input.rank();
  const int32_t inner = DimProduct(input, axis + 1, rank);
  PartsData* data = AllocateParts(ctx, ctx.num_outputs());
  if (data == nullptr) return ctx.ArenaExhausted();
  data->split_input = input_index;
  data->outer = DimProduct(input, 0, axis);
  int64_t total = 0;
  for (int i = 0; i < ctx.num_outputs(); ++i) {
    const TensorView out = ctx.output(i);
    TINYRT_RETURN_IF_ERROR(CheckCopyTypes(ctx, input, out));
    TINYRT_PREPARE_CHECK(ctx, out.rank() == rank, "output " << i << " has rank " << out.rank() << ", input " << rank);
    for (int k = 0; k < rank; ++k) {
      TINYRT_PREPARE_CHECK(ctx, k == axis || out.dim(k) == input.dim(k),
                           "output " << i << " dimension " << k << " is " << out.dim(k) << ", input " << input.dim(k));
    }
    total += out.dim(axis);
    data->sizes()[i] = out.dim(axis) * inner;
  }
  TINYRT_PREPARE_CHECK(ctx, total == input.dim(axis),
                       "outputs add up to " << total << " along axis " << axis << ", input has " << input.dim(axis));
  ctx.SelectVariant(ElementSizeVariant(input.type()));
  return Status::Ok();
}

// ---- Row gathers (GATHER, EMBEDDING_LOOKUP): out[b, o, c, :] = params[b, o, indices[b, c], :]
// with rows of `inner` elements. Constant indices are range-checked in Prepare; indices computed
// at run time are checked as they are read (an out-of-range index fails the Invoke).
struct GatherData {
  int32_t batch;      // product of the batch dimensions
  int32_t outer;      // product of params' dimensions between the batch dimensions and the axis
  int32_t axis_size;  // params' dimension along the axis
  int32_t inner;      // elements per row
  int32_t coords;     // indices per batch
  int32_t params_input;
  int32_t indices_input;
  int32_t indices_int64;
  int32_t check_range;  // 1: indices are not constant
};

// Fails unless every constant index is in [0, axis_size).
inline Status CheckConstantIndices(PrepareContext& ctx, const TensorView& indices, int32_t axis_size, GatherData* data) {
  data->indices_int64 = indices.type() == TensorType::kInt64 ? 1 : 0;
  data->check_range = IsConstant(indices) ? 0 : 1;
  if (data->check_range) return Status::Ok();
  for (size_t i = 0; i < indices.elements(); ++i) {
    const int64_t v = IndexAt(indices, i);
    TINYRT_PREPARE_CHECK(ctx, v >= 0 && v < axis_size, "index " << v << " is out of range [0, " << axis_size << ")");
  }
  return Status::Ok();
}

template <typename T>
Status EvalGather(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<GatherData>();
  const T* params = ctx.input<T>(d.params_input);
  const int32_t* idx32 = ctx.input<int32_t>(d.indices_input);
  const int64_t* idx64 = ctx.input<int64_t>(d.indices_input);
  T* out = ctx.output<T>(0);
  const size_t row_bytes = sizeof(T) * static_cast<size_t>(d.inner);
  for (int32_t b = 0; b < d.batch; ++b) {
    for (int32_t o = 0; o < d.outer; ++o) {
      const T* block = params + (static_cast<size_t>(b) * static_cast<size_t>(d.outer) + static_cast<size_t>(o)) *
                                    static_cast<size_t>(d.axis_size) * static_cast<size_t>(d.inner);
      for (int32_t c = 0; c < d.coords; ++c) {
        const size_t k = static_cast<size_t>(b) * static_cast<size_t>(d.coords) + static_cast<size_t>(c);
        const int64_t index = d.indices_int64 ? idx64[k] : idx32[k];
        if (d.check_range && (index < 0 || index >= d.axis_size)) {
          return Status(StatusCode::kInvalidArgument, TINYRT_MSG("gather index out of range"));
        }
        memmove(out, block + static_cast<size_t>(index) * static_cast<size_t>(d.inner), row_bytes);
        out += d.inner;
      }
    }
  }
  return Status::Ok();
}

// ---- SPACE_TO_BATCH_ND / BATCH_TO_SPACE_ND on [batch, height, width, depth] (3-D inputs are
// [batch, height, 1, depth]). `space` is the side with the spatial extent (space_to_batch's
// input, batch_to_space's output, before padding / after cropping).
struct SpaceBatchData {
  int32_t space_batch;
  int32_t space_height;
  int32_t space_width;
  int32_t depth;
  int32_t block_height;
  int32_t block_width;
  int32_t batch_height;  // spatial size on the batch side
  int32_t batch_width;
  int32_t pad_top;  // padding (space_to_batch) or crop (batch_to_space)
  int32_t pad_left;
  int32_t pad_value;  // space_to_batch: stored value of real 0 (the output zero point)
};

// Reads block_shape (input 1) and paddings/crops (input 2), checks the shapes and fills `data`.
// `to_batch`: the op is SPACE_TO_BATCH_ND.
inline Status PrepareSpaceBatch(PrepareContext& ctx, bool to_batch) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 3, 1));
  const TensorView input = ctx.input(0);
  const TensorView block = ctx.input(1);
  const TensorView pads = ctx.input(2);
  const TensorView output = ctx.output(0);
  const char* const pads_name = to_batch ? "paddings" : "crops";
  TINYRT_RETURN_IF_ERROR(CheckCopyTypes(ctx, input, output));
  TINYRT_RETURN_IF_ERROR(RequireConstantIndices(ctx, block, "block_shape"));
  TINYRT_RETURN_IF_ERROR(RequireConstantIndices(ctx, pads, pads_name));
  const int rank = input.rank();
  TINYRT_PREPARE_CHECK(ctx, rank == 3 || rank == 4, "input must be 3-D or 4-D, has rank " << rank);
  const int spatial = rank - 2;
  TINYRT_PREPARE_CHECK(ctx, block.elements() == static_cast<size_t>(spatial) && pads.elements() == static_cast<size_t>(2 * spatial),
                       "block_shape must hold " << spatial << " values and " << pads_name << " " << 2 * spatial);
  int64_t b[2] = {1, 1};
  int64_t p[4] = {0, 0, 0, 0};
  for (int i = 0; i < spatial; ++i) {
    b[i] = IndexAt(block, static_cast<size_t>(i));
    p[2 * i] = IndexAt(pads, static_cast<size_t>(2 * i));
    p[2 * i + 1] = IndexAt(pads, static_cast<size_t>(2 * i + 1));
    TINYRT_PREPARE_CHECK(
        ctx, b[i] >= 1 && b[i] <= 65536 && p[2 * i] >= 0 && p[2 * i + 1] >= 0 && p[2 * i] <= INT32_MAX / 2 && p[2 * i + 1] <= INT32_MAX / 2,
        "block_shape must be positive and " << pads_name << " non-negative");
  }
  const TensorView& batch_side = to_batch ? output : input;
  const TensorView& space_side = to_batch ? input : output;
  TINYRT_PREPARE_CHECK(ctx, output.rank() == rank, "output has rank " << output.rank() << ", input " << rank);
  auto* d = ctx.AllocateOpData<SpaceBatchData>();
  if (d == nullptr) return ctx.ArenaExhausted();
  d->block_height = static_cast<int32_t>(b[0]);
  d->block_width = static_cast<int32_t>(b[1]);
  d->pad_top = static_cast<int32_t>(p[0]);
  d->pad_left = static_cast<int32_t>(p[2]);
  const int64_t blocks = b[0] * b[1];
  const int32_t in_batch = input.dim(0);
  const int32_t in_h = input.dim(1);
  const int32_t in_w = rank == 4 ? input.dim(2) : 1;
  const int32_t depth = input.dim(rank - 1);
  int64_t want[4];
  if (to_batch) {
    const int64_t padded_h = in_h + p[0] + p[1];
    const int64_t padded_w = in_w + p[2] + p[3];
    TINYRT_PREPARE_CHECK(ctx, padded_h <= INT32_MAX && padded_w <= INT32_MAX, "padded spatial size is too large");
    TINYRT_PREPARE_CHECK(ctx, padded_h % b[0] == 0 && padded_w % b[1] == 0, "padded spatial size is not a multiple of block_shape");
    want[0] = in_batch * blocks;
    want[1] = padded_h / b[0];
    want[2] = padded_w / b[1];
  } else {
    TINYRT_PREPARE_CHECK(ctx, in_batch % blocks == 0, "input batch " << in_batch << " is not a multiple of the block size " << blocks);
    TINYRT_PREPARE_CHECK(ctx, in_h * b[0] <= INT32_MAX && in_w * b[1] <= INT32_MAX, "uncropped spatial size is too large");
    want[0] = in_batch / blocks;
    want[1] = in_h * b[0] - p[0] - p[1];
    want[2] = in_w * b[1] - p[2] - p[3];
    TINYRT_PREPARE_CHECK(ctx, want[1] >= 0 && want[2] >= 0, "crops exceed the spatial size");
  }
  want[3] = depth;
  for (int i = 0; i < rank; ++i) {
    const int64_t w = rank == 4 ? want[i] : want[i == 2 ? 3 : i];
    TINYRT_PREPARE_CHECK(ctx, output.dim(i) == w, "output dimension " << i << " is " << output.dim(i) << ", expected " << w);
  }
  d->space_batch = space_side.dim(0);
  d->space_height = space_side.dim(1);
  d->space_width = rank == 4 ? space_side.dim(2) : 1;
  d->depth = depth;
  d->batch_height = batch_side.dim(1);
  d->batch_width = rank == 4 ? batch_side.dim(2) : 1;
  d->pad_value = HasScale(output) ? output.zero_point() : 0;
  ctx.SelectVariant(ElementSizeVariant(input.type()));
  return Status::Ok();
}

// Calls f(batch_offset, space_offset) for every pixel of the batch side in order (offsets in
// elements of the first channel), space_offset -1 where the pixel falls in the padding / crop.
template <typename F>
void ForEachBatchPixel(const SpaceBatchData& d, F f) {
  const int32_t batches = d.space_batch * d.block_height * d.block_width;
  int32_t batch_offset = 0;
  for (int32_t b = 0; b < batches; ++b) {
    const int32_t n = b % d.space_batch;
    const int32_t block = b / d.space_batch;
    const int32_t block_row = block / d.block_width;
    const int32_t block_col = block % d.block_width;
    for (int32_t y = 0; y < d.batch_height; ++y) {
      const int32_t sy = y * d.block_height + block_row - d.pad_top;
      for (int32_t x = 0; x < d.batch_width; ++x) {
        const int32_t sx = x * d.block_width + block_col - d.pad_left;
        const bool inside = sy >= 0 && sy < d.space_height && sx >= 0 && sx < d.space_width;
        f(batch_offset, inside ? ((n * d.space_height + sy) * d.space_width + sx) * d.depth : -1);
        batch_offset += d.depth;
      }
    }
  }
}

// ---- Same bytes, new shape (RESHAPE-like views: EXPAND_DIMS, SQUEEZE).
struct ByteCopyData {
  uint32_t bytes;
};

inline Status PrepareByteCopy(PrepareContext& ctx, const TensorView& input) {
  auto* data = ctx.AllocateOpData<ByteCopyData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->bytes = static_cast<uint32_t>(input.bytes());
  return Status::Ok();
}

inline Status EvalByteCopy(const EvalContext& ctx) {
  const uint8_t* input = ctx.input<uint8_t>(0);
  uint8_t* output = ctx.output<uint8_t>(0);
  if (input != output) memcpy(output, input, ctx.op_data<ByteCopyData>()->bytes);
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt
