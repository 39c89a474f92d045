// SPDX-License-Identifier: Apache-2.0
// On-target replay of TFLM's outputs for a set of models (tools/difftest/pack_to_c.py): a slice of
// the difftest corpus (random integer models) or the opsuite (conformance models, float32 ones
// included). Every case runs with this core's optimized kernels and with the reference ones; every
// integer output byte must equal TFLM's, float32 outputs as the host's walkers compare them
// (|a - b| <= 1e-5 * max(1, |b|), NaN where TFLM has NaN, infinities equal). A case whose arena
// does not fit this board is counted as skipped (printed), never as passed; with
// TINYRT_DIFFTEST_NO_SKIP a skip fails the run. Exits 0 when no case differs.
#include <stdint.h>
#include <string.h>

#include "board.h"
#include "difftest_cases.h"
#include "put_number.h"
#include "tinyrt/interpreter.h"
#include "tinyrt/op_resolver.h"

#ifndef TINYRT_DIFFTEST_ARENA_BYTES
#define TINYRT_DIFFTEST_ARENA_BYTES (24 * 1024)
#endif
#ifndef TINYRT_DIFFTEST_SUITE
#define TINYRT_DIFFTEST_SUITE "difftest"
#endif

namespace {

alignas(16) uint8_t g_arena[TINYRT_DIFFTEST_ARENA_BYTES];
tinyrt::AllOpsResolver g_resolver;

enum Result { kEqual, kDiffer, kFailed, kTooBig };

bool IsNan(float x) { return x != x; }

// Float32 outputs within the host's tolerance (tools/host_support.h: CompareWithGolden).
bool FloatsMatch(const float* got, const unsigned char* golden, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    float want;
    memcpy(&want, golden + i * sizeof(float), sizeof(float));  // the blob is only 8-byte aligned
    const float a = got[i];
    bool ok;
    if (IsNan(want)) {
      ok = IsNan(a);
    } else if (want - want != 0.0f) {  // infinity
      ok = a == want;
    } else {
      const float diff = a > want ? a - want : want - a;
      const float magnitude = want < 0 ? -want : want;
      ok = diff <= 1e-5f * (magnitude > 1.0f ? magnitude : 1.0f);
    }
    if (!ok) return false;
  }
  return true;
}

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
    if (t.bytes() != c.outputs[j].size) return kDiffer;
    const bool same = t.type() == tinyrt::TensorType::kFloat32 ? FloatsMatch(t.data<float>(), c.outputs[j].data, t.elements())
                                                               : memcmp(t.raw(), c.outputs[j].data, t.bytes()) == 0;
    if (!same) return kDiffer;
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
      board_puts(r == kDiffer   ? "OUTPUTS DIFFER FROM TFLM\n"
                 : r == kFailed ? "could not run\n"
                                : "skipped, arena too small for this board\n");
    }
  }
  board_puts(TINYRT_DIFFTEST_SUITE ": ");
  PutNumber(passed);
  board_puts(" runs match TFLM, ");
  PutNumber(failures);
  board_puts(" failed, ");
  PutNumber(skipped);
  board_puts(" skipped (arena), of ");
  PutNumber(kNumDifftestCases);
  board_puts(" cases x 2 variants\n");
#ifdef TINYRT_DIFFTEST_NO_SKIP
  failures += skipped;
#endif
  return failures == 0 && passed > 0 ? 0 : 1;
}
