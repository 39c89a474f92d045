// SPDX-License-Identifier: Apache-2.0
// The examples give TFLM's answers on the real inputs (../shared/reference/tflm_examples.md).
#include <gtest/gtest.h>

#include <cmath>

#include "examples/hello_world/sine_model.h"
#include "examples/micro_speech/micro_speech.h"
#include "examples/micro_speech/wav.h"
#include "examples/person_detection/bmp.h"
#include "examples/person_detection/person_detector.h"
#include "tools/host_support.h"

namespace {

struct PersonCase {
  const char* image;
  int8_t no_person;
  int8_t person;
};

TEST(PersonDetectionExample, ScoresEqualTflm) {
  tinyrt::host::AlignedBuffer model;
  ASSERT_TRUE(tinyrt::host::ReadFile(tinyrt::host::BundledDataDir() + "/models/person_detect.tflite", &model));
  static person_detection::PersonDetector detector;
  const tinyrt::Status init = detector.Init(model.data(), model.size());
  ASSERT_TRUE(init.ok()) << init.message();
  // TFLM @90b983c2, reference kernels: person.bmp -113/113, no_person.bmp 57/-57.
  for (const PersonCase& c : {PersonCase{"person.bmp", -113, 113}, PersonCase{"no_person.bmp", 57, -57}}) {
    std::vector<uint8_t> pixels;
    std::string error;
    ASSERT_TRUE(person_detection::ReadGrayBmp(tinyrt::host::BundledDataDir() + "/images/" + c.image, &pixels, &error)) << error;
    person_detection::Scores scores{};
    ASSERT_TRUE(detector.Detect(pixels.data(), &scores).ok());
    EXPECT_EQ(scores.no_person, c.no_person) << c.image;
    EXPECT_EQ(scores.person, c.person) << c.image;
  }
}

TEST(HelloWorldExample, TracksSineOverAPeriod) {
  for (const char* name : {"hello_world_int8", "hello_world_float"}) {
    tinyrt::host::AlignedBuffer model;
    ASSERT_TRUE(tinyrt::host::ReadFile(tinyrt::host::BundledDataDir() + "/models/" + name + ".tflite", &model));
    hello_world::SineModel sine;
    ASSERT_TRUE(sine.Init(model.data(), model.size()).ok()) << name;
    float worst = 0;
    for (int i = 0; i < 50; ++i) {
      const float x = 6.2831853f * static_cast<float>(i) / 50.0f;
      float y = 0;
      ASSERT_TRUE(sine.Predict(x, &y).ok());
      worst = std::max(worst, std::fabs(y - std::sin(x)));
    }
    // The models are a 3-layer, 16-unit approximation: TFLM's own test accepts about this error.
    EXPECT_LT(worst, 0.2f) << name;
    EXPECT_GT(worst, 0.0f) << name;  // an approximation, not a lookup: some error must remain
  }
}

// ---- micro_speech: TFLM's micro_speech_test.cc expectations (tflm_examples.md) -------------

std::vector<int8_t> Ints(std::initializer_list<int> values) { return std::vector<int8_t>(values.begin(), values.end()); }

class MicroSpeechExample : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tinyrt::host::ReadFile(Model("audio_preprocessor_int8"), &preprocessor_bytes_));
    ASSERT_TRUE(tinyrt::host::ReadFile(Model("micro_speech_quantized"), &classifier_bytes_));
    const tinyrt::Status status = generator_.Init(preprocessor_bytes_.data(), preprocessor_bytes_.size());
    ASSERT_TRUE(status.ok()) << status.message();
    ASSERT_TRUE(recognizer_.Init(classifier_bytes_.data(), classifier_bytes_.size()).ok());
  }
  static std::string Model(const std::string& name) { return tinyrt::host::BundledDataDir() + "/models/" + name + ".tflite"; }
  static std::vector<int16_t> Clip(const std::string& name) {
    std::vector<int16_t> samples;
    EXPECT_TRUE(micro_speech::ReadWav(tinyrt::host::BundledDataDir() + "/audio/" + name, &samples)) << name;
    return samples;
  }
  // Features of every window of a clip, from a fresh front-end state.
  std::vector<int8_t> Features(const std::vector<int16_t>& audio) {
    EXPECT_TRUE(generator_.Reset().ok());
    std::vector<int8_t> features;
    for (size_t start = 0; start + micro_speech::kWindowSamples <= audio.size(); start += micro_speech::kStrideSamples) {
      int8_t frame[micro_speech::kFeatures];
      EXPECT_TRUE(generator_.Generate(&audio[start], frame).ok());
      features.insert(features.end(), frame, frame + micro_speech::kFeatures);
    }
    return features;
  }

  tinyrt::host::AlignedBuffer preprocessor_bytes_, classifier_bytes_;
  micro_speech::FeatureGenerator generator_;
  micro_speech::Recognizer recognizer_;
};

