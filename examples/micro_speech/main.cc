// SPDX-License-Identifier: Apache-2.0
// Host driver of the micro_speech example: each 16 kHz WAV clip -> features -> scores, printed
// as TFLM's example reports them.
//   micro_speech [CLIP.wav]...   (default: the four bundled 1 s clips)
#include <cstdio>
#include <string>
#include <vector>

#include "examples/micro_speech/micro_speech.h"
#include "examples/micro_speech/wav.h"

namespace {

bool LoadModel(const std::string& name, tinyrt::host::AlignedBuffer* bytes) {
  const std::string path = tinyrt::host::BundledDataDir() + "/models/" + name;
  if (tinyrt::host::ReadFile(path, bytes)) return true;
  std::fprintf(stderr, "error: cannot read %s\n", path.c_str());
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> clips(argv + 1, argv + argc);
  if (clips.empty()) {
    for (const char* c : {"yes_1000ms.wav", "no_1000ms.wav", "silence_1000ms.wav", "noise_1000ms.wav"}) {
      clips.push_back(tinyrt::host::BundledDataDir() + "/audio/" + c);
    }
  }
  tinyrt::host::AlignedBuffer preprocessor_model, classifier_model;
  if (!LoadModel("audio_preprocessor_int8.tflite", &preprocessor_model) || !LoadModel("micro_speech_quantized.tflite", &classifier_model))
    return 1;
  static micro_speech::FeatureGenerator features_of;
  static micro_speech::Recognizer recognizer;
  tinyrt::Status status = features_of.Init(preprocessor_model.data(), preprocessor_model.size());
  if (status.ok()) status = recognizer.Init(classifier_model.data(), classifier_model.size());
  if (!status.ok()) {
    std::fprintf(stderr, "error: %s\n", status.message());
    return 1;
  }
  std::printf("arena_used_bytes: preprocessor %zu, classifier %zu\n", features_of.arena_used_bytes(), recognizer.arena_used_bytes());
  for (const std::string& clip : clips) {
    std::vector<int16_t> audio;
    if (!micro_speech::ReadWav(clip, &audio)) {
      std::fprintf(stderr, "error: cannot read WAV %s\n", clip.c_str());
      return 1;
    }
    // One clip, one fresh front-end state (as TFLM's test uses one interpreter per clip).
    status = features_of.Reset();
    if (!status.ok()) {
      std::fprintf(stderr, "error: %s\n", status.message());
      return 1;
    }
    std::vector<int8_t> features(micro_speech::kFrames * micro_speech::kFeatures, -128);
    int frames = 0;
    for (size_t start = 0; start + micro_speech::kWindowSamples <= audio.size() && frames < micro_speech::kFrames;
         start += micro_speech::kStrideSamples, ++frames) {
      status = features_of.Generate(&audio[start], &features[static_cast<size_t>(frames) * micro_speech::kFeatures]);
      if (!status.ok()) break;
    }
    const std::string name = clip.substr(clip.find_last_of('/') + 1);
    std::printf("%s: %zu samples, %d feature frames; frame0 features:", name.c_str(), audio.size(), frames);
    for (int i = 0; i < micro_speech::kFeatures; ++i) std::printf(" %d", features[i]);
    std::printf("\n");
    if (frames < micro_speech::kFrames) continue;  // a 30 ms clip: features only
    int8_t scores[micro_speech::kCategories];
    status = recognizer.Classify(features.data(), scores);
    if (!status.ok()) {
      std::fprintf(stderr, "error: %s\n", status.message());
      return 1;
    }
    int top = 0;
    std::printf("  scores (int8 -> dequantized):");
    for (int c = 0; c < micro_speech::kCategories; ++c) {
      std::printf(" %s=%d (%.4f)", micro_speech::kLabels[c], scores[c], recognizer.Probability(scores[c]));
      if (scores[c] > scores[top]) top = c;
    }
    std::printf("\n  top class: %s\n", micro_speech::kLabels[top]);
  }
  return 0;
}
