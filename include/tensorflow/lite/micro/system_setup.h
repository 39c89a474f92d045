// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: InitializeTarget(). Weak default does nothing (the board's
// startup code has run already); a firmware may define its own.
#pragma once

namespace tflite {
void InitializeTarget();
}  // namespace tflite
