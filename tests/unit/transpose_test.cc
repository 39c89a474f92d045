// SPDX-License-Identifier: Apache-2.0
// TRANSPOSE: hand-checked 2-D and NHWC -> NCHW cases, and a 6-D permutation checked against a
// plain index computation; one Eval per element size.
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

host::AlignedBuffer BuildTranspose(TensorType type, const std::vector<int32_t>& in_shape, const std::vector<int32_t>& perm,
                                   const std::vector<int32_t>& out_shape, bool constant_perm = true) {
  ModelBuilder b;
  const int in = b.AddTensor(type, in_shape);
  const int p = constant_perm ? b.AddConstant<int32_t>(TensorType::kInt32, {static_cast<int32_t>(perm.size())}, perm)
                              : b.AddTensor(TensorType::kInt32, {static_cast<int32_t>(perm.size())});
  const int out = b.AddTensor(type, out_shape);
  b.AddOp(tflite::BuiltinOperator_TRANSPOSE, {in, p}, {out});
  b.SetInputs(constant_perm ? std::vector<int32_t>{in} : std::vector<int32_t>{in, p});
  b.SetOutputs({out});
  return b.Finish();
}

std::vector<int32_t> Permuted(const std::vector<int32_t>& shape, const std::vector<int32_t>& perm) {
  std::vector<int32_t> out;
  for (int32_t p : perm) out.push_back(shape[static_cast<size_t>(p)]);
  return out;
}

std::string Message(const Runner& r) { return std::string(r.allocate_status().message()); }

TEST(Transpose, Int8Matrix) {
  Runner r(BuildTranspose(TensorType::kInt8, {2, 3}, {1, 0}, {3, 2}));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference 8-bit");
  r.SetInput<int8_t>(0, {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{1, 4, 2, 5, 3, 6}));
}

TEST(Transpose, FloatNhwcToNchw) {
  Runner r(BuildTranspose(TensorType::kFloat32, {1, 2, 2, 3}, {0, 3, 1, 2}, {1, 3, 2, 2}));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference 32-bit");
  // Pixel p (0..3) has channels (10p, 10p+1, 10p+2).
  r.SetInput<float>(0, {0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{0, 10, 20, 30, 1, 11, 21, 31, 2, 12, 22, 32}));
}

TEST(Transpose, SixDimensionsInt16) {
  const std::vector<int32_t> shape = {2, 1, 3, 2, 2, 2};
  const std::vector<int32_t> perm = {5, 3, 0, 4, 2, 1};
  const std::vector<int32_t> out_shape = Permuted(shape, perm);
  Runner r(BuildTranspose(TensorType::kInt16, shape, perm, out_shape));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference 16-bit");
  std::vector<int16_t> input(48);
  for (size_t i = 0; i < input.size(); ++i) input[i] = static_cast<int16_t>(1000 - 7 * static_cast<int>(i));
  r.SetInput<int16_t>(0, input);
  ASSERT_TRUE(r.Invoke().ok());
  const std::vector<int16_t> out = r.Output<int16_t>(0);
  ASSERT_EQ(out.size(), 48u);
  // out[o_0..o_5] = in[i] with i_{perm[k]} = o_k.
  size_t o = 0;
  int32_t oc[6];
  for (oc[0] = 0; oc[0] < out_shape[0]; ++oc[0])
    for (oc[1] = 0; oc[1] < out_shape[1]; ++oc[1])
      for (oc[2] = 0; oc[2] < out_shape[2]; ++oc[2])
        for (oc[3] = 0; oc[3] < out_shape[3]; ++oc[3])
          for (oc[4] = 0; oc[4] < out_shape[4]; ++oc[4])
            for (oc[5] = 0; oc[5] < out_shape[5]; ++oc[5], ++o) {
              int32_t ic[6];
              for (int k = 0; k < 6; ++k) ic[perm[static_cast<size_t>(k)]] = oc[k];
              size_t index = 0;
              for (int k = 0; k < 6; ++k) index = index * static_cast<size_t>(shape[static_cast<size_t>(k)]) + static_cast<size_t>(ic[k]);
              ASSERT_EQ(out[o], input[index]) << o;
            }
}

TEST(Transpose, Int64AndBool) {
  Runner r(BuildTranspose(TensorType::kInt64, {2, 2}, {1, 0}, {2, 2}));
  ASSERT_TRUE(r.ok()) << Message(r);
  EXPECT_STREQ(r.interpreter().node(0).variant, "reference 64-bit");
  r.SetInput<int64_t>(0, {1, int64_t{1} << 40, -3, 4});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int64_t>(0), (std::vector<int64_t>{1, -3, int64_t{1} << 40, 4}));

  Runner rb(BuildTranspose(TensorType::kBool, {1, 3}, {1, 0}, {3, 1}));
  ASSERT_TRUE(rb.ok()) << Message(rb);
  rb.SetInput<uint8_t>(0, {1, 0, 1});
  ASSERT_TRUE(rb.Invoke().ok());
  EXPECT_EQ(rb.Output<uint8_t>(0), (std::vector<uint8_t>{1, 0, 1}));
}

TEST(Transpose, Rejects) {
  Runner r(BuildTranspose(TensorType::kFloat32, {2, 3}, {0, 0}, {2, 2}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(Message(r).find("TRANSPOSE (node 0): perm is not a permutation of 0..1"), std::string::npos) << Message(r);
  Runner r2(BuildTranspose(TensorType::kFloat32, {2, 3}, {1, 0}, {2, 3}));
  EXPECT_NE(Message(r2).find("output dimension 0 is 2, expected input dimension 1 = 3"), std::string::npos) << Message(r2);
  Runner r3(BuildTranspose(TensorType::kFloat32, {2, 3}, {1, 0}, {3, 2}, /*constant_perm=*/false));
  EXPECT_NE(Message(r3).find("perm must be a constant tensor"), std::string::npos) << Message(r3);
  Runner r4(BuildTranspose(TensorType::kString, {2}, {0}, {2}));
  EXPECT_NE(Message(r4).find("input type string is not supported"), std::string::npos) << Message(r4);
}

}  // namespace
}  // namespace tinyrt
