// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: types of tensors (types.h).
#pragma once
#include "tensorflow/lite/kernels/internal/types.h"
