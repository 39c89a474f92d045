// SPDX-License-Identifier: Apache-2.0
// A program that registers only FULLY_CONNECTED: the link test checks that no other kernel
// ends up in the binary (tests/link/check_kernels.sh).
#include <cstdio>

#include "tinyrt/interpreter.h"
#include "tools/host_support.h"

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  tinyrt::host::AlignedBuffer bytes;
  if (!tinyrt::host::ReadFile(argv[1], &bytes)) return 1;
  tinyrt::Model model;
  if (!model.Load(bytes.data(), bytes.size()).ok()) return 1;
  tinyrt::MicroMutableOpResolver<1> resolver;
  if (!resolver.AddFullyConnected().ok()) return 1;
  alignas(16) static uint8_t arena[4096];
  tinyrt::MicroInterpreter interpreter(model, resolver, arena, sizeof(arena));
  if (!interpreter.AllocateTensors().ok() || !interpreter.Invoke().ok()) return 1;
  std::printf("ok: %zu arena bytes\n", interpreter.arena_used_bytes());
  return 0;
}
