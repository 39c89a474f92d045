// MEAN: the average over the given axes (any subset, negative axes allowed, duplicates ignored),
// keep_dims only changing the output's shape. As in TFLM's reduce.cc, the input is walked in
// order and each element added to its output's running sum, so every output sums its elements
// in increasing input index order (float results depend on that order); float32 then divides by
// the element count in float. int8/int16 use TFLM's QuantizedMeanOrSum for every case (also when
// input and output quantization agree): int32 sums, minus zero point * count, then one
// fixed-point rescale by scale_in / scale_out with 1/count folded into the multiplier
// (multiplier * 2^s / count, s = floor(log2(count)) capped), plus the output zero point.
#include "src/kernels/kernel_util.h"
#include "src/math/fixed_point.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr int kMaxMeanRank = 6;

struct MeanData {
  int32_t input_elements;
  int32_t output_elements;
  int32_t count;  // input elements per output
  // Input shape padded on the left with ones, and the output element stride of each input
  // dimension (0 along reduced axes).
  int32_t in_dims[kMaxMeanRank];
  int32_t out_strides[kMaxMeanRank];
  // int8/int16
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t multiplier;  // scale_in / scale_out / count
  int32_t shift;
  uint32_t sums_handle;  // int32 scratch, one per output
};

// Adds each input element to its output's sum, walking the input in order.
template <typename In, typename Acc, typename Add>
void SumInto(const MeanData& d, const In* input, Acc* sums, const Add& add) {
  for (int32_t o = 0; o < d.output_elements; ++o) sums[o] = Acc();
  int32_t index[kMaxMeanRank] = {0, 0, 0, 0, 0, 0};
  int32_t out = 0;
  for (int32_t i = 0; i < d.input_elements; ++i) {
    sums[out] = add(sums[out], input[i]);
    for (int k = kMaxMeanRank - 1; k >= 0; --k) {
      out += d.out_strides[k];
      if (++index[k] < d.in_dims[k]) break;
      out -= d.out_strides[k] * d.in_dims[k];
      index[k] = 0;
    }
  }
}

Status EvalFloat(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<MeanData>();
  float* output = ctx.output<float>(0);
  // The output doubles as the accumulator, as in TFLM.
  SumInto(d, ctx.input<float>(0), output, [](float sum, float v) { return sum + v; });
  if (d.count > 0) {
    const float count = static_cast<float>(d.count);
    for (int32_t o = 0; o < d.output_elements; ++o) output[o] = output[o] / count;
  }
  return Status::Ok();
}

template <typename T>
Status EvalQuantized(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<MeanData>();
  T* output = ctx.output<T>(0);
  if (d.count == 0) {  // TFLM leaves zeros when there is nothing to average
    for (int32_t o = 0; o < d.output_elements; ++o) output[o] = 0;
    return Status::Ok();
  }
  auto* sums = reinterpret_cast<int32_t*>(ctx.scratch(d.sums_handle));
  // int32 wrap-around, as TFLM's AddTensorValuesWithExpectedOverflow.
  SumInto(d, ctx.input<T>(0), sums,
          [](int32_t sum, T v) { return static_cast<int32_t>(static_cast<uint32_t>(sum) + static_cast<uint32_t>(static_cast<int32_t>(v))); });
  const int32_t qmin = math::QuantizedMin(sizeof(T) == 1 ? TensorType::kInt8 : TensorType::kInt16);
  const int32_t qmax = math::QuantizedMax(sizeof(T) == 1 ? TensorType::kInt8 : TensorType::kInt16);
  const int64_t zero_point_sum = static_cast<int64_t>(d.input_zero_point) * d.count;
  for (int32_t o = 0; o < d.output_elements; ++o) {
    const int32_t centred = static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(sums[o] - zero_point_sum)));
    const int32_t q = math::WrappingAdd(math::MultiplyByQuantizedMultiplier(centred, d.multiplier, d.shift), d.output_zero_point);
    output[o] = static_cast<T>(math::Clamp(q, qmin, qmax));
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    {EvalFloat, "reference float32"},
    {EvalQuantized<int8_t>, "reference int8"},
    {EvalQuantized<int16_t>, "reference int16"},
};

