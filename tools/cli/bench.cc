// SPDX-License-Identifier: Apache-2.0
// tinyrt bench MODEL [--iterations N] [--compare] [--profile]: median time per Invoke and arena
// bytes; --compare: the reference kernels in the same run; --profile: mean time per node.
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "tools/cli/cli.h"
#include "tools/cli/model_report.h"

namespace tinyrt {
namespace cli {
namespace {

using host::NodeTimer;  // bench --profile: wall time per node, summed over the timed Invokes

// Times Invokes of one interpreter: sorted microseconds, or empty on failure.
std::vector<double> TimeInvokes(MicroInterpreter& interpreter, int iterations, NodeTimer* timer) {
  // Inputs of a type without a generator keep their zeros: the timing does not depend on them.
  for (size_t i = 0; i < interpreter.inputs_size(); ++i) host::FillGoldenInput(interpreter.input(i), 1, static_cast<uint32_t>(i));
  if (!interpreter.Invoke().ok()) {  // warm-up
    std::fprintf(stderr, "error: Invoke failed: %s\n", interpreter.error());
    return {};
  }
  std::vector<double> times;
  if (timer != nullptr) timer->Reset();
  const auto budget_start = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) {
    if (timer != nullptr) timer->NextInvoke();
    const auto start = std::chrono::steady_clock::now();
    const Status status = interpreter.Invoke();
    const auto end = std::chrono::steady_clock::now();
    if (!status.ok()) {
      std::fprintf(stderr, "error: Invoke failed: %s\n", status.message());
      return {};
    }
    times.push_back(std::chrono::duration<double, std::micro>(end - start).count());
    if (i >= 10 && std::chrono::duration<double>(end - budget_start).count() > 5.0) break;  // cap slow models at ~5 s
  }
  std::sort(times.begin(), times.end());
  return times;
}

}  // namespace

int Bench(const Options& options) {
  NodeTimer timer;
  NodeTimer* profiler = options.profile ? &timer : nullptr;
  LoadedModel loaded;
  if (!LoadAndAllocate(options.model, options.reference, profiler, &loaded)) return 1;
  MicroInterpreter& interpreter = *loaded.interpreter;
  const std::vector<double> times = TimeInvokes(interpreter, options.iterations, profiler);
  if (times.empty()) return 1;
  std::printf("model: %s\ninvokes: %zu\nmedian_us: %.3f\nmin_us: %.3f\narena_used_bytes: %zu\n", options.model.c_str(), times.size(),
              times[times.size() / 2], times.front(), interpreter.arena_used_bytes());
  if (profiler != nullptr) {
    // Mean microseconds per node over the timed Invokes (profiling adds a clock read per node).
    double sum = 0;
    for (double t : timer.totals()) sum += t;
    std::printf("%-4s %-24s %-26s %10s %6s\n", "node", "op", "kernel", "mean_us", "share");
    for (size_t i = 0; i < timer.totals().size() && i < interpreter.operators_size(); ++i) {
      const double mean = timer.totals()[i] / static_cast<double>(times.size());
      std::printf("%-4zu %-24s %-26s %10.3f %5.1f%%\n", i, timer.tags()[i].c_str(), interpreter.node(i).variant, mean,
                  sum > 0 ? 100.0 * timer.totals()[i] / sum : 0.0);
    }
  }
  if (options.compare && !options.reference) {
    // The same model with the reference kernels, in this process, right after.
    LoadedModel ref;
    if (!LoadAndAllocate(options.model, true, nullptr, &ref)) return 1;
    const std::vector<double> ref_times = TimeInvokes(*ref.interpreter, options.iterations, nullptr);
    if (ref_times.empty()) return 1;
    std::printf(
        "reference_invokes: %zu\nreference_median_us: %.3f\nreference_min_us: %.3f\nreference_arena_used_bytes: %zu\n"
        "speedup_median: %.2f\n",
        ref_times.size(), ref_times[ref_times.size() / 2], ref_times.front(), ref.interpreter->arena_used_bytes(),
        ref_times[ref_times.size() / 2] / times[times.size() / 2]);
  }
  return 0;
}

}  // namespace cli
}  // namespace tinyrt
