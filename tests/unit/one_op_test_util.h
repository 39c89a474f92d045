// SPDX-License-Identifier: Apache-2.0
// Builds a one-operator model from a list of tensor specs (constants carry their data; the other
// inputs become graph inputs) and runs it: the shape, data-movement and reduction ops' tests.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace tinyrt {
namespace testing {

struct Spec {
  TensorType type;
  std::vector<int32_t> shape;
  std::vector<uint8_t> data;  // empty: an activation (graph input or output)
  Quant quant;
};

template <typename T>
std::vector<uint8_t> Bytes(const std::vector<T>& values) {
  std::vector<uint8_t> out(values.size() * sizeof(T));
  if (!out.empty()) std::memcpy(out.data(), values.data(), out.size());
  return out;
}

// An activation / output spec.
inline Spec Act(TensorType type, const std::vector<int32_t>& shape, const Quant& quant = {}) { return Spec{type, shape, {}, quant}; }
// A constant spec.
template <typename T>
Spec Const(TensorType type, const std::vector<int32_t>& shape, const std::vector<T>& values, const Quant& quant = {}) {
  return Spec{type, shape, Bytes(values), quant};
}

using OptionsFn = std::function<flatbuffers::Offset<void>(flatbuffers::FlatBufferBuilder&)>;

inline host::AlignedBuffer OneOp(tflite::BuiltinOperator op, const std::vector<Spec>& inputs, const std::vector<Spec>& outputs,
                                 tflite::BuiltinOptions options_type = tflite::BuiltinOptions_NONE, const OptionsFn& options = nullptr,
                                 int version = 1) {
  ModelBuilder b;
  std::vector<int32_t> in_ids, graph_inputs, out_ids;
  for (const Spec& s : inputs) {
    const int id =
        s.data.empty() ? b.AddTensor(s.type, s.shape, s.quant) : b.AddConstantBytes(s.type, s.shape, s.data.data(), s.data.size(), s.quant);
    in_ids.push_back(id);
    if (s.data.empty()) graph_inputs.push_back(id);
  }
  for (const Spec& s : outputs) out_ids.push_back(b.AddTensor(s.type, s.shape, s.quant));
  const flatbuffers::Offset<void> opts = options ? options(b.fbb()) : flatbuffers::Offset<void>();
  b.AddOp(op, in_ids, out_ids, options ? options_type : tflite::BuiltinOptions_NONE, opts, version);
  b.SetInputs(graph_inputs);
  b.SetOutputs(out_ids);
  return b.Finish();
}

inline std::string AllocateMessage(const Runner& r) { return std::string(r.allocate_status().message()); }

// Expects Prepare to fail with a message containing `text`.
inline void ExpectPrepareError(host::AlignedBuffer model, const std::string& text) {
  Runner r(std::move(model));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(AllocateMessage(r).find(text), std::string::npos) << AllocateMessage(r);
}

inline Quant Q(float scale, int64_t zero_point) { return Quant{{scale}, {zero_point}, 0}; }

// 0, 1, 2, ... as T.
template <typename T>
std::vector<T> Iota(size_t n, T start = T(0)) {
  std::vector<T> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<T>(start + static_cast<T>(i));
  return v;
}

// ---- Options builders and reference layouts shared by several ops' tests.

inline OptionsFn Keep(bool keep) {
  return [keep](flatbuffers::FlatBufferBuilder& fbb) { return tflite::CreateReducerOptions(fbb, keep).Union(); };
}
inline OptionsFn S2D(int b) {
  return [b](flatbuffers::FlatBufferBuilder& fbb) { return tflite::CreateSpaceToDepthOptions(fbb, b).Union(); };
}
inline OptionsFn D2S(int b) {
  return [b](flatbuffers::FlatBufferBuilder& fbb) { return tflite::CreateDepthToSpaceOptions(fbb, b).Union(); };
}
inline OptionsFn PackOpts(int count, int axis) {
  return [count, axis](flatbuffers::FlatBufferBuilder& fbb) { return tflite::CreatePackOptions(fbb, count, axis).Union(); };
}
inline OptionsFn UnpackOpts(int num, int axis) {
  return [num, axis](flatbuffers::FlatBufferBuilder& fbb) { return tflite::CreateUnpackOptions(fbb, num, axis).Union(); };
}
inline OptionsFn SplitOpts(int n) {
  return [n](flatbuffers::FlatBufferBuilder& fbb) { return tflite::CreateSplitOptions(fbb, n).Union(); };
}
inline OptionsFn SplitVOpts(int n) {
  return [n](flatbuffers::FlatBufferBuilder& fbb) { return tflite::CreateSplitVOptions(fbb, n).Union(); };
}
inline OptionsFn MaxType(TensorType t) {
  return [t](flatbuffers::FlatBufferBuilder& fbb) { return tflite::CreateArgMaxOptions(fbb, static_cast<tflite::TensorType>(t)).Union(); };
}
inline OptionsFn MinType(TensorType t) {
  return [t](flatbuffers::FlatBufferBuilder& fbb) { return tflite::CreateArgMinOptions(fbb, static_cast<tflite::TensorType>(t)).Union(); };
}
inline OptionsFn GatherOpts(int axis, int batch_dims) {
  return [axis, batch_dims](flatbuffers::FlatBufferBuilder& fbb) { return tflite::CreateGatherOptions(fbb, axis, batch_dims).Union(); };
}

// SPACE_TO_DEPTH / DEPTH_TO_SPACE: offsets of space-side element [n, y, x, k] of an [n, h, w, c]
// tensor and of depth-side element [n, y, x, d] of its [n, h / b, w / b, c * b * b] counterpart.
struct Layout {
  int n, h, w, c, b;
  size_t Space(int in, int y, int x, int k) const { return static_cast<size_t>(((in * h + y) * w + x) * c + k); }
  size_t Depth(int in, int y, int x, int d) const { return static_cast<size_t>(((in * (h / b) + y) * (w / b) + x) * c * b * b + d); }
};

// SPACE_TO_BATCH_ND's definition: the batch-side tensor of an [n, h, w, c] space tensor with
// block (bh, bw) and padding (top, left, bottom, right), `pad` in the padding:
// batch[(i * bw + j) * n + b, y, x, k] = padded_space[b, y * bh + i, x * bw + j, k].
template <typename T>
std::vector<T> ToBatch(const std::vector<T>& space, int n, int h, int w, int c, int bh, int bw, int top, int left, int bottom, int right,
                       T pad) {
  const int ph = (h + top + bottom) / bh, pw = (w + left + right) / bw;
  std::vector<T> out;
  for (int i = 0; i < bh; ++i)
    for (int j = 0; j < bw; ++j)
      for (int b = 0; b < n; ++b)
        for (int y = 0; y < ph; ++y)
          for (int x = 0; x < pw; ++x)
            for (int k = 0; k < c; ++k) {
              const int sy = y * bh + i - top, sx = x * bw + j - left;
              out.push_back(sy < 0 || sy >= h || sx < 0 || sx >= w ? pad : space[static_cast<size_t>(((b * h + sy) * w + sx) * c + k)]);
            }
  return out;
}

}  // namespace testing
}  // namespace tinyrt