TEST_F(MicroSpeechExample, ThirtyMsClipsGiveTflmFeatures) {
  EXPECT_EQ(Features(Clip("yes_30ms.wav")),
            Ints({124, 105, 126, 103, 125, 101, 123, 100, 116, 98,  115, 97, 113, 90, 91, 82, 104, 96, 117, 97,
                  121, 103, 126, 101, 125, 104, 126, 104, 125, 101, 116, 90, 81,  74, 80, 71, 83,  76, 82,  71}));
  EXPECT_EQ(Features(Clip("no_30ms.wav")),
            Ints({126, 103, 124, 102, 124, 102, 123, 100, 118, 97, 118, 100, 118, 98, 121, 100, 121, 98, 117, 91,
                  96,  74,  54,  87,  100, 87,  109, 92,  91,  80, 64,  55,  83,  74, 74,  78,  114, 95, 101, 81}));
}

TEST_F(MicroSpeechExample, ResetRestartsTheNoiseEstimate) {
  // The second window depends on the first through the noise estimate; Reset() brings back the
  // first window's features exactly.
  const std::vector<int16_t> audio = Clip("yes_1000ms.wav");
  int8_t first[micro_speech::kFeatures], second[micro_speech::kFeatures], again[micro_speech::kFeatures];
  ASSERT_TRUE(generator_.Reset().ok());
  ASSERT_TRUE(generator_.Generate(audio.data(), first).ok());
  ASSERT_TRUE(generator_.Generate(audio.data(), second).ok());
  ASSERT_TRUE(generator_.Reset().ok());
  ASSERT_TRUE(generator_.Generate(audio.data(), again).ok());
  EXPECT_NE(std::vector<int8_t>(first, first + 40), std::vector<int8_t>(second, second + 40));
  EXPECT_EQ(std::vector<int8_t>(first, first + 40), std::vector<int8_t>(again, again + 40));
}

struct ClipCase {
  const char* wav;
  std::vector<int8_t> frame0;
  std::vector<int8_t> scores;  // silence, unknown, yes, no
};

TEST_F(MicroSpeechExample, OneSecondClipsGiveTflmFeaturesAndScores) {
  const ClipCase cases[] = {
      {"yes_1000ms.wav", Ints({116, 98, 118, 95, 106, 85,  101, 81,   67,  -18, -33, -12, -26, -128, 9,   34,  56,  45,  9,   -12,
                               5,   30, 23,  28, 0,   -18, 0,   -128, -60, -50, -50, -37, -60, -60,  -50, -26, -33, -50, -33, -50}),
       Ints({-128, -128, 127, -128})},
      {"no_1000ms.wav", Ints({103, 78, 64, 76, 75, 54, 53, 67, 77,  60, 56,  70,  76,  71,  68, 58, 74,  32,  23, -2,
                              -18, 11, 13, 15, 9,  20, 5,  -7, -18, -2, -10, -18, -10, -12, 9,  7,  -33, -12, -4, -18}),
       Ints({-128, -114, -128, 114})},
      {"silence_1000ms.wav",
       Ints({-128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
             -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -60,  -128, -26,  -18,  -2,   23,   37}),
       Ints({-42, -68, -68, -78})},
      {"noise_1000ms.wav", Ints({123, 102, 123, 100, 115, 98, 113, 96, 117, 99, 118, 100, 120, 98, 117, 98, 117, 96, 117, 97,
                                 115, 97,  113, 95,  114, 95, 113, 95, 114, 97, 116, 96,  113, 97, 113, 94, 111, 95, 114, 95}),
       Ints({120, -125, -126, -125})},
  };
  for (const ClipCase& c : cases) {
    SCOPED_TRACE(c.wav);
    const std::vector<int8_t> features = Features(Clip(c.wav));
    ASSERT_EQ(features.size(), static_cast<size_t>(micro_speech::kFrames * micro_speech::kFeatures));
    EXPECT_EQ(std::vector<int8_t>(features.begin(), features.begin() + micro_speech::kFeatures), c.frame0);
    int8_t scores[micro_speech::kCategories];
    ASSERT_TRUE(recognizer_.Classify(features.data(), scores).ok());
    EXPECT_EQ(std::vector<int8_t>(scores, scores + micro_speech::kCategories), c.scores);
  }
}

}  // namespace
