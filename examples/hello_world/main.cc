// SPDX-License-Identifier: Apache-2.0
// Prints x and the model's sin(x) over one period, as TFLM's hello_world does.
//   hello_world [MODEL.tflite] [STEPS]
#include <cmath>
#include <cstdio>
#include <string>

#include "examples/hello_world/sine_model.h"
#include "tools/host_support.h"

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : tinyrt::host::BundledDataDir() + "/models/hello_world_int8.tflite";
  const int steps = argc > 2 ? std::stoi(argv[2]) : 20;
  tinyrt::host::AlignedBuffer model;
  if (!tinyrt::host::ReadFile(path, &model)) {
    std::fprintf(stderr, "error: cannot read %s\n", path.c_str());
    return 1;
  }
  hello_world::SineModel sine;
  const tinyrt::Status status = sine.Init(model.data(), model.size());
  if (!status.ok()) {
    std::fprintf(stderr, "error: %s\n", status.message());
    return 1;
  }
  std::printf("model: %s, arena_used_bytes: %zu\n%8s %10s %10s\n", path.c_str(), sine.arena_used_bytes(), "x", "model", "sin(x)");
  const float kTwoPi = 6.2831853f;
  for (int i = 0; i < steps; ++i) {
    const float x = kTwoPi * static_cast<float>(i) / static_cast<float>(steps);
    float y = 0;
    if (!sine.Predict(x, &y).ok()) return 1;
    std::printf("%8.4f %10.4f %10.4f\n", x, y, std::sin(x));
  }
  return 0;
}
