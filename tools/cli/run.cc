// SPDX-License-Identifier: Apache-2.0
// tinyrt run MODEL [--input FILE]... [--seed S] [--output-dir DIR]: one Invoke on raw input
// files or on the golden generator's inputs; prints (and writes) the outputs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "tools/cli/cli.h"
#include "tools/cli/model_report.h"

namespace tinyrt {
namespace cli {
namespace {

// Fills the interpreter's inputs from files, or from the golden generator without files.
bool FillInputs(MicroInterpreter& interpreter, const Options& options) {
  if (!options.inputs.empty() && options.inputs.size() != interpreter.inputs_size()) {
    std::fprintf(stderr, "error: the model has %zu inputs, %zu --input files given\n", interpreter.inputs_size(), options.inputs.size());
    return false;
  }
  for (size_t i = 0; i < interpreter.inputs_size(); ++i) {
    const TensorView tensor = interpreter.input(i);
    if (options.inputs.empty()) {
      if (host::FillGoldenInput(tensor, options.seed, static_cast<uint32_t>(i))) continue;
      std::fprintf(stderr, "error: no generator for input %zu of type %s\n", i, TensorTypeName(tensor.type()));
      return false;
    }
    std::vector<uint8_t> bytes;
    if (!host::ReadFile(options.inputs[i], &bytes)) {
      std::fprintf(stderr, "error: cannot read input file %s\n", options.inputs[i].c_str());
      return false;
    }
    if (bytes.size() != tensor.bytes()) {
      std::fprintf(stderr, "error: input %zu ('%s', %s %s) needs %zu bytes, %s has %zu\n", i, tensor.name(), TensorTypeName(tensor.type()),
                   host::ShapeString(tensor).c_str(), tensor.bytes(), options.inputs[i].c_str(), bytes.size());
      return false;
    }
    std::memcpy(tensor.raw(), bytes.data(), bytes.size());
  }
  return true;
}

void PrintValues(const TensorView& out) {
  const size_t shown = std::min<size_t>(out.elements(), 8);
  std::printf(" values:");
  for (size_t k = 0; k < shown; ++k) {
    switch (out.type()) {
      case TensorType::kFloat32: std::printf(" %g", out.data<float>()[k]); break;
      case TensorType::kInt8: std::printf(" %d", out.data<int8_t>()[k]); break;
      case TensorType::kUInt8: std::printf(" %u", out.data<uint8_t>()[k]); break;
      case TensorType::kInt16: std::printf(" %d", out.data<int16_t>()[k]); break;
      case TensorType::kInt32: std::printf(" %d", out.data<int32_t>()[k]); break;
      default: std::printf(" ?"); break;
    }
  }
  std::printf("%s\n", out.elements() > shown ? " ..." : "");
}

}  // namespace

int Run(const Options& options) {
  LoadedModel loaded;
  if (!LoadAndAllocate(options.model, options.reference, nullptr, &loaded)) return 1;
  MicroInterpreter& interpreter = *loaded.interpreter;
  if (!FillInputs(interpreter, options)) return 1;
  const auto start = std::chrono::steady_clock::now();
  const Status status = interpreter.Invoke();
  const double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
  if (!status.ok()) {
    std::fprintf(stderr, "error: Invoke failed: %s\n", status.message());
    return 1;
  }
  std::printf("model: %s\ninputs: %s\narena_used_bytes: %zu\ninvoke_us: %.1f\n", options.model.c_str(),
              options.inputs.empty() ? ("generated, seed " + std::to_string(options.seed)).c_str() : "files",
              interpreter.arena_used_bytes(), us);
  for (size_t j = 0; j < interpreter.outputs_size(); ++j) {
    const TensorView out = interpreter.output(j);
    std::printf("output%zu: %s %s", j, TensorTypeName(out.type()), host::ShapeString(out).c_str());
    PrintValues(out);
    if (!options.output_dir.empty()) {
      const std::string file = options.output_dir + "/output" + std::to_string(j) + ".bin";
      if (!host::WriteFile(file, out.raw(), out.bytes())) {
        std::fprintf(stderr, "error: cannot write %s\n", file.c_str());
        return 1;
      }
    }
  }
  return 0;
}

}  // namespace cli
}  // namespace tinyrt
