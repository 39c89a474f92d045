// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: TFLite's older path of common.h.
#pragma once
#include "tensorflow/lite/core/c/common.h"
