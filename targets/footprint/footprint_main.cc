// SPDX-License-Identifier: Apache-2.0
// A footprint program (targets/footprint): what an application needs to run a model with tinyrt,
// as TFLM's memory_footprint example measures it. Load the model, register its ops (the header
// tools/model_to_c generates; none in the framework-only program, as TFLM's registers none),
// plan the arena, fill the input, Invoke, read the output.
//
// FOOTPRINT_MODEL: the model array's name; FOOTPRINT_OPS: the ops header's namespace.
// FOOTPRINT_FRAMEWORK_ONLY: register no op (AllocateTensors fails by design, as in TFLM's).
#include <stdint.h>
#include <string.h>

#include "tinyrt/interpreter.h"
#include "tinyrt/model.h"
#include "tinyrt/op_resolver.h"

#define FOOTPRINT_STR2(x) #x
#define FOOTPRINT_STR(x) FOOTPRINT_STR2(x)
#define FOOTPRINT_CAT2(a, b) a##b
#define FOOTPRINT_CAT(a, b) FOOTPRINT_CAT2(a, b)
#include FOOTPRINT_STR(FOOTPRINT_CAT(FOOTPRINT_MODEL, _ops.h))

extern const unsigned char FOOTPRINT_MODEL[];
extern const unsigned int FOOTPRINT_CAT(FOOTPRINT_MODEL, _len);

namespace {

alignas(16) uint8_t g_footprint_arena[FOOTPRINT_OPS::kArenaUsedBytes];

int Run() {
  static tinyrt::Model model;
  if (!model.Load(FOOTPRINT_MODEL, FOOTPRINT_CAT(FOOTPRINT_MODEL, _len)).ok()) return 2;
#ifdef FOOTPRINT_FRAMEWORK_ONLY
  static tinyrt::MicroMutableOpResolver<6> resolver;  // no op registered: no kernel linked
#else
  static FOOTPRINT_OPS::ModelOpResolver resolver;
  if (!FOOTPRINT_OPS::RegisterModelOps(resolver).ok()) return 3;
#endif
  static tinyrt::MicroInterpreter interpreter(model, resolver, g_footprint_arena, sizeof(g_footprint_arena));
  const tinyrt::Status status = interpreter.AllocateTensors();
#ifdef FOOTPRINT_FRAMEWORK_ONLY
  // Fails by design (no op registered); the rest still links the framework's Invoke and tensor
  // access, as TFLM's benchmark runner does.
  const int result = status.code() == tinyrt::StatusCode::kMissingOp ? 0 : 4;
#else
  if (!status.ok()) return 4;
  const int result = 0;
#endif
  const tinyrt::TensorView input = interpreter.input(0);
  if (input.valid()) memset(input.raw(), 0, input.bytes());
  const tinyrt::Status invoked = interpreter.Invoke();
#ifdef FOOTPRINT_FRAMEWORK_ONLY
  if (invoked.code() != tinyrt::StatusCode::kNotReady) return 5;
#else
  if (!invoked.ok()) return 5;
#endif
  const tinyrt::TensorView output = interpreter.output(0);
  return result + (output.valid() && output.raw()[0] == 0x5A ? 6 : 0);  // use the output
}

}  // namespace

int main() { return Run(); }
