// End to end through the signal ops on real audio: TFLM's micro_speech pipeline
// (micro_speech_test.cc) on the bundled clips. audio_preprocessor_int8 turns each 30 ms window
// (480 samples, 20 ms stride) into 40 int8 features with one stateful interpreter per clip
// (spectral subtraction's noise estimate carries over); micro_speech_quantized classifies the
// 49 x 40 features. Expected values: ../shared/reference/tflm_examples.md (TFLM @90b983c2).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tinyrt/interpreter.h"
#include "tools/host_support.h"

namespace tinyrt {
namespace {

constexpr int kWindow = 480;
constexpr int kStride = 320;
constexpr int kFeatures = 40;

// 16-bit mono PCM samples of a WAV file (the "data" chunk).
std::vector<int16_t> ReadWav(const std::string& name) {
  std::vector<uint8_t> bytes;
  EXPECT_TRUE(host::ReadFile(host::BundledDataDir() + "/audio/" + name, &bytes)) << name;
  std::vector<int16_t> samples;
  size_t at = 12;  // after "RIFF", size, "WAVE"
  while (at + 8 <= bytes.size()) {
    const uint32_t size = bytes[at + 4] | bytes[at + 5] << 8 | bytes[at + 6] << 16 | static_cast<uint32_t>(bytes[at + 7]) << 24;
    if (std::string(bytes.begin() + static_cast<long>(at), bytes.begin() + static_cast<long>(at) + 4) == "data") {
      for (size_t i = at + 8; i + 1 < at + 8 + size && i + 1 < bytes.size(); i += 2) {
        samples.push_back(static_cast<int16_t>(bytes[i] | bytes[i + 1] << 8));
      }
      break;
    }
    at += 8 + size;
  }
  return samples;
}

class FeatureGenerator {
 public:
  FeatureGenerator() {
    EXPECT_TRUE(host::ReadFile(host::BundledDataDir() + "/models/audio_preprocessor_int8.tflite", &model_bytes_));
    EXPECT_TRUE(model_.Load(model_bytes_.data(), model_bytes_.size()).ok());
    // Exactly the ops the model uses, registered by their named helpers.
    resolver_.AddSignalWindow();
    resolver_.AddReshape();
    resolver_.AddSignalFftAutoScale();
    resolver_.AddSignalRfft();
    resolver_.AddSignalEnergy();
    resolver_.AddCast();
    resolver_.AddStridedSlice();
    resolver_.AddConcatenation();
    resolver_.AddSignalFilterBank();
    resolver_.AddSignalFilterBankSquareRoot();
    resolver_.AddSignalFilterBankSpectralSubtraction();
    resolver_.AddSignalPCAN();
    resolver_.AddSignalFilterBankLog();
    resolver_.AddMul();
    resolver_.AddAdd();
    resolver_.AddDiv();
    resolver_.AddMinimum();
    resolver_.AddMaximum();
    interpreter_.reset(new MicroInterpreter(model_, resolver_, arena_, sizeof(arena_)));
    const Status status = interpreter_->AllocateTensors();
    EXPECT_TRUE(status.ok()) << status.message();
  }

  // Features of every window of `audio`, in order (the interpreter keeps its state).
  std::vector<int8_t> Generate(const std::vector<int16_t>& audio) {
    std::vector<int8_t> features;
    for (size_t start = 0; start + kWindow <= audio.size(); start += kStride) {
      std::copy(audio.begin() + static_cast<long>(start), audio.begin() + static_cast<long>(start) + kWindow,
                interpreter_->input(0).data<int16_t>());
      const Status status = interpreter_->Invoke();
      EXPECT_TRUE(status.ok()) << status.message();
      const int8_t* out = interpreter_->output(0).data<int8_t>();
      features.insert(features.end(), out, out + kFeatures);
    }
    return features;
  }

  MicroInterpreter& interpreter() { return *interpreter_; }

