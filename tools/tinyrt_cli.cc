// SPDX-License-Identifier: Apache-2.0
// tinyrt: host command-line tool.
//   tinyrt inspect MODEL [--json]
//   tinyrt run MODEL [--input FILE]... [--seed S] [--output-dir DIR]
//   tinyrt bench MODEL [--iterations N]
//   tinyrt plan MODEL [--svg FILE] [--header FILE [--name NAME]]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "src/kernels/opt/x86_avx2.h"
#include "tinyrt/interpreter.h"
#include "tinyrt/kernel.h"
#include "tinyrt/model.h"
#include "tinyrt/op_resolver.h"
#include "tools/host_support.h"

namespace {

using tinyrt::host::AlignedBuffer;

constexpr size_t kHostArenaBytes = 64u << 20;
bool g_reference = false;  // --reference: reference kernels only

// bench --profile: wall time per node, summed over the timed Invokes.
using tinyrt::host::NodeTimer;
NodeTimer* g_profiler = nullptr;

int Usage() {
  std::fprintf(stderr,
               "usage:\n"
               "  tinyrt inspect MODEL [--json]        ops, tensors, arena bytes, unsupported ops, kernel variants\n"
               "  tinyrt run MODEL [--input FILE]... [--seed S] [--output-dir DIR]\n"
               "                                       one Invoke on raw input files or golden-generator inputs\n"
               "  tinyrt bench MODEL [--iterations N] [--compare] [--profile]\n"
               "                                       median time per Invoke and arena bytes (--compare: optimized and\n"
               "                                       reference kernels in the same run; --profile: mean time per node)\n"
               "  tinyrt plan MODEL [--svg FILE] [--header FILE [--name NAME]]\n"
               "                                       the arena plan: offset, size, first/last op of every buffer;\n"
               "                                       --header writes it and the exact arena size as C++ constants\n"
               "  --reference (any command): run the reference kernels only\n"
               "  --no-avx2 (any command, x86-64): the portable optimized variants instead of the AVX2 ones\n");
  return 2;
}

struct Loaded {
  AlignedBuffer bytes;
  tinyrt::Model model;
  tinyrt::AllOpsResolver resolver;
  AlignedBuffer arena;
  std::unique_ptr<tinyrt::MicroInterpreter> interpreter;
};

// Loads and allocates; prints the error and returns false on failure.
bool Load(const std::string& path, Loaded* out, bool allocate = true) {
  if (!tinyrt::host::ReadFile(path, &out->bytes)) {
    std::fprintf(stderr, "error: cannot read %s\n", path.c_str());
    return false;
  }
  const tinyrt::Status status = out->model.Load(out->bytes.data(), out->bytes.size());
  if (!status.ok()) {
    std::fprintf(stderr, "error: %s: %s\n", path.c_str(), status.message());
    return false;
  }
  if (!allocate) return true;
  out->arena.Resize(kHostArenaBytes);
  out->interpreter.reset(new tinyrt::MicroInterpreter(out->model, out->resolver, out->arena.data(), out->arena.size(), g_profiler));
  out->interpreter->UseReferenceKernels(g_reference);
  const tinyrt::Status alloc = out->interpreter->AllocateTensors();
  if (!alloc.ok()) {
    std::fprintf(stderr, "error: %s: %s\n", path.c_str(), alloc.message());
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

std::string TensorJson(const tinyrt::TensorView& t, int32_t index) {
  std::string s = "{\"tensor_index\": " + std::to_string(index) + ", \"name\": \"" + JsonEscape(t.name()) + "\", \"dtype\": \"" +
                  tinyrt::TensorTypeName(t.type()) + "\", \"shape\": " + tinyrt::host::ShapeString(t) +
                  ", \"bytes\": " + std::to_string(t.bytes());
  if (t.is_quantized()) {
    s += ", \"scale\": [";
    for (int c = 0; c < t.num_scales(); ++c) s += (c ? ", " : "") + std::to_string(t.scale(c));
    s += "], \"zero_point\": [";
    for (int c = 0; c < t.num_scales(); ++c) s += (c ? ", " : "") + std::to_string(t.zero_point(c));
    s += "]";
  }
  return s + "}";
}

// A hybrid model feeds float32 activations into an op whose weights (input 1) are int8 constants.
bool IsHybrid(const tflite::SubGraph* graph) {
  for (uint32_t n = 0; n < graph->operators()->size(); ++n) {
    const auto* inputs = graph->operators()->Get(n)->inputs();
    if (inputs == nullptr || inputs->size() < 2 || inputs->Get(0) < 0 || inputs->Get(1) < 0) continue;
    const auto* activation = graph->tensors()->Get(static_cast<uint32_t>(inputs->Get(0)));
    const auto* weights = graph->tensors()->Get(static_cast<uint32_t>(inputs->Get(1)));
    if (activation->type() == tflite::TensorType_FLOAT32 && weights->type() == tflite::TensorType_INT8 && weights->buffer() != 0) return true;
  }
  return false;
}

int Inspect(const std::string& path, bool json) {
  Loaded loaded;
  if (!Load(path, &loaded, false)) return 1;
  const tflite::Model* model = loaded.model.flatbuffer();
  const tflite::SubGraph* graph = loaded.model.main_subgraph();
  // Ops: name/version and how many nodes use each; which this build cannot run.
  std::map<std::string, int> op_counts;
  std::vector<std::string> unsupported;
  for (const tflite::SubGraph* sub : *model->subgraphs())
  for (uint32_t n = 0; n < sub->operators()->size(); ++n) {
    const auto* code = model->operator_codes()->Get(sub->operators()->Get(n)->opcode_index());
    const int32_t builtin = tinyrt::OperatorBuiltinCode(code);
    const char* custom = builtin == tinyrt::kBuiltinCustom ? code->custom_code()->c_str() : nullptr;
    const std::string name = std::string(custom ? custom : tinyrt::BuiltinOperatorName(builtin)) + "/v" + std::to_string(code->version());
    ++op_counts[name];
    const int index = loaded.resolver.Find(builtin, custom);
    if ((index < 0 || code->version() > loaded.resolver.registration(index).kernel->max_version) &&
        std::find(unsupported.begin(), unsupported.end(), name) == unsupported.end()) {
      unsupported.push_back(name);
    }
  }
  loaded.arena.Resize(kHostArenaBytes);
  tinyrt::MicroInterpreter interpreter(loaded.model, loaded.resolver, loaded.arena.data(), loaded.arena.size());
  interpreter.UseReferenceKernels(g_reference);
  const tinyrt::Status status = interpreter.AllocateTensors();

  auto io_tensor = [&](bool input, uint32_t i) {
    const int32_t t = input ? graph->inputs()->Get(i) : graph->outputs()->Get(i);
    return std::make_pair(t, tinyrt::TensorView(graph->tensors()->Get(static_cast<uint32_t>(t)), nullptr));
  };
  const uint32_t num_inputs = graph->inputs() ? graph->inputs()->size() : 0;
  const uint32_t num_outputs = graph->outputs() ? graph->outputs()->size() : 0;
  // Multiply-accumulates as TFLM counts them (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED).
  std::map<std::string, long long> macs_per_op;
  long long total_macs = 0;
  for (uint32_t n = 0; n < graph->operators()->size(); ++n) {
    const long long macs = tinyrt::host::NodeMacs(loaded.model, n);
    if (macs == 0) continue;
    const auto* code = model->operator_codes()->Get(graph->operators()->Get(n)->opcode_index());
    macs_per_op[tinyrt::BuiltinOperatorName(tinyrt::OperatorBuiltinCode(code))] += macs;
    total_macs += macs;
  }
  if (json) {
    std::printf("{\n  \"model\": \"%s\",\n  \"model_bytes\": %zu,\n", JsonEscape(path).c_str(), loaded.bytes.size());
    if (status.ok()) {
      std::printf("  \"arena_used_bytes\": %zu,\n  \"arena_persistent_bytes\": %zu,\n  \"arena_planned_bytes\": %zu,\n",
                  interpreter.arena_used_bytes(), interpreter.arena_persistent_bytes(), interpreter.arena_planned_bytes());
    } else {
      std::printf("  \"arena_used_bytes\": null,\n  \"error\": \"%s\",\n", JsonEscape(status.message()).c_str());
    }
    std::printf("  \"ops\": [");
    bool first = true;
    for (const auto& [name, count] : op_counts) {
      const auto slash = name.rfind("/v");
      std::printf("%s{\"op\": \"%s\", \"version\": %s, \"count\": %d}", first ? "" : ", ", name.substr(0, slash).c_str(),
                  name.substr(slash + 2).c_str(), count);
      first = false;
    }
    std::printf("],\n  \"hybrid\": %s,\n  \"unsupported_ops\": [", IsHybrid(graph) ? "true" : "false");
    for (size_t i = 0; i < unsupported.size(); ++i) std::printf("%s\"%s\"", i ? ", " : "", unsupported[i].c_str());
    std::printf("],\n  \"inputs\": [");
    for (uint32_t i = 0; i < num_inputs; ++i) {
      auto [t, view] = io_tensor(true, i);
      std::printf("%s%s", i ? ", " : "", TensorJson(view, t).c_str());
    }
    std::printf("],\n  \"outputs\": [");
    for (uint32_t i = 0; i < num_outputs; ++i) {
      auto [t, view] = io_tensor(false, i);
      std::printf("%s%s", i ? ", " : "", TensorJson(view, t).c_str());
    }
    std::printf("],\n  \"nodes\": [");
    for (size_t n = 0; status.ok() && n < interpreter.operators_size(); ++n) {
      const tinyrt::NodeInfo info = interpreter.node(n);
      std::printf("%s{\"op\": \"%s\", \"version\": %d, \"kernel\": \"%s\", \"reference_reason\": \"%s\", \"macs\": %lld}",
                  n ? ", " : "", info.custom_name ? info.custom_name : tinyrt::BuiltinOperatorName(info.builtin_code), info.version,
                  info.variant, info.reference_reason,
                  static_cast<long long>(tinyrt::host::NodeMacs(loaded.model, static_cast<uint32_t>(n))));
    }
    std::printf("],\n  \"macs_total\": %lld\n}\n", static_cast<long long>(total_macs));
    return 0;
  }
  std::printf("model: %s (%zu bytes, schema v%u, %u tensors, %u nodes)\n", path.c_str(), loaded.bytes.size(), model->version(),
              graph->tensors() ? graph->tensors()->size() : 0, graph->operators()->size());
  std::printf("ops:\n");
  for (const auto& [name, count] : op_counts) std::printf("  %-40s x%d\n", name.c_str(), count);
  std::printf("inputs:\n");
  for (uint32_t i = 0; i < num_inputs; ++i) {
    auto [t, view] = io_tensor(true, i);
    std::printf("  %u: %s\n", i, TensorJson(view, t).c_str());
  }
  std::printf("outputs:\n");
  for (uint32_t i = 0; i < num_outputs; ++i) {
    auto [t, view] = io_tensor(false, i);
    std::printf("  %u: %s\n", i, TensorJson(view, t).c_str());
  }
  std::printf("tensors:\n");
  for (uint32_t t = 0; graph->tensors() && t < graph->tensors()->size(); ++t) {
    std::printf("  %3u: %s\n", t, TensorJson(tinyrt::TensorView(graph->tensors()->Get(t), nullptr), static_cast<int32_t>(t)).c_str());
  }
  if (status.ok()) {
    std::printf("kernels:\n");
    for (size_t n = 0; n < interpreter.operators_size(); ++n) {
      const tinyrt::NodeInfo info = interpreter.node(n);
      const long long macs = tinyrt::host::NodeMacs(loaded.model, static_cast<uint32_t>(n));
      std::printf("  %3zu: %-24s %-28s", n, info.custom_name ? info.custom_name : tinyrt::BuiltinOperatorName(info.builtin_code), info.variant);
      if (macs != 0) std::printf(" %lld MACs", macs);
      if (info.reference_reason[0] != '\0') std::printf(" (reference: %s)", info.reference_reason);
      std::printf("\n");
    }
    std::printf("arena_used_bytes: %zu (%zu persistent + %zu planned)\n", interpreter.arena_used_bytes(),
                interpreter.arena_persistent_bytes(), interpreter.arena_used_bytes() - interpreter.arena_persistent_bytes());
  } else {
    std::printf("arena_used_bytes: unknown (%s)\n", status.message());
  }
  std::printf("macs: %lld", total_macs);
  const char* separator = " (";
  for (const auto& [name, macs] : macs_per_op) {
    std::printf("%s%s %lld", separator, name.c_str(), macs);
    separator = ", ";
  }
  std::printf("%s\n", total_macs != 0 ? ")" : "");
  if (IsHybrid(graph)) {
    std::printf("hybrid model: float32 activations with int8 weights are not supported yet (TFLM refuses them too)\n");
  }
  if (unsupported.empty()) {
    std::printf("unsupported ops: none\n");
  } else {
    std::printf("unsupported ops:");
    for (const auto& name : unsupported) std::printf(" %s", name.c_str());
    std::printf("\n");
  }
  return 0;
}

int Run(const std::string& path, const std::vector<std::string>& inputs, uint32_t seed, const std::string& output_dir) {
  Loaded loaded;
  if (!Load(path, &loaded)) return 1;
  tinyrt::MicroInterpreter& interpreter = *loaded.interpreter;
  if (!inputs.empty() && inputs.size() != interpreter.inputs_size()) {
    std::fprintf(stderr, "error: the model has %zu inputs, %zu --input files given\n", interpreter.inputs_size(), inputs.size());
    return 1;
  }
  for (size_t i = 0; i < interpreter.inputs_size(); ++i) {
    const tinyrt::TensorView tensor = interpreter.input(i);
    if (!inputs.empty()) {
      std::vector<uint8_t> bytes;
      if (!tinyrt::host::ReadFile(inputs[i], &bytes)) {
        std::fprintf(stderr, "error: cannot read input file %s\n", inputs[i].c_str());
        return 1;
      }
      if (bytes.size() != tensor.bytes()) {
        std::fprintf(stderr, "error: input %zu ('%s', %s %s) needs %zu bytes, %s has %zu\n", i, tensor.name(),
                     tinyrt::TensorTypeName(tensor.type()), tinyrt::host::ShapeString(tensor).c_str(), tensor.bytes(),
                     inputs[i].c_str(), bytes.size());
        return 1;
      }
      std::memcpy(tensor.raw(), bytes.data(), bytes.size());
    } else if (!tinyrt::host::FillGoldenInput(tensor, seed, static_cast<uint32_t>(i))) {
      std::fprintf(stderr, "error: no generator for input %zu of type %s\n", i, tinyrt::TensorTypeName(tensor.type()));
      return 1;
    }
  }
  const auto start = std::chrono::steady_clock::now();
  const tinyrt::Status status = interpreter.Invoke();
  const double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
  if (!status.ok()) {
    std::fprintf(stderr, "error: Invoke failed: %s\n", status.message());
    return 1;
  }
  std::printf("model: %s\ninputs: %s\narena_used_bytes: %zu\ninvoke_us: %.1f\n", path.c_str(),
              inputs.empty() ? ("generated, seed " + std::to_string(seed)).c_str() : "files", interpreter.arena_used_bytes(), us);
  for (size_t j = 0; j < interpreter.outputs_size(); ++j) {
    const tinyrt::TensorView out = interpreter.output(j);
    std::printf("output%zu: %s %s", j, tinyrt::TensorTypeName(out.type()), tinyrt::host::ShapeString(out).c_str());
    const size_t shown = std::min<size_t>(out.elements(), 8);
    std::printf(" values:");
    for (size_t k = 0; k < shown; ++k) {
      switch (out.type()) {
        case tinyrt::TensorType::kFloat32: std::printf(" %g", out.data<float>()[k]); break;
        case tinyrt::TensorType::kInt8: std::printf(" %d", out.data<int8_t>()[k]); break;
        case tinyrt::TensorType::kUInt8: std::printf(" %u", out.data<uint8_t>()[k]); break;
        case tinyrt::TensorType::kInt16: std::printf(" %d", out.data<int16_t>()[k]); break;
        case tinyrt::TensorType::kInt32: std::printf(" %d", out.data<int32_t>()[k]); break;
        default: std::printf(" ?"); break;
      }
    }
    std::printf("%s\n", out.elements() > shown ? " ..." : "");
    if (!output_dir.empty()) {
      const std::string file = output_dir + "/output" + std::to_string(j) + ".bin";
      if (!tinyrt::host::WriteFile(file, out.raw(), out.bytes())) {
        std::fprintf(stderr, "error: cannot write %s\n", file.c_str());
        return 1;
      }
    }
  }
  return 0;
}

// Times Invokes of one interpreter: sorted microseconds, or empty on failure.
std::vector<double> TimeInvokes(tinyrt::MicroInterpreter& interpreter, int iterations) {
  for (size_t i = 0; i < interpreter.inputs_size(); ++i) tinyrt::host::FillGoldenInput(interpreter.input(i), 1, static_cast<uint32_t>(i));
  if (!interpreter.Invoke().ok()) {  // warm-up
    std::fprintf(stderr, "error: Invoke failed: %s\n", interpreter.error());
    return {};
  }
  std::vector<double> times;
  if (g_profiler != nullptr) g_profiler->Reset();
  const auto budget_start = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) {
    if (g_profiler != nullptr) g_profiler->NextInvoke();
    const auto start = std::chrono::steady_clock::now();
    interpreter.Invoke();
    const auto end = std::chrono::steady_clock::now();
    times.push_back(std::chrono::duration<double, std::micro>(end - start).count());
    if (i >= 10 && std::chrono::duration<double>(end - budget_start).count() > 5.0) break;  // cap slow models at ~5 s
  }
  std::sort(times.begin(), times.end());
  return times;
}

int Bench(const std::string& path, int iterations, bool compare, bool profile) {
  NodeTimer timer;
  if (profile) g_profiler = &timer;
  Loaded loaded;
  if (!Load(path, &loaded)) return 1;
  tinyrt::MicroInterpreter& interpreter = *loaded.interpreter;
  const std::vector<double> times = TimeInvokes(interpreter, iterations);
  if (times.empty()) return 1;
  std::printf("model: %s\ninvokes: %zu\nmedian_us: %.3f\nmin_us: %.3f\narena_used_bytes: %zu\n", path.c_str(), times.size(),
              times[times.size() / 2], times.front(), interpreter.arena_used_bytes());
  if (profile) {
    // Mean microseconds per node over the timed Invokes (profiling adds a clock read per node).
    double sum = 0;
    for (double t : timer.totals()) sum += t;
    std::printf("%-4s %-24s %-26s %10s %6s\n", "node", "op", "kernel", "mean_us", "share");
    for (size_t i = 0; i < timer.totals().size() && i < interpreter.operators_size(); ++i) {
      const double mean = timer.totals()[i] / static_cast<double>(times.size());
      std::printf("%-4zu %-24s %-26s %10.3f %5.1f%%\n", i, timer.tags()[i].c_str(), interpreter.node(i).variant, mean,
                  sum > 0 ? 100.0 * timer.totals()[i] / sum : 0.0);
    }
    g_profiler = nullptr;
  }
  if (compare && !g_reference) {
    // The same model with the reference kernels, in this process, right after.
    Loaded ref;
    g_reference = true;
    if (!Load(path, &ref)) return 1;
    const std::vector<double> ref_times = TimeInvokes(*ref.interpreter, iterations);
    if (ref_times.empty()) return 1;
    std::printf("reference_invokes: %zu\nreference_median_us: %.3f\nreference_min_us: %.3f\nreference_arena_used_bytes: %zu\n"
                "speedup_median: %.2f\n",
                ref_times.size(), ref_times[ref_times.size() / 2], ref_times.front(), ref.interpreter->arena_used_bytes(),
                ref_times[ref_times.size() / 2] / times[times.size() / 2]);
  }
  return 0;
}

std::string XmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

// One rectangle per buffer: ops left to right, arena offset bottom to top; the op where the
// plan reaches its highest byte is marked.
void WritePlanSvg(const std::string& path, const std::string& title, const std::vector<tinyrt::host::PlanRow>& rows, size_t planned, size_t nodes,
                  const std::vector<size_t>& live_bytes, size_t peak_node, size_t persistent) {
  const double width = 960, height = 540, left = 70, right = 20, top = 40, bottom = 50;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  const double col = plot_w / static_cast<double>(nodes == 0 ? 1 : nodes);
  // The vertical axis covers the plan and the live-bytes line (which counts in-place pairs twice).
  size_t axis_max = planned;
  for (size_t v : live_bytes) axis_max = std::max(axis_max, v);
  const double scale = axis_max == 0 ? 1.0 : plot_h / static_cast<double>(axis_max);
  FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) {
    std::fprintf(stderr, "error: cannot write %s\n", path.c_str());
    return;
  }
  std::fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" font-family=\"sans-serif\" font-size=\"11\">\n", width, height);
  std::fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
  std::fprintf(f, "<text x=\"%.0f\" y=\"20\" font-size=\"14\">%s: %zu planned bytes (+ %zu persistent), peak at op %zu</text>\n", left,
               XmlEscape(title).c_str(), planned, persistent, peak_node);
  static const char* kColors[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& b = rows[i].buffer;
    const double x = left + col * b.first_use, w = col * static_cast<double>(b.last_use - b.first_use + 1);
    const double y = top + plot_h - scale * static_cast<double>(b.offset + b.size), h = scale * static_cast<double>(b.size);
    std::fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.75\" stroke=\"black\" stroke-width=\"0.5\"><title>%s: %u bytes at %u, ops %d-%d</title></rect>\n",
                 x, y, w, h < 0.5 ? 0.5 : h, b.tensor < 0 ? "#cccccc" : kColors[i % 10], XmlEscape(rows[i].name).c_str(), b.size, b.offset, b.first_use, b.last_use);
  }
  // Live bytes per op (the lower bound without in-place reuse) as a step line.
  std::string path_d;
  for (size_t n = 0; n < nodes; ++n) {
    const double y = top + plot_h - scale * static_cast<double>(live_bytes[n]);
    char seg[96];
    std::snprintf(seg, sizeof(seg), "%s%.1f %.1f H %.1f ", n == 0 ? "M" : "L", left + col * n, y, left + col * (n + 1));
    path_d += seg;
  }
  std::fprintf(f, "<path d=\"%s\" fill=\"none\" stroke=\"black\" stroke-dasharray=\"4 3\"/>\n", path_d.c_str());
  const double plan_y = top + plot_h - scale * static_cast<double>(planned);
  std::fprintf(f, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"blue\"/>\n", left, plan_y, left + plot_w, plan_y);
  const double px = left + col * (static_cast<double>(peak_node) + 0.5);
  std::fprintf(f, "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"red\" stroke-width=\"2\"/>\n", px, top, px, top + plot_h);
  std::fprintf(f, "<text x=\"%.1f\" y=\"%.0f\" fill=\"red\">peak</text>\n", px + 3, top + 12);
  std::fprintf(f, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"black\"/>\n", left, top + plot_h, left + plot_w, top + plot_h);
  std::fprintf(f, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"black\"/>\n", left, top, left, top + plot_h);
  for (size_t n = 0; n < nodes; n += (nodes > 40 ? 5 : 1)) {
    std::fprintf(f, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">%zu</text>\n", left + col * (n + 0.5), top + plot_h + 15, n);
  }
  std::fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">op (execution order); dashed: bytes of live buffers (an in-place pair counts twice); blue line: planned size</text>\n", left + plot_w / 2, height - 12);
  for (int k = 0; k <= 4; ++k) {
    const double v = static_cast<double>(axis_max) * k / 4;
    std::fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>\n", left - 5, top + plot_h - scale * v + 4, v);
  }
  std::fprintf(f, "<text transform=\"translate(14 %.0f) rotate(-90)\" text-anchor=\"middle\">arena offset (bytes)</text>\n", top + plot_h / 2);
  std::fprintf(f, "</svg>\n");
  std::fclose(f);
}

