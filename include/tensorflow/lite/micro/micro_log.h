// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: MicroPrintf. Formats into a small stack buffer (vsnprintf) and
// writes the line through tflite::DebugLog (weak: stdout by default, override it for a UART).
#pragma once

#include <stdarg.h>

namespace tflite {
void MicroPrintf(const char* format, ...);
void VMicroPrintf(const char* format, va_list args);
// Writes one already-formatted string (no newline added). Weak default: fputs to stdout.
void DebugLog(const char* text);
}  // namespace tflite

// TFLM declares MicroPrintf in the global namespace too (its examples call it unqualified).
using tflite::MicroPrintf;
