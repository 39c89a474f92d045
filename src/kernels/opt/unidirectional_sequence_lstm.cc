// SPDX-License-Identifier: Apache-2.0
// Optimized int8 UNIDIRECTIONAL_SEQUENCE_LSTM (int8 activations and weights, int32 biases, int16
// cell state; weight zero points 0, as every converter writes them), bit-exact with
// ref/unidirectional_sequence_lstm.cc. Per step and chunk of up to kChunk units:
//  - the eight matrix-vector products (W_g x + b_g and R_g h for the four gates) run through
//    opt/recurrent.h's MatVec into int32 accumulators on the stack;
//  - then each unit's gates, cell and hidden value, in the reference's arithmetic, with the
//    multiplier rescaling straightened (MultiplyByQuantizedMultiplierNonNegative's steps: every
//    multiplier of a valid model is non-negative) and no per-element offset additions.
// Integer sums are exact in int32 (Prepare's CheckAccumulator), so their order does not matter.
#include <math.h>
#include <string.h>

#include "src/kernels/opt/dsp.h"
#include "src/kernels/opt/recurrent.h"
#include "src/kernels/opt/variants.h"
#include "src/math/int16_activations.h"

namespace tinyrt {
namespace kernels {

ReferenceReason LstmInt8Supports(const LstmData& data) {
  for (const LstmGateQuant& q : data.gates) {
    if (q.input_weight_offset != 0 || q.recurrent_weight_offset != 0) return ReferenceReason::kFilterZeroPoint;
  }
  return ReferenceReason::kNone;
}

namespace {

constexpr int32_t kChunk = 16;  // units per pass of the general path: 8 x 16 accumulators (512 bytes of stack)
using opt::MatVec;
using opt::Rescale;
using opt::SaturateInt16;

// A gate's pre-activation in Q3.12 from its two accumulators, as the reference's QuantizedGate.
inline int16_t Gate(const LstmGateQuant& q, int32_t from_input, int32_t from_hidden) {
  const int32_t a = SaturateInt16(Rescale(from_input, q.input_multiplier, q.input_shift));
  const int32_t b = SaturateInt16(Rescale(from_hidden, q.recurrent_multiplier, q.recurrent_shift));
  return static_cast<int16_t>(SaturateInt16(a + b));
}

struct Tensors {
  const int8_t* w[4];
  const int8_t* r[4];
  const int32_t* bias[4];
  const int8_t* input;
  int8_t* hidden;
  int16_t* cell;
  int8_t* output;
};

// The general path: any layout and size, per step and chunk of kChunk units.
void EvalGeneral(const LstmData& d, const Tensors& p) {
  const bool clip = d.cell_clip > 0.0f;
  const int32_t cell_clip = d.quantized_cell_clip;
  const int32_t in = d.input_size, units = d.units;
  ForEachLstmStep(d, [&](const LstmStep& s) {
    for (int32_t row = 0; row < s.rows; ++row) {
      const int8_t* x = p.input + s.input + row * in;
      const int8_t* h = p.hidden + s.state + row * units;
      int16_t* c = p.cell + s.state + row * units;
      int8_t* out = p.output + s.output + row * units;
      for (int32_t u0 = 0; u0 < units; u0 += kChunk) {
        const int32_t n = units - u0 < kChunk ? units - u0 : kChunk;
        int32_t from_input[4][kChunk], from_hidden[4][kChunk];
        for (int g = 0; g < 4; ++g) {
          MatVec(x, p.w[g] + static_cast<size_t>(u0) * in, in, n, p.bias[g] + u0, d.input_offset, from_input[g]);
          MatVec(h, p.r[g] + static_cast<size_t>(u0) * units, units, n, nullptr, d.hidden_offset, from_hidden[g]);
        }
        for (int32_t j = 0; j < n; ++j) {
          // Gate order 0 input, 1 forget, 2 cell, 3 output; Q0.15 sigmoid/tanh of Q3.12.
          const int32_t forget = math::LogisticInt16(Gate(d.gates[1], from_input[1][j], from_hidden[1][j]), 3, 0);
          const int32_t in_gate = math::LogisticInt16(Gate(d.gates[0], from_input[0][j], from_hidden[0][j]), 3, 0);
          const int32_t candidate = math::TanhInt16(Gate(d.gates[2], from_input[2][j], from_hidden[2][j]), 3, 0);
          const int32_t kept = SaturateInt16(Rescale(forget * c[u0 + j], d.forget_cell_multiplier, d.forget_cell_shift));
          const int32_t added = SaturateInt16(Rescale(in_gate * candidate, d.input_cell_multiplier, d.input_cell_shift));
          int32_t c_new = SaturateInt16(kept + added);
          if (clip) c_new = c_new < -cell_clip ? -cell_clip : (c_new > cell_clip ? cell_clip : c_new);
          c[u0 + j] = static_cast<int16_t>(c_new);
          const int32_t out_gate = math::LogisticInt16(Gate(d.gates[3], from_input[3][j], from_hidden[3][j]), 3, 0);
          const int32_t tanh_c = math::TanhInt16(static_cast<int16_t>(c_new), d.cell_tanh_multiplier, d.cell_tanh_right_shift);
          int32_t h_new = d.hidden_zero_point + Rescale(tanh_c * out_gate, d.hidden_multiplier, d.hidden_shift);
          h_new = h_new < d.hidden_min ? d.hidden_min : (h_new > d.hidden_max ? d.hidden_max : h_new);
          out[u0 + j] = static_cast<int8_t>(h_new);
        }
      }
    }
    memcpy(p.hidden + s.state, p.output + s.output, static_cast<size_t>(s.rows * units));
  });
}

#if defined(TINYRT_ISA_DSP) && TINYRT_OPT_KERNELS
// The blocked path (DSP extension): one batch row per step (batch-major, or a single batch row),
// input size a multiple of 4 up to kMaxInput, up to kMaxUnits units, every scale in the fast
// requantization's range. W x + b does not depend on the state, so it runs 4 time steps at a time
// through the 4-column GEMM microkernel (13 instructions per 16 multiply-accumulates, each weight
// word used for 4 steps) into Q3.12 pre-activations; each step then adds R h.
constexpr int32_t kMaxInput = 64;
constexpr int32_t kMaxUnits = 32;

inline bool FastScaleApplies(int32_t multiplier, int32_t shift) { return multiplier >= (1 << 30) && shift <= -1 && shift >= -31; }

bool BlockedApplies(const LstmData& d) {
  if (!(d.time_major == 0 || d.batches == 1) || d.input_size % 4 != 0 || d.input_size > kMaxInput || d.units > kMaxUnits) return false;
  for (const LstmGateQuant& q : d.gates) {
    if (!FastScaleApplies(q.input_multiplier, q.input_shift) || !FastScaleApplies(q.recurrent_multiplier, q.recurrent_shift)) return false;
  }
  return FastScaleApplies(d.forget_cell_multiplier, d.forget_cell_shift) && FastScaleApplies(d.input_cell_multiplier, d.input_cell_shift) &&
         FastScaleApplies(d.hidden_multiplier, d.hidden_shift);
}

inline int32_t Ssat16(int32_t x) { return __ssat(x, 16); }

// RequantizeFast (dsp.h) for a scale BlockedApplies accepted (multiplier >= 2^30, so no zero case).
inline int32_t Fast(int32_t acc, opt::FastScale s) {
  const int32_t t = opt::Smmlar(acc, s.doubled, acc);
  const int32_t u = (t + (t >> 31)) >> s.shift_minus_one;
  return u - (u >> 1);
}

template <bool kClip>  // cell clipping (chosen per Eval, so the unit loop has no test for it)
void EvalBlocked(const LstmData& d, const Tensors& p) {
  const int32_t in = d.input_size, units = d.units, steps = d.time_steps, batches = d.batches;
  opt::FastScale wx[4], rh[4];
  for (int g = 0; g < 4; ++g) {
    wx[g] = opt::MakeFastScale(d.gates[g].input_multiplier, d.gates[g].input_shift);
    rh[g] = opt::MakeFastScale(d.gates[g].recurrent_multiplier, d.gates[g].recurrent_shift);
  }
  const opt::FastScale forget_cell = opt::MakeFastScale(d.forget_cell_multiplier, d.forget_cell_shift);
  const opt::FastScale input_cell = opt::MakeFastScale(d.input_cell_multiplier, d.input_cell_shift);
  const opt::FastScale hidden_scale = opt::MakeFastScale(d.hidden_multiplier, d.hidden_shift);
  // Every field in a local: int8 stores may alias anything, so the compiler would reload them.
  const int32_t cell_clip = d.quantized_cell_clip, hidden_offset = d.hidden_offset, input_offset = d.input_offset;
  const int32_t hidden_zero_point = d.hidden_zero_point;
  const int32_t tanh_multiplier = d.cell_tanh_multiplier, tanh_shift = d.cell_tanh_right_shift;
  const int32_t tanh_round = tanh_shift > 0 ? 1 << (tanh_shift - 1) : 0;
  alignas(8) int32_t split[kMaxInput / 4 * 8];  // 4 split columns (Split4Columns)
  int32_t acc[4 * kMaxUnits];
  int16_t pre[4][4][kMaxUnits];  // [step in block][gate][unit]: W x + b in Q3.12, saturated
  int32_t from_hidden[4][kMaxUnits];
  for (int32_t b = 0; b < batches; ++b) {
    int8_t* hidden = p.hidden + b * units;
    const int8_t* h = hidden;  // the previous step's output row once the sequence runs
    int16_t* c = p.cell + b * units;
    for (int32_t t0 = 0; t0 < steps; t0 += 4) {
      const int32_t block = steps - t0 < 4 ? steps - t0 : 4;
      const int32_t row0 = b * steps + t0;  // batch-major rows (time-major has one batch row: the same)
      const int8_t* x0 = p.input + static_cast<size_t>(row0) * in;
      if (block == 4) {
        opt::Split4Columns(x0, in, in, input_offset, split);
        for (int g = 0; g < 4; ++g) {
          tinyrt_dsp_gemm_4x1(split, p.w[g], in / 4, units, acc, p.bias[g]);
          const opt::FastScale scale = wx[g];
          int16_t* pre0 = pre[0][g];
          int16_t* pre1 = pre[1][g];
          int16_t* pre2 = pre[2][g];
          int16_t* pre3 = pre[3][g];
          const int32_t* a = acc;
          for (int32_t o = 0; o < units; ++o, a += 4) {
            pre0[o] = static_cast<int16_t>(Ssat16(Fast(a[0], scale)));
            pre1[o] = static_cast<int16_t>(Ssat16(Fast(a[1], scale)));
            pre2[o] = static_cast<int16_t>(Ssat16(Fast(a[2], scale)));
            pre3[o] = static_cast<int16_t>(Ssat16(Fast(a[3], scale)));
          }
        }
      } else {
        for (int32_t k = 0; k < block; ++k) {
          for (int g = 0; g < 4; ++g) {
            MatVec(x0 + k * in, p.w[g], in, units, p.bias[g], input_offset, acc);
            for (int32_t o = 0; o < units; ++o) pre[k][g][o] = static_cast<int16_t>(Ssat16(Fast(acc[o], wx[g])));
          }
        }
      }
      for (int32_t k = 0; k < block; ++k) {
        int8_t* out = p.output + static_cast<size_t>(row0 + k) * units;
        for (int g = 0; g < 4; ++g) MatVec(h, p.r[g], units, units, nullptr, hidden_offset, from_hidden[g]);
        for (int32_t j = 0; j < units; ++j) {
          const int32_t pre_in = Ssat16(pre[k][0][j] + Ssat16(Fast(from_hidden[0][j], rh[0])));
          const int32_t pre_forget = Ssat16(pre[k][1][j] + Ssat16(Fast(from_hidden[1][j], rh[1])));
          const int32_t pre_cell = Ssat16(pre[k][2][j] + Ssat16(Fast(from_hidden[2][j], rh[2])));
          const int32_t pre_out = Ssat16(pre[k][3][j] + Ssat16(Fast(from_hidden[3][j], rh[3])));
          const int32_t forget = math::LogisticInt16(static_cast<int16_t>(pre_forget), 3, 0);
          const int32_t in_gate = math::LogisticInt16(static_cast<int16_t>(pre_in), 3, 0);
          const int32_t candidate = math::TanhInt16(static_cast<int16_t>(pre_cell), 3, 0);
          const int32_t kept = Ssat16(Fast(forget * c[j], forget_cell));
          const int32_t added = Ssat16(Fast(in_gate * candidate, input_cell));
          int32_t c_new = Ssat16(kept + added);
          if (kClip) c_new = c_new < -cell_clip ? -cell_clip : (c_new > cell_clip ? cell_clip : c_new);
          c[j] = static_cast<int16_t>(c_new);
          const int32_t out_gate = math::LogisticInt16(static_cast<int16_t>(pre_out), 3, 0);
          const int32_t tanh_c = math::TanhInt16Rescaled((c_new * tanh_multiplier + tanh_round) >> tanh_shift);
          const int32_t h_new = hidden_zero_point + Fast(tanh_c * out_gate, hidden_scale);
          out[j] = static_cast<int8_t>(__ssat(h_new, 8));  // int8: the hidden range is [-128, 127]
        }
        h = out;
      }
    }
    memcpy(hidden, h, static_cast<size_t>(units));
  }
}
#endif

// ---- float32 ----

// out[o] = clamp(bias[o] + sum_k w[o][k] x[k]) (bias may be null: then + 0.0f) for o < rows: four
// rows per input load, each row summed in the reference's order (k ascending, from 0.0f), so each
// value is the reference's bit for bit.
void FloatMatVec(const float* x, const float* w, int32_t depth, int32_t rows, const float* bias, float* out) {
  int32_t o = 0;
  for (; o + 4 <= rows; o += 4) {
    const float* w0 = w + static_cast<size_t>(o) * depth;
    const float* w1 = w0 + depth;
    const float* w2 = w1 + depth;
    const float* w3 = w2 + depth;
    float a0 = 0.0f, a1 = 0.0f, a2 = 0.0f, a3 = 0.0f;
    for (int32_t k = 0; k < depth; ++k) {
      const float xk = x[k];
      a0 += xk * w0[k];
      a1 += xk * w1[k];
      a2 += xk * w2[k];
      a3 += xk * w3[k];
    }
    out[o] = LstmClampFloat(a0 + (bias != nullptr ? bias[o] : 0.0f));
    out[o + 1] = LstmClampFloat(a1 + (bias != nullptr ? bias[o + 1] : 0.0f));
    out[o + 2] = LstmClampFloat(a2 + (bias != nullptr ? bias[o + 2] : 0.0f));
    out[o + 3] = LstmClampFloat(a3 + (bias != nullptr ? bias[o + 3] : 0.0f));
  }
  for (; o < rows; ++o) {
    const float* wo = w + static_cast<size_t>(o) * depth;
    float a = 0.0f;
    for (int32_t k = 0; k < depth; ++k) a += x[k] * wo[k];
    out[o] = LstmClampFloat(a + (bias != nullptr ? bias[o] : 0.0f));
  }
}

}  // namespace

const char kOptFloatVariantName[] = "optimized float32";

// The reference's float arithmetic in the same order per value, with the gates' matrix-vector
// products four units at a time (one input load for four weight rows) instead of one gate value
// at a time.
Status EvalLstmFloatOpt(const EvalContext& ctx) {
  if (!TINYRT_OPT_KERNELS) return Status::Ok();  // never selected; the code below compiles out
  const LstmData d = *ctx.op_data<LstmData>();
  const float* w[4];
  const float* r[4];
  const float* bias[4];
  for (int g = 0; g < 4; ++g) {
    w[g] = ctx.input<float>(1 + g);
    r[g] = ctx.input<float>(5 + g);
    bias[g] = ctx.input<float>(12 + g);
  }
  const float* input = ctx.input<float>(0);
  float* hidden = ctx.mutable_input<float>(18);
  float* cell = ctx.mutable_input<float>(19);
  float* output = ctx.output<float>(0);
  const int32_t in = d.input_size, units = d.units;
  const float cell_clip = d.cell_clip;
  ForEachLstmStep(d, [&](const LstmStep& s) {
    for (int32_t row = 0; row < s.rows; ++row) {
      const float* x = input + s.input + row * in;
      const float* h = hidden + s.state + row * units;
      float* c = cell + s.state + row * units;
      float* out = output + s.output + row * units;
      for (int32_t u0 = 0; u0 < units; u0 += kChunk) {
        const int32_t n = units - u0 < kChunk ? units - u0 : kChunk;
        float from_input[4][kChunk], from_hidden[4][kChunk];
        for (int g = 0; g < 4; ++g) {
          FloatMatVec(x, w[g] + static_cast<size_t>(u0) * in, in, n, bias[g] + u0, from_input[g]);
          FloatMatVec(h, r[g] + static_cast<size_t>(u0) * units, units, n, nullptr, from_hidden[g]);
        }
        for (int32_t j = 0; j < n; ++j) {
          const float forget = LstmSigmoid(from_input[1][j] + from_hidden[1][j]);
          const float in_gate = LstmSigmoid(from_input[0][j] + from_hidden[0][j]);
          const float candidate = tanhf(from_input[2][j] + from_hidden[2][j]);
          float c_new = LstmClampFloat(forget * c[u0 + j]) + LstmClampFloat(in_gate * candidate);
          if (cell_clip > 0.0f) c_new = c_new < -cell_clip ? -cell_clip : (c_new > cell_clip ? cell_clip : c_new);
          c[u0 + j] = c_new;
          const float out_gate = LstmSigmoid(from_input[3][j] + from_hidden[3][j]);
          out[u0 + j] = LstmClampFloat(tanhf(c_new) * out_gate);
        }
      }
    }
    memcpy(hidden + s.state, output + s.output, sizeof(float) * static_cast<size_t>(s.rows * units));
  });
  return Status::Ok();
}

Status EvalLstmInt8Opt(const EvalContext& ctx) {
  if (!TINYRT_OPT_KERNELS) return Status::Ok();  // never selected; the code below compiles out
  const LstmData d = *ctx.op_data<LstmData>();   // a local copy: the int8/int16 stores may alias it
  Tensors p;
  for (int g = 0; g < 4; ++g) {
    p.w[g] = ctx.input<int8_t>(1 + g);
    p.r[g] = ctx.input<int8_t>(5 + g);
    p.bias[g] = ctx.input<int32_t>(12 + g);
  }
  p.input = ctx.input<int8_t>(0);
  p.hidden = ctx.mutable_input<int8_t>(18);
  p.cell = ctx.mutable_input<int16_t>(19);
  p.output = ctx.output<int8_t>(0);
#if defined(TINYRT_ISA_DSP) && TINYRT_OPT_KERNELS
  if (BlockedApplies(d)) {
    d.cell_clip > 0.0f ? EvalBlocked<true>(d, p) : EvalBlocked<false>(d, p);
    return Status::Ok();
  }
#endif
  EvalGeneral(d, p);
  return Status::Ok();
}

}  // namespace kernels
}  // namespace tinyrt