// The plan as constants a firmware compiles in: the exact arena size, and offsets for
// MicroInterpreter::UseArenaPlan (no planning on the device; no planner code with
// TINYRT_ONLINE_PLANNER=0).
bool WritePlanHeader(const std::string& header, const std::string& model_path, const std::string& name,
                     const tinyrt::MicroInterpreter& interpreter) {
  std::vector<int32_t> tensors(interpreter.tensors_size(), -1);
  std::vector<int32_t> scratch;
  for (size_t i = 0; i < interpreter.planned_buffers_size(); ++i) {
    const tinyrt::PlannedBuffer b = interpreter.planned_buffer(i);
    if (b.tensor >= 0) tensors[static_cast<size_t>(b.tensor)] = static_cast<int32_t>(b.offset);
    else scratch.push_back(static_cast<int32_t>(b.offset));
  }
  FILE* f = std::fopen(header.c_str(), "w");
  if (f == nullptr) {
    std::fprintf(stderr, "error: cannot write %s\n", header.c_str());
    return false;
  }
  auto list = [&](const std::vector<int32_t>& v) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) out += (i % 12 == 0 ? "\n    " : " ") + std::to_string(v[i]) + ",";
    return out.empty() ? std::string(" -1,") : out;  // a C array needs an element
  };
  const std::string base = model_path.substr(model_path.find_last_of('/') == std::string::npos ? 0 : model_path.find_last_of('/') + 1);
  std::fprintf(f,
               "// Generated by `tinyrt plan %s --header ...`: the arena plan of this model for this build's kernels.\n"
               "// %zu persistent + %zu planned bytes. Use:\n"
               "//   alignas(16) static uint8_t arena[%sArenaBytes];\n"
               "//   tinyrt::MicroInterpreter interpreter(model, resolver, arena, sizeof(arena));\n"
               "//   interpreter.UseArenaPlan(&%sArenaPlan);\n"
               "//   interpreter.AllocateTensors();  // checks the plan; fails clearly if it does not fit\n"
               "#pragma once\n\n#include <stddef.h>\n#include <stdint.h>\n\n#include \"tinyrt/interpreter.h\"\n\n"
               "constexpr size_t %sArenaBytes = %zu;\n"
               "constexpr int32_t %sTensorOffsets[%zu] = {%s\n};\n"
               "constexpr int32_t %sScratchOffsets[%zu] = {%s\n};\n"
               "constexpr tinyrt::ArenaPlan %sArenaPlan = {%sTensorOffsets, %zu, %sScratchOffsets, %zu};\n",
               base.c_str(), interpreter.arena_persistent_bytes(), interpreter.arena_used_bytes() - interpreter.arena_persistent_bytes(),
               name.c_str(), name.c_str(), name.c_str(), interpreter.arena_used_bytes(), name.c_str(), std::max<size_t>(tensors.size(), 1),
               list(tensors).c_str(), name.c_str(), std::max<size_t>(scratch.size(), 1), list(scratch).c_str(), name.c_str(), name.c_str(),
               tensors.size(), name.c_str(), scratch.size());
  std::fclose(f);
  return true;
}

