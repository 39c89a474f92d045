// SPDX-License-Identifier: Apache-2.0
// CAST: converts each element with C++'s static_cast, as TFLM's kernel does. Inputs int8, int16,
// int32, uint32, float32, bool; outputs int8, int16, int32, uint32, float32 (TFLM's set) and bool
// (beyond TFLM: x != 0, so NaN is true).
// Integer narrowing wraps. float -> integer truncates toward zero; NaN and out-of-range values
// (undefined in C++) give what TFLM's x86-64 build gives: the conversion goes through int32
// (int64 for uint32 outputs), where they become the minimum value, then wraps.
#include <string.h>

#include "src/kernels/kernel_util.h"

namespace tinyrt {
namespace kernels {
namespace {

struct CastData {
  int32_t elements;
};

inline int32_t FloatToInt32(float f) { return (f >= -2147483648.0f && f < 2147483648.0f) ? static_cast<int32_t>(f) : INT32_MIN; }
inline int64_t FloatToInt64(float f) {
  return (f >= -9223372036854775808.0f && f < 9223372036854775808.0f) ? static_cast<int64_t>(f) : INT64_MIN;
}

template <typename To, typename From>
inline To Convert(From v) {
  return static_cast<To>(v);
}
template <>
inline int8_t Convert<int8_t, float>(float v) {
  return static_cast<int8_t>(FloatToInt32(v));
}
template <>
inline int16_t Convert<int16_t, float>(float v) {
  return static_cast<int16_t>(FloatToInt32(v));
}
template <>
inline int32_t Convert<int32_t, float>(float v) {
  return FloatToInt32(v);
}
template <>
inline uint32_t Convert<uint32_t, float>(float v) {
  return static_cast<uint32_t>(static_cast<uint64_t>(FloatToInt64(v)));
}

template <typename From, typename To>
Status EvalCast(const EvalContext& ctx) {
  const int32_t n = ctx.op_data<CastData>()->elements;
  const From* in = ctx.input<From>(0);
  To* out = ctx.output<To>(0);
  for (int32_t i = 0; i < n; ++i) out[i] = Convert<To>(in[i]);
  return Status::Ok();
}

// Variants: input type index * 6 + output type index.
#define TINYRT_CAST_ROW(From, name)                                                                                     \
  {EvalCast<From, int8_t>, "reference " name "->int8"}, {EvalCast<From, int16_t>, "reference " name "->int16"},         \
      {EvalCast<From, int32_t>, "reference " name "->int32"}, {EvalCast<From, uint32_t>, "reference " name "->uint32"}, \
      {EvalCast<From, float>, "reference " name "->float32"}, {EvalCast<From, bool>, "reference " name "->bool"},
constexpr EvalVariant kVariants[] = {TINYRT_CAST_ROW(int8_t, "int8") TINYRT_CAST_ROW(int16_t, "int16") TINYRT_CAST_ROW(
    int32_t, "int32") TINYRT_CAST_ROW(uint32_t, "uint32") TINYRT_CAST_ROW(float, "float32") TINYRT_CAST_ROW(bool, "bool")};
#undef TINYRT_CAST_ROW
constexpr int kNumVariants = sizeof(kVariants) / sizeof(kVariants[0]);

int TypeIndex(TensorType t) {
  switch (t) {
    case TensorType::kInt8: return 0;
    case TensorType::kInt16: return 1;
    case TensorType::kInt32: return 2;
    case TensorType::kUInt32: return 3;
    case TensorType::kFloat32: return 4;
    case TensorType::kBool: return 5;
    default: return -1;
  }
}

Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 1, 1));
  const TensorView input = ctx.input(0);
  const TensorView output = ctx.output(0);
  const int from = TypeIndex(input.type());
  const int to = TypeIndex(output.type());
  if (from < 0) return TypeError(ctx, "input", input.type()) << " (supported: int8, int16, int32, uint32, float32, bool)";
  if (to < 0) return TypeError(ctx, "output", output.type()) << " (supported: int8, int16, int32, uint32, float32, bool)";
  TINYRT_PREPARE_CHECK(ctx, input.elements() == output.elements(),
                       "input has " << input.elements() << " elements, output " << output.elements());
  CastData* data = ctx.AllocateOpData<CastData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  data->elements = static_cast<int32_t>(input.elements());
  ctx.SelectVariant(static_cast<uint8_t>(from * 6 + to));
  return Status::Ok();
}

}  // namespace

const OpKernel kOp_CAST = {Prepare, kVariants, kNumVariants, 7};

}  // namespace kernels
}  // namespace tinyrt
