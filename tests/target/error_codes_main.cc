// SPDX-License-Identifier: Apache-2.0
// Error reporting on target: a missing op, an arena too small and an Invoke before
// AllocateTensors, each status printed on its own line. With messages (TINYRT_ERROR_MESSAGES=1)
// they are sentences; without, short codes ("E3@0": missing op at node 0). The ctest checks the
// lines for the build's setting.
#include <stdint.h>

#include "board.h"
#include "error_model_ops.h"
#include "tinyrt/interpreter.h"

extern const unsigned char error_model[];
extern const unsigned int error_model_len;

namespace {

alignas(16) uint8_t g_arena[error_model_ops::kArenaUsedBytes];

void Report(const char* what, const tinyrt::Status& status) {
  board_puts(what);
  board_puts(": ");
  board_puts(status.message());
  board_puts("\n");
}

}  // namespace

int main() {
  tinyrt::Model model;
  if (!model.Load(error_model, error_model_len).ok()) return 2;
  {
    tinyrt::MicroMutableOpResolver<1> empty;
    tinyrt::MicroInterpreter interpreter(model, empty, g_arena, sizeof(g_arena));
    Report("missing op", interpreter.AllocateTensors());
  }
  error_model_ops::ModelOpResolver resolver;
  if (!error_model_ops::RegisterModelOps(resolver).ok()) return 2;
  {
    tinyrt::MicroInterpreter interpreter(model, resolver, g_arena, 16);
    Report("small arena", interpreter.AllocateTensors());
  }
  tinyrt::MicroInterpreter interpreter(model, resolver, g_arena, sizeof(g_arena));
  Report("early invoke", interpreter.Invoke());
  Report("allocate", interpreter.AllocateTensors());
  Report("invoke", interpreter.Invoke());
  return 0;
}
