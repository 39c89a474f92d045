// SPDX-License-Identifier: Apache-2.0
// EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL (src/kernels/ref/<op>.cc): bool
// output with broadcasting. float32, int32, int64 and bool compare stored values. int8 rescales
// both inputs as TFLM does (offset, << 8, times the input's own scale as a Q31 multiplier), so
// results match TFLM bit for bit, including its rounding ties. int16 (refused by TFLM, whose
// GREATER int16 path runs with unset multipliers) compares the real values exactly: each input
// becomes (q - zero point) * scale mantissa << shift, in int64.
#pragma once

#include <string.h>

#include "src/kernels/broadcast.h"

namespace tinyrt {
namespace kernels {
namespace compare {

struct CompareData {
  BroadcastPlan plan;
  int32_t offset1;  // -zero point (int8, int16)
  int32_t offset2;
  int32_t multiplier1;  // int8: Q31 multiplier of the input's scale; int16: 24-bit mantissa
  int32_t multiplier2;
  int32_t shift1;  // int8: shift of that multiplier; int16: left shift in [0, 22]
  int32_t shift2;
};

struct Equal {
  template <typename T>
  bool operator()(T a, T b) const {
    return a == b;
  }
};
struct NotEqual {
  template <typename T>
  bool operator()(T a, T b) const {
    return a != b;
  }
};
struct Greater {
  template <typename T>
  bool operator()(T a, T b) const {
    return a > b;
  }
};
struct GreaterEqual {
  template <typename T>
  bool operator()(T a, T b) const {
    return a >= b;
  }
};
struct Less {
  template <typename T>
  bool operator()(T a, T b) const {
    return a < b;
  }
};
struct LessEqual {
  template <typename T>
  bool operator()(T a, T b) const {
    return a <= b;
  }
};

template <typename T, typename Op>
Status EvalPlain(const EvalContext& ctx) {
  BroadcastApply(ctx.op_data<CompareData>()->plan, ctx.input<T>(0), ctx.input<T>(1), ctx.output<bool>(0),
                 [](T a, T b) { return Op()(a, b); });
  return Status::Ok();
}

template <typename Op>
Status EvalInt8(const EvalContext& ctx) {
  const CompareData& d = *ctx.op_data<CompareData>();
  BroadcastApply(d.plan, ctx.input<int8_t>(0), ctx.input<int8_t>(1), ctx.output<bool>(0), [&d](int8_t a, int8_t b) {
    const int32_t a_scaled = math::MultiplyByQuantizedMultiplier((a + d.offset1) * 256, d.multiplier1, d.shift1);
    const int32_t b_scaled = math::MultiplyByQuantizedMultiplier((b + d.offset2) * 256, d.multiplier2, d.shift2);
    return Op()(a_scaled, b_scaled);
  });
  return Status::Ok();
}

template <typename Op>
Status EvalInt16(const EvalContext& ctx) {
  const CompareData& d = *ctx.op_data<CompareData>();
  BroadcastApply(d.plan, ctx.input<int16_t>(0), ctx.input<int16_t>(1), ctx.output<bool>(0), [&d](int16_t a, int16_t b) {
    // |q - z| < 2^17, mantissa < 2^24, shift <= 22: below 2^63.
    const int64_t a_real = static_cast<int64_t>(a + d.offset1) * d.multiplier1 * (static_cast<int64_t>(1) << d.shift1);
    const int64_t b_real = static_cast<int64_t>(b + d.offset2) * d.multiplier2 * (static_cast<int64_t>(1) << d.shift2);
    return Op()(a_real, b_real);
  });
  return Status::Ok();
}

// Variant order: float32, int8, int16, int32, int64, bool.
constexpr TensorType kTypes[] = {TensorType::kFloat32, TensorType::kInt8,  TensorType::kInt16,
                                 TensorType::kInt32,   TensorType::kInt64, TensorType::kBool};
template <typename Op>
constexpr EvalVariant kVariants[] = {
    {EvalPlain<float, Op>, "reference float32"}, {EvalInt8<Op>, "reference int8"},
    {EvalInt16<Op>, "reference int16"},          {EvalPlain<int32_t, Op>, "reference int32"},
    {EvalPlain<int64_t, Op>, "reference int64"}, {EvalPlain<bool, Op>, "reference bool"},
};
constexpr uint8_t kNumVariants = 6;

// A positive finite float scale as mantissa * 2^exponent with the mantissa in [2^23, 2^24).
inline void SplitScale(float scale, int32_t* mantissa, int32_t* exponent) {
  uint32_t bits = 0;
  memcpy(&bits, &scale, sizeof(bits));
  const int32_t biased = static_cast<int32_t>((bits >> 23) & 0xFF);
  int32_t m = static_cast<int32_t>(bits & 0x7FFFFF);
  int32_t e = biased == 0 ? -149 : biased - 150;
  if (biased != 0) m |= 0x800000;
  while (m < 0x800000) {  // subnormal: normalize (m > 0 for a positive scale)
    m <<= 1;
    --e;
  }
  *mantissa = m;
  *exponent = e;
}

inline bool PositiveFiniteScale(const TensorView& t) { return HasScale(t) && t.scale() > 0.0f && t.scale() <= 3.4e38f; }

inline Status Prepare(PrepareContext& ctx) {
  TINYRT_RETURN_IF_ERROR(RequireIo(ctx, 2, 1));
  const TensorView input1 = ctx.input(0);
  const TensorView input2 = ctx.input(1);
  const TensorView output = ctx.output(0);
  const TensorType type = input1.type();
  int variant = -1;
  for (int i = 0; i < kNumVariants; ++i) {
    if (kTypes[i] == type) variant = i;
  }
  if (variant < 0) return TypeError(ctx, "input", type) << " (supported: float32, int8, int16, int32, int64, bool)";
  TINYRT_PREPARE_CHECK(ctx, input2.type() == type,
                       "input types " << TensorTypeName(type) << " and " << TensorTypeName(input2.type()) << " differ");
  TINYRT_PREPARE_CHECK(ctx, output.type() == TensorType::kBool, "output type " << TensorTypeName(output.type()) << " is not bool");
  CompareData* data = ctx.AllocateOpData<CompareData>();
  if (data == nullptr) return ctx.ArenaExhausted();
  TINYRT_RETURN_IF_ERROR(PlanBroadcast(ctx, input1, input2, output, &data->plan));
  if (type == TensorType::kInt8 || type == TensorType::kInt16) {
    TINYRT_PREPARE_CHECK(ctx, PositiveFiniteScale(input1) && PositiveFiniteScale(input2), "quantized inputs need positive scales");
    const int32_t limit = type == TensorType::kInt8 ? 127 : 32767;
    TINYRT_PREPARE_CHECK(ctx,
                         input1.zero_point() >= -limit - 1 && input1.zero_point() <= limit && input2.zero_point() >= -limit - 1 &&
                             input2.zero_point() <= limit,
                         "zero points must lie in the " << TensorTypeName(type) << " range");
    data->offset1 = -input1.zero_point();
    data->offset2 = -input2.zero_point();
  }
  if (type == TensorType::kInt8) {
    // TFLM: QuantizeMultiplier of each scale (double of the float), applied to (q - z) << 8.
    int s1 = 0;
    int s2 = 0;
    math::QuantizeMultiplierFromScales(input1.scale(), 1.0f, 1.0f, &data->multiplier1, &s1);
    math::QuantizeMultiplierFromScales(input2.scale(), 1.0f, 1.0f, &data->multiplier2, &s2);
    TINYRT_PREPARE_CHECK(ctx, ValidMultiplierShift(s1) && ValidMultiplierShift(s2), "input scales are out of range");
    data->shift1 = s1;
    data->shift2 = s2;
  } else if (type == TensorType::kInt16) {
    int32_t e1 = 0;
    int32_t e2 = 0;
    SplitScale(input1.scale(), &data->multiplier1, &e1);
    SplitScale(input2.scale(), &data->multiplier2, &e2);
    // Align the exponents. Beyond 22 bits of difference the larger-exponent side, when non-zero,
    // outweighs any value of the other (2^(23+22) > 2^17 * 2^24), so capping keeps every result.
    const int32_t diff = e1 - e2;
    data->shift1 = diff > 0 ? (diff < 22 ? diff : 22) : 0;
    data->shift2 = diff < 0 ? (-diff < 22 ? -diff : 22) : 0;
  }
  ctx.SelectVariant(static_cast<uint8_t>(variant));
  return Status::Ok();
}

}  // namespace compare
}  // namespace kernels
}  // namespace tinyrt
