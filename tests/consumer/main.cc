// SPDX-License-Identifier: Apache-2.0
// A program that uses tinyrt as any project would (tests/consumer/CMakeLists.txt links it through
// add_subdirectory, FetchContent or the installed package; run.sh also builds it with plain g++
// and pkg-config): runs hello_world_int8 on one golden input and compares the output with TFLM's,
// byte for byte. The same source is a host program and a Cortex-M4F firmware (console through
// tinyrt::board's semihosting). Exits 0 when the output matches.
#include <stdint.h>
#include <string.h>

#include "consumer_data.h"  // g_model, g_input, g_expected (embed.cmake)
#include "tinyrt/interpreter.h"
#include "tinyrt/kernel.h"  // the kernel API's headers (schema reader, FlatBuffers) resolve too
#include "tinyrt/op_resolver.h"

#if TINYRT_CONSUMER_FIRMWARE
#include "board.h"
static void Print(const char* text) { board_puts(text); }
#else
#include <stdio.h>
static void Print(const char* text) { fputs(text, stdout); }
#endif

static void PrintNumber(unsigned long value) {
  char digits[24];
  int n = sizeof(digits) - 1;
  digits[n] = '\0';
  do {
    digits[--n] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  Print(digits + n);
}

int main() {
  tinyrt::Model model;
  tinyrt::Status status = model.Load(g_model, g_model_len);
  if (!status.ok()) {
    Print("consumer: model: ");
    Print(status.message());
    Print("\n");
    return 2;
  }
  tinyrt::MicroMutableOpResolver<1> resolver;
  status = resolver.AddFullyConnected();
  if (!status.ok()) {
    Print("consumer: AddFullyConnected: ");
    Print(status.message());
    Print("\n");
    return 2;
  }
  alignas(16) static uint8_t arena[2048];
  tinyrt::MicroInterpreter interpreter(model, resolver, arena, sizeof(arena));
  status = interpreter.AllocateTensors();
  if (!status.ok()) {
    Print("consumer: AllocateTensors: ");
    Print(status.message());
    Print("\n");
    return 2;
  }
  tinyrt::TensorView input = interpreter.input(0);
  tinyrt::TensorView output = interpreter.output(0);
  if (input.bytes() != g_input_len || output.bytes() != g_expected_len) {
    Print("consumer: unexpected tensor sizes\n");
    return 2;
  }
  memcpy(input.data<int8_t>(), g_input, g_input_len);
  if (!interpreter.Invoke().ok()) return 2;
  const bool same = memcmp(output.data<int8_t>(), g_expected, g_expected_len) == 0;
  Print(same ? "consumer: output equals TFLM's (" : "consumer: output DIFFERS from TFLM's (");
  PrintNumber(g_expected_len);
  Print(" bytes), arena used ");
  PrintNumber(interpreter.arena_used_bytes());
  Print(" bytes\n");
  return same ? 0 : 1;
}
