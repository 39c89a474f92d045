// SPDX-License-Identifier: Apache-2.0
// MUL, DIV, MAXIMUM, MINIMUM: float32, int32 and quantized cases worked out by hand, with
// broadcasting of a scalar and of a row.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <tuple>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

// One binary op; input 2 is a constant when `constant2` is non-empty.
template <typename T>
host::AlignedBuffer Binary(tflite::BuiltinOperator op, TensorType type, const std::vector<int32_t>& s1, const std::vector<int32_t>& s2,
                           const std::vector<int32_t>& so, const std::vector<T>& constant2 = {},
                           tflite::ActivationFunctionType activation = tflite::ActivationFunctionType_NONE, const Quant& q = {}) {
  ModelBuilder b;
  const int in1 = b.AddTensor(type, s1, q);
  const int in2 = constant2.empty() ? b.AddTensor(type, s2, q) : b.AddConstant<T>(type, s2, constant2, q);
  const int out = b.AddTensor(type, so, q);
  if (op == tflite::BuiltinOperator_MUL) {
    b.AddOp(op, {in1, in2}, {out}, tflite::BuiltinOptions_MulOptions, tflite::CreateMulOptions(b.fbb(), activation).Union());
  } else if (op == tflite::BuiltinOperator_DIV) {
    b.AddOp(op, {in1, in2}, {out}, tflite::BuiltinOptions_DivOptions, tflite::CreateDivOptions(b.fbb(), activation).Union());
  } else {
    b.AddOp(op, {in1, in2}, {out});
  }
  if (constant2.empty()) {
    b.SetInputs({in1, in2});
  } else {
    b.SetInputs({in1});
  }
  b.SetOutputs({out});
  return b.Finish();
}

TEST(Mul, Int32ScalarAndFloatRowBroadcast) {
  Runner r(Binary<int32_t>(tflite::BuiltinOperator_MUL, TensorType::kInt32, {2, 2}, {}, {2, 2}, {3}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int32_t>(0, {1, -2, 100000, 0x40000000});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{3, -6, 300000, -1073741824}));  // 3 * 2^30 wraps to -2^30

  Runner f(Binary<float>(tflite::BuiltinOperator_MUL, TensorType::kFloat32, {2, 3}, {3}, {2, 3}, {}, tflite::ActivationFunctionType_RELU6));
  ASSERT_TRUE(f.ok()) << f.allocate_status().message();
  f.SetInput<float>(0, {1, 2, 3, -1, 0.5f, 4});
  f.SetInput<float>(1, {2, 0.25f, 3});
  ASSERT_TRUE(f.Invoke().ok());
  EXPECT_EQ(f.Output<float>(0), (std::vector<float>{2, 0.5f, 6, 0, 0.125f, 6}));
}

