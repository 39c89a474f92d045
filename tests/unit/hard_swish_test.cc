// SPDX-License-Identifier: Apache-2.0
// HARD_SWISH int8 over its whole input range for scale ratios from tiny to 128, against TFLM's
// arithmetic worked out in the test (tests/unit/tflm_arith.h: its int16 rounding shift, whose
// mask is an int16, matters from exponent 16 on, i.e. output/input scale ratios near 0.0015).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/test_util.h"
#include "tests/unit/tflm_arith.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

host::AlignedBuffer HardSwishModel(const Quant& in_q, const Quant& out_q) {
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kInt8, {256}, in_q);
  const int out = b.AddTensor(TensorType::kInt8, {256}, out_q);
  b.AddOp(tflite::BuiltinOperator_HARD_SWISH, {in}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

void CheckAllInputs(float in_scale, int32_t in_zp, float out_scale, int32_t out_zp) {
  const std::string what = "scales " + std::to_string(in_scale) + " -> " + std::to_string(out_scale);
  Runner r(HardSwishModel(Quant{{in_scale}, {in_zp}}, Quant{{out_scale}, {out_zp}}));
  ASSERT_TRUE(r.ok()) << what << ": " << r.allocate_status().message();
  std::vector<int8_t> input(256);
  for (int i = 0; i < 256; ++i) input[static_cast<size_t>(i)] = static_cast<int8_t>(i - 128);
  r.SetInput<int8_t>(0, input);
  ASSERT_TRUE(r.Invoke().ok());
  const tflm_arith::HardSwishInt8 tflm(in_scale, in_zp, out_scale, out_zp);
  std::vector<int8_t> expected;
  for (int8_t x : input) expected.push_back(tflm(x));
  EXPECT_EQ(r.Output<int8_t>(0), expected) << what;
}

// The case: input/output ratio about 0.0015 gives an output exponent of -16, which
// tinyrt refused. TFLM's int16 rounding shift then yields 1 for every non-negative product and
// -1 for every negative one, so the output is the zero point plus or minus one.
TEST(HardSwishRange, TinyRatioAsTflm) {
  CheckAllInputs(0.0015f, 0, 1.0f, 0);
  CheckAllInputs(0.0003f, -5, 0.2f, 7);
  CheckAllInputs(1e-7f, 3, 1.0f, -100);   // output exponent -30
  CheckAllInputs(1e-10f, 3, 1.0f, -100);  // ratio below 2^-31: a zero multiplier, exponent 0
  CheckAllInputs(1e-9f, 3, 1e-9f, -100);  // ratio 1 with a tiny input scale: reluish exponent < -15
  // Hand-worked: ratio 0.0015 (exponent -16): x = 0 gives 0 -> +1; x = -128 gives a negative
  // product -> -1; x = 127 is positive -> +1 (zero point 0).
  Runner r(HardSwishModel(Quant{{0.0015f}, {0}}, Quant{{1.0f}, {0}}));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  std::vector<int8_t> in(256, 0);
  in[1] = -128;
  in[2] = 127;
  r.SetInput<int8_t>(0, in);
  ASSERT_TRUE(r.Invoke().ok());
  const std::vector<int8_t> out = r.Output<int8_t>(0);
  EXPECT_EQ(out[0], 1);
  EXPECT_EQ(out[1], -1);
  EXPECT_EQ(out[2], 1);
}

TEST(HardSwishRange, OrdinaryRatiosAsTflm) {
  for (float ratio : {1.0f, 0.5f, 3.0f, 0.01f, 0.05f, 100.0f, 127.0f}) CheckAllInputs(0.02f * ratio, 1, 0.02f, -3);
  CheckAllInputs(3.0f / 128, 0, 3.0f / 128, -10);
}

TEST(HardSwishRange, RatioAbove128Refused) {
  Runner r(HardSwishModel(Quant{{1.0f}, {0}}, Quant{{0.001f}, {0}}));
  EXPECT_FALSE(r.ok());
  EXPECT_NE(std::string(r.allocate_status().message()).find("out of range"), std::string::npos) << r.allocate_status().message();
}

}  // namespace
}  // namespace tinyrt
