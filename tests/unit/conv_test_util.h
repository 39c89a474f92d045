// SPDX-License-Identifier: Apache-2.0
// Test scaffolding shared by the CONV_2D and DEPTHWISE_CONV_2D tests: builds a one-op model from a
// ConvCase, fills it with pseudo-random data, and computes the expected output with a naive
// reference written straight from the op's definition (every tap checked against the image
// bounds, as TFLite's reference loops do) -- independent of the kernels' window arithmetic.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "src/math/quantization.h"
#include "tests/test_util.h"
#include "tests/unit/tflm_arith.h"

namespace tinyrt {
namespace conv_test {

struct ConvCase {
  bool depthwise = false;
  TensorType type = TensorType::kFloat32;  // input and output
  TensorType bias_type = TensorType::kFloat32;
  bool has_bias = true;
  tflite::TensorType quantized_bias_type = tflite::TensorType_FLOAT32;  // CONV_2D options (FLOAT32 = 0: absent)
  bool per_channel = true;
  int32_t batches = 1, in_h = 5, in_w = 5, in_d = 2;
  int32_t f_h = 3, f_w = 3, out_d = 3;
  int32_t filter_depth = 0;  // CONV_2D: input channels per filter (0: in_d)
  tflite::Padding padding = tflite::Padding_VALID;
  int32_t stride_h = 1, stride_w = 1, dil_h = 1, dil_w = 1;
  tflite::ActivationFunctionType act = tflite::ActivationFunctionType_NONE;
  float in_scale = 0.05f, out_scale = 0.2f;
  int32_t in_zp = 3, out_zp = -5;  // ignored (0) for int16
  uint32_t seed = 1;
  bool int4 = false;  // int8: weights -8..7, stored packed as an INT4 filter (src/kernels/int4.h)
};

// Packs int4 values (-8..7) as TFLite does: element 2k in the low nibble of byte k, 2k + 1 in the
// high nibble; an odd count leaves the last high nibble at `spare` (kernels must ignore it).
inline std::vector<uint8_t> PackInt4(const std::vector<int8_t>& values, uint8_t spare = 0) {
  std::vector<uint8_t> packed((values.size() + 1) / 2, 0);
  for (size_t i = 0; i < values.size(); ++i) packed[i / 2] |= static_cast<uint8_t>((values[i] & 0x0F) << (i % 2 == 0 ? 0 : 4));
  if (values.size() % 2 != 0) packed.back() |= static_cast<uint8_t>(spare << 4);
  return packed;
}

inline int32_t OutSize(tflite::Padding padding, int32_t in, int32_t filter, int32_t stride, int32_t dilation) {
  const int32_t effective = (filter - 1) * dilation + 1;
  const int32_t span = padding == tflite::Padding_SAME ? in : in - effective + 1;
  return (span + stride - 1) / stride;  // ceil
}

inline int32_t PadBefore(int32_t in, int32_t out, int32_t filter, int32_t stride, int32_t dilation) {
  const int32_t needed = (out - 1) * stride + (filter - 1) * dilation + 1 - in;
  return needed > 0 ? needed / 2 : 0;
}

class Lcg {
 public:
  explicit Lcg(uint32_t seed) : state_(seed * 2654435761u + 12345u) {}
  uint32_t Next() {
    state_ = state_ * 1664525u + 1013904223u;
    return state_ >> 8;
  }
  int32_t Int(int32_t lo, int32_t hi) { return lo + static_cast<int32_t>(Next() % static_cast<uint32_t>(hi - lo + 1)); }
  float Float() { return static_cast<float>(Next() % 2001u) / 1000.0f - 1.0f; }  // [-1, 1]

 private:
  uint32_t state_;
};

// Everything a case needs: data, the model, and the naive expected output (as int64 or float).
struct ConvRun {
  ConvCase c;
  int32_t out_h = 0, out_w = 0, fd = 0;
  std::vector<float> in_f, w_f, bias_f;
  std::vector<int32_t> in_q;
  std::vector<int8_t> w_q;
  std::vector<int64_t> bias_q;
  std::vector<float> filter_scales;

