// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: MicroMutableOpResolver<N> with TFLM's method names, returning
// TfLiteStatus. It is tinyrt's resolver of the same name (the same storage, the same kernels,
// generated from the same op lists, include/tinyrt/builtin_ops.inc), so every op a TFLM
// application registers links exactly tinyrt's kernel for it and nothing else.
//   resolver.AddConv2D();                                  // tinyrt's CONV_2D
//   resolver.AddConv2D(tflite::Register_CONV_2D_INT8());   // the same kernel
//   resolver.AddWindow();                                  // signal library: "SignalWindow"
// Failures (resolver full, op added twice) are printed with MicroPrintf and return kTfLiteError.
#pragma once

#include "tensorflow/lite/core/c/common.h"
#include "tensorflow/lite/micro/kernels/micro_ops.h"
#include "tensorflow/lite/micro/micro_common.h"
#include "tensorflow/lite/micro/micro_op_resolver.h"
#include "tinyrt/op_resolver.h"

namespace tflite {
namespace tflm_compat {
// Prints a failed status's message; kTfLiteOk or kTfLiteError.
TfLiteStatus Report(const ::tinyrt::Status& status);
// The tinyrt kernel that runs a registration naming no tinyrt kernel: the application's
// functions (TFLM kernel API, src/tflm/kernel_api.cc). One of TINYRT_TFLM_MAX_KERNEL_API_OPS
// slots (default 8, shared by every resolver; registering the same functions again reuses
// theirs); nullptr (with a message) when they are all taken or the registration has no invoke.
const ::tinyrt::OpKernel* KernelApiKernel(const char* name, const TFLMRegistration& registration);
}  // namespace tflm_compat

template <unsigned int tOpCount>
class MicroMutableOpResolver : public ::tinyrt::MicroMutableOpResolver<tOpCount> {
  using Base = ::tinyrt::MicroMutableOpResolver<tOpCount>;

 public:
  MicroMutableOpResolver() = default;

#define TINYRT_BUILTIN(code, NAME, Method)                                                                                        \
  TfLiteStatus Add##Method() { return tflm_compat::Report(Base::Add##Method()); }                                                 \
  TfLiteStatus Add##Method(const TFLMRegistration& registration) {                                                                \
    return registration.tinyrt_kernel != nullptr ? tflm_compat::Report(this->AddBuiltin(code, registration.tinyrt_kernel, #NAME)) \
                                                 : AddKernel(code, #NAME, tflm_compat::KernelApiKernel(#NAME, registration));     \
  }
#include "tinyrt/builtin_ops.inc"
#undef TINYRT_BUILTIN

  // The signal library: AddWindow(), AddRfft(), ... (custom ops "SignalWindow", ...).
#define TINYRT_TFLM_SIGNAL_ADD(REG, Method, Kernel)                               \
  TfLiteStatus Add##Method() { return tflm_compat::Report(Base::Add##Kernel()); } \
  TfLiteStatus Add##Method(const TFLMRegistration& registration) { return AddCustom(#Kernel, &registration); }
  TINYRT_TFLM_SIGNAL_OPS(TINYRT_TFLM_SIGNAL_ADD)
#undef TINYRT_TFLM_SIGNAL_ADD

  // A custom op by name. TFLM passes a pointer (the registration must outlive the resolver).
  TfLiteStatus AddCustom(const char* name, const TFLMRegistration* registration) {
    if (registration == nullptr)
      return tflm_compat::Report(::tinyrt::Status(::tinyrt::StatusCode::kInvalidArgument, "AddCustom: registration is null"));
    if (registration->tinyrt_kernel != nullptr) return tflm_compat::Report(Base::AddCustom(name, registration->tinyrt_kernel));
    return AddKernel(::tinyrt::kBuiltinCustom, name, tflm_compat::KernelApiKernel(name, *registration));
  }
  using Base::AddCustom;  // tinyrt's own AddCustom(name, const tinyrt::OpKernel*)

  unsigned int GetRegistrationLength() const { return static_cast<unsigned int>(this->size()); }

 private:
  TfLiteStatus AddKernel(int32_t code, const char* name, const ::tinyrt::OpKernel* kernel) {
    if (kernel == nullptr) return kTfLiteError;
    return tflm_compat::Report(code == ::tinyrt::kBuiltinCustom ? Base::AddCustom(name, kernel) : this->AddBuiltin(code, kernel, name));
  }
};

}  // namespace tflite
