// SPDX-License-Identifier: Apache-2.0
// SignalWindow, SignalFftAutoScale, SignalRfft, SignalIrfft, SignalEnergy: expectations from
// hand arithmetic or from a naive DFT computed here in double precision.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "tests/unit/signal_test_util.h"

namespace tinyrt {
namespace {

using testing::CustomOpModel;
using testing::FlexOptions;
using testing::Runner;

std::vector<uint8_t> ShiftOptions(int shift) {
  return FlexOptions([shift](flexbuffers::Builder& b) { b.Int("shift", shift); });
}

TEST(SignalWindow, ScalesEachBlockAndSaturates) {
  CustomOpModel m("SignalWindow");
  m.Input(TensorType::kInt16, {2, 4});
  m.Constant<int16_t>(TensorType::kInt16, {4}, {4096, 2048, -4096, 32767});
  m.Output(TensorType::kInt16, {2, 4});
  Runner r(m.Build(ShiftOptions(12)));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  // A constant 1000 times w / 4096: 1000, 500, -1000, floor(1000*32767/4096) = 7999;
  // then 32767 * 32767 / 4096 saturates, and -7 * -4096 / 4096 = 7, -7 * 2048 >> 12 = floor(-3.5) = -4.
  r.SetInput<int16_t>(0, {1000, 1000, 1000, 1000, 32767, -7, -7, 32767});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{1000, 500, -1000, 7999, 32767, -4, 7, 32767}));
}

TEST(SignalWindow, RejectsFloatInput) {
  CustomOpModel m("SignalWindow");
  m.Input(TensorType::kFloat32, {4});
  m.Constant<int16_t>(TensorType::kInt16, {4}, {1, 2, 3, 4});
  m.Output(TensorType::kInt16, {4});
  Runner r(m.Build(ShiftOptions(0)));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("input has type float32; this op needs int16"), std::string::npos)
      << r.allocate_status().message();
}

struct AutoScaleResult {
  std::vector<int16_t> output;
  int32_t scale_bits;
};

AutoScaleResult AutoScale(const std::vector<int16_t>& input) {
  CustomOpModel m("SignalFftAutoScale");
  const int32_t n = static_cast<int32_t>(input.size());
  m.Input(TensorType::kInt16, {n});
  m.Output(TensorType::kInt16, {n});
  m.Output(TensorType::kInt32, {});
  Runner r(m.Build({}));
  EXPECT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int16_t>(0, input);
  EXPECT_TRUE(r.Invoke().ok());
  return {r.Output<int16_t>(0), r.Output<int32_t>(1)[0]};
}

TEST(SignalFftAutoScale, ShiftsUpToTheLargestMagnitude) {
  // max 0x3333 has 14 bits: one bit of headroom is added.
  AutoScaleResult a = AutoScale({0x0000, 0x1111, 0x2222, 0x3333, 0x3333, 0x2222, 0x1111, 0x0000});
  EXPECT_EQ(a.scale_bits, 1);
  EXPECT_EQ(a.output, (std::vector<int16_t>{0x0000, 0x2222, 0x4444, 0x6666, 0x6666, 0x4444, 0x2222, 0x0000}));
  // |-243| has 8 bits: 16 - 8 - 1 = 7.
  a = AutoScale({238, 113, -88, -243, -5, -130, 159, -70});
  EXPECT_EQ(a.scale_bits, 7);
  EXPECT_EQ(a.output, (std::vector<int16_t>{30464, 14464, -11264, -31104, -640, -16640, 20352, -8960}));
  // Silence is left alone.
  a = AutoScale({0, 0, 0, 0});
  EXPECT_EQ(a.scale_bits, 0);
  EXPECT_EQ(a.output, (std::vector<int16_t>{0, 0, 0, 0}));
}

std::vector<uint8_t> FftOptions(TensorType type, int fft_length) {
  return FlexOptions([type, fft_length](flexbuffers::Builder& b) {
    b.Int("T", static_cast<int>(type));
    b.Int("fft_length", fft_length);
  });
}

template <typename T>
std::vector<T> RunRfft(TensorType type, int fft_length, const std::vector<T>& input, int rows = 1) {
  CustomOpModel m("SignalRfft");
  const int32_t len = static_cast<int32_t>(input.size()) / rows;
  m.Input(type, {rows, len});
  m.Output(type, {rows, 2 * (fft_length / 2 + 1)});
  Runner r(m.Build(FftOptions(type, fft_length)));
  EXPECT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<T>(0, input);
  EXPECT_TRUE(r.Invoke().ok());
  return r.Output<T>(0);
}

