// SPDX-License-Identifier: Apache-2.0
// tinyrt inspect MODEL [--json]: ops with versions, tensors, arena bytes, unsupported ops,
// the kernel variant and MACs of every node.
#include <cstdio>

#include "tools/cli/cli.h"
#include "tools/cli/model_report.h"

namespace tinyrt {
namespace cli {
namespace {

const char* NodeOpName(const NodeInfo& info) { return info.custom_name ? info.custom_name : BuiltinOperatorName(info.builtin_code); }

}  // namespace

int Inspect(const Options& options) {
  LoadedModel loaded;
  if (!LoadModel(options.model, &loaded)) return 1;
  const tflite::Model* model = loaded.model.flatbuffer();
  const tflite::SubGraph* graph = loaded.model.main_subgraph();
  const OpReport ops = ReportOps(loaded);
  loaded.arena.Resize(kHostArenaBytes);
  MicroInterpreter interpreter(loaded.model, loaded.resolver, loaded.arena.data(), loaded.arena.size());
  interpreter.UseReferenceKernels(options.reference);
  const Status status = interpreter.AllocateTensors();

  auto io_json = [&](bool input, uint32_t i) {
    const int32_t t = input ? graph->inputs()->Get(i) : graph->outputs()->Get(i);
    return TensorJson(TensorView(graph->tensors()->Get(static_cast<uint32_t>(t)), nullptr), t);
  };
  const uint32_t num_inputs = graph->inputs() ? graph->inputs()->size() : 0;
  const uint32_t num_outputs = graph->outputs() ? graph->outputs()->size() : 0;
  // Multiply-accumulates as TFLM counts them (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED).
  const MacReport macs = ReportMacs(loaded.model);
  if (options.json) {
    std::printf("{\n  \"model\": \"%s\",\n  \"model_bytes\": %zu,\n", JsonEscape(options.model).c_str(), loaded.bytes.size());
    if (status.ok()) {
      std::printf("  %s,\n", BreakdownJson(Breakdown(interpreter), ",\n  ").c_str());
    } else {
      std::printf("  \"arena_used_bytes\": null,\n  \"error\": \"%s\",\n", JsonEscape(status.message()).c_str());
    }
    std::printf("  \"ops\": [");
    bool first = true;
    for (const auto& [name, count] : ops.counts) {
      const auto slash = name.rfind("/v");
      std::printf("%s{\"op\": \"%s\", \"version\": %s, \"count\": %d}", first ? "" : ", ", name.substr(0, slash).c_str(),
                  name.substr(slash + 2).c_str(), count);
      first = false;
    }
    std::printf("],\n  \"hybrid\": %s,\n  \"unsupported_ops\": [", IsHybrid(graph) ? "true" : "false");
    for (size_t i = 0; i < ops.unsupported.size(); ++i) std::printf("%s\"%s\"", i ? ", " : "", ops.unsupported[i].c_str());
    std::printf("],\n  \"inputs\": [");
    for (uint32_t i = 0; i < num_inputs; ++i) std::printf("%s%s", i ? ", " : "", io_json(true, i).c_str());
    std::printf("],\n  \"outputs\": [");
    for (uint32_t i = 0; i < num_outputs; ++i) std::printf("%s%s", i ? ", " : "", io_json(false, i).c_str());
    std::printf("],\n  \"nodes\": [");
    for (size_t n = 0; status.ok() && n < interpreter.operators_size(); ++n) {
      const NodeInfo info = interpreter.node(n);
      std::printf("%s{\"op\": \"%s\", \"version\": %d, \"kernel\": \"%s\", \"reference_reason\": \"%s\", \"macs\": %lld}", n ? ", " : "",
                  NodeOpName(info), info.version, info.variant, info.reference_reason,
                  static_cast<long long>(host::NodeMacs(loaded.model, static_cast<uint32_t>(n))));
    }
    std::printf("],\n  \"macs_total\": %lld\n}\n", macs.total);
    return 0;
  }
  std::printf("model: %s (%zu bytes, schema v%u, %u tensors, %u nodes)\n", options.model.c_str(), loaded.bytes.size(), model->version(),
              graph->tensors() ? graph->tensors()->size() : 0, graph->operators()->size());
  std::printf("ops:\n");
  for (const auto& [name, count] : ops.counts) std::printf("  %-40s x%d\n", name.c_str(), count);
  std::printf("inputs:\n");
  for (uint32_t i = 0; i < num_inputs; ++i) std::printf("  %u: %s\n", i, io_json(true, i).c_str());
  std::printf("outputs:\n");
  for (uint32_t i = 0; i < num_outputs; ++i) std::printf("  %u: %s\n", i, io_json(false, i).c_str());
  std::printf("tensors:\n");
  for (uint32_t t = 0; graph->tensors() && t < graph->tensors()->size(); ++t) {
    std::printf("  %3u: %s\n", t, TensorJson(TensorView(graph->tensors()->Get(t), nullptr), static_cast<int32_t>(t)).c_str());
  }
  if (status.ok()) {
    std::printf("kernels:\n");
    for (size_t n = 0; n < interpreter.operators_size(); ++n) {
      const NodeInfo info = interpreter.node(n);
      const long long node_macs = host::NodeMacs(loaded.model, static_cast<uint32_t>(n));
      std::printf("  %3zu: %-24s %-28s", n, NodeOpName(info), info.variant);
      if (node_macs != 0) std::printf(" %lld MACs", node_macs);
      if (info.reference_reason[0] != '\0') std::printf(" (reference: %s)", info.reference_reason);
      std::printf("\n");
    }
    std::printf("arena_used_bytes: %s\n", BreakdownText(Breakdown(interpreter)).c_str());
  } else {
    std::printf("arena_used_bytes: unknown (%s)\n", status.message());
  }
  std::printf("macs: %lld", macs.total);
  const char* separator = " (";
  for (const auto& [name, op_macs] : macs.per_op) {
    std::printf("%s%s %lld", separator, name.c_str(), op_macs);
    separator = ", ";
  }
  std::printf("%s\n", macs.total != 0 ? ")" : "");
  if (IsHybrid(graph)) {
    std::printf("hybrid model: float32 activations with int8 weights are not supported yet (TFLM refuses them too)\n");
  }
  if (ops.unsupported.empty()) {
    std::printf("unsupported ops: none\n");
  } else {
    std::printf("unsupported ops:");
    for (const auto& name : ops.unsupported) std::printf(" %s", name.c_str());
    std::printf("\n");
  }
  return 0;
}

}  // namespace cli
}  // namespace tinyrt
