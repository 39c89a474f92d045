// SPDX-License-Identifier: Apache-2.0
// SignalFilterBankLog (TFLM signal library): output = min(ln(input << input_correction_bits) *
// output_scale, INT16_MAX) in TFLM's fixed-point log, 0 for inputs whose shifted value is <= 1.
#include "src/kernels/signal_util.h"
#include "src/math/signal_math.h"

namespace tinyrt {
namespace kernels {
namespace {

struct FilterBankLogData {
  int32_t num_channels;
  int32_t input_correction_bits;
  uint32_t output_scale;
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireExactIo(ctx, 1, 1));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "input", input, TensorType::kUInt32));
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "output", output, TensorType::kInt16));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "input", input, 1));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "output", output, 1));
  TINYRT_RETURN_IF_ERROR(RequireElements(ctx, "output", output, input.elements()));
  const CustomOptions options(ctx);
  int32_t correction_bits = 0;
  int32_t output_scale = 0;
  TINYRT_RETURN_IF_ERROR(options.Int("input_correction_bits", 0, 31, &correction_bits));
  TINYRT_RETURN_IF_ERROR(options.Int("output_scale", INT32_MIN, INT32_MAX, &output_scale));
  FilterBankLogData* data = ctx.AllocateOpData<FilterBankLogData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->num_channels = static_cast<int32_t>(input.elements());
  data->input_correction_bits = correction_bits;
  data->output_scale = static_cast<uint32_t>(output_scale);
  return Status::Ok();
}

Status EvalUInt32(const EvalContext& ctx) {
  const FilterBankLogData& d = *ctx.op_data<FilterBankLogData>();
  const uint32_t* input = ctx.input<uint32_t>(0);
  int16_t* output = ctx.output<int16_t>(0);
  for (int32_t i = 0; i < d.num_channels; ++i) {
    const uint32_t scaled = input[i] << d.input_correction_bits;
    if (scaled > 1) {
      const uint32_t log = math::Log32(scaled, d.output_scale);
      output[i] = static_cast<int16_t>(log < static_cast<uint32_t>(INT16_MAX) ? log : static_cast<uint32_t>(INT16_MAX));
    } else {
      output[i] = 0;
    }
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {{EvalUInt32, "reference uint32"}};

}  // namespace

const OpKernel kOp_Custom_SignalFilterBankLog = {Prepare, kVariants, 1, 1};

}  // namespace kernels
}  // namespace tinyrt
