// SPDX-License-Identifier: Apache-2.0
// STRIDED_SLICE (the signal branch's kernel): more slices worked out by hand, for negative
// indices and strides, clamping, the begin/end masks with strides, shrink_axis_mask with a negative
// stride on another axis, each integer element size, and the rejections (offset included: TFLM
// Micro ignores that flag, so the kernel refuses models that set it).
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

struct SliceCase {
  TensorType type = TensorType::kFloat32;
  std::vector<int32_t> in_shape;
  std::vector<int32_t> begin, end, strides;
  std::vector<int32_t> out_shape;
  int32_t begin_mask = 0, end_mask = 0, ellipsis_mask = 0, new_axis_mask = 0, shrink_mask = 0;
  bool offset = false;
  bool constant_begin = true;
};

host::AlignedBuffer BuildSlice(const SliceCase& c) {
  ModelBuilder b;
  const int in = b.AddTensor(c.type, c.in_shape);
  const std::vector<int32_t> n = {static_cast<int32_t>(c.begin.size())};
  const int begin = c.constant_begin ? b.AddConstant<int32_t>(TensorType::kInt32, n, c.begin) : b.AddTensor(TensorType::kInt32, n);
  const int end = b.AddConstant<int32_t>(TensorType::kInt32, n, c.end);
  const int strides = b.AddConstant<int32_t>(TensorType::kInt32, n, c.strides);
  const int out = b.AddTensor(c.type, c.out_shape);
  auto opts =
      tflite::CreateStridedSliceOptions(b.fbb(), c.begin_mask, c.end_mask, c.ellipsis_mask, c.new_axis_mask, c.shrink_mask, c.offset);
  b.AddOp(tflite::BuiltinOperator_STRIDED_SLICE, {in, begin, end, strides}, {out}, tflite::BuiltinOptions_StridedSliceOptions,
          opts.Union());
  b.SetInputs(c.constant_begin ? std::vector<int32_t>{in} : std::vector<int32_t>{in, begin});
  b.SetOutputs({out});
  return b.Finish();
}

std::vector<float> Iota(size_t n) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<float>(i);
  return v;
}

std::string Message(const Runner& r) { return std::string(r.allocate_status().message()); }

TEST(StridedSlice, FloatRowsAndStridedColumns) {
  SliceCase c;
  c.in_shape = {4, 6};  // element (r, c) holds 6r + c
  c.begin = {1, 0};
  c.end = {3, 6};
  c.strides = {1, 2};
  c.out_shape = {2, 3};
  Runner r(BuildSlice(c));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference 32-bit");
  r.SetInput<float>(0, Iota(24));
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{6, 8, 10, 12, 14, 16}));
}

TEST(StridedSlice, NegativeIndicesAndStride) {
  // Rows -1 down to (but excluding) 0 by -2: rows 3, 1; columns 5..1 by -2: 5, 3, 1.
  SliceCase c;
  c.in_shape = {4, 6};
  c.begin = {-1, 5};
  c.end = {0, 0};
  c.strides = {-2, -2};
  c.out_shape = {2, 3};
  Runner r(BuildSlice(c));
  ASSERT_TRUE(r.ok()) << Message(r);
  r.SetInput<float>(0, Iota(24));
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{23, 21, 19, 11, 9, 7}));

  // Out-of-range indices clamp: begin 100 with stride -1 starts at the last element.
  SliceCase clamp;
  clamp.in_shape = {5};
  clamp.begin = {100};
  clamp.end = {-100};
  clamp.strides = {-1};
  clamp.out_shape = {5};
  Runner rc(BuildSlice(clamp));
  ASSERT_TRUE(rc.ok()) << Message(rc);
  rc.SetInput<float>(0, Iota(5));
  ASSERT_TRUE(rc.Invoke().ok());
  EXPECT_EQ(rc.Output<float>(0), (std::vector<float>{4, 3, 2, 1, 0}));
}

