// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: TFLite's C API types path.
#pragma once
#include "tensorflow/lite/core/c/common.h"
