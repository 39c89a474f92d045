// SPDX-License-Identifier: Apache-2.0
// CONCATENATION: joins the inputs along `axis` (negative counts from the end). float32, int8,
// uint8, int16, int32, int64 and bool are copied per element size. An int8/int16 input whose
// scale or zero point differs from the output's is requantized as QUANTIZE does (TFLM refuses
// that case): q_out = clamp((q_in - zp_in) * scale_in / scale_out + zp_out) with the ratio as a
// fixed-point multiplier (MultiplyByQuantizedMultiplier's rounding).
#include "src/kernels/data_movement.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr int kMaxInputs = 64;

// After the parts' sizes, when some input needs requantization.
struct Requant {
  int32_t same;  // 1: the input's quantization is the output's, copy
  int32_t multiplier;
  int32_t shift;
  int32_t zero_point;
};
struct RequantHeader {
  int32_t output_zero_point;
  int32_t qmin;
  int32_t qmax;
  const Requant* inputs() const { return reinterpret_cast<const Requant*>(this + 1); }
  Requant* inputs() { return reinterpret_cast<Requant*>(this + 1); }
};

const RequantHeader& Header(const PartsData& d) { return *reinterpret_cast<const RequantHeader*>(d.sizes() + d.num_parts); }

template <typename T>
Status EvalRequantize(const EvalContext& ctx) {
  const auto& d = *ctx.op_data<PartsData>();
  const RequantHeader& h = Header(d);
  T* out = ctx.output<T>(0);
  for (int32_t o = 0; o < d.outer; ++o) {
    for (int32_t i = 0; i < d.num_parts; ++i) {
      const int32_t n = d.sizes()[i];
      const T* in = ctx.input<T>(i) + static_cast<size_t>(o) * static_cast<size_t>(n);
      const Requant& r = h.inputs()[i];
      if (r.same) {
        for (int32_t j = 0; j < n; ++j) out[j] = in[j];
      } else {
        for (int32_t j = 0; j < n; ++j) {
          const int32_t q =
              math::MultiplyByQuantizedMultiplier(static_cast<int32_t>(in[j]) - r.zero_point, r.multiplier, r.shift) + h.output_zero_point;
          out[j] = static_cast<T>(math::Clamp(q, h.qmin, h.qmax));
        }
      }
      out += n;
    }
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {
    TINYRT_ELEMENT_SIZE_VARIANTS(EvalJoin),
    {EvalRequantize<int8_t>, "reference int8 requantize"},
    {EvalRequantize<int16_t>, "reference int16 requantize"},
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 1));
  const int num_inputs = ctx.num_inputs();
  TINYRT_PREPARE_CHECK(ctx, num_inputs <= kMaxInputs, "has " << num_inputs << " inputs; at most " << kMaxInputs << " are supported");
  const TensorView output = ctx.output(0);
  const TensorType type = output.type();
  if (!IsCopyType(type)) return TypeError(ctx, "output", type) << kCopyTypes;
  const auto* options = ctx.options<tflite::ConcatenationOptions>(tflite::BuiltinOptions_ConcatenationOptions);
  TINYRT_PREPARE_CHECK(ctx, options == nullptr || options->fused_activation_function() == tflite::ActivationFunctionType_NONE,
                       "fused activations are not supported");
  const int rank = output.rank();
  int axis = 0;
  TINYRT_PREPARE_CHECK(ctx, ResolveAxis(options != nullptr ? options->axis() : 0, rank, &axis),
                       "axis " << (options != nullptr ? options->axis() : 0) << " is out of range for rank " << rank);
  const bool quantized = type == TensorType::kInt8 || type == TensorType::kInt16;
  bool requantize = false;
  for (int i = 0; i < num_inputs; ++i) {
    TINYRT_PREPARE_CHECK(ctx, ctx.has_input(i), "input " << i << " is missing");
    const TensorView in = ctx.input(i);
    if (quantized && in.type() == type && !SameQuantization(in, output)) {
      TINYRT_PREPARE_CHECK(ctx, HasScale(in) && HasScale(output) && in.scale() > 0.0f && output.scale() > 0.0f,
                           "input " << i << " and the output need positive quantization scales to requantize");
      requantize = true;
    } else {
      TINYRT_RETURN_IF_ERROR(CheckCopyTypes(ctx, in, output));
    }
  }
  PartsData* data =
      AllocateParts(ctx, num_inputs, requantize ? sizeof(RequantHeader) + sizeof(Requant) * static_cast<size_t>(num_inputs) : 0);
  if (data == nullptr) return ctx.ArenaExhausted();
  data->outer = DimProduct(output, 0, axis);
  const int32_t inner = DimProduct(output, axis + 1, rank);
  int64_t axis_total = 0;
  for (int i = 0; i < num_inputs; ++i) {
    const TensorView in = ctx.input(i);
    TINYRT_PREPARE_CHECK(ctx, in.rank() == rank, "input " << i << " has rank " << in.rank() << ", output " << rank);
    for (int d = 0; d < rank; ++d) {
      TINYRT_PREPARE_CHECK(ctx, d == axis || in.dim(d) == output.dim(d),
                           "input " << i << " dimension " << d << " is " << in.dim(d) << ", output " << output.dim(d));
    }
    axis_total += in.dim(axis);
    data->sizes()[i] = in.dim(axis) * inner;
  }
  TINYRT_PREPARE_CHECK(ctx, axis_total == output.dim(axis),
                       "inputs add up to " << axis_total << " along axis " << axis << ", output has " << output.dim(axis));
  if (!requantize) {
    ctx.SelectVariant(ElementSizeVariant(type));
    return Status::Ok();
  }
  auto& header = *reinterpret_cast<RequantHeader*>(data->sizes() + num_inputs);
  header.output_zero_point = output.zero_point();
  header.qmin = math::QuantizedMin(type);
  header.qmax = math::QuantizedMax(type);
  for (int i = 0; i < num_inputs; ++i) {
    const TensorView in = ctx.input(i);
    Requant& r = header.inputs()[i];
    r.same = in.scale() == output.scale() && in.zero_point() == output.zero_point() ? 1 : 0;
    r.zero_point = in.zero_point();
    ConvMultiplier(in.scale(), 1.0f, output.scale(), &r.multiplier, &r.shift);
    TINYRT_PREPARE_CHECK(ctx, ValidMultiplierShift(r.shift),
                         "input " << i << "/output scale ratio " << in.scale() / output.scale() << " is out of range" << kScaleRatioRange);
  }
  ctx.SelectVariant(type == TensorType::kInt8 ? 4 : 5);
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_CONCATENATION = {Prepare, kVariants, 6, 4};

}  // namespace kernels
}  // namespace tinyrt
