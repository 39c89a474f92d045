// SPDX-License-Identifier: Apache-2.0
// tinyrt plan MODEL [--svg FILE] [--header FILE [--name NAME]]: the arena plan (offset, size,
// first and last op of every buffer), its picture, or the plan header (tools/model_to_c's
// generator, model_to_c --plan-header).
#include <algorithm>
#include <cstdio>

#include "tools/cli/cli.h"
#include "tools/cli/model_report.h"
#include "tools/model_to_c/plan_header.h"

namespace tinyrt {
namespace cli {
namespace {

using host::PlanRow;  // a planned buffer and its tensor's name (shared with the Python package)

std::string XmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

// One rectangle per buffer: ops left to right, arena offset bottom to top; the op where the
// plan reaches its highest byte is marked.
void WritePlanSvg(const std::string& path, const std::string& title, const std::vector<PlanRow>& rows, size_t planned, size_t nodes,
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
  std::fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" font-family=\"sans-serif\" font-size=\"11\">\n",
               width, height);
  std::fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
  std::fprintf(f, "<text x=\"%.0f\" y=\"20\" font-size=\"14\">%s: %zu planned bytes (+ %zu persistent), peak at op %zu</text>\n", left,
               XmlEscape(title).c_str(), planned, persistent, peak_node);
  static const char* kColors[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                  "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& b = rows[i].buffer;
    const double x = left + col * b.first_use, w = col * static_cast<double>(b.last_use - b.first_use + 1);
    const double y = top + plot_h - scale * static_cast<double>(b.offset + b.size), h = scale * static_cast<double>(b.size);
    std::fprintf(f,
                 "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.75\" stroke=\"black\" "
                 "stroke-width=\"0.5\"><title>%s: %u bytes at %u, ops %d-%d</title></rect>\n",
                 x, y, w, h < 0.5 ? 0.5 : h, b.tensor < 0 ? "#cccccc" : kColors[i % 10], XmlEscape(rows[i].name).c_str(), b.size, b.offset,
                 b.first_use, b.last_use);
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
  std::fprintf(f, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"black\"/>\n", left, top + plot_h, left + plot_w,
               top + plot_h);
  std::fprintf(f, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"black\"/>\n", left, top, left, top + plot_h);
  for (size_t n = 0; n < nodes; n += (nodes > 40 ? 5 : 1)) {
    std::fprintf(f, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">%zu</text>\n", left + col * (n + 0.5), top + plot_h + 15, n);
  }
  std::fprintf(f,
               "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">op (execution order); dashed: bytes of live buffers (an in-place pair "
               "counts twice); blue line: planned size</text>\n",
               left + plot_w / 2, height - 12);
  for (int k = 0; k <= 4; ++k) {
    const double v = static_cast<double>(axis_max) * k / 4;
    std::fprintf(f, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>\n", left - 5, top + plot_h - scale * v + 4, v);
  }
  std::fprintf(f, "<text transform=\"translate(14 %.0f) rotate(-90)\" text-anchor=\"middle\">arena offset (bytes)</text>\n",
               top + plot_h / 2);
  std::fprintf(f, "</svg>\n");
  std::fclose(f);
}

}  // namespace

int Plan(const Options& options) {
  LoadedModel loaded;
  if (!LoadAndAllocate(options.model, options.reference, nullptr, &loaded)) return 1;
  const MicroInterpreter& interpreter = *loaded.interpreter;
  const std::vector<PlanRow> rows = host::PlanRows(interpreter);
  const size_t nodes = interpreter.operators_size();
  const ArenaBreakdown arena = Breakdown(interpreter);
  // Per op: bytes of live buffers, the highest byte in use, and (the yardstick) the exact bytes of
  // live activation tensors (no scratch, no alignment): the best any plan can do without
  // in-place execution.
  std::vector<size_t> live(nodes, 0), top(nodes, 0), activations(nodes, 0);
  for (const auto& r : rows) {
    const size_t bytes = r.buffer.tensor < 0 ? 0 : interpreter.tensor(static_cast<size_t>(r.buffer.tensor)).bytes();
    for (int32_t n = r.buffer.first_use; n <= r.buffer.last_use && n >= 0; ++n) {
      live[static_cast<size_t>(n)] += r.buffer.size;
      top[static_cast<size_t>(n)] = std::max<size_t>(top[static_cast<size_t>(n)], r.buffer.offset + r.buffer.size);
      activations[static_cast<size_t>(n)] += bytes;
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
  const size_t peak_activations = nodes == 0 ? 0 : *std::max_element(activations.begin(), activations.end());
  std::printf("planned: %zu bytes (peak at op %zu)\n", arena.planned, peak_node);
  std::printf("planner_workspace: %zu bytes (beyond the plan, while AllocateTensors plans)\n", arena.planner_workspace);
  std::printf("peak_live_activations: %zu (largest sum of live activation tensors at one op, without in-place reuse)\n", peak_activations);
  std::printf("persistent: %zu bytes\narena_used_bytes: %s\n", arena.persistent, BreakdownText(arena).c_str());
  if (!options.svg.empty()) {
    const std::string title =
        options.model.substr(options.model.find_last_of('/') == std::string::npos ? 0 : options.model.find_last_of('/') + 1);
    WritePlanSvg(options.svg, title, rows, arena.planned, nodes, live, peak_node, arena.persistent);
    std::printf("svg: %s\n", options.svg.c_str());
  }
  if (!options.header.empty()) {
    const std::string header = firmware::PlanHeader(interpreter, options.model, options.name);
    if (!host::WriteFile(options.header, header.data(), header.size())) {
      std::fprintf(stderr, "error: cannot write %s\n", options.header.c_str());
      return 1;
    }
    std::printf("header: %s\n", options.header.c_str());
  }
  return 0;
}

}  // namespace cli
}  // namespace tinyrt