TEST(StridedSlice, MasksAndShrink) {
  // [3, 4, 5]: begin_mask on axis 0 (from 0), end_mask on axis 2 (to the end), stride 2 on axis 2.
  SliceCase c;
  c.in_shape = {3, 4, 5};
  c.begin = {2, 1, 1};
  c.end = {2, 3, 0};
  c.strides = {1, 1, 2};
  c.begin_mask = 1;
  c.end_mask = 4;
  c.out_shape = {2, 2, 2};
  Runner r(BuildSlice(c));
  ASSERT_TRUE(r.ok()) << Message(r);
  r.SetInput<float>(0, Iota(60));
  ASSERT_TRUE(r.Invoke().ok());
  // (i, j, k) -> 20i + 5j + k for i in {0, 1}, j in {1, 2}, k in {1, 3}.
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{6, 8, 11, 13, 26, 28, 31, 33}));

  // shrink_axis_mask on axis 0 drops it: row 2, columns 5 down to 1.
  SliceCase s;
  s.in_shape = {4, 6};
  s.begin = {2, -1};
  s.end = {3, -6};
  s.strides = {1, -1};
  s.shrink_mask = 1;
  s.out_shape = {5};
  Runner rs(BuildSlice(s));
  ASSERT_TRUE(rs.ok()) << Message(rs);
  rs.SetInput<float>(0, Iota(24));
  ASSERT_TRUE(rs.Invoke().ok());
  EXPECT_EQ(rs.Output<float>(0), (std::vector<float>{17, 16, 15, 14, 13}));
}

TEST(StridedSlice, OffsetFlagIsRefused) {
  SliceCase c;
  c.in_shape = {4, 6};
  c.begin = {1, 2};
  c.end = {2, 3};
  c.strides = {1, 1};
  c.offset = true;
  c.out_shape = {2, 3};
  Runner r(BuildSlice(c));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(Message(r).find("offset = true is not supported"), std::string::npos) << Message(r);
}

TEST(StridedSlice, IntegerTypes) {
  SliceCase c;
  c.type = TensorType::kInt8;
  c.in_shape = {1, 2, 3, 2};
  c.begin = {0, 1, 0, 1};
  c.end = {1, 2, 3, 2};
  c.strides = {1, 1, 2, 1};
  c.out_shape = {1, 1, 2, 1};
  Runner r(BuildSlice(c));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference 8-bit");
  r.SetInput<int8_t>(0, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -11});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{7, -11}));

  c.type = TensorType::kInt16;
  Runner r16(BuildSlice(c));
  ASSERT_TRUE(r16.ok()) << Message(r16);
  EXPECT_STREQ(r16.interpreter().node(0).variant, "reference 16-bit");
  r16.SetInput<int16_t>(0, {0, 1, 2, 3, 4, 5, 6, 7000, 8, 9, 10, -11});
  ASSERT_TRUE(r16.Invoke().ok());
  EXPECT_EQ(r16.Output<int16_t>(0), (std::vector<int16_t>{7000, -11}));

  c.type = TensorType::kInt32;
  Runner r32(BuildSlice(c));
  ASSERT_TRUE(r32.ok()) << Message(r32);
  r32.SetInput<int32_t>(0, {0, 1, 2, 3, 4, 5, 6, 70000, 8, 9, 10, -11});
  ASSERT_TRUE(r32.Invoke().ok());
  EXPECT_EQ(r32.Output<int32_t>(0), (std::vector<int32_t>{70000, -11}));
}

TEST(StridedSlice, Rejects) {
  SliceCase base;
  base.in_shape = {4};
  base.begin = {0};
  base.end = {4};
  base.strides = {1};
  base.out_shape = {4};

  SliceCase ellipsis = base;
  ellipsis.ellipsis_mask = 1;
  Runner r(BuildSlice(ellipsis));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(Message(r).find("STRIDED_SLICE (node 0): ellipsis_mask and new_axis_mask are not supported"), std::string::npos) << Message(r);

  SliceCase zero = base;
  zero.strides = {0};
  Runner r2(BuildSlice(zero));
  EXPECT_NE(Message(r2).find("stride of axis 0 is 0"), std::string::npos) << Message(r2);

  SliceCase dynamic = base;
  dynamic.constant_begin = false;
  Runner r3(BuildSlice(dynamic));
  EXPECT_NE(Message(r3).find("begin must be constant"), std::string::npos) << Message(r3);

  SliceCase wrong = base;
  wrong.out_shape = {3};
  Runner r4(BuildSlice(wrong));
  EXPECT_NE(Message(r4).find("output dimension 0 should be 4"), std::string::npos) << Message(r4);
}

}  // namespace
}  // namespace tinyrt