  explicit ConvRun(const ConvCase& cc) : c(cc) {
    if (c.type == TensorType::kInt16) c.in_zp = c.out_zp = 0;
    fd = c.depthwise ? 1 : (c.filter_depth > 0 ? c.filter_depth : c.in_d);
    out_h = OutSize(c.padding, c.in_h, c.f_h, c.stride_h, c.dil_h);
    out_w = OutSize(c.padding, c.in_w, c.f_w, c.stride_w, c.dil_w);
    Lcg rng(c.seed);
    const size_t in_n = static_cast<size_t>(c.batches) * c.in_h * c.in_w * c.in_d;
    const size_t w_n = static_cast<size_t>(c.depthwise ? 1 : c.out_d) * c.f_h * c.f_w * (c.depthwise ? c.out_d : fd);
    for (size_t i = 0; i < in_n; ++i) {
      in_f.push_back(rng.Float());
      in_q.push_back(c.type == TensorType::kInt8 ? rng.Int(-128, 127) : rng.Int(-32768, 32767));
    }
    for (size_t i = 0; i < w_n; ++i) {
      w_f.push_back(rng.Float());
      w_q.push_back(static_cast<int8_t>(c.int4 ? rng.Int(-8, 7) : rng.Int(-127, 127)));
    }
    for (int32_t o = 0; o < c.out_d; ++o) {
      bias_f.push_back(rng.Float());
      bias_q.push_back(c.type == TensorType::kInt8 ? rng.Int(-3000, 3000) : rng.Int(-300000, 300000));
      filter_scales.push_back(c.per_channel ? 0.002f + 0.001f * static_cast<float>(rng.Int(0, 10)) : 0.004f);
    }
    if (!c.per_channel) filter_scales.resize(1);
  }

  float FilterScale(int32_t o) const { return filter_scales[c.per_channel ? static_cast<size_t>(o) : 0]; }

  // int4_as_int8: an int4 case's weights stored as an ordinary int8 filter (same values).
  host::AlignedBuffer BuildModel(bool int4_as_int8 = false) const {
    testing::ModelBuilder b;
    const bool q = c.type != TensorType::kFloat32;
    const testing::Quant in_quant{{c.in_scale}, {c.in_zp}};
    const testing::Quant out_quant{{c.out_scale}, {c.out_zp}};
    testing::Quant w_quant;
    w_quant.scales = filter_scales;
    w_quant.zero_points.assign(filter_scales.size(), 0);
    w_quant.axis = c.depthwise ? 3 : 0;
    std::vector<int32_t> w_shape =
        c.depthwise ? std::vector<int32_t>{1, c.f_h, c.f_w, c.out_d} : std::vector<int32_t>{c.out_d, c.f_h, c.f_w, fd};
    const int in = b.AddTensor(c.type, {c.batches, c.in_h, c.in_w, c.in_d}, q ? in_quant : testing::Quant{});
    int w;
    if (q && c.int4 && !int4_as_int8) {
      const std::vector<uint8_t> packed = PackInt4(w_q, static_cast<uint8_t>(c.seed & 0x0F));
      w = b.AddConstantBytes(TensorType::kInt4, w_shape, packed.data(), packed.size(), w_quant);
    } else {
      w = q ? b.AddConstant<int8_t>(TensorType::kInt8, w_shape, w_q, w_quant) : b.AddConstant<float>(TensorType::kFloat32, w_shape, w_f);
    }
    int bias = -1;
    if (c.has_bias) {
      testing::Quant bias_quant;
      for (int32_t o = 0; o < c.out_d; ++o) bias_quant.scales.push_back(c.in_scale * FilterScale(o));
      bias_quant.zero_points.assign(bias_quant.scales.size(), 0);
      if (c.bias_type == TensorType::kFloat32) {
        bias = b.AddConstant<float>(TensorType::kFloat32, {c.out_d}, bias_f);
      } else if (c.bias_type == TensorType::kInt32) {
        std::vector<int32_t> v(bias_q.begin(), bias_q.end());
        bias = b.AddConstant<int32_t>(TensorType::kInt32, {c.out_d}, v, bias_quant);
      } else {
        bias = b.AddConstant<int64_t>(TensorType::kInt64, {c.out_d}, bias_q, bias_quant);
      }
    }
    const int out = b.AddTensor(c.type, {c.batches, out_h, out_w, c.out_d}, q ? out_quant : testing::Quant{});
    std::vector<int32_t> inputs = {in, w};
    if (c.has_bias) inputs.push_back(bias);
    if (c.depthwise) {
      auto opts =
          tflite::CreateDepthwiseConv2DOptions(b.fbb(), c.padding, c.stride_w, c.stride_h, c.out_d / c.in_d, c.act, c.dil_w, c.dil_h);
      b.AddOp(tflite::BuiltinOperator_DEPTHWISE_CONV_2D, inputs, {out}, tflite::BuiltinOptions_DepthwiseConv2DOptions, opts.Union());
    } else {
      auto opts = tflite::CreateConv2DOptions(b.fbb(), c.padding, c.stride_w, c.stride_h, c.act, c.dil_w, c.dil_h, c.quantized_bias_type);
      b.AddOp(tflite::BuiltinOperator_CONV_2D, inputs, {out}, tflite::BuiltinOptions_Conv2DOptions, opts.Union());
    }
    b.SetInputs({in});
    b.SetOutputs({out});
    return b.Finish();
  }

