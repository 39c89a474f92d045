// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: MicroOpResolver is tinyrt's OpResolver (the interpreter looks ops
// up in it; tflite::MicroMutableOpResolver<N> is one).
#pragma once

#include "tinyrt/op_resolver.h"

namespace tflite {
using MicroOpResolver = ::tinyrt::OpResolver;
}  // namespace tflite
