// SPDX-License-Identifier: Apache-2.0
// Host driver for the person detection example: reads 96x96 grayscale BMPs, prints each image's
// scores the way TFLM's example reports them, the arena bytes and the time per inference.
//   person_detection [MODEL.tflite] [IMAGE.bmp]...
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "examples/person_detection/bmp.h"
#include "examples/person_detection/person_detector.h"
#include "tools/host_support.h"

int main(int argc, char** argv) {
  std::string model_path = tinyrt::host::BundledDataDir() + "/models/person_detect.tflite";
  std::vector<std::string> images;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.size() > 7 && arg.compare(arg.size() - 7, 7, ".tflite") == 0) {
      model_path = arg;
    } else {
      images.push_back(arg);
    }
  }
  if (images.empty()) {
    images = {tinyrt::host::BundledDataDir() + "/images/person.bmp", tinyrt::host::BundledDataDir() + "/images/no_person.bmp"};
  }
  tinyrt::host::AlignedBuffer model;
  if (!tinyrt::host::ReadFile(model_path, &model)) {
    std::fprintf(stderr, "error: cannot read %s\n", model_path.c_str());
    return 1;
  }
  static person_detection::PersonDetector detector;  // ~100 KB: not on the stack
  const tinyrt::Status init = detector.Init(model.data(), model.size());
  if (!init.ok()) {
    std::fprintf(stderr, "error: %s\n", init.message());
    return 1;
  }
  std::printf("model: %s\narena_used_bytes: %zu\n", model_path.c_str(), detector.arena_used_bytes());
  for (const std::string& path : images) {
    std::vector<uint8_t> pixels;
    std::string error;
    if (!person_detection::ReadGrayBmp(path, &pixels, &error)) {
      std::fprintf(stderr, "error: %s\n", error.c_str());
      return 1;
    }
    person_detection::Scores scores{};
    constexpr int kRuns = 10;
    double total_us = 0;
    for (int run = 0; run < kRuns; ++run) {
      const auto start = std::chrono::steady_clock::now();
      const tinyrt::Status status = detector.Detect(pixels.data(), &scores);
      total_us += std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
      if (!status.ok()) {
        std::fprintf(stderr, "error: %s\n", status.message());
        return 1;
      }
    }
    const std::string name = path.substr(path.find_last_of('/') + 1);
    std::printf("%s: no_person=%d (%.4f) person=%d (%.4f) -> top class: %s  [%.0f us/inference]\n", name.c_str(), scores.no_person,
                scores.no_person_probability, scores.person, scores.person_probability,
                scores.person > scores.no_person ? "person" : "no_person", total_us / kRuns);
  }
  return 0;
}
