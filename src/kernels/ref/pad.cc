// SPDX-License-Identifier: Apache-2.0
// PAD and PADV2 (one kernel, as in TFLM): the input placed inside a larger output with
// paddings[d] = (before, after) elements added along each dimension d, filled with a constant.
// The constant is PADV2's scalar third input when present, else 0 for float32/int32 and the
// output zero point (real 0) for int8/int16. (TFLM pads int16 with a literal 0 rather than the
// zero point; the two agree for int16's required zero point of 0.) Paddings must be constant
// (int32 or int64) so the output shape is static; up to 6 dimensions.
#include <string.h>

#include "src/kernels/kernel_util.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr int kMaxPadRank = 6;

struct PadData {
  // Shapes padded on the left to kMaxPadRank dimensions (extra leading dims: extent 1, no padding).
  int32_t in_dims[kMaxPadRank];
  int32_t out_dims[kMaxPadRank];
  int32_t before[kMaxPadRank];
  int32_t after[kMaxPadRank];
  int32_t rows;           // product of out_dims[0 .. kMaxPadRank-2]
  int32_t default_value;  // int8/int16/int32 pad value without a constant input (float: 0)
};

template <typename T>
void Fill(T* out, int32_t count, T value) {
  for (int32_t i = 0; i < count; ++i) out[i] = value;
}

// Walks the output row by row (innermost dimension); a row either lies in the padding along an
// outer dimension (all pad value) or holds one input row between its before/after padding.
template <typename T>
void PadRows(const PadData& d, const T* input, T* output, T value) {
  constexpr int kOuter = kMaxPadRank - 1;
  const int32_t out_row = d.out_dims[kOuter];
  const int32_t in_row = d.in_dims[kOuter];
  int32_t index[kOuter] = {0, 0, 0, 0, 0};
  for (int32_t r = 0; r < d.rows; ++r) {
    T* out = output + static_cast<size_t>(r) * static_cast<size_t>(out_row);
    bool inside = true;
    int32_t in_offset = 0;
    for (int k = 0; k < kOuter; ++k) {
      const int32_t c = index[k] - d.before[k];
      if (c < 0 || c >= d.in_dims[k]) {
        inside = false;
        break;
      }
      in_offset = in_offset * d.in_dims[k] + c;
    }
    if (!inside) {
      Fill(out, out_row, value);
    } else {
      Fill(out, d.before[kOuter], value);
      memcpy(out + d.before[kOuter], input + static_cast<size_t>(in_offset) * static_cast<size_t>(in_row),
             sizeof(T) * static_cast<size_t>(in_row));
      Fill(out + d.before[kOuter] + in_row, d.after[kOuter], value);
    }
    for (int k = kOuter - 1; k >= 0; --k) {
      if (++index[k] < d.out_dims[k]) break;
      index[k] = 0;
    }
  }
}