TEST(Mul, Int8Quantized) {
  // Real values q * 0.5; output scale 0.5 too, so the real product x*y is requantized by 2 * x * y.
  Runner r(Binary<int8_t>(tflite::BuiltinOperator_MUL, TensorType::kInt8, {3}, {3}, {3}, {}, tflite::ActivationFunctionType_NONE,
                          Quant{{0.5f}, {0}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int8_t>(0, {4, -6, 100});
  r.SetInput<int8_t>(1, {3, 5, 100});
  ASSERT_TRUE(r.Invoke().ok());
  // 2 * 1.5 = 3 -> q 6; -3 * 2.5 = -7.5 -> q -15; 50 * 50 saturates at 127.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{6, -15, 127}));
}

// MUL whose scale ratio input1 * input2 / output needs a multiplier shift past 30: TFLM's rescale
// would shift an int32 left by 31 or more (undefined), so tinyrt refuses it and names the ratio.
TEST(Mul, ScaleRatioBeyondTheRescaleIsRefused) {
  const auto build = [](TensorType type, float in_scale, float out_scale) {
    ModelBuilder b;
    const int in1 = b.AddTensor(type, {4}, Quant{{in_scale}, {0}});
    const int in2 = b.AddTensor(type, {4}, Quant{{in_scale}, {0}});
    const int out = b.AddTensor(type, {4}, Quant{{out_scale}, {0}});
    b.AddOp(tflite::BuiltinOperator_MUL, {in1, in2}, {out}, tflite::BuiltinOptions_MulOptions, tflite::CreateMulOptions(b.fbb()).Union());
    b.SetInputs({in1, in2});
    b.SetOutputs({out});
    return b.Finish();
  };
  // Ratio 2^29: multiplier 2^30 as 0.5 * 2^30, shift 30, the largest that runs.
  Runner ok(build(TensorType::kInt16, 1.0f, std::ldexp(1.0f, -29)));
  ASSERT_TRUE(ok.ok()) << ok.allocate_status().message();
  ok.SetInput<int16_t>(0, {0, 1, -1, 0});
  ok.SetInput<int16_t>(1, {5, 0, 0, 7});
  ASSERT_TRUE(ok.Invoke().ok());
  EXPECT_EQ(ok.Output<int16_t>(0), (std::vector<int16_t>{0, 0, 0, 0}));
  // Ratio 2^30 (shift 31) and difftest seed 7170751's 41.73^2 / 1.43e-7 = 1.2e10 (shift 34).
  for (const auto& [type, in_scale, out_scale] :
       {std::tuple{TensorType::kInt16, 1.0f, std::ldexp(1.0f, -30)}, std::tuple{TensorType::kInt16, 41.731327f, 1.4336207e-07f},
        std::tuple{TensorType::kInt8, 1.0f, std::ldexp(1.0f, -30)}}) {
    Runner r(build(type, in_scale, out_scale));
    ASSERT_FALSE(r.ok());
    EXPECT_NE(std::string(r.allocate_status().message()).find("scale ratio input1 * input2 / output"), std::string::npos)
        << r.allocate_status().message();
    EXPECT_NE(std::string(r.allocate_status().message()).find("outside -31..30"), std::string::npos);
  }
}

TEST(Div, Int32TruncatesAndFloatDivides) {
  Runner r(Binary<int32_t>(tflite::BuiltinOperator_DIV, TensorType::kInt32, {5}, {}, {5}, {-4}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int32_t>(0, {7, -7, 8, 3, INT32_MIN});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{-1, 1, -2, 0, 536870912}));  // toward zero

  Runner f(Binary<float>(tflite::BuiltinOperator_DIV, TensorType::kFloat32, {3}, {3}, {3}));
  ASSERT_TRUE(f.ok());
  f.SetInput<float>(0, {1, -3, 5});
  f.SetInput<float>(1, {4, 2, -0.5f});
  ASSERT_TRUE(f.Invoke().ok());
  EXPECT_EQ(f.Output<float>(0), (std::vector<float>{0.25f, -1.5f, -10}));
}

TEST(Div, ZeroDivisorDoesNotFault) {
  Runner r(Binary<int32_t>(tflite::BuiltinOperator_DIV, TensorType::kInt32, {3}, {3}, {3}));
  ASSERT_TRUE(r.ok());
  r.SetInput<int32_t>(0, {5, INT32_MIN, 9});
  r.SetInput<int32_t>(1, {0, -1, 3});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{0, INT32_MIN, 3}));
}

TEST(Div, RejectsInt16) {
  Runner r(Binary<int16_t>(tflite::BuiltinOperator_DIV, TensorType::kInt16, {2}, {2}, {2}, {}, tflite::ActivationFunctionType_NONE,
                           Quant{{1.0f}, {0}}));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("DIV (node 0): output type int16 is not supported"), std::string::npos)
      << r.allocate_status().message();
}

TEST(MaximumMinimum, ClipInt32AndFloat) {
  Runner mx(Binary<int32_t>(tflite::BuiltinOperator_MAXIMUM, TensorType::kInt32, {4}, {}, {4}, {0}));
  Runner mn(Binary<int32_t>(tflite::BuiltinOperator_MINIMUM, TensorType::kInt32, {4}, {}, {4}, {127}));
  ASSERT_TRUE(mx.ok() && mn.ok());
  mx.SetInput<int32_t>(0, {-5, 0, 130, INT32_MIN});
  mn.SetInput<int32_t>(0, {-5, 0, 130, INT32_MAX});
  ASSERT_TRUE(mx.Invoke().ok() && mn.Invoke().ok());
  EXPECT_EQ(mx.Output<int32_t>(0), (std::vector<int32_t>{0, 0, 130, 0}));
  EXPECT_EQ(mn.Output<int32_t>(0), (std::vector<int32_t>{-5, 0, 127, 127}));

  Runner f(Binary<float>(tflite::BuiltinOperator_MAXIMUM, TensorType::kFloat32, {2, 2}, {2}, {2, 2}));
  ASSERT_TRUE(f.ok());
  f.SetInput<float>(0, {1, -1, 3, -3});
  f.SetInput<float>(1, {2, -2});
  ASSERT_TRUE(f.Invoke().ok());
  EXPECT_EQ(f.Output<float>(0), (std::vector<float>{2, -1, 3, -2}));
}

TEST(MaximumMinimum, QuantizedInputsMustShareTheScale) {
  ModelBuilder b;
  const int in1 = b.AddTensor(TensorType::kInt8, {2}, Quant{{0.5f}, {0}});
  const int in2 = b.AddTensor(TensorType::kInt8, {2}, Quant{{0.25f}, {0}});
  const int out = b.AddTensor(TensorType::kInt8, {2}, Quant{{0.5f}, {0}});
  b.AddOp(tflite::BuiltinOperator_MINIMUM, {in1, in2}, {out});
  b.SetInputs({in1, in2});
  b.SetOutputs({out});
  Runner r(b.Finish());
  EXPECT_NE(std::string(r.allocate_status().message()).find("share one scale"), std::string::npos) << r.allocate_status().message();
}

}  // namespace
}  // namespace tinyrt
