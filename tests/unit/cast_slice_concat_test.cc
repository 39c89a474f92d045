// SPDX-License-Identifier: Apache-2.0
// CAST, STRIDED_SLICE and CONCATENATION (the audio front end's glue ops).
#include <gtest/gtest.h>
#include <math.h>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Runner;

host::AlignedBuffer Cast(TensorType from, TensorType to, int32_t n) {
  ModelBuilder b;
  const int in = b.AddTensor(from, {n});
  const int out = b.AddTensor(to, {n});
  b.AddOp(tflite::BuiltinOperator_CAST, {in}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

TEST(Cast, IntegerConversionsWrapAndFloatTruncates) {
  Runner u(Cast(TensorType::kUInt32, TensorType::kInt32, 3));
  ASSERT_TRUE(u.ok()) << u.allocate_status().message();
  EXPECT_STREQ(u.interpreter().node(0).variant, "reference uint32->int32");
  u.SetInput<uint32_t>(0, {5, 2147483648u, 4294967295u});
  ASSERT_TRUE(u.Invoke().ok());
  EXPECT_EQ(u.Output<int32_t>(0), (std::vector<int32_t>{5, INT32_MIN, -1}));

  Runner n(Cast(TensorType::kInt32, TensorType::kInt8, 4));
  ASSERT_TRUE(n.ok());
  n.SetInput<int32_t>(0, {-128, 127, 128, 300});
  ASSERT_TRUE(n.Invoke().ok());
  EXPECT_EQ(n.Output<int8_t>(0), (std::vector<int8_t>{-128, 127, -128, 44}));

  Runner f(Cast(TensorType::kFloat32, TensorType::kInt32, 4));
  ASSERT_TRUE(f.ok());
  f.SetInput<float>(0, {2.9f, -2.9f, 3e9f, -0.5f});
  ASSERT_TRUE(f.Invoke().ok());
  EXPECT_EQ(f.Output<int32_t>(0), (std::vector<int32_t>{2, -2, INT32_MIN, 0}));  // out of range: x86's INT32_MIN

  Runner s(Cast(TensorType::kInt16, TensorType::kFloat32, 2));
  ASSERT_TRUE(s.ok());
  s.SetInput<int16_t>(0, {-32768, 12345});
  ASSERT_TRUE(s.Invoke().ok());
  EXPECT_EQ(s.Output<float>(0), (std::vector<float>{-32768.0f, 12345.0f}));

  Runner bl(Cast(TensorType::kBool, TensorType::kInt16, 2));
  ASSERT_TRUE(bl.ok());
  bl.SetInput<uint8_t>(0, {1, 0});
  ASSERT_TRUE(bl.Invoke().ok());
  EXPECT_EQ(bl.Output<int16_t>(0), (std::vector<int16_t>{1, 0}));
}

// Beyond TFLM (which has no bool output): x != 0, so NaN and -0.0 differ (NaN != 0 is true).
TEST(Cast, ToBoolIsNonZero) {
  Runner f(Cast(TensorType::kFloat32, TensorType::kBool, 5));
  ASSERT_TRUE(f.ok()) << f.allocate_status().message();
  EXPECT_STREQ(f.interpreter().node(0).variant, "reference float32->bool");
  f.SetInput<float>(0, {0.0f, -0.0f, 1e-30f, -2.5f, NAN});
  ASSERT_TRUE(f.Invoke().ok());
  EXPECT_EQ(f.Output<uint8_t>(0), (std::vector<uint8_t>{0, 0, 1, 1, 1}));

  Runner i(Cast(TensorType::kInt32, TensorType::kBool, 4));
  ASSERT_TRUE(i.ok()) << i.allocate_status().message();
  i.SetInput<int32_t>(0, {0, 7, -1, INT32_MIN});
  ASSERT_TRUE(i.Invoke().ok());
  EXPECT_EQ(i.Output<uint8_t>(0), (std::vector<uint8_t>{0, 1, 1, 1}));
}

TEST(Cast, RejectsInt64Output) {
  Runner r(Cast(TensorType::kInt32, TensorType::kInt64, 2));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("CAST (node 0): output type int64 is not supported"), std::string::npos)
      << r.allocate_status().message();
}

host::AlignedBuffer Slice(const std::vector<int32_t>& in_shape, const std::vector<int32_t>& out_shape, const std::vector<int32_t>& begin,
                          const std::vector<int32_t>& end, const std::vector<int32_t>& strides, int begin_mask = 0, int end_mask = 0,
                          int shrink_mask = 0) {
  ModelBuilder b;
  const int32_t rank = static_cast<int32_t>(in_shape.size());
  const int in = b.AddTensor(TensorType::kInt32, in_shape);
  const int bg = b.AddConstant<int32_t>(TensorType::kInt32, {rank}, begin);
  const int en = b.AddConstant<int32_t>(TensorType::kInt32, {rank}, end);
  const int st = b.AddConstant<int32_t>(TensorType::kInt32, {rank}, strides);
  const int out = b.AddTensor(TensorType::kInt32, out_shape);
  auto opts = tflite::CreateStridedSliceOptions(b.fbb(), begin_mask, end_mask, 0, 0, shrink_mask);
  b.AddOp(tflite::BuiltinOperator_STRIDED_SLICE, {in, bg, en, st}, {out}, tflite::BuiltinOptions_StridedSliceOptions, opts.Union());
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

std::vector<int32_t> Iota(int n) {
  std::vector<int32_t> v;
  for (int i = 0; i < n; ++i) v.push_back(i);
  return v;
}

TEST(StridedSlice, RangesStridesMasksAndNegativeIndices) {
  {  // The front end's case: bins [5, 241) of 257.
    Runner r(Slice({257}, {236}, {5}, {241}, {1}));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    r.SetInput<int32_t>(0, Iota(257));
    ASSERT_TRUE(r.Invoke().ok());
    std::vector<int32_t> expected;
    for (int i = 5; i < 241; ++i) expected.push_back(i);
    EXPECT_EQ(r.Output<int32_t>(0), expected);
  }
  {  // 3x4, rows from the end backwards, every other column: rows 2, 1 (begin -1, end -3).
    Runner r(Slice({3, 4}, {2, 2}, {-1, 0}, {-3, 4}, {-1, 2}));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    r.SetInput<int32_t>(0, Iota(12));
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{8, 10, 4, 6}));
  }
  {  // begin/end masks take whole axes; shrink axis 1 at index 2 leaves a 1-D result.
    Runner r(Slice({3, 4}, {3}, {1, 2}, {2, 3}, {1, 1}, /*begin_mask=*/1, /*end_mask=*/1, /*shrink=*/2));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    r.SetInput<int32_t>(0, Iota(12));
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{2, 6, 10}));
  }
}

