// SPDX-License-Identifier: Apache-2.0
// tflite::Register_<OP>() for every builtin kernel tinyrt has (declared in
// tensorflow/lite/micro/kernels/micro_ops.h): registrations naming tinyrt's kernel. Weak, so that
// an application's definition under the same name wins.
#include "tensorflow/lite/micro/kernels/micro_ops.h"
#include "tinyrt/kernel_fwd.h"

namespace tflite {

#define TINYRT_BUILTIN(code, NAME, Method)                                                  \
  __attribute__((weak)) TFLMRegistration Register_##NAME() {                                \
    return TFLMRegistration{nullptr, nullptr, nullptr, nullptr, nullptr, code, nullptr,     \
                            &::tinyrt::kernels::kOp_##NAME};                                \
  }
#include "tinyrt/builtin_ops.inc"
#undef TINYRT_BUILTIN

}  // namespace tflite
