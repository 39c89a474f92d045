// SPDX-License-Identifier: Apache-2.0
// On-target equivalence of the optimized int8 kernels (Cortex-M DSP / Helium variants) with the
// reference ones: each random one-op model from tools/equivalence_cases runs twice on this core,
// with the optimized kernels and with MicroInterpreter::UseReferenceKernels(true), on the same
// pseudo-random inputs; every output byte must be equal, and the optimized run must really use a
// non-reference variant (else the comparison would prove nothing). Exits 0 when all cases agree.
#include <stdint.h>
#include <string.h>

#include "board.h"
#include "equivalence_cases.h"
#include "put_number.h"
#include "src/core/scratch_policy.h"
#include "tinyrt/interpreter.h"
#include "tinyrt/op_resolver.h"

namespace {

alignas(16) uint8_t g_arena_opt[48 * 1024];
alignas(16) uint8_t g_arena_ref[48 * 1024];
tinyrt::AllOpsResolver g_resolver;

void FillInputs(tinyrt::MicroInterpreter& interpreter, uint32_t seed) {
  uint32_t s = seed * 2654435761u + 7u;
  for (size_t i = 0; i < interpreter.inputs_size(); ++i) {
    const tinyrt::TensorView in = interpreter.input(i);
    uint8_t* bytes = static_cast<uint8_t*>(in.raw());
    for (size_t k = 0; k < in.bytes(); ++k) {
      s = s * 1664525u + 1013904223u;
      bytes[k] = static_cast<uint8_t>(s >> 24);
    }
  }
}

// 0: equal; 1: outputs differ; 2: could not run; 3: the optimized variant did not run.
int RunCase(const EquivalenceCase& c, uint32_t seed) {
  tinyrt::Model model;
  if (!model.Load(c.model, c.size).ok()) return 2;
  tinyrt::MicroInterpreter opt(model, g_resolver, g_arena_opt, sizeof(g_arena_opt));
  tinyrt::MicroInterpreter ref(model, g_resolver, g_arena_ref, sizeof(g_arena_ref));
  ref.UseReferenceKernels(true);
  // The optimized variant must run even where its scratch would set the arena's peak.
  tinyrt::internal::SetKeepOptionalScratch(true);
  const bool allocated = opt.AllocateTensors().ok();
  tinyrt::internal::SetKeepOptionalScratch(false);
  if (!allocated || !ref.AllocateTensors().ok()) return 2;
  // The last node is the op under test (a RELU may feed it, for in-place execution).
  if (strncmp(opt.node(opt.operators_size() - 1).variant, "reference", 9) == 0) return 3;
  // Recurrent ops (LSTM, SVDF) keep state between Invokes: three, with fresh inputs each time.
  const bool stateful = strncmp(c.name, "lstm", 4) == 0 || strncmp(c.name, "svdf", 4) == 0;
  for (uint32_t invoke = 0; invoke < (stateful ? 3u : 1u); ++invoke) {
    FillInputs(opt, seed + 7919u * invoke);
    FillInputs(ref, seed + 7919u * invoke);
    if (!opt.Invoke().ok() || !ref.Invoke().ok()) return 2;
    for (size_t j = 0; j < opt.outputs_size(); ++j) {
      const tinyrt::TensorView a = opt.output(j);
      const tinyrt::TensorView b = ref.output(j);
      if (a.bytes() != b.bytes() || memcmp(a.raw(), b.raw(), a.bytes()) != 0) return 1;
    }
  }
  return 0;
}

}  // namespace

int main() {
  unsigned failures = 0;
  for (unsigned i = 0; i < kNumEquivalenceCases; ++i) {
    const int result = RunCase(kEquivalenceCases[i], i + 1);
    if (result != 0) {
      ++failures;
      board_puts("case ");
      PutNumber(i);
      board_puts(" (");
      board_puts(kEquivalenceCases[i].name);
      board_puts(result == 1 ? "): OUTPUTS DIFFER\n" : result == 2 ? "): could not run\n" : "): optimized variant not selected\n");
    }
  }
  board_puts("equivalence: ");
  PutNumber(kNumEquivalenceCases - failures);
  board_puts("/");
  PutNumber(kNumEquivalenceCases);
  board_puts(" cases bit-exact\n");
  return failures == 0 ? 0 : 1;
}
