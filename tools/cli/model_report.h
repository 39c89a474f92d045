// SPDX-License-Identifier: Apache-2.0
// What the CLI's commands report about a model: loading it with every kernel, its tensors as
// JSON, its ops, MACs and the arena breakdown (persistent + planned + planner workspace).
#pragma once

#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tinyrt/interpreter.h"
#include "tinyrt/model.h"
#include "tinyrt/op_resolver.h"
#include "tinyrt/schema_generated.h"
#include "tools/host_support.h"

namespace tinyrt {
namespace cli {

constexpr size_t kHostArenaBytes = 64u << 20;

// A model, every kernel and a host-sized arena; the interpreter once allocated.
struct LoadedModel {
  host::AlignedBuffer bytes;
  Model model;
  AllOpsResolver resolver;
  host::AlignedBuffer arena;
  std::unique_ptr<MicroInterpreter> interpreter;
};

// Reads and verifies the model; prints the error and returns false on failure.
bool LoadModel(const std::string& path, LoadedModel* out);
// LoadModel, then an interpreter (reference kernels only if `reference`) and AllocateTensors.
bool LoadAndAllocate(const std::string& path, bool reference, MicroProfiler* profiler, LoadedModel* out);

std::string JsonEscape(const std::string& s);
// {"tensor_index": ..., "name": ..., "dtype": ..., "shape": ..., "bytes": ..., quantization}
std::string TensorJson(const TensorView& t, int32_t index);
// A hybrid model feeds float32 activations into an op whose weights (input 1) are int8 constants.
bool IsHybrid(const tflite::SubGraph* graph);

// The ops of every subgraph ("NAME/vN" and node count), and those this build cannot run.
struct OpReport {
  std::map<std::string, int> counts;
  std::vector<std::string> unsupported;
};
OpReport ReportOps(const LoadedModel& loaded);

// Multiply-accumulates of the main subgraph, in total and per op name.
struct MacReport {
  long long total = 0;
  std::map<std::string, long long> per_op;
};
MacReport ReportMacs(const Model& model);

// The arena figures, which add up: used = persistent + planned + planner workspace.
struct ArenaBreakdown {
  size_t used;
  size_t persistent;
  size_t planned;
  size_t planner_workspace;
};
ArenaBreakdown Breakdown(const MicroInterpreter& interpreter);
// "304 (224 persistent + 32 planned + 48 planner workspace)"
std::string BreakdownText(const ArenaBreakdown& arena);
// "\"arena_used_bytes\": 304, ..." (four keys, comma separated, no trailing comma)
std::string BreakdownJson(const ArenaBreakdown& arena, const char* separator);

}  // namespace cli
}  // namespace tinyrt
