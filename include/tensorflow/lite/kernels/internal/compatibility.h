// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: TFLITE_CHECK* and TFLITE_DCHECK*. A failed check prints the
// condition (MicroPrintf) and stops the program (a trap), as TFLM aborts.
#pragma once

#include "tensorflow/lite/core/c/common.h"

namespace tflite {
[[noreturn]] void TinyrtTflmCheckFailed(const char* file, int line, const char* condition);
}  // namespace tflite

#define TFLITE_ABORT ::tflite::TinyrtTflmCheckFailed(__FILE__, __LINE__, "TFLITE_ABORT")
#define TFLITE_CHECK(x) ((x) ? static_cast<void>(0) : ::tflite::TinyrtTflmCheckFailed(__FILE__, __LINE__, #x))
#define TFLITE_CHECK_EQ(x, y) TFLITE_CHECK((x) == (y))
#define TFLITE_CHECK_NE(x, y) TFLITE_CHECK((x) != (y))
#define TFLITE_CHECK_GE(x, y) TFLITE_CHECK((x) >= (y))
#define TFLITE_CHECK_GT(x, y) TFLITE_CHECK((x) > (y))
#define TFLITE_CHECK_LE(x, y) TFLITE_CHECK((x) <= (y))
#define TFLITE_CHECK_LT(x, y) TFLITE_CHECK((x) < (y))
#ifdef NDEBUG
#define TFLITE_DCHECK(x) static_cast<void>(0)
#else
#define TFLITE_DCHECK(x) TFLITE_CHECK(x)
#endif
#define TFLITE_DCHECK_EQ(x, y) TFLITE_DCHECK((x) == (y))
#define TFLITE_DCHECK_NE(x, y) TFLITE_DCHECK((x) != (y))
#define TFLITE_DCHECK_GE(x, y) TFLITE_DCHECK((x) >= (y))
#define TFLITE_DCHECK_GT(x, y) TFLITE_DCHECK((x) > (y))
#define TFLITE_DCHECK_LE(x, y) TFLITE_DCHECK((x) <= (y))
#define TFLITE_DCHECK_LT(x, y) TFLITE_DCHECK((x) < (y))
