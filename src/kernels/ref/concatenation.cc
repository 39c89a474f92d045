// CONCATENATION: joins the inputs along `axis` (negative counts from the end). A pure copy, so
// one type-agnostic kernel serves float32, int8, int16, int32, int64 and bool; quantized inputs
// must share the output's scale and zero point (TFLM does not rescale either).
#include <string.h>

#include "src/kernels/kernel_util.h"

namespace tinyrt {
namespace kernels {
namespace {

constexpr int kMaxInputs = 10;  // TFLM's limit

struct ConcatenationData {
  int32_t outer;  // product of the dimensions before the axis
  int32_t num_inputs;
  int32_t copy_bytes[kMaxInputs];  // bytes each input contributes per outer index
};

bool Supported(TensorType t) {
  return t == TensorType::kFloat32 || t == TensorType::kInt8 || t == TensorType::kInt16 || t == TensorType::kInt32 ||
         t == TensorType::kInt64 || t == TensorType::kBool;
}

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 1));
  const int num_inputs = ctx.num_inputs();
  TINYRT_PREPARE_CHECK(ctx, num_inputs <= kMaxInputs, "has " << num_inputs << " inputs; at most " << kMaxInputs << " are supported");
  const TensorView output = ctx.output(0);
  const TensorType type = output.type();
  if (!Supported(type)) return TypeError(ctx, "output", type) << " (supported: float32, int8, int16, int32, int64, bool)";
  const auto* options = ctx.options<tflite::ConcatenationOptions>(tflite::BuiltinOptions_ConcatenationOptions);
  TINYRT_PREPARE_CHECK(ctx, options == nullptr || options->fused_activation_function() == tflite::ActivationFunctionType_NONE,
                       "fused activations are not supported");
  const int rank = output.rank();
  int axis = options != nullptr ? options->axis() : 0;
  if (axis < 0) axis += rank;
  TINYRT_PREPARE_CHECK(ctx, axis >= 0 && axis < rank, "axis " << (options != nullptr ? options->axis() : 0) << " is out of range for rank " << rank);
  int32_t outer = 1;
  int32_t inner = 1;
  for (int d = 0; d < axis; ++d) outer *= output.dim(d);
  for (int d = axis + 1; d < rank; ++d) inner *= output.dim(d);
  ConcatenationData* data = ctx.AllocateOpData<ConcatenationData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  int32_t axis_total = 0;
  const size_t element = TensorTypeSize(type);
  for (int i = 0; i < num_inputs; ++i) {
    TINYRT_PREPARE_CHECK(ctx, ctx.has_input(i), "input " << i << " is missing");
    const TensorView in = ctx.input(i);
    TINYRT_PREPARE_CHECK(ctx, in.type() == type, "input " << i << " has type " << TensorTypeName(in.type()) << ", output " << TensorTypeName(type));
    TINYRT_PREPARE_CHECK(ctx, in.rank() == rank, "input " << i << " has rank " << in.rank() << ", output " << rank);
    for (int d = 0; d < rank; ++d) {
      TINYRT_PREPARE_CHECK(ctx, d == axis || in.dim(d) == output.dim(d),
                           "input " << i << " dimension " << d << " is " << in.dim(d) << ", output " << output.dim(d));
    }
    if (type == TensorType::kInt8 || type == TensorType::kInt16) {
      TINYRT_PREPARE_CHECK(ctx, HasScale(in) && HasScale(output) && in.scale() == output.scale() && in.zero_point() == output.zero_point(),
                           "input " << i << " must have the output's scale and zero point");
    }
    axis_total += in.dim(axis);
    data->copy_bytes[i] = static_cast<int32_t>(static_cast<size_t>(in.dim(axis)) * static_cast<size_t>(inner) * element);
  }
  TINYRT_PREPARE_CHECK(ctx, axis_total == output.dim(axis),
                       "inputs add up to " << axis_total << " along axis " << axis << ", output has " << output.dim(axis));
  data->outer = outer;
  data->num_inputs = num_inputs;
  return Status::Ok();
}

Status Eval(const EvalContext& ctx) {
  const ConcatenationData& d = *ctx.op_data<ConcatenationData>();
  uint8_t* out = ctx.output<uint8_t>(0);
  for (int32_t o = 0; o < d.outer; ++o) {
    for (int32_t i = 0; i < d.num_inputs; ++i) {
      const size_t bytes = static_cast<size_t>(d.copy_bytes[i]);
      memcpy(out, ctx.input<uint8_t>(i) + static_cast<size_t>(o) * bytes, bytes);
      out += bytes;
    }
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {{Eval, "reference"}};

}  // namespace

const OpKernel kOp_CONCATENATION = {Prepare, kVariants, 1, 4};

}  // namespace kernels
}  // namespace tinyrt