  // Visits the taps of output (n, oy, ox, o): fn(input index, filter index).
  template <typename Fn>
  void ForEachTap(int32_t n, int32_t oy, int32_t ox, int32_t o, Fn fn) const {
    const int32_t pad_h = PadBefore(c.in_h, out_h, c.f_h, c.stride_h, c.dil_h);
    const int32_t pad_w = PadBefore(c.in_w, out_w, c.f_w, c.stride_w, c.dil_w);
    for (int32_t fy = 0; fy < c.f_h; ++fy) {
      for (int32_t fx = 0; fx < c.f_w; ++fx) {
        const int32_t iy = oy * c.stride_h - pad_h + fy * c.dil_h;
        const int32_t ix = ox * c.stride_w - pad_w + fx * c.dil_w;
        if (iy < 0 || iy >= c.in_h || ix < 0 || ix >= c.in_w) continue;
        const size_t pixel = ((static_cast<size_t>(n) * c.in_h + iy) * c.in_w + ix) * c.in_d;
        if (c.depthwise) {
          const int32_t channel = o / (c.out_d / c.in_d);
          fn(pixel + channel, (static_cast<size_t>(fy) * c.f_w + fx) * c.out_d + o);
        } else {
          const int32_t group = o / (c.out_d / (c.in_d / fd));
          for (int32_t k = 0; k < fd; ++k) fn(pixel + group * fd + k, ((static_cast<size_t>(o) * c.f_h + fy) * c.f_w + fx) * fd + k);
        }
      }
    }
  }

  std::vector<float> ExpectedFloat() const {
    float lo = -3.4e38f, hi = 3.4e38f;
    if (c.act == tflite::ActivationFunctionType_RELU) lo = 0.0f;
    if (c.act == tflite::ActivationFunctionType_RELU6) lo = 0.0f, hi = 6.0f;
    if (c.act == tflite::ActivationFunctionType_RELU_N1_TO_1) lo = -1.0f, hi = 1.0f;
    std::vector<float> out;
    for (int32_t n = 0; n < c.batches; ++n)
      for (int32_t oy = 0; oy < out_h; ++oy)
        for (int32_t ox = 0; ox < out_w; ++ox)
          for (int32_t o = 0; o < c.out_d; ++o) {
            float total = 0.0f;
            ForEachTap(n, oy, ox, o, [&](size_t i, size_t k) { total += in_f[i] * w_f[k]; });
            total += c.has_bias ? bias_f[static_cast<size_t>(o)] : 0.0f;
            out.push_back(std::fmin(std::fmax(total, lo), hi));
          }
    return out;
  }

