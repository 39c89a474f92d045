// SPDX-License-Identifier: Apache-2.0
// WithOptVariants for ops whose per-channel requantization table is computed at Eval
// (src/kernels/requant_table.h): every optimized variant of the list runs after LoadRequant.
#pragma once

#include <utility>

#include "src/kernels/opt/variants.h"

namespace tinyrt {
namespace kernels {

template <typename Data, const auto& kOpt, size_t I>
Status OptEvalWithRequant(const EvalContext& ctx) {
  LoadRequant<Data>(ctx);
  return kOpt[I].eval.fn(ctx);
}

template <typename Data, const auto& kOpt, size_t R, size_t... I>
constexpr VariantTable<R + sizeof...(I)> WithOptVariantsRequant(const EvalVariant (&reference)[R], std::index_sequence<I...>) {
  VariantTable<R + sizeof...(I)> table{};
  for (size_t i = 0; i < R; ++i) table.v[i] = reference[i];
  const EvalVariant optimized[] = {EvalVariant{OptEvalWithRequant<Data, kOpt, I>, kOpt[I].eval.name}...};
  for (size_t i = 0; i < sizeof...(I); ++i) table.v[R + i] = optimized[i];
  return table;
}

// As WithOptVariants(reference, kOpt), each optimized Eval preceded by LoadRequant<Data>.
template <typename Data, const auto& kOpt, size_t R>
constexpr auto WithOptVariantsRequant(const EvalVariant (&reference)[R]) {
  constexpr size_t kCount = sizeof(kOpt) / sizeof(kOpt[0]);
  return WithOptVariantsRequant<Data, kOpt>(reference, std::make_index_sequence<kCount>());
}

}  // namespace kernels
}  // namespace tinyrt
