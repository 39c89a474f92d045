// SPDX-License-Identifier: Apache-2.0
// BATCH_MATMUL: out[..., m, n] = sum_k lhs[..., m, k] * rhs[..., k, n] over up to three batch
// dimensions that broadcast (numpy rules), with adj_x / adj_y reading lhs / rhs transposed in
// place. float32 (k summed in ascending order, as TFLite), int8 (int32 accumulator) and int16
// (int64 accumulator, zero points 0), requantized with one multiplier as TFLite does.
#include "src/kernels/kernel_util.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr int kBatchDims = 3;

struct BatchMatMulData {
  int32_t batch[kBatchDims];       // output batch dimensions (rank extended to 5)
  int32_t lhs_stride[kBatchDims];  // elements between batches, 0 where lhs broadcasts
  int32_t rhs_stride[kBatchDims];
  int32_t rows;   // m
  int32_t cols;   // n
  int32_t depth;  // k
  int32_t adj_x;
  int32_t adj_y;
  int32_t lhs_offset;  // -zero points
  int32_t rhs_offset;
  int32_t output_offset;
  int32_t multiplier;
  int32_t shift;
};

// Dimension i of t's shape padded on the left with ones to 5 dimensions.
int32_t Dim5(const TensorView& t, int i) {
  const int pad = 5 - t.rank();
  return i < pad ? 1 : t.dim(i - pad);
}

// Batch strides of t (in elements), 0 along dimensions of extent 1 so they broadcast.
void BatchStrides(const TensorView& t, int32_t* strides) {
  int32_t stride = Dim5(t, 3) * Dim5(t, 4);
  for (int i = kBatchDims - 1; i >= 0; --i) {
    strides[i] = Dim5(t, i) == 1 ? 0 : stride;
    stride *= Dim5(t, i);
  }
}

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView lhs = ctx.input(0);
  const TensorView rhs = ctx.input(1);
  const TensorView output = ctx.output(0);
  const auto* options = ctx.options<tflite::BatchMatMulOptions>(tflite::BuiltinOptions_BatchMatMulOptions);
  const bool adj_x = options != nullptr && options->adj_x();
  const bool adj_y = options != nullptr && options->adj_y();
  const TensorType type = lhs.type();
  if (type != TensorType::kFloat32 && type != TensorType::kInt8 && type != TensorType::kInt16) {
    return TypeError(ctx, "input", type) << " (supported: float32, int8, int16)";
  }
  TINYRT_PREPARE_CHECK(ctx, rhs.type() == type && output.type() == type,
                       "inputs and output must have one type, have " << TensorTypeName(type) << ", " << TensorTypeName(rhs.type())
                                                                     << " and " << TensorTypeName(output.type()));
  TINYRT_PREPARE_CHECK(ctx, lhs.rank() >= 2 && lhs.rank() <= 5 && rhs.rank() >= 2 && rhs.rank() <= 5,
                       "input ranks must be 2 to 5, are " << lhs.rank() << " and " << rhs.rank());
  const int32_t rows = adj_x ? Dim5(lhs, 4) : Dim5(lhs, 3);
  const int32_t depth = adj_x ? Dim5(lhs, 3) : Dim5(lhs, 4);
  const int32_t rhs_depth = adj_y ? Dim5(rhs, 4) : Dim5(rhs, 3);
  const int32_t cols = adj_y ? Dim5(rhs, 3) : Dim5(rhs, 4);
  TINYRT_PREPARE_CHECK(ctx, depth == rhs_depth, "lhs has inner dimension " << depth << " but rhs " << rhs_depth);
  const int out_rank = lhs.rank() > rhs.rank() ? lhs.rank() : rhs.rank();
  TINYRT_PREPARE_CHECK(ctx, output.rank() == out_rank, "output rank is " << output.rank() << ", expected " << out_rank);

  auto* data = ctx.AllocateOpData<BatchMatMulData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  for (int i = 0; i < kBatchDims; ++i) {
    const int32_t l = Dim5(lhs, i);
    const int32_t r = Dim5(rhs, i);
    TINYRT_PREPARE_CHECK(ctx, l == r || l == 1 || r == 1, "batch dimensions " << l << " and " << r << " do not broadcast");
    data->batch[i] = l == 1 ? r : l;
    TINYRT_PREPARE_CHECK(ctx, Dim5(output, i) == data->batch[i],
                         "output batch dimension " << Dim5(output, i) << " should be " << data->batch[i]);
  }
  TINYRT_PREPARE_CHECK(ctx, Dim5(output, 3) == rows && Dim5(output, 4) == cols,
                       "output matrix is " << Dim5(output, 3) << "x" << Dim5(output, 4) << ", expected " << rows << "x" << cols);
  BatchStrides(lhs, data->lhs_stride);
  BatchStrides(rhs, data->rhs_stride);
  data->rows = rows;
  data->cols = cols;
  data->depth = depth;
  data->adj_x = adj_x ? 1 : 0;
  data->adj_y = adj_y ? 1 : 0;
  if (type != TensorType::kFloat32) {
    TINYRT_PREPARE_CHECK(ctx, lhs.num_scales() == 1 && rhs.num_scales() == 1 && output.num_scales() == 1,
                         "quantized tensors need one (per-tensor) quantization scale each");
    if (type == TensorType::kInt16) {
      TINYRT_PREPARE_CHECK(ctx, lhs.zero_point() == 0 && rhs.zero_point() == 0 && output.zero_point() == 0,
                           "int16 tensors must have zero point 0");
    }
    // |products| <= 255 * 255 (int8, int32 sum) or 32768 * 32768 (int16, int64 sum).
    const int64_t limit = type == TensorType::kInt8 ? INT32_MAX / (255 * 255) : (static_cast<int64_t>(1) << 32);
    TINYRT_PREPARE_CHECK(ctx, depth <= limit, "inner dimension " << depth << " can overflow the accumulator");
    int32_t shift = 0;
    // TFLM (GetQuantizedConvolutionMultipler without a bias): the product lhs * rhs rounded to
    // float first, then divided by the output scale in double. The exact product can give another
    // multiplier, and results that differ by one.
    ConvMultiplier(lhs.scale() * rhs.scale(), 1.0f, output.scale(), &data->multiplier, &shift);
    TINYRT_PREPARE_CHECK(ctx, ValidMultiplierShift(shift), "scale ratio lhs * rhs / output is out of range");
    data->shift = shift;
    data->lhs_offset = -lhs.zero_point();
    data->rhs_offset = -rhs.zero_point();
    data->output_offset = output.zero_point();
  }
  ctx.SelectVariant(type == TensorType::kFloat32 ? 0 : type == TensorType::kInt8 ? 1 : 2);
  return Status::Ok();
}

