// SPDX-License-Identifier: Apache-2.0
#include "tools/cli/model_report.h"

#include <algorithm>

#include "tinyrt/kernel.h"

namespace tinyrt {
namespace cli {

bool LoadModel(const std::string& path, LoadedModel* out) {
  if (!host::ReadFile(path, &out->bytes)) {
    std::fprintf(stderr, "error: cannot read %s\n", path.c_str());
    return false;
  }
  const Status status = out->model.Load(out->bytes.data(), out->bytes.size());
  if (!status.ok()) {
    std::fprintf(stderr, "error: %s: %s\n", path.c_str(), status.message());
    return false;
  }
  return true;
}

bool LoadAndAllocate(const std::string& path, bool reference, MicroProfiler* profiler, LoadedModel* out) {
  if (!LoadModel(path, out)) return false;
  out->arena.Resize(kHostArenaBytes);
  out->interpreter.reset(new MicroInterpreter(out->model, out->resolver, out->arena.data(), out->arena.size(), profiler));
  out->interpreter->UseReferenceKernels(reference);
  const Status status = out->interpreter->AllocateTensors();
  if (!status.ok()) {
    std::fprintf(stderr, "error: %s: %s\n", path.c_str(), status.message());
    return false;
  }
  return true;
}

std::string JsonEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 32) continue;
    out += c;
  }
  return out;
}

std::string TensorJson(const TensorView& t, int32_t index) {
  // int4 constants are packed two values a byte (src/kernels/int4.h); TensorView::bytes() counts
  // only densely stored types.
  const size_t bytes = t.type() == TensorType::kInt4 ? (t.elements() + 1) / 2 : t.bytes();
  std::string s = "{\"tensor_index\": " + std::to_string(index) + ", \"name\": \"" + JsonEscape(t.name()) + "\", \"dtype\": \"" +
                  TensorTypeName(t.type()) + "\", \"shape\": " + host::ShapeString(t) + ", \"bytes\": " + std::to_string(bytes);
  if (t.is_quantized()) {
    s += ", \"scale\": [";
    for (int c = 0; c < t.num_scales(); ++c) s += (c ? ", " : "") + std::to_string(t.scale(c));
    s += "], \"zero_point\": [";
    for (int c = 0; c < t.num_scales(); ++c) s += (c ? ", " : "") + std::to_string(t.zero_point(c));
    s += "]";
  }
  return s + "}";
}

bool IsHybrid(const tflite::SubGraph* graph) {
  for (uint32_t n = 0; n < graph->operators()->size(); ++n) {
    const auto* inputs = graph->operators()->Get(n)->inputs();
    if (inputs == nullptr || inputs->size() < 2 || inputs->Get(0) < 0 || inputs->Get(1) < 0) continue;
    const auto* activation = graph->tensors()->Get(static_cast<uint32_t>(inputs->Get(0)));
    const auto* weights = graph->tensors()->Get(static_cast<uint32_t>(inputs->Get(1)));
    if (activation->type() == tflite::TensorType_FLOAT32 && weights->type() == tflite::TensorType_INT8 && weights->buffer() != 0)
      return true;
  }
  return false;
}

OpReport ReportOps(const LoadedModel& loaded) {
  OpReport report;
  const tflite::Model* model = loaded.model.flatbuffer();
  for (const tflite::SubGraph* sub : *model->subgraphs()) {
    for (uint32_t n = 0; n < sub->operators()->size(); ++n) {
      const auto* code = model->operator_codes()->Get(sub->operators()->Get(n)->opcode_index());
      const int32_t builtin = OperatorBuiltinCode(code);
      const char* custom = builtin == kBuiltinCustom ? code->custom_code()->c_str() : nullptr;
      const std::string name = std::string(custom ? custom : BuiltinOperatorName(builtin)) + "/v" + std::to_string(code->version());
      ++report.counts[name];
      const int index = loaded.resolver.Find(builtin, custom);
      if ((index < 0 || code->version() > loaded.resolver.registration(index).kernel->max_version) &&
          std::find(report.unsupported.begin(), report.unsupported.end(), name) == report.unsupported.end()) {
        report.unsupported.push_back(name);
      }
    }
  }
  return report;
}

MacReport ReportMacs(const Model& model) {
  MacReport report;
  const tflite::SubGraph* graph = model.main_subgraph();
  for (uint32_t n = 0; n < graph->operators()->size(); ++n) {
    const long long macs = host::NodeMacs(model, n);
    if (macs == 0) continue;
    const auto* code = model.flatbuffer()->operator_codes()->Get(graph->operators()->Get(n)->opcode_index());
    report.per_op[BuiltinOperatorName(OperatorBuiltinCode(code))] += macs;
    report.total += macs;
  }
  return report;
}

ArenaBreakdown Breakdown(const MicroInterpreter& interpreter) {
  return ArenaBreakdown{interpreter.arena_used_bytes(), interpreter.arena_persistent_bytes(), interpreter.arena_planned_bytes(),
                        interpreter.arena_planner_workspace_bytes()};
}

std::string BreakdownText(const ArenaBreakdown& arena) {
  std::string text =
      std::to_string(arena.used) + " (" + std::to_string(arena.persistent) + " persistent + " + std::to_string(arena.planned) + " planned";
  if (arena.planner_workspace != 0) text += " + " + std::to_string(arena.planner_workspace) + " planner workspace";
  return text + ")";
}

std::string BreakdownJson(const ArenaBreakdown& arena, const char* separator) {
  return "\"arena_used_bytes\": " + std::to_string(arena.used) + separator +
         "\"arena_persistent_bytes\": " + std::to_string(arena.persistent) + separator +
         "\"arena_planned_bytes\": " + std::to_string(arena.planned) + separator +
         "\"arena_planner_workspace_bytes\": " + std::to_string(arena.planner_workspace);
}

}  // namespace cli
}  // namespace tinyrt
