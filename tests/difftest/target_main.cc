// SPDX-License-Identifier: Apache-2.0
// On-target replay of a slice of the difftest corpus (random integer models with TFLM's outputs,
// tools/difftest/pack_to_c.py): every case runs with this core's optimized kernels and with the
// reference ones, and every output byte must equal TFLM's. A case whose arena does not fit this
// board is counted as skipped (printed), never as passed. Exits 0 when no case differs.
#include <stdint.h>
#include <string.h>

#include "board.h"
#include "put_number.h"
#include "difftest_cases.h"
#include "tinyrt/interpreter.h"
#include "tinyrt/op_resolver.h"

#ifndef TINYRT_DIFFTEST_ARENA_BYTES
#define TINYRT_DIFFTEST_ARENA_BYTES (24 * 1024)
#endif

namespace {

alignas(16) uint8_t g_arena[TINYRT_DIFFTEST_ARENA_BYTES];
tinyrt::AllOpsResolver g_resolver;

enum Result { kEqual, kDiffer, kFailed, kTooBig };

Result RunCase(const DifftestCase& c, bool reference) {
  tinyrt::Model model;
  if (!model.Load(c.model, c.model_size).ok()) return kFailed;
  tinyrt::MicroInterpreter interpreter(model, g_resolver, g_arena, sizeof(g_arena));
  interpreter.UseReferenceKernels(reference);
  const tinyrt::Status status = interpreter.AllocateTensors();
  if (!status.ok()) return status.code() == tinyrt::StatusCode::kArenaTooSmall ? kTooBig : kFailed;
  if (interpreter.inputs_size() != c.num_inputs || interpreter.outputs_size() != c.num_outputs) return kFailed;
  for (unsigned i = 0; i < c.num_inputs; ++i) {
    const tinyrt::TensorView t = interpreter.input(i);
    if (t.bytes() != c.inputs[i].size) return kFailed;
    memcpy(t.raw(), c.inputs[i].data, c.inputs[i].size);
  }
  if (!interpreter.Invoke().ok()) return kFailed;
  for (unsigned j = 0; j < c.num_outputs; ++j) {
    const tinyrt::TensorView t = interpreter.output(j);
    if (t.bytes() != c.outputs[j].size || memcmp(t.raw(), c.outputs[j].data, t.bytes()) != 0) return kDiffer;
  }
  return kEqual;
}

}  // namespace

int main() {
  unsigned failures = 0, passed = 0, skipped = 0;
  for (unsigned i = 0; i < kNumDifftestCases; ++i) {
    for (int reference = 0; reference < 2; ++reference) {
      const Result r = RunCase(kDifftestCases[i], reference != 0);
      if (r == kEqual) {
        ++passed;
        continue;
      }
      if (r == kTooBig) {
        ++skipped;
      } else {
        ++failures;
      }
      board_puts(kDifftestCases[i].name);
      board_puts(reference ? " (reference): " : " (optimized): ");
      board_puts(r == kDiffer ? "OUTPUTS DIFFER FROM TFLM\n" : r == kFailed ? "could not run\n" : "skipped, arena too small for this board\n");
    }
  }
  board_puts("difftest: ");
  PutNumber(passed);
  board_puts(" runs bit-exact with TFLM, ");
  PutNumber(failures);
  board_puts(" failed, ");
  PutNumber(skipped);
  board_puts(" skipped (arena), of ");
  PutNumber(kNumDifftestCases);
  board_puts(" cases x 2 variants\n");
  return failures == 0 && passed > 0 ? 0 : 1;
}
