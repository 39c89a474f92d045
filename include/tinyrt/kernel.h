// SPDX-License-Identifier: Apache-2.0
// The kernel API: what an op implementation sees. Each op is one OpKernel with a Prepare that
// validates shapes and types, precomputes quantized parameters into op data and reserves
// scratch memory (all in the arena), and one or more Eval variants that only compute.
//
// Op data rule: whatever a kernel stores in the arena holds no pointers (use tensor data
// fetched at Eval, and scratch handles), so the arena layout is the same on a 64-bit host and a
// 32-bit microcontroller, and host tools can predict the target's arena size exactly.
#pragma once

#include <stddef.h>
#include <stdint.h>

// The error builder and the schema specs are the runtime's own (src/core); the build and the
// installed package expose just these headers to kernels outside the tree (CMakeLists.txt).
#include "src/core/error_builder.h"
#include "src/core/schema_specs.h"
#include "tinyrt/kernel_fwd.h"
#include "tinyrt/schema_generated.h"
#include "tinyrt/status.h"
#include "tinyrt/tensor.h"

namespace tinyrt {

class PrepareContext;
class EvalContext;
class MicroInterpreter;

using PrepareFn = Status (*)(PrepareContext& ctx);
using EvalFn = Status (*)(const EvalContext& ctx);
// Returns a stateful op's state (kept in its op data) to the initial value; called by
// MicroInterpreter::Reset() and at the end of AllocateTensors().
using ResetFn = void (*)(void* op_data);

// Why a node runs its reference variant although the op has optimized ones (tinyrt inspect and
// the per-op profile print it beside the variant name: no silent fallback). kNone: an optimized
// variant runs, or the op has none.
enum class ReferenceReason : uint8_t {
  kNone = 0,
  kForced,           // MicroInterpreter::UseReferenceKernels(true)
  kNotBuilt,         // built with TINYRT_REFERENCE_KERNELS=ON
  kType,             // only int8 has optimized variants
  kDilation,         // dilation > 1
  kGroups,           // grouped convolution
  kFilterZeroPoint,  // non-zero filter zero point
  kScratch,          // the scratch buffer would be too large
  kBroadcast,        // element-wise op with broadcasting
  kInt4Filter,       // int4 weights: no optimized variant of this op reads them
  kCount
};
const char* ReferenceReasonText(ReferenceReason reason);

struct EvalVariant {
  EvalFn fn;
  const char* name;  // "reference", "cortex-m dsp", "x86 avx2", ...
};

struct OpKernel {
  PrepareFn prepare;
  const EvalVariant* variants;  // variants[0] is the reference (portable) implementation
  uint8_t num_variants;
  uint8_t max_version;      // highest TFLite op version this kernel implements
  ResetFn reset = nullptr;  // stateful ops only
};

// Arena tensor locations: an offset into the arena (bits 29-31 clear), into a further memory
// region (bits 29-30: its number 1-3, see MicroInterpreter::UseMemoryRegions), or (high bit set)
// into the model buffer.
constexpr uint32_t kLocationInModel = 0x80000000u;
constexpr uint32_t kLocationNone = 0xFFFFFFFFu;
constexpr uint32_t kLocationRegionShift = 29;
constexpr uint32_t kLocationOffsetMask = 0x1FFFFFFFu;
constexpr int kLocationBases = 5;
// The one decoding of a location other than kLocationNone: bases[location >> 29] plus the low 29
// bits. bases[0] is the arena, bases[1-3] the further regions, bases[4] the model (model offsets
// are below 512 MiB: bases[5-7] are never selected).
inline uint8_t* LocationAddress(uint32_t location, uint8_t* const bases[kLocationBases]) {
  return bases[location >> kLocationRegionShift] + (location & kLocationOffsetMask);
}

namespace internal {
struct SubgraphView;  // src/core/interpreter_internal.h
}  // namespace internal

class PrepareContext {
 public:
  int node_index() const { return node_index_; }
  int version() const { return version_; }
  int num_inputs() const;
  int num_outputs() const;
  // Optional inputs are -1 in the model: has_input() is false and input() invalid for them.
  bool has_input(int i) const;
  TensorView input(int i) const;
  TensorView output(int i) const;

  // The op's builtin options, verified against the model buffer, or nullptr if the op has none
  // or they are of another type.
  template <typename T>
  const T* options(tflite::BuiltinOptions type) const {
    return static_cast<const T*>(VerifiedOptions(type, schema_specs::TableSpecOf<T>::value));
  }
  const uint8_t* custom_options(uint32_t* size) const;
  // Where `p` lies in the model buffer (for EvalContext::model_bytes), or kLocationNone when it
  // is not inside it. Lets a kernel read model constants (quantization scales, ...) at Eval
  // without keeping a pointer in its op data.
  uint32_t model_offset(const void* p) const;

  // Persistent memory for the lifetime of the interpreter, zero-filled. nullptr when the arena
  // is exhausted; the kernel then returns ArenaExhausted().
  void* AllocatePersistent(size_t bytes, size_t alignment = 4);
  template <typename T>
  T* AllocateOpData(size_t count = 1) {
    T* data = static_cast<T*>(AllocatePersistent(sizeof(T) * count, alignof(T)));
    if (data != nullptr && op_data_offset_ == kLocationNone) SetOpData(data);
    return data;
  }
  void SetOpData(void* data);
  // The op data set so far (nullptr if none).
  void* op_data() const;
  Status ArenaExhausted() const;

