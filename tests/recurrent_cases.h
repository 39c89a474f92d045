// SPDX-License-Identifier: Apache-2.0
// Random one-op recurrent int8 models, shared by the host equivalence test
// (tests/kernels/recurrent_equivalence_test.cc) and tools/equivalence_cases (on target):
//  - UNIDIRECTIONAL_SEQUENCE_LSTM, int8 activations and weights, int32 biases, int16 cell state in
//    a power-of-two scale: random batch/time layout, sizes (multiples of 4 and not), scales, zero
//    points and cell clip;
//  - SVDF int8 with int16 weights_time and state: random sizes, rank, memory, scales, zero points
//    (the state's too, in a quarter of the cases).
// `Rng` is any type with `int32_t Int(int32_t lo, int32_t hi)` (both ends included).
#pragma once

#include <string>
#include <vector>

#include "tests/test_util.h"

namespace tinyrt {
namespace testing {

template <typename Rng>
std::vector<int8_t> RandomInt8(Rng& r, size_t n) {
  std::vector<int8_t> v(n);
  for (auto& x : v) x = static_cast<int8_t>(r.Int(-127, 127));
  return v;
}

template <typename Rng>
std::vector<int32_t> RandomInt32(Rng& r, size_t n, int32_t bound) {
  std::vector<int32_t> v(n);
  for (auto& x : v) x = r.Int(-bound, bound);
  return v;
}

// A scale of base * (1..40) / 10.
template <typename Rng>
float RandomScale(Rng& r, float base) {
  return base * static_cast<float>(r.Int(1, 40)) / 10.0f;
}

template <typename Rng>
host::AlignedBuffer RandomLstmInt8(Rng& r, std::string* name) {
  const int32_t batches = r.Int(1, 2), time_steps = r.Int(1, 8);
  // Half the cases have sizes the DSP microkernel takes whole (multiples of 4).
  const bool whole = r.Int(0, 1) != 0;
  const int32_t input_size = whole ? 4 * r.Int(1, 10) : r.Int(1, 37);
  const int32_t units = whole ? 4 * r.Int(1, 10) : r.Int(1, 37);
  const bool time_major = r.Int(0, 1) != 0;
  ModelBuilder b;
  const float input_scale = RandomScale(r, 0.02f), hidden_scale = RandomScale(r, 0.01f);
  const Quant input_q{{input_scale}, {r.Int(-128, 127)}};
  const Quant hidden_q{{hidden_scale}, {r.Int(-20, 20)}};
  const Quant cell_q{{1.0f / static_cast<float>(1 << r.Int(9, 13))}, {0}};
  std::vector<int32_t> inputs(24, -1);
  const std::vector<int32_t> in_shape =
      time_major ? std::vector<int32_t>{time_steps, batches, input_size} : std::vector<int32_t>{batches, time_steps, input_size};
  inputs[0] = b.AddTensor(TensorType::kInt8, in_shape, input_q);
  for (int g = 0; g < 4; ++g) {
    const float w_scale = RandomScale(r, 0.01f), r_scale = RandomScale(r, 0.01f);
    inputs[static_cast<size_t>(1 + g)] = b.AddConstant<int8_t>(
        TensorType::kInt8, {units, input_size}, RandomInt8(r, static_cast<size_t>(units) * input_size), Quant{{w_scale}, {0}});
    inputs[static_cast<size_t>(5 + g)] =
        b.AddConstant<int8_t>(TensorType::kInt8, {units, units}, RandomInt8(r, static_cast<size_t>(units) * units), Quant{{r_scale}, {0}});
    inputs[static_cast<size_t>(12 + g)] = b.AddConstant<int32_t>(
        TensorType::kInt32, {units}, RandomInt32(r, static_cast<size_t>(units), 20000), Quant{{input_scale * w_scale}, {0}});
  }
  inputs[18] = b.AddTensor(TensorType::kInt8, {batches, units}, hidden_q, true);
  inputs[19] = b.AddTensor(TensorType::kInt16, {batches, units}, cell_q, true);
  const std::vector<int32_t> out_shape =
      time_major ? std::vector<int32_t>{time_steps, batches, units} : std::vector<int32_t>{batches, time_steps, units};
  const int out = b.AddTensor(TensorType::kInt8, out_shape, hidden_q);
  const float cell_clip = r.Int(0, 2) == 0 ? static_cast<float>(r.Int(1, 8)) * 0.5f : 0.0f;
  auto opts = tflite::CreateUnidirectionalSequenceLSTMOptions(b.fbb(), tflite::ActivationFunctionType_TANH, cell_clip, 0.0f, time_major);
  b.AddOp(tflite::BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_LSTM, inputs, {out}, tflite::BuiltinOptions_UnidirectionalSequenceLSTMOptions,
          opts.Union());
  b.SetInputs({inputs[0]});
  b.SetOutputs({out});
  *name = "lstm " + std::to_string(batches) + "x" + std::to_string(time_steps) + "x" + std::to_string(input_size) + " -> " +
          std::to_string(units) + (time_major ? " time-major" : "") + (cell_clip > 0.0f ? " clip" : "");
  return b.Finish();
}

// A float32 LSTM: random layout, sizes, weights in [-0.6, 0.6], biases and cell clip.
template <typename Rng>
host::AlignedBuffer RandomLstmFloat(Rng& r, std::string* name) {
  const int32_t batches = r.Int(1, 2), time_steps = r.Int(1, 6), input_size = r.Int(1, 24), units = r.Int(1, 24);
  const bool time_major = r.Int(0, 1) != 0;
  auto values = [&r](size_t n) {
    std::vector<float> v(n);
    for (auto& x : v) x = static_cast<float>(r.Int(-6000, 6000)) / 10000.0f;
    return v;
  };
  ModelBuilder b;
  std::vector<int32_t> inputs(24, -1);
  const std::vector<int32_t> in_shape =
      time_major ? std::vector<int32_t>{time_steps, batches, input_size} : std::vector<int32_t>{batches, time_steps, input_size};
  inputs[0] = b.AddTensor(TensorType::kFloat32, in_shape);
  for (int g = 0; g < 4; ++g) {
    inputs[static_cast<size_t>(1 + g)] =
        b.AddConstant<float>(TensorType::kFloat32, {units, input_size}, values(static_cast<size_t>(units) * input_size));
    inputs[static_cast<size_t>(5 + g)] =
        b.AddConstant<float>(TensorType::kFloat32, {units, units}, values(static_cast<size_t>(units) * units));
    inputs[static_cast<size_t>(12 + g)] = b.AddConstant<float>(TensorType::kFloat32, {units}, values(static_cast<size_t>(units)));
  }
  inputs[18] = b.AddTensor(TensorType::kFloat32, {batches, units}, Quant{}, true);
  inputs[19] = b.AddTensor(TensorType::kFloat32, {batches, units}, Quant{}, true);
  const std::vector<int32_t> out_shape =
      time_major ? std::vector<int32_t>{time_steps, batches, units} : std::vector<int32_t>{batches, time_steps, units};
  const int out = b.AddTensor(TensorType::kFloat32, out_shape);
  const float cell_clip = r.Int(0, 2) == 0 ? static_cast<float>(r.Int(1, 8)) * 0.25f : 0.0f;
  auto opts = tflite::CreateUnidirectionalSequenceLSTMOptions(b.fbb(), tflite::ActivationFunctionType_TANH, cell_clip, 0.0f, time_major);
  b.AddOp(tflite::BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_LSTM, inputs, {out}, tflite::BuiltinOptions_UnidirectionalSequenceLSTMOptions,
          opts.Union());
  b.SetInputs({inputs[0]});
  b.SetOutputs({out});
  *name = "float lstm " + std::to_string(batches) + "x" + std::to_string(time_steps) + "x" + std::to_string(input_size) + " -> " +
          std::to_string(units) + (time_major ? " time-major" : "") + (cell_clip > 0.0f ? " clip" : "");
  return b.Finish();
}

template <typename Rng>
host::AlignedBuffer RandomSvdfInt8(Rng& r, std::string* name) {
  const int32_t batches = r.Int(1, 2), rank = r.Int(1, 2), units = r.Int(1, 20), memory = r.Int(1, 12);
  const bool whole = r.Int(0, 1) != 0;
  const int32_t input_size = whole ? 4 * r.Int(1, 24) : r.Int(1, 70);
  const int32_t filters = units * rank;
  ModelBuilder b;
  const float input_scale = RandomScale(r, 0.05f), feature_scale = RandomScale(r, 0.01f);
  const float state_scale = RandomScale(r, 0.002f), time_scale = RandomScale(r, 0.002f);
  const int in = b.AddTensor(TensorType::kInt8, {batches, input_size}, Quant{{input_scale}, {r.Int(-128, 127)}});
  const int wf = b.AddConstant<int8_t>(TensorType::kInt8, {filters, input_size}, RandomInt8(r, static_cast<size_t>(filters) * input_size),
                                       Quant{{feature_scale}, {0}});
  std::vector<int16_t> time(static_cast<size_t>(filters) * memory);
  for (auto& x : time) x = static_cast<int16_t>(r.Int(-32767, 32767));
  const int wt = b.AddConstant<int16_t>(TensorType::kInt16, {filters, memory}, time, Quant{{time_scale}, {0}});
  const int bias = r.Int(0, 3) == 0
                       ? -1
                       : b.AddConstant<int32_t>(TensorType::kInt32, {units}, RandomInt32(r, static_cast<size_t>(units), 1 << 20),
                                                Quant{{state_scale * time_scale}, {0}});
  // TFLite writes state zero point 0; one case in four has another (the kernels' general path).
  const int32_t state_zero_point = r.Int(0, 3) == 0 ? r.Int(-300, 300) : 0;
  const int state = b.AddTensor(TensorType::kInt16, {batches, memory * filters}, Quant{{state_scale}, {state_zero_point}}, true);
  const int out = b.AddTensor(TensorType::kInt8, {batches, units}, Quant{{RandomScale(r, 0.2f)}, {r.Int(-128, 127)}});
  auto opts = tflite::CreateSVDFOptions(b.fbb(), rank, tflite::ActivationFunctionType_NONE);
  b.AddOp(tflite::BuiltinOperator_SVDF, {in, wf, wt, bias, state}, {out}, tflite::BuiltinOptions_SVDFOptions, opts.Union());
  b.SetInputs({in});
  b.SetOutputs({out});
  *name = "svdf " + std::to_string(batches) + "x" + std::to_string(input_size) + " -> " + std::to_string(filters) + " filters rank " +
          std::to_string(rank) + " memory " + std::to_string(memory) + (bias < 0 ? " no bias" : "") +
          (state_zero_point != 0 ? " state zero point " + std::to_string(state_zero_point) : "");
  return b.Finish();
}

}  // namespace testing
}  // namespace tinyrt
