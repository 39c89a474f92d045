// SPDX-License-Identifier: Apache-2.0
// The default DebugLog: stdout. A separate object file, so a firmware that defines its own
// tflite::DebugLog (a UART, semihosting) links no stdio for it.
#include <stdio.h>

#include "tensorflow/lite/micro/micro_log.h"

namespace tflite {

__attribute__((weak)) void DebugLog(const char* text) {
  fputs(text, stdout);
  fflush(stdout);
}

}  // namespace tflite
