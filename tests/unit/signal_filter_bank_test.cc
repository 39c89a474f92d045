// SPDX-License-Identifier: Apache-2.0
// SignalFilterBank, SignalFilterBankSquareRoot, SignalFilterBankSpectralSubtraction,
// SignalFilterBankLog, SignalPCAN.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/unit/signal_test_util.h"

namespace tinyrt {
namespace {

using testing::CustomOpModel;
using testing::FlexOptions;
using testing::Runner;

TEST(SignalFilterBank, TriangularChannelsOfASimpleSpectrum) {
  // Two channels over 6 bins. Channel 0 of the tables is scratch: its bins only feed channel 1
  // through their unweights. Channel c's bins add weight * x to c and (1 - weight) * x to c + 1.
  CustomOpModel m("SignalFilterBank");
  m.Input(TensorType::kUInt32, {6});
  m.Constant<int16_t>(TensorType::kInt16, {6}, {4096, 2048, 1024, 3072, 4096, 1000});  // weights
  m.Constant<int16_t>(TensorType::kInt16, {6}, {0, 2048, 3072, 1024, 0, -1});          // unweights
  m.Constant<int16_t>(TensorType::kInt16, {3}, {0, 1, 3});                             // frequency starts
  m.Constant<int16_t>(TensorType::kInt16, {3}, {0, 1, 3});                             // weight starts
  m.Constant<int16_t>(TensorType::kInt16, {3}, {1, 2, 3});                             // widths
  m.Output(TensorType::kUInt64, {2});
  Runner r(m.Build(FlexOptions([](flexbuffers::Builder& b) { b.Int("num_channels", 2); })));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<uint32_t>(0, {100, 10, 20, 30, 40, 4000000000u});
  ASSERT_TRUE(r.Invoke().ok());
  // Channel 1: its weights over bins 1, 2 plus scratch channel 0's unweight over bin 0.
  const uint64_t ch1 = 2048ull * 10 + 1024ull * 20 + 0ull * 100;
  // Channel 2: its weights over bins 3..5 plus channel 1's unweights over bins 1, 2.
  const uint64_t ch2 = 3072ull * 30 + 4096ull * 40 + 1000ull * 4000000000ull + 2048ull * 10 + 3072ull * 20;
  EXPECT_EQ(r.Output<uint64_t>(0), (std::vector<uint64_t>{ch1, ch2}));
}

TEST(SignalFilterBank, RejectsTablesOutsideTheSpectrum) {
  CustomOpModel m("SignalFilterBank");
  m.Input(TensorType::kUInt32, {4});
  m.Constant<int16_t>(TensorType::kInt16, {4}, {1, 1, 1, 1});
  m.Constant<int16_t>(TensorType::kInt16, {4}, {1, 1, 1, 1});
  m.Constant<int16_t>(TensorType::kInt16, {2}, {0, 3});
  m.Constant<int16_t>(TensorType::kInt16, {2}, {0, 0});
  m.Constant<int16_t>(TensorType::kInt16, {2}, {1, 2});  // bins 3..4 of a 4-bin input
  m.Output(TensorType::kUInt64, {1});
  Runner r(m.Build(FlexOptions([](flexbuffers::Builder& b) { b.Int("num_channels", 1); })));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("channel 1"), std::string::npos) << r.allocate_status().message();
}

// Round to nearest, computed independently with doubles; ties cannot occur for integers.
uint32_t RoundedSqrt(uint64_t x) {
  uint64_t r = static_cast<uint64_t>(std::sqrt(static_cast<long double>(x)));
  while (r * r > x) --r;
  while ((r + 1) * (r + 1) <= x) ++r;
  return static_cast<uint32_t>(x - r * r > r ? r + 1 : r);
}

TEST(SignalFilterBankSquareRoot, RoundedRootShiftedDown) {
  const std::vector<uint64_t> in = {0, 1, 2, 3, 15, 16, 17, 1000000, 4294967296ull, 1ull << 40, 123456789012345ull, 4294836225ull};
  for (int32_t shift : {0, 3}) {
    CustomOpModel m("SignalFilterBankSquareRoot");
    m.Input(TensorType::kUInt64, {static_cast<int32_t>(in.size())});
    m.Input(TensorType::kInt32, {});
    m.Output(TensorType::kUInt32, {static_cast<int32_t>(in.size())});
    Runner r(m.Build({}));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    r.SetInput<uint64_t>(0, in);
    r.SetInput<int32_t>(1, {shift});
    ASSERT_TRUE(r.Invoke().ok());
    std::vector<uint32_t> expected;
    for (uint64_t x : in) expected.push_back(RoundedSqrt(x) >> shift);
    EXPECT_EQ(r.Output<uint32_t>(0), expected) << "shift " << shift;
  }
  // TFLM's 32-bit shortcut caps just below 2^32: sqrt(2^32 - 1) = 65535.99998 gives 65535.
  CustomOpModel m("SignalFilterBankSquareRoot");
  m.Input(TensorType::kUInt64, {1});
  m.Input(TensorType::kInt32, {});
  m.Output(TensorType::kUInt32, {1});
  Runner r(m.Build({}));
  ASSERT_TRUE(r.ok());
  r.SetInput<uint64_t>(0, {4294967295ull});
  r.SetInput<int32_t>(1, {0});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<uint32_t>(0)[0], 65535u);
}

