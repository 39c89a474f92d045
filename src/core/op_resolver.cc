// SPDX-License-Identifier: Apache-2.0
#include "tinyrt/op_resolver.h"

#include "tinyrt/schema_generated.h"

namespace tinyrt {
namespace {

bool SameName(const char* a, const char* b) {
  if (a == nullptr || b == nullptr) return false;
  while (*a != '\0' && *a == *b) {
    ++a;
    ++b;
  }
  return *a == *b;
}

}  // namespace

int OpResolver::Find(int32_t builtin_code, const char* custom_name) const {
  for (int i = 0; i < size_; ++i) {
    const OpRegistration& r = registrations_[i];
    if (r.builtin_code != builtin_code) continue;
    if (builtin_code != kBuiltinCustom || SameName(r.name, custom_name)) return i;
  }
  return -1;
}

Status OpResolver::Add(int32_t builtin_code, const char* name, const OpKernel* kernel) {
  if (Find(builtin_code, name) >= 0) return Status::Ok();  // registering twice is harmless
  if (size_ >= capacity_) {
    return Status(StatusCode::kResolverFull,
                  TINYRT_MSG("op resolver is full: raise N in MicroMutableOpResolver<N> to the number of distinct ops the model uses"));
  }
  registrations_[size_++] = OpRegistration{builtin_code, name, kernel};
  return Status::Ok();
}

Status OpResolver::AddBuiltin(int32_t builtin_code, const OpKernel* kernel, const char* name) { return Add(builtin_code, name, kernel); }

Status OpResolver::AddCustom(const char* name, const OpKernel* kernel) {
  if (name == nullptr || kernel == nullptr) return Status(StatusCode::kInvalidArgument, TINYRT_MSG("AddCustom needs a name and a kernel"));
  return Add(kBuiltinCustom, name, kernel);
}

Status OpResolver::AddBuiltinKernel(int32_t builtin_code, const OpKernel* kernel) {
  if (kernel == nullptr || builtin_code == kBuiltinCustom || builtin_code < tflite::BuiltinOperator_MIN ||
      builtin_code > tflite::BuiltinOperator_MAX) {
    return Status(StatusCode::kInvalidArgument,
                  TINYRT_MSG("AddBuiltinKernel needs a kernel and a builtin operator code (custom ops: AddCustom)"));
  }
  const int existing = Find(builtin_code, nullptr);
  if (existing >= 0) {  // replaces tinyrt's kernel (or an earlier one of the application)
    registrations_[existing].kernel = kernel;
    return Status::Ok();
  }
  return Add(builtin_code, BuiltinOperatorName(builtin_code), kernel);
}

const char* ResolverMethodName(int32_t builtin_code) {
  switch (builtin_code) {
#define TINYRT_BUILTIN(code, NAME, Method) \
  case code:                               \
    return "Add" #Method "()";
#include "tinyrt/builtin_ops.inc"
#undef TINYRT_BUILTIN
    default: return nullptr;
  }
}

const char* CustomResolverMethodName(const char* custom_name) {
#define TINYRT_CUSTOM(Name, Kernel) \
  if (SameName(custom_name, #Name)) return "Add" #Name "()";
#include "tinyrt/signal_ops.inc"
#undef TINYRT_CUSTOM
  return nullptr;
}

const char* BuiltinOperatorName(int32_t builtin_code) {
  if (builtin_code < tflite::BuiltinOperator_MIN || builtin_code > tflite::BuiltinOperator_MAX) return "UNKNOWN";
#if TINYRT_FULL_OP_NAMES
  // flatc's table of every operator (~4 KB of names): for host tools.
  const char* name = tflite::EnumNameBuiltinOperator(static_cast<tflite::BuiltinOperator>(builtin_code));
  return (name == nullptr || *name == '\0') ? "UNKNOWN" : name;
#else
  switch (builtin_code) {
#define TINYRT_BUILTIN(code, NAME, Method) \
  case code:                               \
    return #NAME;
#include "tinyrt/builtin_ops.inc"
#undef TINYRT_BUILTIN
    default: return "BUILTIN";
  }
#endif
}

}  // namespace tinyrt
