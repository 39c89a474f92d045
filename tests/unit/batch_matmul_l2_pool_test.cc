// SPDX-License-Identifier: Apache-2.0
// BATCH_MATMUL and L2_POOL_2D: expectations from straightforward loops written here or by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

host::AlignedBuffer BuildBatchMatMul(TensorType type, const std::vector<int32_t>& lhs, const std::vector<int32_t>& rhs,
                                     const std::vector<int32_t>& out, bool adj_x, bool adj_y, const Quant& ql = {}, const Quant& qr = {},
                                     const Quant& qo = {}) {
  ModelBuilder b;
  const int l = b.AddTensor(type, lhs, ql);
  const int r = b.AddTensor(type, rhs, qr);
  const int o = b.AddTensor(type, out, qo);
  auto opts = tflite::CreateBatchMatMulOptions(b.fbb(), adj_x, adj_y);
  b.AddOp(tflite::BuiltinOperator_BATCH_MATMUL, {l, r}, {o}, tflite::BuiltinOptions_BatchMatMulOptions, opts.Union());
  b.SetInputs({l, r});
  b.SetOutputs({o});
  return b.Finish();
}

TEST(BatchMatMul, FloatByHand) {
  Runner r(BuildBatchMatMul(TensorType::kFloat32, {1, 2, 3}, {1, 3, 2}, {1, 2, 2}, false, false));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<float>(0, {1, 2, 3, 4, 5, 6});
  r.SetInput<float>(1, {7, 8, 9, 10, 11, 12});
  ASSERT_TRUE(r.Invoke().ok());
  // [1 2 3; 4 5 6] x [7 8; 9 10; 11 12] = [58 64; 139 154].
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{58, 64, 139, 154}));
}

TEST(BatchMatMul, FloatAdjointsAndBatchBroadcast) {
  // lhs [2, 1, 3, 2] read transposed (adj_x: m=2, k=3), rhs [3, 4, 3] read transposed (adj_y:
  // k=3, n=4), batches [2, 1] x [3] broadcast to [2, 3].
  const int B0 = 2, B1 = 3, M = 2, K = 3, N = 4;
  std::vector<float> lhs(B0 * K * M), rhs(B1 * N * K);
  for (size_t i = 0; i < lhs.size(); ++i) lhs[i] = static_cast<float>(static_cast<int>(i % 7) - 3) * 0.5f;
  for (size_t i = 0; i < rhs.size(); ++i) rhs[i] = static_cast<float>(static_cast<int>(i % 5) - 2);
  Runner r(BuildBatchMatMul(TensorType::kFloat32, {B0, 1, K, M}, {B1, N, K}, {B0, B1, M, N}, true, true));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<float>(0, lhs);
  r.SetInput<float>(1, rhs);
  ASSERT_TRUE(r.Invoke().ok());
  std::vector<float> want;
  for (int b0 = 0; b0 < B0; ++b0)
    for (int b1 = 0; b1 < B1; ++b1)
      for (int m = 0; m < M; ++m)
        for (int n = 0; n < N; ++n) {
          double sum = 0;
          for (int k = 0; k < K; ++k) sum += lhs[(b0 * K + k) * M + m] * rhs[(b1 * N + n) * K + k];
          want.push_back(static_cast<float>(sum));
        }
  EXPECT_EQ(r.Output<float>(0), want);
}