  std::vector<int32_t> ExpectedQuantized() const {
    const int32_t qmin = c.type == TensorType::kInt8 ? -128 : -32768;
    const int32_t qmax = c.type == TensorType::kInt8 ? 127 : 32767;
    int32_t lo = qmin, hi = qmax;
    auto quantize = [&](float v) { return c.out_zp + static_cast<int32_t>(std::round(v / c.out_scale)); };
    if (c.act != tflite::ActivationFunctionType_NONE) {
      const float a = c.act == tflite::ActivationFunctionType_RELU_N1_TO_1 ? -1.0f : 0.0f;
      lo = std::max(qmin, quantize(a));
      if (c.act == tflite::ActivationFunctionType_RELU6) hi = std::min(qmax, quantize(6.0f));
      if (c.act == tflite::ActivationFunctionType_RELU_N1_TO_1) hi = std::min(qmax, quantize(1.0f));
    }
    // TFLM's 16x8 depthwise always accumulates in 64 bits; its 16x8 conv in the bias type and,
    // without a bias, in 64 bits unless quantized_bias_type is INT32.
    const bool wide = c.type == TensorType::kInt16 &&
                      (c.depthwise || (c.has_bias ? c.bias_type == TensorType::kInt64 : c.quantized_bias_type != tflite::TensorType_INT32));
    std::vector<int32_t> out;
    for (int32_t n = 0; n < c.batches; ++n)
      for (int32_t oy = 0; oy < out_h; ++oy)
        for (int32_t ox = 0; ox < out_w; ++ox)
          for (int32_t o = 0; o < c.out_d; ++o) {
            int64_t acc = 0;
            ForEachTap(n, oy, ox, o, [&](size_t i, size_t k) { acc += static_cast<int64_t>(w_q[k]) * (in_q[i] - c.in_zp); });
            if (c.has_bias) acc += bias_q[static_cast<size_t>(o)];
            int32_t m = 0;
            int shift = 0;
            tflm_arith::QuantizeMultiplier(static_cast<double>(c.in_scale) * FilterScale(o) / static_cast<double>(c.out_scale), &m, &shift);
            const int32_t scaled = wide ? tflm_arith::Mbqm64(acc, m, shift) : tflm_arith::Mbqm32(static_cast<int32_t>(acc), m, shift);
            out.push_back(std::min(std::max(scaled + c.out_zp, lo), hi));
          }
    return out;
  }

  // Builds, runs and compares; float outputs must match to the bit (same summation order).
  void Check() const {
    testing::Runner r(BuildModel());
    ASSERT_TRUE(r.ok()) << r.load_status().message() << r.allocate_status().message();
    if (c.type == TensorType::kFloat32) {
      r.SetInput<float>(0, in_f);
    } else if (c.type == TensorType::kInt8) {
      r.SetInput<int8_t>(0, std::vector<int8_t>(in_q.begin(), in_q.end()));
    } else {
      r.SetInput<int16_t>(0, std::vector<int16_t>(in_q.begin(), in_q.end()));
    }
    ASSERT_TRUE(r.Invoke().ok());
    if (c.type == TensorType::kFloat32) {
      EXPECT_EQ(r.Output<float>(0), ExpectedFloat());
    } else if (c.type == TensorType::kInt8) {
      const std::vector<int8_t> got = r.Output<int8_t>(0);
      EXPECT_EQ(std::vector<int32_t>(got.begin(), got.end()), ExpectedQuantized());
    } else {
      const std::vector<int16_t> got = r.Output<int16_t>(0);
      EXPECT_EQ(std::vector<int32_t>(got.begin(), got.end()), ExpectedQuantized());
    }
  }
};

// Runs a model that must fail to allocate, returning the error message.
inline std::string AllocateError(host::AlignedBuffer model) {
  testing::Runner r(std::move(model));
  EXPECT_FALSE(r.ok());
  return r.load_status().ok() ? r.allocate_status().message() : r.load_status().message();
}

}  // namespace conv_test
}  // namespace tinyrt
