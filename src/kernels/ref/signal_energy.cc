// SPDX-License-Identifier: Apache-2.0
// SignalEnergy (TFLM signal library): |X[i]|^2 = re^2 + im^2 of int16 complex bins (interleaved)
// for start_index <= i < end_index, as uint32. Bins outside the range are set to 0 (TFLM leaves
// them unwritten; models slice them away).
#include "src/kernels/signal_util.h"

namespace tinyrt {
namespace kernels {
namespace {

struct EnergyData {
  int32_t start;
  int32_t end;
  int32_t size;  // output elements
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireExactIo(ctx, 1, 1));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "input", input, TensorType::kInt16));
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "output", output, TensorType::kUInt32));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "input", input, 1));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "output", output, 1));
  const CustomOptions options(ctx);
  int32_t start = 0;
  int32_t end = 0;
  TINYRT_RETURN_IF_ERROR(options.Int("start_index", 0, INT32_MAX, &start));
  TINYRT_RETURN_IF_ERROR(options.Int("end_index", 0, INT32_MAX, &end));
  const int32_t bins = static_cast<int32_t>(input.elements() / 2);
  const int32_t size = static_cast<int32_t>(output.elements());
  TINYRT_PREPARE_CHECK(
      ctx, start <= end && end <= bins && end <= size,
      "bins [" << start << ", " << end << ") do not fit an input of " << bins << " complex bins and an output of " << size);
  EnergyData* data = ctx.AllocateOpData<EnergyData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->start = start;
  data->end = end;
  data->size = size;
  return Status::Ok();
}

Status EvalInt16(const EvalContext& ctx) {
  const EnergyData& d = *ctx.op_data<EnergyData>();
  const int16_t* input = ctx.input<int16_t>(0);
  uint32_t* output = ctx.output<uint32_t>(0);
  for (int32_t i = 0; i < d.start; ++i) output[i] = 0;
  for (int32_t i = d.start; i < d.end; ++i) {
    const int32_t re = input[2 * i];
    const int32_t im = input[2 * i + 1];
    // Summed in 32 bits: (-32768)^2 * 2 wraps to 2^31 exactly as the reference's int32 sum.
    output[i] = static_cast<uint32_t>(re * re) + static_cast<uint32_t>(im * im);
  }
  for (int32_t i = d.end; i < d.size; ++i) output[i] = 0;
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {{EvalInt16, "reference int16"}};

}  // namespace

const OpKernel kOp_Custom_SignalEnergy = {Prepare, kVariants, 1, 1};

}  // namespace kernels
}  // namespace tinyrt
