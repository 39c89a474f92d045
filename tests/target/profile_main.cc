// SPDX-License-Identifier: Apache-2.0
// On-target profile of one model (golden_case.h, as the golden test): TFLM's way of counting an
// Invoke, then a per-op profile.
//  1. No profiler: Invoke once to warm up, Reset(), refill the inputs, then one Invoke between
//     tinyrt_bench_begin/tinyrt_bench_end (the plugin's first window: instructions per Invoke).
//  2. The same with the reference kernels only (MicroInterpreter::UseReferenceKernels): the
//     second window, so one firmware measures optimized and reference kernels.
//  3. A third interpreter on the same arena, with OpProfiler: warm-up Invoke, refill, one Invoke
//     in the third window; the plugin counts each op between tinyrt_op_begin/tinyrt_op_end.
// Prints the ops in order ("op <i> <tag> cycles <n>": DWT cycles, 0 under QEMU) and each node's
// kernel variant ("kernel <i> <variant>;<why the reference runs>") for
// targets/qemu_plugin/profile.py. Exits 0 if both Invokes gave the golden outputs of the seed.
#include <stdint.h>
#include <string.h>

#include "board.h"
#include "golden_case.h"
#include "op_profiler.h"
#include "tinyrt/interpreter.h"
#include "tinyrt/op_resolver.h"

namespace {

void PutNumber(uint32_t value) {
  char digits[12];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  char text[12];
  for (int i = 0; i < n; ++i) text[i] = digits[n - 1 - i];
  text[n] = '\0';
  board_puts(text);
}

void FillInputs(tinyrt::MicroInterpreter& interpreter, const GoldenSeed& seed, unsigned num_inputs) {
  for (unsigned i = 0; i < num_inputs; ++i) memcpy(interpreter.input(i).raw(), seed.inputs[i].data, seed.inputs[i].size);
}

bool OutputsMatch(tinyrt::MicroInterpreter& interpreter, const GoldenSeed& seed, unsigned num_outputs) {
  bool ok = true;
  for (unsigned j = 0; j < num_outputs; ++j) {
    const tinyrt::TensorView out = interpreter.output(j);
    if (out.type() == tinyrt::TensorType::kFloat32) continue;  // float: the golden test checks the tolerance
    ok = ok && out.bytes() == seed.outputs[j].size && memcmp(out.raw(), seed.outputs[j].data, out.bytes()) == 0;
  }
  return ok;
}

// Runs warm-up, refill, measured Invoke; true if the outputs match.
bool MeasuredInvoke(tinyrt::MicroInterpreter& interpreter, const GoldenCase& c) {
  const GoldenSeed& seed = c.seeds[0];
  FillInputs(interpreter, seed, c.num_inputs);
  if (!interpreter.Invoke().ok()) return false;
  // Stateful models (LSTM, SVDF) start the measured Invoke from the initial state, as the goldens
  // (and TFLM's figures: Reset() before each measured Invoke).
  if (!interpreter.Reset().ok()) return false;
  FillInputs(interpreter, seed, c.num_inputs);
  tinyrt_bench_begin();
  const tinyrt::Status status = interpreter.Invoke();
  tinyrt_bench_end();
  return status.ok() && OutputsMatch(interpreter, seed, c.num_outputs);
}

tinyrt_board::OpProfiler<256> g_profiler;

int Run() {
  const GoldenCase& c = golden::kCase;
  tinyrt::Model model;
  tinyrt::Status status = model.Load(c.model.data, c.model.size);
  const tinyrt::OpResolver& resolver = golden::Resolver(&status);
  if (!status.ok()) return 2;
  bool ok = true;
  {
    tinyrt::MicroInterpreter interpreter(model, resolver, golden::g_arena, golden::kArenaBytes);
    if (!interpreter.AllocateTensors().ok()) return 2;
    ok = MeasuredInvoke(interpreter, c);
  }
  {
    tinyrt::MicroInterpreter interpreter(model, resolver, golden::g_arena, golden::kArenaBytes);
    interpreter.UseReferenceKernels(true);
    if (!interpreter.AllocateTensors().ok()) return 2;
    ok = MeasuredInvoke(interpreter, c) && ok;
  }
  tinyrt::MicroInterpreter interpreter(model, resolver, golden::g_arena, golden::kArenaBytes, &g_profiler);
  if (!interpreter.AllocateTensors().ok()) return 2;
  FillInputs(interpreter, c.seeds[0], c.num_inputs);
  if (!interpreter.Invoke().ok()) return 2;
  g_profiler.Reset();
  ok = MeasuredInvoke(interpreter, c) && ok;
  // MeasuredInvoke's warm-up Invoke was profiled too: the measured one is the second half.
  const unsigned ops = static_cast<unsigned>(interpreter.operators_size());
  for (unsigned i = g_profiler.count() - ops; i < g_profiler.count(); ++i) {
    board_puts("op ");
    PutNumber(i - (g_profiler.count() - ops));
    board_puts(" ");
    board_puts(g_profiler.tag(i));
    board_puts(" cycles ");
    PutNumber(g_profiler.cycles(i));
    board_puts("\n");
  }
  for (unsigned i = 0; i < ops; ++i) {
    const tinyrt::NodeInfo info = interpreter.node(i);
    board_puts("kernel ");
    PutNumber(i);
    board_puts(" ");
    board_puts(info.variant);
    board_puts(";");
    board_puts(info.reference_reason);
    board_puts("\n");
  }
  board_puts(ok ? "profile: outputs match\n" : "profile: OUTPUT MISMATCH\n");
  return ok ? 0 : 1;
}

}  // namespace

int main() { return Run(); }