template <typename T>
std::vector<T> RunIrfft(TensorType type, int fft_length, const std::vector<T>& bins) {
  CustomOpModel m("SignalIrfft");
  m.Input(type, {1, static_cast<int32_t>(bins.size())});
  m.Output(type, {1, fft_length});
  Runner r(m.Build(FftOptions(type, fft_length)));
  EXPECT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<T>(0, bins);
  EXPECT_TRUE(r.Invoke().ok());
  return r.Output<T>(0);
}

// Naive DFT of the zero-padded input: interleaved re, im for bins 0..n/2.
std::vector<double> NaiveDft(const std::vector<double>& x, int n) {
  std::vector<double> out;
  for (int k = 0; k <= n / 2; ++k) {
    double re = 0, im = 0;
    for (size_t t = 0; t < x.size(); ++t) {
      const double phase = -2.0 * M_PI * static_cast<double>(k) * static_cast<double>(t) / n;
      re += x[t] * std::cos(phase);
      im += x[t] * std::sin(phase);
    }
    out.push_back(re);
    out.push_back(im);
  }
  return out;
}

TEST(SignalRfft, ImpulseGivesAFlatSpectrumScaledByLength) {
  std::vector<int16_t> impulse(64, 0);
  impulse[0] = 16384;
  const std::vector<int16_t> bins = RunRfft<int16_t>(TensorType::kInt16, 64, impulse);
  for (size_t i = 0; i < bins.size(); ++i) EXPECT_EQ(bins[i], i % 2 == 0 ? 256 : 0) << i;  // 16384 / 64
  std::vector<int32_t> impulse32(impulse.begin(), impulse.end());
  const std::vector<int32_t> bins32 = RunRfft<int32_t>(TensorType::kInt32, 64, impulse32);
  for (size_t i = 0; i < bins32.size(); ++i) EXPECT_EQ(bins32[i], i % 2 == 0 ? 256 : 0) << i;
  std::vector<float> impulsef(impulse.begin(), impulse.end());
  const std::vector<float> binsf = RunRfft<float>(TensorType::kFloat32, 64, impulsef);
  for (size_t i = 0; i < binsf.size(); ++i) EXPECT_EQ(binsf[i], i % 2 == 0 ? 16384.0f : 0.0f) << i;
}

// Lengths whose half factors into radix 4, 2, 3 and 5 stages (480 -> 240 = 4*4*3*5), with a
// shorter input row that gets zero padded.
class RfftMatchesDft : public ::testing::TestWithParam<int> {};

TEST_P(RfftMatchesDft, AllTypes) {
  const int n = GetParam();
  const int len = n - n / 8;
  std::mt19937 rng(n);
  std::uniform_int_distribution<int> dist(-12000, 12000);
  std::vector<double> x(static_cast<size_t>(len));
  for (double& v : x) v = dist(rng);
  const std::vector<double> dft = NaiveDft(x, n);
  double peak = 0;
  for (double v : dft) peak = std::max(peak, std::fabs(v));

  const std::vector<float> f = RunRfft<float>(TensorType::kFloat32, n, std::vector<float>(x.begin(), x.end()));
  ASSERT_EQ(f.size(), dft.size());
  for (size_t i = 0; i < f.size(); ++i) EXPECT_NEAR(f[i], dft[i], 1e-5 * peak) << "float bin value " << i;

  // Fixed point returns DFT / n; each stage's rounding adds at most about one LSB.
  const std::vector<int16_t> q = RunRfft<int16_t>(TensorType::kInt16, n, std::vector<int16_t>(x.begin(), x.end()));
  for (size_t i = 0; i < q.size(); ++i) EXPECT_NEAR(q[i], dft[i] / n, 5.0) << "int16 bin value " << i;
  // int32 input scaled by 2^16 keeps 16 more bits: the same bound, 2^16 finer.
  std::vector<int32_t> x32(x.size());
  for (size_t i = 0; i < x.size(); ++i) x32[i] = static_cast<int32_t>(x[i]) * 65536;
  const std::vector<int32_t> q32 = RunRfft<int32_t>(TensorType::kInt32, n, x32);
  for (size_t i = 0; i < q32.size(); ++i) EXPECT_NEAR(q32[i] / 65536.0, dft[i] / n, 5.0 / 65536 + 1e-6) << "int32 bin value " << i;
}