int FloorLog2(uint32_t x) {
  int log = -1;
  while (x != 0) {
    x >>= 1;
    ++log;
  }
  return log;
}

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView input = ctx.input(0);
  const TensorView axis = ctx.input(1);
  const TensorView output = ctx.output(0);
  const TensorType type = input.type();
  if (type != TensorType::kFloat32 && type != TensorType::kInt8 && type != TensorType::kInt16) {
    return TypeError(ctx, "input", type) << " (supported: float32, int8, int16)";
  }
  TINYRT_PREPARE_CHECK(ctx, output.type() == type, "output type " << TensorTypeName(output.type()) << " differs from input type " << TensorTypeName(type));
  const int rank = input.rank();
  TINYRT_PREPARE_CHECK(ctx, rank <= kMaxMeanRank, "input rank " << rank << " is above " << kMaxMeanRank);
  TINYRT_PREPARE_CHECK(ctx, axis.type() == TensorType::kInt32 || axis.type() == TensorType::kInt64,
                       "axis type " << TensorTypeName(axis.type()) << " is not supported (int32, int64)");
  TINYRT_PREPARE_CHECK(ctx, axis.raw() != nullptr, "axis must be a constant tensor");

  // Resolve the axes: negative ones count from the end, duplicates are ignored.
  bool reduced[kMaxMeanRank] = {false, false, false, false, false, false};
  for (size_t i = 0; i < axis.elements(); ++i) {
    int64_t a = axis.type() == TensorType::kInt32 ? axis.data<int32_t>()[i] : axis.data<int64_t>()[i];
    if (a < 0) a += rank;
    TINYRT_PREPARE_CHECK(ctx, a >= 0 && a < rank, "axis " << static_cast<int32_t>(a < 0 ? a - rank : a) << " is out of range for rank " << rank);
    reduced[a] = true;
  }

  auto* data = ctx.AllocateOpData<MeanData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  const int pad = kMaxMeanRank - rank;
  int64_t count = 1;
  int64_t outputs = 1;
  int32_t stride = 1;
  for (int k = kMaxMeanRank - 1; k >= 0; --k) {
    const int32_t dim = k < pad ? 1 : input.dim(k - pad);
    const bool is_reduced = k >= pad && reduced[k - pad];
    data->in_dims[k] = dim;
    data->out_strides[k] = is_reduced ? 0 : stride;
    if (is_reduced) {
      count *= dim;
    } else {
      stride *= dim;
      outputs *= dim;
    }
  }
  TINYRT_PREPARE_CHECK(ctx, static_cast<size_t>(outputs) == output.elements(),
                       "output has " << static_cast<uint64_t>(output.elements()) << " elements, the reduction gives " << static_cast<int32_t>(outputs));
  data->input_elements = static_cast<int32_t>(input.elements());
  data->output_elements = static_cast<int32_t>(outputs);
  data->count = input.elements() == 0 ? 0 : static_cast<int32_t>(count);

  if (type == TensorType::kFloat32) {
    ctx.SelectVariant(0);
    return Status::Ok();
  }
  TINYRT_PREPARE_CHECK(ctx, HasScale(input) && HasScale(output) && input.scale() > 0.0f && output.scale() > 0.0f,
                       "quantized tensors need positive quantization scales");
  data->input_zero_point = input.zero_point();
  data->output_zero_point = output.zero_point();
  int32_t multiplier = 0;
  int shift = 0;
  math::QuantizeMultiplier(static_cast<double>(input.scale()) / static_cast<double>(output.scale()), &multiplier, &shift);
  TINYRT_PREPARE_CHECK(ctx, ValidMultiplierShift(shift), "input/output scale ratio is out of range");
  if (data->count > 0) {
    // Fold 1/count in: s = floor(log2(count)), at most 32 and at most 31 + shift so the result
    // stays a valid MultiplyByQuantizedMultiplier shift (TFLM's QuantizedMeanOrSum).
    int s = FloorLog2(static_cast<uint32_t>(data->count));
    if (s > 32) s = 32;
    if (s > 31 + shift) s = 31 + shift;
    TINYRT_PREPARE_CHECK(ctx, s >= 0, "input/output scale ratio is too small");
    multiplier = static_cast<int32_t>((static_cast<int64_t>(multiplier) << s) / data->count);
    shift -= s;
  }
  data->multiplier = multiplier;
  data->shift = shift;
  TINYRT_RETURN_IF_ERROR(ctx.RequestScratch(sizeof(int32_t) * static_cast<size_t>(outputs), &data->sums_handle));
  ctx.SelectVariant(type == TensorType::kInt8 ? 1 : 2);
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_MEAN = {Prepare, kVariants, 3, 3};

}  // namespace kernels
}  // namespace tinyrt