int Plan(const std::string& path, const std::string& svg, const std::string& header, const std::string& name) {
  Loaded loaded;
  if (!Load(path, &loaded)) return 1;
  const tinyrt::MicroInterpreter& interpreter = *loaded.interpreter;
  const std::vector<tinyrt::host::PlanRow> rows = tinyrt::host::PlanRows(interpreter);
  const size_t nodes = interpreter.operators_size();
  const size_t planned = interpreter.arena_used_bytes() - interpreter.arena_persistent_bytes();
  std::vector<size_t> live(nodes, 0), top(nodes, 0);
  for (const auto& r : rows) {
    for (int32_t n = r.buffer.first_use; n <= r.buffer.last_use && n >= 0; ++n) {
      live[static_cast<size_t>(n)] += r.buffer.size;
      top[static_cast<size_t>(n)] = std::max<size_t>(top[static_cast<size_t>(n)], r.buffer.offset + r.buffer.size);
    }
  }
  size_t peak_node = 0;
  for (size_t n = 0; n < nodes; ++n) {
    if (top[n] > top[peak_node]) peak_node = n;
  }
  std::printf("%-6s %-8s %-8s %-5s %-5s %s\n", "buffer", "offset", "size", "first", "last", "tensor");
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& b = rows[i].buffer;
    std::printf("%-6zu %-8u %-8u %-5d %-5d %s%s\n", i, b.offset, b.size, b.first_use, b.last_use,
                b.tensor >= 0 ? (std::to_string(b.tensor) + " ").c_str() : "", rows[i].name.substr(0, 70).c_str());
  }
  // The yardstick: the largest sum of live activation tensors (exact bytes, no scratch,
  // no alignment), i.e. the best any plan can do without in-place execution.
  std::vector<size_t> activations(nodes, 0);
  for (const auto& r : rows) {
    if (r.buffer.tensor < 0) continue;
    const size_t bytes = interpreter.tensor(static_cast<size_t>(r.buffer.tensor)).bytes();
    for (int32_t n = r.buffer.first_use; n <= r.buffer.last_use && n >= 0; ++n) activations[static_cast<size_t>(n)] += bytes;
  }
  const size_t peak_activations = nodes == 0 ? 0 : *std::max_element(activations.begin(), activations.end());
  std::printf("planned: %zu bytes (peak at op %zu)\n", planned, peak_node);
  std::printf("peak_live_activations: %zu (largest sum of live activation tensors at one op, without in-place reuse)\n", peak_activations);
  std::printf("persistent: %zu bytes\narena_used_bytes: %zu\n", interpreter.arena_persistent_bytes(), interpreter.arena_used_bytes());
  if (!svg.empty()) {
    std::string title = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
    WritePlanSvg(svg, title, rows, planned, nodes, live, peak_node, interpreter.arena_persistent_bytes());
    std::printf("svg: %s\n", svg.c_str());
  }
  if (!header.empty()) {
    if (!WritePlanHeader(header, path, name, interpreter)) return 1;
    std::printf("header: %s\n", header.c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return Usage();
  const std::string command = argv[1];
  const std::string model = argv[2];
  std::vector<std::string> inputs;
  std::string output_dir;
  uint32_t seed = 1;
  int iterations = 200;
  bool json = false;
  bool compare = false;
  bool profile = false;
  std::string svg, header, name = "kModel";
  for (int i = 3; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "error: %s needs a value\n", arg.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--json") json = true;
    else if (arg == "--input") inputs.push_back(value());
    else if (arg == "--seed") seed = static_cast<uint32_t>(std::stoul(value()));
    else if (arg == "--output-dir") output_dir = value();
    else if (arg == "--iterations") iterations = std::stoi(value());
    else if (arg == "--reference") g_reference = true;
    else if (arg == "--compare") compare = true;
    else if (arg == "--profile") profile = true;
    else if (arg == "--no-avx2") {
#if defined(TINYRT_ISA_X86_AVX2)
      tinyrt::kernels::SetX86Avx2Allowed(false);
#endif
    }
    else if (arg == "--svg") svg = value();
    else if (arg == "--header") header = value();
    else if (arg == "--name") name = value();
    else {
      std::fprintf(stderr, "error: unknown option %s\n", arg.c_str());
      return Usage();
    }
  }
  if (command == "inspect") return Inspect(model, json);
  if (command == "run") return Run(model, inputs, seed, output_dir);
  if (command == "bench") return Bench(model, iterations, compare, profile);
  if (command == "plan") return Plan(model, svg, header, name);
  return Usage();
}
