// SPDX-License-Identifier: Apache-2.0
// SignalFilterBank (TFLM signal library): mel-style triangular filter bank over a uint32 energy
// spectrum. Each spectrum bin adds weight * bin to one channel and unweight * bin (1 - weight)
// to the next, accumulated in uint64. The channel tables (frequency starts, weight starts,
// widths: num_channels + 1 entries, entry 0 a scratch channel) must be constant.
#include "src/kernels/signal_util.h"

namespace tinyrt {
namespace kernels {
namespace {

struct FilterBankData {
  int32_t num_channels;
};

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireExactIo(ctx, 6, 1));
  const char* const names[6] = {"input",
                                "weights (input 1)",
                                "unweights (input 2)",
                                "channel frequency starts (input 3)",
                                "channel weight starts (input 4)",
                                "channel widths (input 5)"};
  for (int i = 0; i < 6; ++i) {
    TINYRT_RETURN_IF_ERROR(RequireType(ctx, names[i], ctx.input(i), i == 0 ? TensorType::kUInt32 : TensorType::kInt16));
    TINYRT_RETURN_IF_ERROR(RequireRank(ctx, names[i], ctx.input(i), 1));
  }
  const TensorView output = ctx.output(0);
  TINYRT_RETURN_IF_ERROR(RequireType(ctx, "output", output, TensorType::kUInt64));
  TINYRT_RETURN_IF_ERROR(RequireRank(ctx, "output", output, 1));
  int32_t num_channels = 0;
  TINYRT_RETURN_IF_ERROR(CustomOptions(ctx).Int("num_channels", 1, INT32_MAX - 1, &num_channels));
  TINYRT_RETURN_IF_ERROR(RequireElements(ctx, "output", output, static_cast<size_t>(num_channels)));
  // Every table access must stay inside the spectrum and the weights.
  const TensorView weights = ctx.input(1);
  TINYRT_RETURN_IF_ERROR(RequireElements(ctx, "unweights (input 2)", ctx.input(2), weights.elements()));
  for (int i = 3; i < 6; ++i) {
    const TensorView t = ctx.input(i);
    TINYRT_PREPARE_CHECK(ctx, t.raw() != nullptr, names[i] << " must be a constant tensor");
    TINYRT_PREPARE_CHECK(ctx, t.elements() >= static_cast<size_t>(num_channels) + 1,
                         names[i] << " has " << t.elements() << " entries; needs num_channels + 1 = " << num_channels + 1);
  }
  const int16_t* freq_starts = ctx.input(3).data<int16_t>();
  const int16_t* weight_starts = ctx.input(4).data<int16_t>();
  const int16_t* widths = ctx.input(5).data<int16_t>();
  const int64_t spectrum = static_cast<int64_t>(ctx.input(0).elements());
  const int64_t num_weights = static_cast<int64_t>(weights.elements());
  for (int32_t c = 0; c <= num_channels; ++c) {
    TINYRT_PREPARE_CHECK(ctx,
                         freq_starts[c] >= 0 && weight_starts[c] >= 0 && widths[c] >= 0 &&
                             freq_starts[c] + static_cast<int64_t>(widths[c]) <= spectrum &&
                             weight_starts[c] + static_cast<int64_t>(widths[c]) <= num_weights,
                         "channel " << c << " (bins " << freq_starts[c] << " + " << widths[c] << ", weights " << weight_starts[c]
                                    << ") is outside the " << spectrum << "-bin input or the " << num_weights << " weights");
  }
  FilterBankData* data = ctx.AllocateOpData<FilterBankData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->num_channels = num_channels;
  return Status::Ok();
}

Status EvalUInt32(const EvalContext& ctx) {
  const int32_t num_channels = ctx.op_data<FilterBankData>()->num_channels;
  const uint32_t* input = ctx.input<uint32_t>(0);
  const int16_t* weights = ctx.input<int16_t>(1);
  const int16_t* unweights = ctx.input<int16_t>(2);
  const int16_t* freq_starts = ctx.input<int16_t>(3);
  const int16_t* weight_starts = ctx.input<int16_t>(4);
  const int16_t* widths = ctx.input<int16_t>(5);
  uint64_t* output = ctx.output<uint64_t>(0);
  // Channel c's total is its weighted sum plus channel c-1's unweighted sum; channel 0 is only a
  // source of unweighted energy for channel 1. Products are in uint64 (int16 weights sign-extend).
  uint64_t weighted = 0;
  uint64_t unweighted = 0;
  for (int32_t c = 0; c <= num_channels; ++c) {
    const uint32_t* bins = input + freq_starts[c];
    const int16_t* w = weights + weight_starts[c];
    const int16_t* u = unweights + weight_starts[c];
    for (int32_t j = 0; j < widths[c]; ++j) {
      weighted += static_cast<uint64_t>(static_cast<int64_t>(w[j])) * bins[j];
      unweighted += static_cast<uint64_t>(static_cast<int64_t>(u[j])) * bins[j];
    }
    if (c > 0) output[c - 1] = weighted;
    weighted = unweighted;
    unweighted = 0;
  }
  return Status::Ok();
}

constexpr EvalVariant kVariants[] = {{EvalUInt32, "reference uint32"}};

}  // namespace

const OpKernel kOp_Custom_SignalFilterBank = {Prepare, kVariants, 1, 1};

}  // namespace kernels
}  // namespace tinyrt
