// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: InitializeTarget(). Weak default does nothing (the board's
// startup code has run already); a firmware may define its own.
#pragma once

namespace tflite {
void InitializeTarget();
// What the test macros' main() calls first (testing/micro_test.h, micro_test_v2.h).
inline void InitializeTest() { InitializeTarget(); }
}  // namespace tflite