template <typename T>
Status Eval(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<PadData>();
  const T value = ctx.has_input(2) ? *ctx.input<T>(2) : static_cast<T>(d.default_value);
  PadRows<T>(d, ctx.input<T>(0), ctx.output<T>(0), value);
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {Eval<float>, "reference float32"},
    {Eval<int8_t>, "reference int8"},
    {Eval<int16_t>, "reference int16"},
    {Eval<int32_t>, "reference int32"},
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView input = ctx.input(0);
  const TensorView paddings = ctx.input(1);
  const TensorView output = ctx.output(0);
  const TensorType type = input.type();
  uint8_t variant = 0;
  switch (type) {
    case TensorType::kFloat32: variant = 0; break;
    case TensorType::kInt8: variant = 1; break;
    case TensorType::kInt16: variant = 2; break;
    case TensorType::kInt32: variant = 3; break;
    default: return TypeError(ctx, "input", type) << " (supported: float32, int8, int16, int32)";
  }
  TINYRT_PREPARE_CHECK(ctx, output.type() == type,
                       "output type " << TensorTypeName(output.type()) << " differs from input type " << TensorTypeName(type));
  const int rank = input.rank();
  TINYRT_PREPARE_CHECK(ctx, rank <= kMaxPadRank, "input rank " << rank << " is above " << kMaxPadRank);
  TINYRT_PREPARE_CHECK(ctx, output.rank() == rank, "output rank " << output.rank() << " differs from input rank " << rank);

  // Paddings: a constant [rank, 2] int32/int64 tensor.
  TINYRT_PREPARE_CHECK(ctx, paddings.type() == TensorType::kInt32 || paddings.type() == TensorType::kInt64,
                       "paddings type " << TensorTypeName(paddings.type()) << " is not supported (int32, int64)");
  TINYRT_PREPARE_CHECK(ctx, paddings.raw() != nullptr, "paddings must be a constant tensor");
  TINYRT_PREPARE_CHECK(ctx, paddings.elements() == static_cast<size_t>(2 * rank),
                       "paddings has " << static_cast<uint64_t>(paddings.elements()) << " elements, expected " << 2 * rank);
  auto padding = [&paddings](int i) -> int64_t {
    return paddings.type() == TensorType::kInt32 ? paddings.data<int32_t>()[i] : paddings.data<int64_t>()[i];
  };

  if (ctx.has_input(2)) {
    const TensorView constant = ctx.input(2);
    TINYRT_PREPARE_CHECK(ctx, constant.type() == type,
                         "constant value type " << TensorTypeName(constant.type()) << " differs from input type " << TensorTypeName(type));
    TINYRT_PREPARE_CHECK(ctx, constant.elements() == 1,
                         "constant value must be a scalar, has " << static_cast<uint64_t>(constant.elements()) << " elements");
    if (type == TensorType::kInt8 || type == TensorType::kInt16) {
      // The constant is stored as a quantized value: it must share the output's quantization.
      TINYRT_PREPARE_CHECK(ctx,
                           !constant.is_quantized() || (constant.zero_point() == output.zero_point() && constant.scale() == output.scale()),
                           "constant value quantization differs from the output's");
    }
  }

  auto* data = ctx.AllocateOpData<PadData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  const int pad = kMaxPadRank - rank;
  for (int i = 0; i < kMaxPadRank; ++i) {
    if (i < pad) {
      data->in_dims[i] = data->out_dims[i] = 1;
      data->before[i] = data->after[i] = 0;
      continue;
    }
    const int axis = i - pad;
    const int64_t before = padding(2 * axis);
    const int64_t after = padding(2 * axis + 1);
    TINYRT_PREPARE_CHECK(ctx, before >= 0 && after >= 0, "negative padding on dimension " << axis << " is not supported");
    TINYRT_PREPARE_CHECK(ctx, input.dim(axis) + before + after == output.dim(axis),
                         "output dimension " << axis << " is " << output.dim(axis) << ", expected "
                                             << static_cast<int32_t>(input.dim(axis) + before + after));
    data->in_dims[i] = input.dim(axis);
    data->out_dims[i] = output.dim(axis);
    data->before[i] = static_cast<int32_t>(before);
    data->after[i] = static_cast<int32_t>(after);
  }
  data->rows = 1;
  for (int i = 0; i < kMaxPadRank - 1; ++i) data->rows *= data->out_dims[i];

  data->default_value = 0;
  if ((type == TensorType::kInt8 || type == TensorType::kInt16) && output.is_quantized()) {
    const int32_t zp = output.zero_point();
    TINYRT_PREPARE_CHECK(ctx, zp >= math::QuantizedMin(type) && zp <= math::QuantizedMax(type),
                         "output zero point " << zp << " is outside the " << TensorTypeName(type) << " range");
    data->default_value = zp;
  }
  ctx.SelectVariant(variant);
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_PAD = {Prepare, kVariants, 4, 4};
const OpKernel kOp_PADV2 = {Prepare, kVariants, 4, 4};

}  // namespace kernels
}  // namespace tinyrt