  // Scratch memory used only during this op's Eval; planned with the activations so it shares
  // bytes with tensors that are not live at this op.
  Status RequestScratch(size_t bytes, uint32_t* handle);
  // Scratch that only the selected (optimized) variant needs: when it would make the planned
  // region larger than both the plan without it and the largest sum of activations live at one
  // op (what TFLM's plan needs at least), the planner drops it and the node runs
  // `fallback_variant` instead (ReferenceReason::kScratch). A variant's scratch thus never makes
  // the arena larger than TFLM's.
  Status RequestOptionalScratch(size_t bytes, uint32_t* handle, uint8_t fallback_variant);

  // In-place execution. InputEndsHere(i): input i is an activation (not constant, state or a
  // model output) that no later op reads, and output 0 is a fresh activation. A kernel that
  // can compute with output 0 starting at input i's address calls ShareInputWithOutput(i); the
  // planner then gives both the same offset (the output may be larger or smaller). Eval must
  // still work when they do not share (compare the pointers).
  bool InputEndsHere(int i) const;
  void ShareInputWithOutput(int i);

  // Subgraphs (for control flow ops): count, and views of subgraph s's inputs and outputs
  // (metadata only: data is planned later). Invalid views for out-of-range indices.
  int num_subgraphs() const;
  int subgraph_index() const;  // the subgraph this node belongs to
  int subgraph_inputs_size(int s) const;
  int subgraph_outputs_size(int s) const;
  TensorView subgraph_input(int s, int i) const;
  TensorView subgraph_output(int s, int i) const;

  // Resource variables (VAR_HANDLE, ASSIGN_VARIABLE, READ_VARIABLE): persistent, zero-filled
  // arena buffers keyed by (container, shared_name), as TFLM's resource variables. Ids are
  // small integers; -1 when the arena is exhausted (or, for ResourceIdOfInput, when input i is
  // not written by a VAR_HANDLE of this subgraph).
  int32_t ResourceId(const char* container, const char* shared_name);
  int32_t ResourceIdOfInput(int i);
  // The buffer of resource `id`: allocated with `bytes` by the first caller; later callers must
  // ask for the same size. *offset is an arena offset for EvalContext::persistent().
  Status ResourceBuffer(int32_t id, size_t bytes, uint32_t* offset);

  // Picks the Eval variant for this node (default 0, the reference one).
  void SelectVariant(uint8_t index) { variant_ = index; }
  // True when the interpreter was told to run reference variants only (to measure both in one
  // run); optimized selectors then record ReferenceReason::kForced.
  bool reference_kernels_only() const;
  // MicroInterpreter::KeepRequantizationTables(true): per-channel tables stay in the op data.
  bool keep_requant_tables() const;
  // Records why the reference variant runs although optimized ones exist (kNone otherwise).
  void SetReferenceReason(ReferenceReason reason) { reason_ = reason; }

  // Starts an error message prefixed with "OPNAME (node N): ".
  ErrorBuilder Fail(StatusCode code) const;

 private:
  friend class MicroInterpreter;
  const void* VerifiedOptions(tflite::BuiltinOptions type, const TableSpec& spec) const;

  MicroInterpreter* interpreter_ = nullptr;
  const internal::SubgraphView* subgraph_ = nullptr;  // the subgraph of this node
  const tflite::Operator* op_ = nullptr;
  int node_index_ = 0;
  int version_ = 1;
  uint32_t op_data_offset_ = kLocationNone;
  uint8_t variant_ = 0;
  uint8_t in_place_input_ = 0xFF;
  ReferenceReason reason_ = ReferenceReason::kNone;
};

class EvalContext {
 public:
  int num_inputs() const { return num_inputs_; }
  int num_outputs() const { return num_outputs_; }
  bool has_input(int i) const { return i < num_inputs_ && inputs_[i] >= 0; }

  template <typename T>
  const T* input(int i) const {
    return reinterpret_cast<const T*>(TensorData(inputs_[i]));
  }
  template <typename T>
  T* output(int i) const {
    return reinterpret_cast<T*>(TensorData(outputs_[i]));
  }
  // An input the op updates in place (variable/state tensors).
  template <typename T>
  T* mutable_input(int i) const {
    return reinterpret_cast<T*>(TensorData(inputs_[i]));
  }
  template <typename T>
  const T* op_data() const {
    return static_cast<const T*>(op_data_);
  }
  // Op data of a stateful op, whose Eval updates the state kept there.
  template <typename T>
  T* mutable_op_data() const {
    return static_cast<T*>(const_cast<void*>(op_data_));
  }
  uint8_t* scratch(uint32_t handle) const;
  // Persistent arena memory at an offset a Prepare obtained (resource buffers).
  uint8_t* persistent(uint32_t offset) const { return bases_[0] + offset; }
  // The model buffer at an offset PrepareContext::model_offset gave.
  const uint8_t* model_bytes(uint32_t offset) const { return bases_[4] + offset; }

  // Control flow: runs subgraph s to completion (nesting is bounded; a subgraph cannot run
  // itself). Its inputs and outputs are written and read through subgraph_input/output.
  Status InvokeSubgraph(int s) const;
  TensorView subgraph_input(int s, int i) const;
  TensorView subgraph_output(int s, int i) const;

 private:
  friend class MicroInterpreter;
  uint8_t* TensorData(int32_t tensor) const { return tensor < 0 ? nullptr : LocationAddress(locations_[tensor], bases_); }

  const int32_t* inputs_ = nullptr;
  const int32_t* outputs_ = nullptr;
  int num_inputs_ = 0;
  int num_outputs_ = 0;
  const uint32_t* locations_ = nullptr;
  uint8_t* bases_[kLocationBases];  // see LocationAddress; filled by the interpreter
  const void* op_data_ = nullptr;
  MicroInterpreter* interpreter_ = nullptr;
};

}  // namespace tinyrt
