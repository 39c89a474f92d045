// SPDX-License-Identifier: Apache-2.0
// Firmware for the MPS2 AN386 board (Cortex-M4F), run under QEMU: TFLM's hello_world model
// predicts sin(x) over one period. Everything it needs is generated from the .tflite file at
// build time (CMakeLists.txt): the model as a const array in flash, the resolver with exactly its
// ops, and the arena plan with the exact arena size. No heap, no printf: the console is
// semihosting (board.h, from tinyrt::board). Exits 0 when every prediction is within 0.1 of sin(x).
#include <math.h>
#include <stdint.h>

#include "board.h"            // board_puts, board_exit (tinyrt::board)
#include "sine_model_data.h"  // g_sine_model, g_sine_model_len (model_to_c)
#include "sine_model_ops.h"   // g_sine_model_ops::ModelOpResolver, RegisterModelOps, kArenaUsedBytes
#include "sine_model_plan.h"  // kSineArenaBytes, kSineArenaPlan (tinyrt plan --header)
#include "tinyrt/interpreter.h"

namespace {

// The arena: a static array of exactly the size the plan needs (no guessing, no heap).
static_assert(kSineArenaBytes == g_sine_model_ops::kArenaUsedBytes, "the plan and the ops header agree");
alignas(16) uint8_t g_arena[kSineArenaBytes];

// Console output without printf (which would bring newlib's formatter and its heap).
void PrintInt(int32_t value) {
  char text[16];
  int n = sizeof(text) - 1;
  text[n] = '\0';
  const bool negative = value < 0;
  uint32_t magnitude = negative ? 0u - static_cast<uint32_t>(value) : static_cast<uint32_t>(value);
  do {
    text[--n] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (negative) text[--n] = '-';
  board_puts(text + n);
}
// x in thousandths, e.g. 0.707 -> "707e-3".
void PrintMilli(float x) {
  PrintInt(static_cast<int32_t>(lroundf(x * 1000.0f)));
  board_puts("e-3");
}

int Fail(const char* what, const tinyrt::Status& status) {
  board_puts("firmware: ");
  board_puts(what);
  board_puts(": ");
  board_puts(status.message());
  board_puts("\n");
  return 2;
}

}  // namespace

int main() {
  tinyrt::Model model;
  tinyrt::Status status = model.Load(g_sine_model, g_sine_model_len);  // verifies the flatbuffer once
  if (!status.ok()) return Fail("model", status);

  g_sine_model_ops::ModelOpResolver resolver;  // MicroMutableOpResolver<N> of the model's N ops
  status = g_sine_model_ops::RegisterModelOps(resolver);
  if (!status.ok()) return Fail("resolver", status);

  tinyrt::MicroInterpreter interpreter(model, resolver, g_arena, sizeof(g_arena));
  interpreter.UseArenaPlan(&kSineArenaPlan);  // the plan made on the host: no planning here
  status = interpreter.AllocateTensors();
  if (!status.ok()) return Fail("AllocateTensors", status);

  const tinyrt::TensorView input = interpreter.input(0);
  const tinyrt::TensorView output = interpreter.output(0);
  constexpr int kSteps = 8;
  constexpr float kTwoPi = 6.28318531f;
  int bad = 0;
  for (int i = 0; i < kSteps; ++i) {
    const float x = kTwoPi * static_cast<float>(i) / kSteps;
    // int8 model: quantize x with the input's scale and zero point, dequantize y.
    int32_t q = static_cast<int32_t>(lroundf(x / input.scale())) + input.zero_point();
    q = q < -128 ? -128 : (q > 127 ? 127 : q);
    input.data<int8_t>()[0] = static_cast<int8_t>(q);
    status = interpreter.Invoke();
    if (!status.ok()) return Fail("Invoke", status);
    const float y = static_cast<float>(output.data<int8_t>()[0] - output.zero_point()) * output.scale();
    const bool close = fabsf(y - sinf(x)) <= 0.1f;
    bad += close ? 0 : 1;
    board_puts("x=");
    PrintMilli(x);
    board_puts(" model=");
    PrintMilli(y);
    board_puts(" sin=");
    PrintMilli(sinf(x));
    board_puts(close ? "\n" : "  <- off by more than 0.1\n");
  }
  board_puts("arena: ");
  PrintInt(static_cast<int32_t>(interpreter.arena_used_bytes()));
  board_puts(" bytes used of ");
  PrintInt(static_cast<int32_t>(sizeof(g_arena)));
  board_puts(bad == 0 && interpreter.arena_used_bytes() == sizeof(g_arena) ? "\nfirmware: ok\n" : "\nfirmware: FAILED\n");
  return bad == 0 && interpreter.arena_used_bytes() == sizeof(g_arena) ? 0 : 1;
}
