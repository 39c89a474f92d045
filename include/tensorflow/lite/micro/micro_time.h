// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: the tick source of MicroProfiler. Both are weak: the defaults
// return 0 (no timer); a firmware defines them for its timer (e.g. DWT->CYCCNT).
#pragma once

#include <stdint.h>

namespace tflite {
uint32_t ticks_per_second();
uint32_t GetCurrentTimeTicks();
}  // namespace tflite
