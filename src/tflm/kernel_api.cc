// SPDX-License-Identifier: Apache-2.0
// TFLM's kernel API on tinyrt: a TFLMRegistration (init, free, prepare, invoke, reset) runs as
// a tinyrt kernel. Its Prepare builds the node's TfLiteNode and TfLiteEvalTensors in the arena
// (persistent), calls init then prepare with a TfLiteContext whose functions are tinyrt's
// PrepareContext (persistent and scratch buffers, planned like tinyrt's own); its Eval sets the
// tensors' data pointers and calls invoke. `free` is not called: the arena is released with
// the interpreter, and nothing else was allocated. No heap, no static constructors.
#include <stdarg.h>
#include <string.h>

#include "tensorflow/lite/core/c/common.h"
#include "tensorflow/lite/micro/kernels/kernel_util.h"
#include "tensorflow/lite/micro/micro_context.h"
#include "tensorflow/lite/micro/micro_log.h"
#include "tensorflow/lite/micro/micro_mutable_op_resolver.h"
#include "tflm_internal.h"
#include "tinyrt/kernel.h"

namespace tflite {
namespace tflm_compat {
namespace {

constexpr int kSlots = 8;           // distinct TFLM-API kernels per program
constexpr int kMaxScratch = 8;      // scratch buffers per node
constexpr int kMaxTempTensors = 8;  // AllocateTempInputTensor/OutputTensor per Prepare
// Stack bytes for the temporary tensors' TfLiteAffineQuantization during one Prepare (eight
// per-tensor ones, or a few per-channel ones); beyond, they go to the persistent arena.
constexpr size_t kTempQuantizationBytes = 256;

// Zero-initialized: no static constructor.
TFLMRegistration g_slots[kSlots];

struct NodeState {
  const TFLMRegistration* registration;
  TfLiteNode node;
  TfLiteEvalTensor* tensors;  // inputs, then outputs
  int num_tensors;
  int num_scratch;
  uint32_t scratch[kMaxScratch];
};

// One call into the kernel: what its TfLiteContext's impl_ points at.
struct Call {
  explicit Call(TfLiteContext* context) : micro(context) {}
  ::tinyrt::PrepareContext* prepare = nullptr;
  const ::tinyrt::EvalContext* eval = nullptr;
  NodeState* state = nullptr;
  MicroContext micro;
  TfLiteTensor temps[kMaxTempTensors];
  int num_temps = 0;
  alignas(8) uint8_t quantization[kTempQuantizationBytes];
  size_t quantization_used = 0;
};

Call* CallOf(const TfLiteContext* context) { return static_cast<Call*>(context->impl_); }

void* AllocatePersistentBuffer(TfLiteContext* context, size_t bytes) {
  Call* call = CallOf(context);
  if (call->prepare == nullptr) {
    MicroPrintf("AllocatePersistentBuffer: only in Init or Prepare");
    return nullptr;
  }
  void* p = call->prepare->AllocatePersistent(bytes, 16);
  if (p == nullptr) MicroPrintf("AllocatePersistentBuffer(%u): the arena is exhausted", static_cast<unsigned>(bytes));
  return p;
}

TfLiteStatus RequestScratchBufferInArena(TfLiteContext* context, size_t bytes, int* buffer_index) {
  Call* call = CallOf(context);
  if (call->prepare == nullptr || call->state == nullptr) {
    MicroPrintf("RequestScratchBufferInArena: only in Prepare");
    return kTfLiteError;
  }
  NodeState* state = call->state;
  if (state->num_scratch >= kMaxScratch) {
    MicroPrintf("RequestScratchBufferInArena: at most %d scratch buffers per node", kMaxScratch);
    return kTfLiteError;
  }
  if (Report(call->prepare->RequestScratch(bytes, &state->scratch[state->num_scratch])) != kTfLiteOk) return kTfLiteError;
  *buffer_index = state->num_scratch++;
  return kTfLiteOk;
}

void* GetScratchBuffer(TfLiteContext* context, int buffer_index) {
  Call* call = CallOf(context);
  if (call->eval == nullptr || buffer_index < 0 || buffer_index >= call->state->num_scratch) return nullptr;
  return call->eval->scratch(call->state->scratch[buffer_index]);
}

TfLiteTensor* GetTensor(const TfLiteContext* context, int tensor_index) {
  Call* call = CallOf(context);
  if (call->prepare == nullptr || call->state == nullptr || tensor_index < 0 || tensor_index >= call->state->num_tensors) {
    return nullptr;
  }
  if (call->num_temps >= kMaxTempTensors) {
    MicroPrintf("AllocateTempTfLiteTensor: at most %d temporary tensors per Prepare", kMaxTempTensors);
    return nullptr;
  }
  const int num_inputs = call->prepare->num_inputs();
  const ::tinyrt::TensorView view =
      tensor_index < num_inputs ? call->prepare->input(tensor_index) : call->prepare->output(tensor_index - num_inputs);
  const size_t quantization_bytes = QuantizationBytes(view);
  void* quantization = nullptr;
  if (quantization_bytes <= kTempQuantizationBytes - call->quantization_used) {
    quantization = call->quantization + call->quantization_used;
    call->quantization_used += quantization_bytes;
  } else {
    quantization = call->prepare->AllocatePersistent(quantization_bytes, 8);
    if (quantization == nullptr) {
      MicroPrintf("AllocateTempTfLiteTensor: the arena is exhausted (%u bytes of quantization parameters)",
                  static_cast<unsigned>(quantization_bytes));
      return nullptr;
    }
  }
  TfLiteTensor* t = &call->temps[call->num_temps++];
  FillTensor(view, t, quantization);
  return t;
}

TfLiteEvalTensor* GetEvalTensor(const TfLiteContext* context, int tensor_index) {
  NodeState* state = CallOf(context)->state;
  if (state == nullptr || tensor_index < 0 || tensor_index >= state->num_tensors) return nullptr;
  return &state->tensors[tensor_index];
}

void ReportError(TfLiteContext* context, const char* format, ...) {
  va_list args;
  va_start(args, format);
  VMicroPrintf(format, args);
  va_end(args);
}

void InitContext(TfLiteContext* context, Call* call) {
  *context = TfLiteContext{};
  context->impl_ = call;
  context->tensors_size = call->state != nullptr ? static_cast<size_t>(call->state->num_tensors) : 0;
  context->AllocatePersistentBuffer = AllocatePersistentBuffer;
  context->RequestScratchBufferInArena = RequestScratchBufferInArena;
  context->GetScratchBuffer = GetScratchBuffer;
  context->GetTensor = GetTensor;
  context->GetEvalTensor = GetEvalTensor;
  context->ReportError = ReportError;
}

::tinyrt::Status Prepare(::tinyrt::PrepareContext& ctx, const TFLMRegistration& registration) {
  const int num_inputs = ctx.num_inputs();
  const int num_outputs = ctx.num_outputs();
  const int num_tensors = num_inputs + num_outputs;
  NodeState* state = ctx.AllocateOpData<NodeState>();
  TfLiteEvalTensor* tensors =
      static_cast<TfLiteEvalTensor*>(ctx.AllocatePersistent(sizeof(TfLiteEvalTensor) * num_tensors, alignof(TfLiteEvalTensor)));
  int* indices = static_cast<int*>(ctx.AllocatePersistent(sizeof(int) * (num_tensors + 2), alignof(int)));
  if (state == nullptr || tensors == nullptr || indices == nullptr) return ctx.ArenaExhausted();
  state->registration = &registration;
  state->tensors = tensors;
  state->num_tensors = num_tensors;
  // Node-local tensor indices: input i is i, output j is num_inputs + j.
  indices[0] = num_inputs;
  for (int i = 0; i < num_inputs; ++i) {
    const bool present = ctx.has_input(i);
    indices[1 + i] = present ? i : -1;
    tensors[i].dims = present ? Dims(ctx.input(i)) : EmptyDims();
    tensors[i].type = present ? ToTfLiteType(ctx.input(i).type()) : kTfLiteNoType;
  }
  indices[1 + num_inputs] = num_outputs;
  for (int j = 0; j < num_outputs; ++j) {
    indices[2 + num_inputs + j] = num_inputs + j;
    tensors[num_inputs + j].dims = Dims(ctx.output(j));
    tensors[num_inputs + j].type = ToTfLiteType(ctx.output(j).type());
  }
  state->node.inputs = reinterpret_cast<TfLiteIntArray*>(indices);
  state->node.outputs = reinterpret_cast<TfLiteIntArray*>(indices + 1 + num_inputs);
  state->node.intermediates = EmptyDims();
  uint32_t options_size = 0;
  const uint8_t* options = ctx.custom_options(&options_size);
  state->node.custom_initial_data = options;
  state->node.custom_initial_data_size = static_cast<int>(options_size);

  TfLiteContext context;
  Call call(&context);
  call.prepare = &ctx;
  call.state = state;
  InitContext(&context, &call);
  if (registration.init != nullptr) {
    state->node.user_data = registration.init(&context, reinterpret_cast<const char*>(options), options_size);
  }
  if (registration.prepare != nullptr && registration.prepare(&context, &state->node) != kTfLiteOk) {
    return ctx.Fail(::tinyrt::StatusCode::kUnsupported) << "the TFLM kernel's prepare failed (its message is above)";
  }
  return ::tinyrt::Status::Ok();
}

::tinyrt::Status Eval(const ::tinyrt::EvalContext& ctx) {
  NodeState* state = ctx.mutable_op_data<NodeState>();
  const int num_inputs = ctx.num_inputs();
  for (int i = 0; i < num_inputs; ++i) {
    state->tensors[i].data.data = ctx.has_input(i) ? ctx.mutable_input<void>(i) : nullptr;
  }
  for (int j = 0; j < ctx.num_outputs(); ++j) state->tensors[num_inputs + j].data.data = ctx.output<void>(j);
  TfLiteContext context;
  Call call(&context);
  call.eval = &ctx;
  call.state = state;
  InitContext(&context, &call);
  if (state->registration->invoke(&context, &state->node) != kTfLiteOk) {
    return ::tinyrt::Status(::tinyrt::StatusCode::kInternal, TINYRT_MSG("a TFLM kernel's invoke returned an error (its message is above)"));
  }
  return ::tinyrt::Status::Ok();
}

void Reset(void* op_data) {
  NodeState* state = static_cast<NodeState*>(op_data);
  if (state == nullptr || state->registration->reset == nullptr) return;
  TfLiteContext context;
  Call call(&context);
  call.state = state;
  InitContext(&context, &call);
  state->registration->reset(&context, state->node.user_data);
}

template <int kSlot>
::tinyrt::Status SlotPrepare(::tinyrt::PrepareContext& ctx) {
  return Prepare(ctx, g_slots[kSlot]);
}

constexpr ::tinyrt::EvalVariant kVariants[] = {{&Eval, "TFLM kernel API"}};
#define TINYRT_TFLM_SLOT(i) \
  ::tinyrt::OpKernel { &SlotPrepare<i>, kVariants, 1, 255, &Reset }
constexpr ::tinyrt::OpKernel kSlotKernels[kSlots] = {TINYRT_TFLM_SLOT(0), TINYRT_TFLM_SLOT(1), TINYRT_TFLM_SLOT(2), TINYRT_TFLM_SLOT(3),
                                                     TINYRT_TFLM_SLOT(4), TINYRT_TFLM_SLOT(5), TINYRT_TFLM_SLOT(6), TINYRT_TFLM_SLOT(7)};
#undef TINYRT_TFLM_SLOT

bool SameFunctions(const TFLMRegistration& a, const TFLMRegistration& b) {
  return a.init == b.init && a.free == b.free && a.prepare == b.prepare && a.invoke == b.invoke && a.reset == b.reset;
}

}  // namespace

const ::tinyrt::OpKernel* KernelApiKernel(const char* name, const TFLMRegistration& registration) {
  if (registration.invoke == nullptr) {
    MicroPrintf("%s: the registration has no invoke function", name);
    return nullptr;
  }
  for (int i = 0; i < kSlots; ++i) {
    if (g_slots[i].invoke == nullptr) {
      g_slots[i] = registration;
      g_slots[i].custom_name = name;
      return &kSlotKernels[i];
    }
    if (SameFunctions(g_slots[i], registration)) return &kSlotKernels[i];
  }
  MicroPrintf("%s: a program runs at most %d distinct TFLM kernel API registrations", name, kSlots);
  return nullptr;
}

}  // namespace tflm_compat

MicroContext* GetMicroContext(const TfLiteContext* context) { return &tflm_compat::CallOf(context)->micro; }

}  // namespace tflite