TEST(BatchMatMul, Int8WithZeroPointsAndInt16) {
  // Real values: lhs (q - 2) * 0.5, rhs (q + 1) * 0.25, output q * 1.0 + 3.
  Runner r(BuildBatchMatMul(TensorType::kInt8, {1, 2}, {2, 2}, {1, 2}, false, false, Quant{{0.5f}, {2}}, Quant{{0.25f}, {-1}},
                            Quant{{1.0f}, {3}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference int8");
  r.SetInput<int8_t>(0, {6, 12});         // real 2, 5
  r.SetInput<int8_t>(1, {3, 7, -1, 11});  // real [1 2; 0 3]
  ASSERT_TRUE(r.Invoke().ok());
  // [2 5] x [1 2; 0 3] = [2, 19] -> q 5, 22.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{5, 22}));

  Runner r16(BuildBatchMatMul(TensorType::kInt16, {1, 2}, {2, 1}, {1, 1}, false, false, Quant{{0.5f}, {0}}, Quant{{0.5f}, {0}},
                              Quant{{0.25f}, {0}}));
  ASSERT_TRUE(r16.ok()) << r16.allocate_status().message();
  r16.SetInput<int16_t>(0, {300, -100});  // real 150, -50
  r16.SetInput<int16_t>(1, {20, 30});     // real 10, 15
  ASSERT_TRUE(r16.Invoke().ok());
  // 150 * 10 - 50 * 15 = 750 -> q 3000.
  EXPECT_EQ(r16.Output<int16_t>(0), (std::vector<int16_t>{3000}));
}

TEST(BatchMatMul, Int16MultiplierFromTheFloatProductOfTheScalesAsTflm) {
  // Scales of difftest seed 7196058: lhs * rhs rounded to float is 5.000264309e-07, exactly
  // 5.000264550e-07. Divided by the output scale they give the Q31 multipliers 2107211770 and
  // 2107211872 (shift -13); the int16 rescale keeps (m + 2^15) >> 16 = 32153 and 32154 of them.
  // total = 5944 * 32767 + 1 * 32767 = 194799815; (194799815 * 32153 + 2^27) >> 28 = 23333, where
  // the exact product would give 23334. TFLM (GetQuantizedConvolutionMultipler) answers 23333.
  Runner r(BuildBatchMatMul(TensorType::kInt16, {1, 2}, {2, 1}, {1, 1}, false, false, Quant{{0.001179401995614171f}, {0}},
                            Quant{{0.0004239660920575261f}, {0}}, Quant{{0.004174501169472933f}, {0}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int16_t>(0, {5944, 1});
  r.SetInput<int16_t>(1, {32767, 32767});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{23333}));
}

TEST(BatchMatMul, RejectsMixedTypesAndBadShapes) {
  ModelBuilder b;
  const int l = b.AddTensor(TensorType::kInt32, {2, 2});
  const int r = b.AddTensor(TensorType::kInt32, {2, 2});
  const int o = b.AddTensor(TensorType::kInt32, {2, 2});
  b.AddOp(tflite::BuiltinOperator_BATCH_MATMUL, {l, r}, {o});
  b.SetInputs({l, r});
  b.SetOutputs({o});
  Runner bad_type(b.Finish());
  EXPECT_NE(std::string(bad_type.allocate_status().message()).find("BATCH_MATMUL (node 0): input type int32 is not supported"),
            std::string::npos)
      << bad_type.allocate_status().message();
  Runner bad_depth(BuildBatchMatMul(TensorType::kFloat32, {2, 3}, {2, 2}, {2, 2}, false, false));
  EXPECT_NE(std::string(bad_depth.allocate_status().message()).find("inner dimension 3 but rhs 2"), std::string::npos)
      << bad_depth.allocate_status().message();
}

host::AlignedBuffer BuildL2Pool(TensorType type, const std::vector<int32_t>& in_shape, const std::vector<int32_t>& out_shape, int filter,
                                int stride, tflite::Padding padding, tflite::ActivationFunctionType activation) {
  ModelBuilder b;
  const int in = b.AddTensor(type, in_shape);
  const int out = b.AddTensor(type, out_shape);
  auto opts = tflite::CreatePool2DOptions(b.fbb(), padding, stride, stride, filter, filter, activation);
  b.AddOp(tflite::BuiltinOperator_L2_POOL_2D, {in}, {out}, tflite::BuiltinOptions_Pool2DOptions, opts.Union());
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

TEST(L2Pool2D, ValidByHand) {
  Runner r(BuildL2Pool(TensorType::kFloat32, {1, 2, 4, 1}, {1, 1, 2, 1}, 2, 2, tflite::Padding_VALID, tflite::ActivationFunctionType_NONE));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<float>(0, {3, 1, 4, 0, 1, -1, 0, 4});
  ASSERT_TRUE(r.Invoke().ok());
  // sqrt((9 + 1 + 1 + 1) / 4) = sqrt(3); sqrt((16 + 0 + 0 + 16) / 4) = sqrt(8).
  const std::vector<float> out = r.Output<float>(0);
  EXPECT_FLOAT_EQ(out[0], std::sqrt(3.0f));
  EXPECT_FLOAT_EQ(out[1], std::sqrt(8.0f));
}

TEST(L2Pool2D, SamePaddingCountsOnlyInBoundsAndRelu6) {
  Runner r(BuildL2Pool(TensorType::kFloat32, {1, 2, 2, 1}, {1, 1, 1, 1}, 3, 2, tflite::Padding_SAME, tflite::ActivationFunctionType_RELU6));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<float>(0, {8, 8, 8, 8});
  ASSERT_TRUE(r.Invoke().ok());
  // The window covers the 4 pixels (padding not counted): sqrt(64) = 8, clamped to 6.
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{6}));
}

TEST(L2Pool2D, RejectsInt8) {
  Runner r(BuildL2Pool(TensorType::kInt8, {1, 2, 2, 1}, {1, 1, 1, 1}, 2, 2, tflite::Padding_VALID, tflite::ActivationFunctionType_NONE));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("L2_POOL_2D (node 0): input type int8 is not supported"), std::string::npos)
      << r.allocate_status().message();
}

}  // namespace
}  // namespace tinyrt
