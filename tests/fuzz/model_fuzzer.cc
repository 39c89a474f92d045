// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: arbitrary bytes as a model. Load (verification), AllocateTensors and, when
// TINYRT_FUZZ_INVOKE is set, Invoke with the golden generator's inputs. Nothing may crash, read
// outside the model, write outside the arena, or leak; the model buffer is checked unchanged.
#include <cstdint>
#include <cstring>
#include <vector>

#include "tinyrt/interpreter.h"
#include "tinyrt/model.h"
#include "tinyrt/op_resolver.h"

namespace {

constexpr size_t kArenaBytes = 64 * 1024;
constexpr size_t kGuard = 64;
alignas(16) uint8_t g_arena[kGuard + kArenaBytes + kGuard];

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // A 16-byte aligned copy, as a firmware would place the model.
  std::vector<uint8_t> storage(size + 16);
  uint8_t* model_bytes = storage.data() + ((16 - (reinterpret_cast<uintptr_t>(storage.data()) & 15)) & 15);
  if (size > 0) std::memcpy(model_bytes, data, size);

  tinyrt::Model model;
  if (!model.Load(model_bytes, size).ok()) return 0;
  std::memset(g_arena, 0xA5, kGuard);
  std::memset(g_arena + kGuard + kArenaBytes, 0xA5, kGuard);
  tinyrt::AllOpsResolver resolver;
  uint8_t* arena = g_arena + kGuard;
  tinyrt::MicroInterpreter interpreter(model, resolver, arena, kArenaBytes);
  if (interpreter.AllocateTensors().ok()) {
#ifdef TINYRT_FUZZ_INVOKE
    for (size_t i = 0; i < interpreter.inputs_size(); ++i) {
      const tinyrt::TensorView input = interpreter.input(i);
      // Any bytes, except that a bool holds 0 or 1 (as a C++ bool written through data<bool>()).
      const bool is_bool = input.type() == tinyrt::TensorType::kBool;
      for (size_t b = 0; b < input.bytes(); ++b) input.raw()[b] = static_cast<uint8_t>(is_bool ? (b + i) & 1 : b * 31 + i);
    }
    (void)interpreter.Invoke();
#endif
  }
  for (size_t i = 0; i < kGuard; ++i) {
    if (g_arena[i] != 0xA5 || g_arena[kGuard + kArenaBytes + i] != 0xA5) __builtin_trap();  // wrote outside the arena
  }
  if (size > 0 && std::memcmp(model_bytes, data, size) != 0) __builtin_trap();  // wrote into the model
  return 0;
}