// Calls f(lhs_matrix, rhs_matrix, out_matrix) for every output batch.
template <typename T, typename F>
void ForEachBatch(const BatchMatMulData& d, const T* lhs, const T* rhs, T* out, F f) {
  const int32_t matrix = d.rows * d.cols;
  for (int32_t b0 = 0; b0 < d.batch[0]; ++b0) {
    for (int32_t b1 = 0; b1 < d.batch[1]; ++b1) {
      for (int32_t b2 = 0; b2 < d.batch[2]; ++b2) {
        const T* l = lhs + b0 * d.lhs_stride[0] + b1 * d.lhs_stride[1] + b2 * d.lhs_stride[2];
        const T* r = rhs + b0 * d.rhs_stride[0] + b1 * d.rhs_stride[1] + b2 * d.rhs_stride[2];
        f(l, r, out);
        out += matrix;
      }
    }
  }
}

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<BatchMatMulData>();
  // Element steps of lhs along (m, k) and rhs along (k, n), transposed or not.
  const int32_t l_m = d.adj_x ? 1 : d.depth, l_k = d.adj_x ? d.rows : 1;
  const int32_t r_k = d.adj_y ? 1 : d.cols, r_n = d.adj_y ? d.depth : 1;
  ForEachBatch<float>(d, ctx.input<float>(0), ctx.input<float>(1), ctx.output<float>(0), [&](const float* l, const float* r, float* out) {
    for (int32_t m = 0; m < d.rows; ++m) {
      for (int32_t n = 0; n < d.cols; ++n) {
        float total = 0.0f;
        for (int32_t k = 0; k < d.depth; ++k) total += l[m * l_m + k * l_k] * r[k * r_k + n * r_n];
        out[m * d.cols + n] = total;
      }
    }
  });
  return Status::Ok();
}

template <typename T, typename Acc>
Status EvalQuantized(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<BatchMatMulData>();
  const int32_t l_m = d.adj_x ? 1 : d.depth, l_k = d.adj_x ? d.rows : 1;
  const int32_t r_k = d.adj_y ? 1 : d.cols, r_n = d.adj_y ? d.depth : 1;
  const int32_t lo = sizeof(T) == 1 ? -128 : -32768;
  const int32_t hi = sizeof(T) == 1 ? 127 : 32767;
  ForEachBatch<T>(d, ctx.input<T>(0), ctx.input<T>(1), ctx.output<T>(0), [&](const T* l, const T* r, T* out) {
    for (int32_t m = 0; m < d.rows; ++m) {
      for (int32_t n = 0; n < d.cols; ++n) {
        Acc total = 0;
        for (int32_t k = 0; k < d.depth; ++k) {
          total += static_cast<Acc>(l[m * l_m + k * l_k] + d.lhs_offset) * static_cast<Acc>(r[k * r_k + n * r_n] + d.rhs_offset);
        }
        const int32_t scaled = math::MultiplyByQuantizedMultiplier(total, d.multiplier, d.shift) + d.output_offset;
        out[m * d.cols + n] = static_cast<T>(math::Clamp(scaled, lo, hi));
      }
    }
  });
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalQuantized<int8_t, int32_t>, "reference int8"},
    {EvalQuantized<int16_t, int64_t>, "reference int16"},
};

}  // namespace

const OpKernel kOp_BATCH_MATMUL = {Prepare, kVariants, 3, 4};

}  // namespace kernels
}  // namespace tinyrt