 private:
  host::AlignedBuffer model_bytes_;
  Model model_;
  MicroMutableOpResolver<18> resolver_;
  alignas(16) uint8_t arena_[16384];
  std::unique_ptr<MicroInterpreter> interpreter_;
};

std::vector<int8_t> Ints(std::initializer_list<int> values) { return std::vector<int8_t>(values.begin(), values.end()); }

TEST(SignalMicroSpeech, ThirtyMsClipsGiveTflmFeatures) {
  {
    FeatureGenerator generator;
    EXPECT_EQ(generator.Generate(ReadWav("yes_30ms.wav")),
              Ints({124, 105, 126, 103, 125, 101, 123, 100, 116, 98, 115, 97, 113, 90, 91, 82, 104, 96, 117, 97,
                    121, 103, 126, 101, 125, 104, 126, 104, 125, 101, 116, 90, 81, 74, 80, 71, 83, 76, 82, 71}));
  }
  {
    FeatureGenerator generator;
    EXPECT_EQ(generator.Generate(ReadWav("no_30ms.wav")),
              Ints({126, 103, 124, 102, 124, 102, 123, 100, 118, 97, 118, 100, 118, 98, 121, 100, 121, 98, 117, 91,
                    96, 74, 54, 87, 100, 87, 109, 92, 91, 80, 64, 55, 83, 74, 74, 78, 114, 95, 101, 81}));
  }
}

TEST(SignalMicroSpeech, ResetRestartsTheNoiseEstimate) {
  // The second window depends on the first through the noise estimate; after Reset() the
  // first window's features come back exactly.
  FeatureGenerator generator;
  const std::vector<int16_t> audio = ReadWav("yes_1000ms.wav");
  const std::vector<int8_t> first = generator.Generate(std::vector<int16_t>(audio.begin(), audio.begin() + kWindow));
  const std::vector<int8_t> second = generator.Generate(std::vector<int16_t>(audio.begin(), audio.begin() + kWindow));
  EXPECT_NE(first, second);
  ASSERT_TRUE(generator.interpreter().Reset().ok());
  EXPECT_EQ(generator.Generate(std::vector<int16_t>(audio.begin(), audio.begin() + kWindow)), first);
}

struct ClipCase {
  const char* wav;
  std::vector<int8_t> frame0;
  std::vector<int8_t> scores;  // silence, unknown, yes, no
};

TEST(SignalMicroSpeech, OneSecondClipsGiveTflmFeaturesAndScores) {
  const ClipCase cases[] = {
      {"yes_1000ms.wav",
       Ints({116, 98, 118, 95, 106, 85, 101, 81, 67, -18, -33, -12, -26, -128, 9, 34, 56, 45, 9, -12,
             5, 30, 23, 28, 0, -18, 0, -128, -60, -50, -50, -37, -60, -60, -50, -26, -33, -50, -33, -50}),
       Ints({-128, -128, 127, -128})},
      {"no_1000ms.wav",
       Ints({103, 78, 64, 76, 75, 54, 53, 67, 77, 60, 56, 70, 76, 71, 68, 58, 74, 32, 23, -2,
             -18, 11, 13, 15, 9, 20, 5, -7, -18, -2, -10, -18, -10, -12, 9, 7, -33, -12, -4, -18}),
       Ints({-128, -114, -128, 114})},
      {"silence_1000ms.wav",
       Ints({-128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
             -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -60, -128, -26, -18, -2, 23, 37}),
       Ints({-42, -68, -68, -78})},
      {"noise_1000ms.wav",
       Ints({123, 102, 123, 100, 115, 98, 113, 96, 117, 99, 118, 100, 120, 98, 117, 98, 117, 96, 117, 97,
             115, 97, 113, 95, 114, 95, 113, 95, 114, 97, 116, 96, 113, 97, 113, 94, 111, 95, 114, 95}),
       Ints({120, -125, -126, -125})},
  };
  host::AlignedBuffer classifier_bytes;
  ASSERT_TRUE(host::ReadFile(host::BundledDataDir() + "/models/micro_speech_quantized.tflite", &classifier_bytes));
  Model classifier;
  ASSERT_TRUE(classifier.Load(classifier_bytes.data(), classifier_bytes.size()).ok());
  AllOpsResolver resolver;
  for (const ClipCase& c : cases) {
    SCOPED_TRACE(c.wav);
    FeatureGenerator generator;
    const std::vector<int8_t> features = generator.Generate(ReadWav(c.wav));
    ASSERT_EQ(features.size(), 49u * kFeatures);
    EXPECT_EQ(std::vector<int8_t>(features.begin(), features.begin() + kFeatures), c.frame0);
    host::AlignedBuffer arena(32768);
    MicroInterpreter interpreter(classifier, resolver, arena.data(), arena.size());
    ASSERT_TRUE(interpreter.AllocateTensors().ok());
    std::copy(features.begin(), features.end(), interpreter.input(0).data<int8_t>());
    ASSERT_TRUE(interpreter.Invoke().ok());
    const int8_t* scores = interpreter.output(0).data<int8_t>();
    EXPECT_EQ(std::vector<int8_t>(scores, scores + 4), c.scores);
  }
}

}  // namespace
}  // namespace tinyrt
