// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: the Register_*() of this op (all in micro_ops.h).
#pragma once
#include "tensorflow/lite/micro/kernels/micro_ops.h"
