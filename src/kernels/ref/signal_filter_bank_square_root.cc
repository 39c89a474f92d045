// SPDX-License-Identifier: Apache-2.0
// SignalFilterBankSquareRoot (TFLM signal library): rounded integer square root of each uint64
// channel, shifted right by the scale bits (input 1, an int32 scalar, usually from
// SignalFftAutoScale) to undo the FFT's input scaling.
#include "src/kernels/signal_util.h"
#include "src/math/signal_math.h"

namespace tinyrt {
namespace kernels {
namespace {

struct FilterBankSquareRootData {
  int32_t num_channels;
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireExactIo(ctx, 2, 1));
  const TensorView input = ctx.input(0);
  const TensorView scale_bits = ctx.input(1);
  const TensorView output = ctx.output(0);
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "input", input, TensorType::kUInt64));
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "scale bits (input 1)", scale_bits, TensorType::kInt32));
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "output", output, TensorType::kUInt32));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "input", input, 1));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "scale bits (input 1)", scale_bits, 0));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "output", output, 1));
  TINYRT_RETURN_IF_ERROR(RequireElements(ctx, "output", output, input.elements()));
  FilterBankSquareRootData* data = ctx.AllocateOpData<FilterBankSquareRootData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->num_channels = static_cast<int32_t>(input.elements());
  return Status::Ok();
}

Status EvalUInt64(const EvalContext& ctx) {
  const int32_t num_channels = ctx.op_data<FilterBankSquareRootData>()->num_channels;
  const uint64_t* input = ctx.input<uint64_t>(0);
  const uint32_t shift = static_cast<uint32_t>(*ctx.input<int32_t>(1));
  uint32_t* output = ctx.output<uint32_t>(0);
  for (int32_t i = 0; i < num_channels; ++i) {
    const uint32_t root = math::Sqrt64(input[i]);
    output[i] = shift < 32 ? root >> shift : 0;  // a shift of 32 or more (or negative) leaves nothing
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {{EvalUInt64, "reference uint64"}};

}  // namespace

const OpKernel kOp_Custom_SignalFilterBankSquareRoot = {Prepare, kVariants, 1, 1};

}  // namespace kernels
}  // namespace tinyrt
