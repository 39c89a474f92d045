// The examples give TFLM's answers on the real inputs (../shared/reference/tflm_examples.md).
#include <gtest/gtest.h>

#include <cmath>

#include "examples/hello_world/sine_model.h"
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

}  // namespace