std::vector<uint8_t> SubtractionOptions(int smoothing, int alternate_smoothing, bool clamping, int min_signal_remaining) {
  return FlexOptions([=](flexbuffers::Builder& b) {
    b.Int("alternate_one_minus_smoothing", 16384 - alternate_smoothing);
    b.Int("alternate_smoothing", alternate_smoothing);
    b.Bool("clamping", clamping);
    b.Int("min_signal_remaining", min_signal_remaining);
    b.Int("num_channels", 2);
    b.Int("one_minus_smoothing", 16384 - smoothing);
    b.Int("smoothing", smoothing);
    b.Int("smoothing_bits", 2);
    b.Int("spectral_subtraction_bits", 14);
  });
}

TEST(SignalFilterBankSpectralSubtraction, NoiseEstimateFollowsTheSignal) {
  // Channel 0 smooths by 1/2, channel 1 (odd: the alternate coefficient) by 1/4; 14 bits of
  // scale, 2 extra fractional bits, floor at 1/8 of the signal.
  CustomOpModel m("SignalFilterBankSpectralSubtraction");
  m.Input(TensorType::kUInt32, {2});
  m.Output(TensorType::kUInt32, {2});
  m.Output(TensorType::kUInt32, {2});
  Runner r(m.Build(SubtractionOptions(8192, 4096, false, 2048)));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  // Constant 1024: scaled up by 4 = 4096. Channel 0 noise: 2048, 3072, 3584 (halfway each
  // time); channel 1: 1024, 1792, 2368. Output = (4096 - noise) / 4, at least 1024 / 8 = 128.
  const uint32_t noise0[3] = {2048, 3072, 3584};
  const uint32_t noise1[3] = {1024, 1792, 2368};
  for (int step = 0; step < 3; ++step) {
    r.SetInput<uint32_t>(0, {1024, 1024});
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_EQ(r.Output<uint32_t>(1), (std::vector<uint32_t>{noise0[step], noise1[step]})) << step;
    EXPECT_EQ(r.Output<uint32_t>(0),
              (std::vector<uint32_t>{std::max<uint32_t>((4096 - noise0[step]) / 4, 128u), (4096 - noise1[step]) / 4}))
        << step;
  }
  // Reset() starts the estimate from zero again.
  ASSERT_TRUE(r.interpreter().Reset().ok());
  r.SetInput<uint32_t>(0, {1024, 1024});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<uint32_t>(1), (std::vector<uint32_t>{2048, 1024}));
}

TEST(SignalFilterBankSpectralSubtraction, ClampingPullsTheEstimateDown) {
  for (bool clamping : {false, true}) {
    CustomOpModel m("SignalFilterBankSpectralSubtraction");
    m.Input(TensorType::kUInt32, {2});
    m.Output(TensorType::kUInt32, {2});
    m.Output(TensorType::kUInt32, {2});
    Runner r(m.Build(SubtractionOptions(8192, 8192, clamping, 0)));
    ASSERT_TRUE(r.ok());
    r.SetInput<uint32_t>(0, {1000, 1000});  // noise 2000 (scaled by 4)
    ASSERT_TRUE(r.Invoke().ok());
    r.SetInput<uint32_t>(0, {100, 100});  // noise (400 + 2000) / 2 = 1200 > signal 400
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_EQ(r.Output<uint32_t>(0), (std::vector<uint32_t>{0, 0}));
    const uint32_t noise = clamping ? 400 : 1200;
    EXPECT_EQ(r.Output<uint32_t>(1), (std::vector<uint32_t>{noise, noise})) << clamping;
  }
}

