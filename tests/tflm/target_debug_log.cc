// SPDX-License-Identifier: Apache-2.0
// Firmware glue for the TFLM-style tests under QEMU: MicroPrintf's output through the board's
// semihosting console (instead of the library's stdout default).
#include "board.h"
#include "tensorflow/lite/micro/micro_log.h"

namespace tflite {
void DebugLog(const char* text) { board_puts(text); }
}  // namespace tflite