TEST(StridedSlice, RejectsAWrongOutputShape) {
  Runner r(Slice({10}, {4}, {0}, {5}, {1}));
  EXPECT_NE(std::string(r.allocate_status().message()).find("output dimension 0 should be 5"), std::string::npos)
      << r.allocate_status().message();
}

TEST(Concatenation, JoinsAlongAnAxis) {
  {  // 1-D, as the front end pads the spectrum: zeros, slice, zeros.
    ModelBuilder b;
    const int z1 = b.AddConstant<int32_t>(TensorType::kInt32, {2}, {0, 0});
    const int mid = b.AddTensor(TensorType::kInt32, {3});
    const int z2 = b.AddConstant<int32_t>(TensorType::kInt32, {1}, {-1});
    const int out = b.AddTensor(TensorType::kInt32, {6});
    b.AddOp(tflite::BuiltinOperator_CONCATENATION, {z1, mid, z2}, {out}, tflite::BuiltinOptions_ConcatenationOptions,
            tflite::CreateConcatenationOptions(b.fbb(), 0).Union());
    b.SetInputs({mid});
    b.SetOutputs({out});
    Runner r(b.Finish());
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    r.SetInput<int32_t>(0, {7, 8, 9});
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{0, 0, 7, 8, 9, -1}));
  }
  {  // 2x(1|2) float along axis -1.
    ModelBuilder b;
    const int a = b.AddTensor(TensorType::kFloat32, {2, 1});
    const int c = b.AddTensor(TensorType::kFloat32, {2, 2});
    const int out = b.AddTensor(TensorType::kFloat32, {2, 3});
    b.AddOp(tflite::BuiltinOperator_CONCATENATION, {a, c}, {out}, tflite::BuiltinOptions_ConcatenationOptions,
            tflite::CreateConcatenationOptions(b.fbb(), -1).Union());
    b.SetInputs({a, c});
    b.SetOutputs({out});
    Runner r(b.Finish());
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    r.SetInput<float>(0, {1, 2});
    r.SetInput<float>(1, {10, 11, 20, 21});
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_EQ(r.Output<float>(0), (std::vector<float>{1, 10, 11, 2, 20, 21}));
  }
}

TEST(Concatenation, RejectsMismatchedShapes) {
  ModelBuilder b;
  const int a = b.AddTensor(TensorType::kInt32, {2, 1});
  const int c = b.AddTensor(TensorType::kInt32, {3, 2});
  const int out = b.AddTensor(TensorType::kInt32, {2, 3});
  b.AddOp(tflite::BuiltinOperator_CONCATENATION, {a, c}, {out}, tflite::BuiltinOptions_ConcatenationOptions,
          tflite::CreateConcatenationOptions(b.fbb(), 1).Union());
  b.SetInputs({a, c});
  b.SetOutputs({out});
  Runner r(b.Finish());
  EXPECT_NE(std::string(r.allocate_status().message()).find("input 1 dimension 0 is 3"), std::string::npos)
      << r.allocate_status().message();
}

}  // namespace
}  // namespace tinyrt
