// SPDX-License-Identifier: Apache-2.0
// RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR: expectations by hand or from a straightforward
// double-precision bilinear interpolation written here (not the kernel's arithmetic).
#include <gtest/gtest.h>

#include <cmath>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

struct ResizeSpec {
  int32_t op;
  TensorType type;
  std::vector<int32_t> in_shape;
  int32_t out_h, out_w;
  bool align_corners = false;
  bool half_pixel = false;
  Quant quant = {};
};

host::AlignedBuffer BuildResize(const ResizeSpec& s) {
  ModelBuilder b;
  const int in = b.AddTensor(s.type, s.in_shape, s.quant);
  const int size = b.AddConstant<int32_t>(TensorType::kInt32, {2}, {s.out_h, s.out_w});
  const int out = b.AddTensor(s.type, {s.in_shape[0], s.out_h, s.out_w, s.in_shape[3]}, s.quant);
  if (s.op == tflite::BuiltinOperator_RESIZE_BILINEAR) {
    auto opts = tflite::CreateResizeBilinearOptions(b.fbb(), 0, 0, s.align_corners, s.half_pixel);
    b.AddOp(s.op, {in, size}, {out}, tflite::BuiltinOptions_ResizeBilinearOptions, opts.Union());
  } else {
    auto opts = tflite::CreateResizeNearestNeighborOptions(b.fbb(), s.align_corners, s.half_pixel);
    b.AddOp(s.op, {in, size}, {out}, tflite::BuiltinOptions_ResizeNearestNeighborOptions, opts.Union());
  }
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

// Textbook bilinear interpolation in double (one batch, one channel): source position per
// TFLite's coordinate conventions, neighbours clamped to the image.
std::vector<double> BilinearReference(const std::vector<double>& in, int ih, int iw, int oh, int ow, bool align, bool half) {
  auto source = [&](int i, int in_size, int out_size) {
    if (align && out_size > 1) return i * static_cast<double>(in_size - 1) / (out_size - 1);
    if (half) return (i + 0.5) * in_size / out_size - 0.5;
    return static_cast<double>(i) * in_size / out_size;
  };
  std::vector<double> out;
  for (int y = 0; y < oh; ++y) {
    const double sy = std::max(0.0, source(y, ih, oh));
    const int y0 = std::min(static_cast<int>(std::floor(sy)), ih - 1), y1 = std::min(y0 + 1, ih - 1);
    const double fy = std::min(sy - y0, 1.0);
    for (int x = 0; x < ow; ++x) {
      const double sx = std::max(0.0, source(x, iw, ow));
      const int x0 = std::min(static_cast<int>(std::floor(sx)), iw - 1), x1 = std::min(x0 + 1, iw - 1);
      const double fx = std::min(sx - x0, 1.0);
      const double top = in[y0 * iw + x0] * (1 - fx) + in[y0 * iw + x1] * fx;
      const double bottom = in[y1 * iw + x0] * (1 - fx) + in[y1 * iw + x1] * fx;
      out.push_back(top * (1 - fy) + bottom * fy);
    }
  }
  return out;
}

TEST(ResizeBilinear, FloatUpscaleByHand) {
  Runner r(BuildResize({tflite::BuiltinOperator_RESIZE_BILINEAR, TensorType::kFloat32, {1, 2, 2, 1}, 3, 3}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference float32");
  r.SetInput<float>(0, {0, 3, 6, 9});
  ASSERT_TRUE(r.Invoke().ok());
  // Source positions 0, 2/3, 4/3 (clamped to the last row/column): 0, 2, 3 | 4, 6, 7 | 6, 8, 9.
  const std::vector<float> out = r.Output<float>(0);
  const std::vector<float> want = {0, 2, 3, 4, 6, 7, 6, 8, 9};
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(out[i], want[i], 1e-5) << i;
}

TEST(ResizeBilinear, FloatAlignCornersAndHalfPixelMatchDoubleReference) {
  const std::vector<double> in = {0.5, -1, 2, 0.25, 3, -2, 1, 0, 4, -0.5, 1.5, 2.5};  // 3x4
  for (int mode = 0; mode < 2; ++mode) {
    const bool align = mode == 0, half = mode == 1;
    Runner r(BuildResize({tflite::BuiltinOperator_RESIZE_BILINEAR, TensorType::kFloat32, {1, 3, 4, 1}, 5, 7, align, half}));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    r.SetInput<float>(0, std::vector<float>(in.begin(), in.end()));
    ASSERT_TRUE(r.Invoke().ok());
    const std::vector<double> want = BilinearReference(in, 3, 4, 5, 7, align, half);
    const std::vector<float> out = r.Output<float>(0);
    for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(out[i], want[i], 1e-5) << "mode " << mode << " element " << i;
  }
}

TEST(ResizeBilinear, Int8HalfPixelRoundsHalfAwayFromZero) {
  // 2 -> 4 has scale 1/2, exact in TFLite's 1/1024 fixed point, so its result is the exact
  // interpolation rounded half away from zero.
  const std::vector<double> in = {-3, 5, 10, -8};
  Runner r(BuildResize({tflite::BuiltinOperator_RESIZE_BILINEAR, TensorType::kInt8, {1, 2, 2, 1}, 4, 4, false, true, Quant{{0.5f}, {0}}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int8_t>(0, {-3, 5, 10, -8});
  ASSERT_TRUE(r.Invoke().ok());
  const std::vector<double> want = BilinearReference(in, 2, 2, 4, 4, false, true);
  const std::vector<int8_t> out = r.Output<int8_t>(0);
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(out[i], static_cast<int>(std::round(want[i]))) << i;
  // Spot check by hand: output (0, 1) sits at source x = 0.25: -3 * 0.75 + 5 * 0.25 = -1.
  EXPECT_EQ(out[1], -1);
}

TEST(ResizeBilinear, Int16IsExactBeyondTflm) {
  // TFLM refuses int16; tinyrt interpolates exactly. 3 -> 5 (ratio 3/5 is not a multiple of
  // 1/1024, so a fixed-point approximation would drift).
  const std::vector<double> in = {-32768, 32767, 1000, -7, 12345, -23456, 77, 5, 30000};
  for (int mode = 0; mode < 3; ++mode) {
    const bool align = mode == 1, half = mode == 2;
    Runner r(
        BuildResize({tflite::BuiltinOperator_RESIZE_BILINEAR, TensorType::kInt16, {1, 3, 3, 1}, 5, 4, align, half, Quant{{0.001f}, {0}}}));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    EXPECT_STREQ(r.interpreter().node(0).variant, "reference int16 (exact)");
    r.SetInput<int16_t>(0, std::vector<int16_t>(in.begin(), in.end()));
    ASSERT_TRUE(r.Invoke().ok());
    const std::vector<double> want = BilinearReference(in, 3, 3, 5, 4, align, half);
    const std::vector<int16_t> out = r.Output<int16_t>(0);
    for (size_t i = 0; i < want.size(); ++i)
      EXPECT_EQ(out[i], static_cast<int>(std::round(want[i]))) << "mode " << mode << " element " << i;
  }
}

TEST(ResizeBilinear, RejectsInt32AndBothCornerModes) {
  Runner r(BuildResize({tflite::BuiltinOperator_RESIZE_BILINEAR, TensorType::kInt32, {1, 2, 2, 1}, 3, 3}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("RESIZE_BILINEAR (node 0): input type int32 is not supported"),
            std::string::npos)
      << r.allocate_status().message();
  Runner both(BuildResize({tflite::BuiltinOperator_RESIZE_BILINEAR, TensorType::kFloat32, {1, 2, 2, 1}, 3, 3, true, true}));
  EXPECT_NE(std::string(both.allocate_status().message()).find("cannot both be true"), std::string::npos)
      << both.allocate_status().message();
}

TEST(ResizeNearestNeighbor, ModesByHand) {
  // 1x3 row -> 1x5: scale 3/5. Plain: floor(x * 0.6) = 0 0 1 1 2. Half pixel: floor((x + 0.5) * 0.6)
  // = 0 0 1 2 2. Align corners: round(x * 0.5) = 0 1 1 2 2 (round half away from zero).
  const std::vector<std::vector<int16_t>> want = {{10, 10, 20, 20, 30}, {10, 10, 20, 30, 30}, {10, 20, 20, 30, 30}};
  for (int mode = 0; mode < 3; ++mode) {
    Runner r(BuildResize({tflite::BuiltinOperator_RESIZE_NEAREST_NEIGHBOR,
                          TensorType::kInt16,
                          {1, 1, 3, 1},
                          1,
                          5,
                          mode == 2,
                          mode == 1,
                          Quant{{1.0f}, {0}}}));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    r.SetInput<int16_t>(0, {10, 20, 30});
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_EQ(r.Output<int16_t>(0), want[mode]) << "mode " << mode;
  }
}

TEST(ResizeNearestNeighbor, FloatAndInt8CopyWholePixels) {
  for (TensorType type : {TensorType::kFloat32, TensorType::kInt8}) {
    Runner r(BuildResize({tflite::BuiltinOperator_RESIZE_NEAREST_NEIGHBOR,
                          type,
                          {1, 2, 2, 2},
                          3,
                          3,
                          false,
                          false,
                          type == TensorType::kInt8 ? Quant{{0.5f}, {1}} : Quant{}}));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    // Source rows/columns floor(i * 2/3) = 0, 0, 1.
    const std::vector<int> in = {1, 2, 3, 4, 5, 6, 7, 8};
    const std::vector<int> want = {1, 2, 1, 2, 3, 4, 1, 2, 1, 2, 3, 4, 5, 6, 5, 6, 7, 8};
    if (type == TensorType::kFloat32) {
      r.SetInput<float>(0, std::vector<float>(in.begin(), in.end()));
      ASSERT_TRUE(r.Invoke().ok());
      EXPECT_EQ(r.Output<float>(0), std::vector<float>(want.begin(), want.end()));
    } else {
      r.SetInput<int8_t>(0, std::vector<int8_t>(in.begin(), in.end()));
      ASSERT_TRUE(r.Invoke().ok());
      EXPECT_EQ(r.Output<int8_t>(0), std::vector<int8_t>(want.begin(), want.end()));
    }
  }
}

TEST(ResizeNearestNeighbor, RejectsBoolAndRuntimeSize) {
  Runner r(BuildResize({tflite::BuiltinOperator_RESIZE_NEAREST_NEIGHBOR, TensorType::kBool, {1, 2, 2, 1}, 3, 3}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("input type bool is not supported"), std::string::npos)
      << r.allocate_status().message();

  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kFloat32, {1, 2, 2, 1});
  const int size = b.AddTensor(TensorType::kInt32, {2});
  const int out = b.AddTensor(TensorType::kFloat32, {1, 3, 3, 1});
  b.AddOp(tflite::BuiltinOperator_RESIZE_NEAREST_NEIGHBOR, {in, size}, {out});
  b.SetInputs({in, size});
  b.SetOutputs({out});
  Runner runtime(b.Finish());
  EXPECT_NE(std::string(runtime.allocate_status().message()).find("size must be a constant tensor"), std::string::npos)
      << runtime.allocate_status().message();
}

}  // namespace
}  // namespace tinyrt