TEST(SignalFilterBankLog, ScaledNaturalLog) {
  const std::vector<uint32_t> in = {0, 1, 2, 3, 10, 1000, 123456, 2000000000u};
  CustomOpModel m("SignalFilterBankLog");
  m.Input(TensorType::kUInt32, {static_cast<int32_t>(in.size())});
  m.Output(TensorType::kInt16, {static_cast<int32_t>(in.size())});
  Runner r(m.Build(FlexOptions([](flexbuffers::Builder& b) {
    b.Int("input_correction_bits", 1);
    b.Int("output_scale", 1600);
  })));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<uint32_t>(0, in);
  ASSERT_TRUE(r.Invoke().ok());
  const std::vector<int16_t> out = r.Output<int16_t>(0);
  EXPECT_EQ(out[0], 0);  // 0 << 1 = 0 <= 1: no log
  for (size_t i = 1; i < in.size(); ++i) {
    // ln(2x) * 1600, from TFLM's segment table: within 0.0024 in ln (see signal_math_test.cc),
    // i.e. 4 units at this scale.
    const double expected = std::log(2.0 * in[i]) * 1600;
    if (expected >= 32767) {
      EXPECT_EQ(out[i], 32767) << in[i];  // saturates
    } else {
      EXPECT_NEAR(out[i], expected, 4.0) << in[i];
    }
  }
}

TEST(SignalPCAN, GainLookupAndShrink) {
  std::vector<int16_t> lut(125, 0);
  lut[0] = 4096;  // noise estimate 0
  lut[1] = 2048;  // 1
  lut[2] = 1024;  // 2
  lut[6] = 100;   // noise estimates 4..7: lut[6] + interpolation with lut[7], lut[8]
  lut[7] = 64;
  CustomOpModel m("SignalPCAN");
  m.Input(TensorType::kUInt32, {5});
  m.Input(TensorType::kUInt32, {5});
  m.Constant<int16_t>(TensorType::kInt16, {125}, lut);
  m.Output(TensorType::kUInt32, {5});
  Runner r(m.Build(FlexOptions([](flexbuffers::Builder& b) { b.Int("snr_shift", 6); })));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<uint32_t>(0, {64, 2048, 4096, 4096, 4096});
  r.SetInput<uint32_t>(1, {0, 1, 2, 4, 6});
  ASSERT_TRUE(r.Invoke().ok());
  // snr = x * gain >> 6 (12 fractional bits). Below 2.0 (8192) the output is snr^2 / 4 with 6
  // fractional bits (snr^2 >> 20), above it snr - 1.0 (snr >> 6, minus 64).
  //   64 * 4096 >> 6 = 4096 -> 4096^2 >> 20 = 16
  //   2048 * 2048 >> 6 = 65536 -> 1024 - 64 = 960
  //   4096 * 1024 >> 6 = 65536 -> 960
  //   noise 4: frac 0, gain lut[6] = 100: 4096 * 100 >> 6 = 6400 -> 6400^2 >> 20 = 39
  //   noise 6: frac 512, gain = ((0 + 64 * 32) * 512 + 2^14) >> 15 + 100 = 132:
  //            4096 * 132 >> 6 = 8448 -> 132 - 64 = 68
  EXPECT_EQ(r.Output<uint32_t>(0), (std::vector<uint32_t>{16, 960, 960, 39, 68}));
}

TEST(SignalPCAN, RejectsAShortGainTable) {
  CustomOpModel m("SignalPCAN");
  m.Input(TensorType::kUInt32, {2});
  m.Input(TensorType::kUInt32, {2});
  m.Constant<int16_t>(TensorType::kInt16, {10}, std::vector<int16_t>(10, 1));
  m.Output(TensorType::kUInt32, {2});
  Runner r(m.Build(FlexOptions([](flexbuffers::Builder& b) { b.Int("snr_shift", 6); })));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("gain table has 10 entries; needs 125"), std::string::npos)
      << r.allocate_status().message();
}

}  // namespace
}  // namespace tinyrt
