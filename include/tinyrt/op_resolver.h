// SPDX-License-Identifier: Apache-2.0
// Op resolvers: which kernels a build links in. MicroMutableOpResolver<N> holds exactly the ops
// the application registers (each Add...() references only its own kernel, so the linker drops
// the rest); AllOpsResolver registers every kernel, for prototyping.
#pragma once

#include <stdint.h>

#include "tinyrt/kernel_fwd.h"
#include "tinyrt/status.h"

namespace tinyrt {

struct OpRegistration {
  int32_t builtin_code;  // TFLite BuiltinOperator, or 32 (CUSTOM) for custom ops
  const char* name;      // TFLite's op name ("CONV_2D"), or the custom op's name
  const OpKernel* kernel;
};

constexpr int32_t kBuiltinCustom = 32;

class OpResolver {
 public:
  OpResolver(const OpResolver&) = delete;
  OpResolver& operator=(const OpResolver&) = delete;

  // Index of the registration for a builtin code (or custom name), or -1.
  int Find(int32_t builtin_code, const char* custom_name) const;
  const OpRegistration& registration(int index) const { return registrations_[index]; }
  int size() const { return size_; }
  int capacity() const { return capacity_; }

  // Registers a custom op under `name` (e.g. "SignalWindow").
  Status AddCustom(const char* name, const OpKernel* kernel);
  // Registers the application's own kernel for a builtin operator (a tflite::BuiltinOperator
  // code), in place of tinyrt's: call it instead of the op's Add...() method, or after it (or on an
  // AllOpsResolver) to replace the kernel already registered. docs/custom_kernels.md.
  Status AddBuiltinKernel(int32_t builtin_code, const OpKernel* kernel);

 protected:
  OpResolver(OpRegistration* storage, int capacity) : registrations_(storage), capacity_(capacity) {}
  ~OpResolver() = default;
  // `name` is TFLite's name of the operator: only the names of registered ops are linked.
  Status AddBuiltin(int32_t builtin_code, const OpKernel* kernel, const char* name);

 private:
  Status Add(int32_t builtin_code, const char* name, const OpKernel* kernel);

  OpRegistration* registrations_;
  int capacity_;
  int size_ = 0;
};

template <unsigned kCapacity>
class MicroMutableOpResolver : public OpResolver {
  static_assert(kCapacity > 0 && kCapacity < 255, "a resolver holds 1 to 254 ops");

 public:
  MicroMutableOpResolver() : OpResolver(storage_, kCapacity) {}

  // AddConv2D(), AddFullyConnected(), ...: one per kernel in builtin_ops.inc.
#define TINYRT_BUILTIN(code, NAME, Method) \
  Status Add##Method() { return AddBuiltin(code, &kernels::kOp_##NAME, #NAME); }
#include "tinyrt/builtin_ops.inc"
#undef TINYRT_BUILTIN
  // AddSignalWindow(), AddSignalRfft(), ...: one per custom kernel in signal_ops.inc.
#define TINYRT_CUSTOM(Name, Kernel) \
  Status Add##Name() { return AddCustom(#Name, &kernels::kOp_Custom_##Kernel); }
#include "tinyrt/signal_ops.inc"
#undef TINYRT_CUSTOM

 private:
  OpRegistration storage_[kCapacity] = {};
};

// Number of builtin kernels tinyrt has.
constexpr unsigned kNumBuiltinKernels = 0
#define TINYRT_BUILTIN(code, NAME, Method) +1
#include "tinyrt/builtin_ops.inc"
#undef TINYRT_BUILTIN
    ;

// Number of custom kernels tinyrt has (TFLM's signal library ops).
constexpr unsigned kNumCustomKernels = 0
#define TINYRT_CUSTOM(Name, Kernel) +1
#include "tinyrt/signal_ops.inc"
#undef TINYRT_CUSTOM
    ;

// Every kernel tinyrt has. Links them all: for prototyping and host tools, not for firmware.
class AllOpsResolver : public MicroMutableOpResolver<kNumBuiltinKernels + kNumCustomKernels + 16> {
 public:
  AllOpsResolver();
};

// Name of the resolver method that registers `builtin_code` ("AddConv2D"), or nullptr when
// tinyrt has no kernel for it.
TINYRT_PURE const char* ResolverMethodName(int32_t builtin_code);
// Same for a custom op name ("AddSignalWindow()" for "SignalWindow"), or nullptr.
const char* CustomResolverMethodName(const char* custom_name);
// TFLite's name for a builtin operator ("CONV_2D"). Host builds (TINYRT_FULL_OP_NAMES=1) know
// every operator of the schema; firmware builds only those tinyrt has kernels for, and return
// "BUILTIN" for the others (the interpreter names registered ops from their registration, so
// firmware needs this table only for the message about an op missing from the resolver).
// "UNKNOWN" when out of range.
TINYRT_PURE const char* BuiltinOperatorName(int32_t builtin_code);

}  // namespace tinyrt