INSTANTIATE_TEST_SUITE_P(Lengths, RfftMatchesDft, ::testing::Values(8, 12, 20, 64, 480, 512));

TEST(SignalIrfft, InvertsRfft) {
  for (int n : {64, 480}) {
    SCOPED_TRACE(n);
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> dist(-16000, 16000);
    std::vector<int16_t> x(static_cast<size_t>(n));
    for (int16_t& v : x) v = static_cast<int16_t>(dist(rng));
    // float: the inverse is normalized, so the round trip returns the frame.
    const std::vector<float> xf(x.begin(), x.end());
    const std::vector<float> backf = RunIrfft<float>(TensorType::kFloat32, n, RunRfft<float>(TensorType::kFloat32, n, xf));
    for (int i = 0; i < n; ++i) EXPECT_NEAR(backf[i], xf[i], 0.05) << i;
    // Fixed point: the forward transform divides by n and the inverse is normalized, so the
    // round trip gives x / n, within the rounding of both transforms' stages.
    const std::vector<int16_t> back = RunIrfft<int16_t>(TensorType::kInt16, n, RunRfft<int16_t>(TensorType::kInt16, n, x));
    for (int i = 0; i < n; ++i) EXPECT_NEAR(back[i], x[i] / static_cast<double>(n), 4.0) << i;
    std::vector<int32_t> x32(x.size());
    for (int i = 0; i < n; ++i) x32[i] = x[i] * 65536;
    const std::vector<int32_t> back32 = RunIrfft<int32_t>(TensorType::kInt32, n, RunRfft<int32_t>(TensorType::kInt32, n, x32));
    for (int i = 0; i < n; ++i) EXPECT_NEAR(back32[i] / 65536.0, x[i] / static_cast<double>(n), 1e-3) << i;
  }
}

TEST(SignalIrfft, FlatSpectrumGivesAnImpulse) {
  std::vector<int16_t> bins(66, 0);
  for (size_t i = 0; i < bins.size(); i += 2) bins[i] = 256;
  const std::vector<int16_t> out = RunIrfft<int16_t>(TensorType::kInt16, 64, bins);
  for (int i = 0; i < 64; ++i) EXPECT_EQ(out[i], i == 0 ? 256 : 0) << i;
}

TEST(SignalRfft, RejectsUnsupportedLengthsAndTypes) {
  CustomOpModel m("SignalRfft");
  m.Input(TensorType::kInt16, {14});
  m.Output(TensorType::kInt16, {16});
  Runner r(m.Build(FftOptions(TensorType::kInt16, 14)));  // 7 points: KISS FFT's generic radix
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("fft_length 14 is not supported"), std::string::npos)
      << r.allocate_status().message();
  CustomOpModel m2("SignalRfft");
  m2.Input(TensorType::kInt8, {16});
  m2.Output(TensorType::kInt8, {18});
  Runner r2(m2.Build(FftOptions(TensorType::kInt8, 16)));
  EXPECT_EQ(r2.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r2.allocate_status().message()).find("int8 is not supported"), std::string::npos) << r2.allocate_status().message();
}

TEST(SignalEnergy, SquaredMagnitudeOfTheSelectedBins) {
  CustomOpModel m("SignalEnergy");
  m.Input(TensorType::kInt16, {10});
  m.Output(TensorType::kUInt32, {5});
  Runner r(m.Build(FlexOptions([](flexbuffers::Builder& b) {
    b.Int("end_index", 4);
    b.Int("start_index", 1);
  })));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  r.SetInput<int16_t>(0, {9, 9, 3, 4, -5, 12, -32768, -32768, 9, 9});
  ASSERT_TRUE(r.Invoke().ok());
  // Bins 1..3: 9 + 16, 25 + 144, 2^30 + 2^30; bins 0 and 4 are outside the range.
  EXPECT_EQ(r.Output<uint32_t>(0), (std::vector<uint32_t>{0, 25, 169, 2147483648u, 0}));
}

}  // namespace
}  // namespace tinyrt
