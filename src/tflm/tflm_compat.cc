// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility (the tinyrt_tflm library): TFLM's application API on tinyrt's
// engine. No heap, no exceptions, no RTTI, no static constructors, as the runtime.
#include <string.h>
#include <new>

#include "tensorflow/lite/core/c/common.h"
#include "tensorflow/lite/kernels/internal/compatibility.h"
#include "tensorflow/lite/micro/micro_interpreter.h"
#include "tensorflow/lite/micro/micro_log.h"
#include "tensorflow/lite/micro/micro_mutable_op_resolver.h"
#include "tensorflow/lite/micro/micro_profiler.h"
#include "tensorflow/lite/micro/micro_time.h"
#include "tensorflow/lite/micro/recording_micro_allocator.h"
#include "tensorflow/lite/micro/system_setup.h"
#include "tflm_internal.h"
#include "tinyrt/schema_generated.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "TfLiteTensor::dims points into the model's shape vectors: little-endian targets only"
#endif

namespace tflite {

// ---- Logging, target hooks --------------------------------------------------------------------

__attribute__((weak)) void InitializeTarget() {}
__attribute__((weak)) uint32_t ticks_per_second() { return 0; }
__attribute__((weak)) uint32_t GetCurrentTimeTicks() { return 0; }

void TinyrtTflmCheckFailed(const char* file, int line, const char* condition) {
  MicroPrintf("%s:%d check failed: %s", file, line, condition);
  __builtin_trap();  // as TFLM's abort(), without the C library's signal machinery in firmware
}

namespace tflm_compat {

TfLiteStatus Report(const ::tinyrt::Status& status) {
  if (status.ok()) return kTfLiteOk;
  MicroPrintf("%s", status.message());
  return kTfLiteError;
}

}  // namespace tflm_compat

// ---- Allocators and resource variables ---------------------------------------------------------

namespace {

uint8_t* AlignUp(uint8_t* p, size_t alignment) {
  const uintptr_t a = reinterpret_cast<uintptr_t>(p);
  return p + ((alignment - (a & (alignment - 1))) & (alignment - 1));
}

}  // namespace

template <typename T>
T* MicroAllocator::CreateIn(uint8_t* tensor_arena, size_t arena_size) {
  if (tensor_arena == nullptr) {
    MicroPrintf("MicroAllocator: the arena is null");
    return nullptr;
  }
  uint8_t* aligned = AlignUp(tensor_arena, 16);
  const size_t skip = static_cast<size_t>(aligned - tensor_arena);
  const size_t object = (sizeof(T) + 15) & ~static_cast<size_t>(15);
  if (arena_size < skip + object) {
    MicroPrintf("MicroAllocator: arena has %u bytes, the allocator needs %u", static_cast<unsigned>(arena_size),
                static_cast<unsigned>(skip + object));
    return nullptr;
  }
  return new (aligned) T(tensor_arena, aligned, arena_size - skip, object);
}

MicroAllocator* MicroAllocator::Create(uint8_t* tensor_arena, size_t arena_size) {
  struct Plain : MicroAllocator {
    Plain(uint8_t* o, uint8_t* a, size_t s, size_t u) : MicroAllocator(o, a, s, u) {}
  };
  return CreateIn<Plain>(tensor_arena, arena_size);
}

RecordingMicroAllocator* RecordingMicroAllocator::Create(uint8_t* tensor_arena, size_t arena_size) {
  return CreateIn<RecordingMicroAllocator>(tensor_arena, arena_size);
}

void* MicroAllocator::AllocatePersistentBuffer(size_t bytes, size_t alignment) {
  if (alignment == 0 || (alignment & (alignment - 1)) != 0) return nullptr;
  uint8_t* p = AlignUp(arena_ + used_, alignment);
  const size_t start = static_cast<size_t>(p - arena_);
  if (start > size_ || bytes > size_ - start) {
    MicroPrintf("MicroAllocator: arena has %u bytes left, %u requested", static_cast<unsigned>(size_ - used_),
                static_cast<unsigned>(bytes));
    return nullptr;
  }
  used_ = (start + bytes + 15) & ~static_cast<size_t>(15);  // the interpreter's part stays aligned
  if (used_ > size_) used_ = size_;
  return p;
}

void RecordingMicroAllocator::PrintAllocations() const {
  const ::tinyrt::MicroInterpreter* engine = interpreter();
  if (engine == nullptr || engine->arena_used_bytes() == 0) {
    MicroPrintf("[RecordingMicroAllocator] no tensors allocated yet (call AllocateTensors())");
    return;
  }
  MicroPrintf("[RecordingMicroAllocator] Arena allocation total %u bytes",
              static_cast<unsigned>(engine->arena_used_bytes() + used_bytes() + io_tensor_bytes()));
  MicroPrintf("[RecordingMicroAllocator] Arena allocation persistent (tensor locations, nodes, op data, state) %u bytes",
              static_cast<unsigned>(engine->arena_persistent_bytes()));
  MicroPrintf("[RecordingMicroAllocator] Arena allocation planned (activations, scratch: %u buffers) %u bytes",
              static_cast<unsigned>(engine->planned_buffers_size()), static_cast<unsigned>(engine->arena_planned_bytes()));
  MicroPrintf("[RecordingMicroAllocator] Arena allocation compatibility objects (allocator, resource variables) %u bytes",
              static_cast<unsigned>(used_bytes()));
  MicroPrintf("[RecordingMicroAllocator] Arena allocation TfLiteTensors of the inputs and outputs %u bytes",
              static_cast<unsigned>(io_tensor_bytes()));
}

MicroResourceVariables* MicroResourceVariables::Create(MicroAllocator* allocator, int num_variables) {
  if (allocator == nullptr) return nullptr;
  void* p = allocator->AllocatePersistentBuffer(sizeof(MicroResourceVariables), alignof(MicroResourceVariables));
  return p == nullptr ? nullptr : new (p) MicroResourceVariables(num_variables);
}

// ---- Profiler ------------------------------------------------------------------------------------

uint32_t MicroProfiler::BeginEvent(const char* tag) {
  if (num_events_ >= kMaxEvents) {
    MicroPrintf("MicroProfiler: more than %d events (define TINYRT_TFLM_PROFILER_EVENTS); clearing", kMaxEvents);
    num_events_ = 0;
  }
  tags_[num_events_] = tag;
  start_ticks_[num_events_] = GetCurrentTimeTicks();
  end_ticks_[num_events_] = start_ticks_[num_events_];
  return static_cast<uint32_t>(num_events_++);
}

void MicroProfiler::EndEvent(uint32_t event_handle) {
  if (event_handle < static_cast<uint32_t>(num_events_)) end_ticks_[event_handle] = GetCurrentTimeTicks();
}

uint32_t MicroProfiler::GetTotalTicks() const {
  uint32_t total = 0;
  for (int i = 0; i < num_events_; ++i) total += end_ticks_[i] - start_ticks_[i];
  return total;
}

void MicroProfiler::Log() const {
  const uint32_t per_ms = ticks_per_second() / 1000;
  for (int i = 0; i < num_events_; ++i) {
    const uint32_t ticks = end_ticks_[i] - start_ticks_[i];
    MicroPrintf("%s took %u ticks (%u ms).", tags_[i], static_cast<unsigned>(ticks),
                static_cast<unsigned>(per_ms == 0 ? 0 : ticks / per_ms));
  }
}

void MicroProfiler::LogCsv() const {
  MicroPrintf("\"Event\",\"Tag\",\"Ticks\"");
  for (int i = 0; i < num_events_; ++i) {
    MicroPrintf("%d,%s,%u", i, tags_[i], static_cast<unsigned>(end_ticks_[i] - start_ticks_[i]));
  }
}

void MicroProfiler::LogTicksPerTagCsv() {
  MicroPrintf("\"Unique Tag\",\"Total ticks across all events with that tag.\"");
  const uint32_t total = GetTotalTicks();
  for (int i = 0; i < num_events_; ++i) {
    bool seen = false;
    for (int j = 0; j < i && !seen; ++j) seen = strcmp(tags_[j], tags_[i]) == 0;
    if (seen) continue;
    uint32_t ticks = 0;
    for (int j = i; j < num_events_; ++j) {
      if (strcmp(tags_[j], tags_[i]) == 0) ticks += end_ticks_[j] - start_ticks_[j];
    }
    MicroPrintf("%s, %u", tags_[i], static_cast<unsigned>(ticks));
  }
  MicroPrintf("\"total number of ticks\", %u", static_cast<unsigned>(total));
}

// ---- Interpreter ---------------------------------------------------------------------------------

namespace {

// The start of the buffer whose root table is `root`: the u32 root offset at the start equals
// the distance to the table and is followed by the "TFL3" identifier. Looked for from the table
// downwards, so for a real model the search stops at the true start at the latest (the root
// table of a TFLite model follows the 8-byte header and its vtable: a few dozen bytes). A
// pointer that is not a model's root table (GetModel of some other buffer) may be searched
// below up to kMaxHeaderDistance bytes, as TFLM would read through it.
const uint8_t* FindBufferStart(const Model* root) {
  constexpr uint32_t kMaxHeaderDistance = 4096;
  const uint8_t* table = reinterpret_cast<const uint8_t*>(root);
  if ((reinterpret_cast<uintptr_t>(table) & 3) != 0) return nullptr;
  const uintptr_t address = reinterpret_cast<uintptr_t>(table);
  for (uint32_t k = 8; k <= kMaxHeaderDistance && k <= address; k += 4) {
    const uint8_t* start = table - k;
    uint32_t offset;
    memcpy(&offset, start, sizeof(offset));
    if (offset == k && memcmp(start + 4, ModelIdentifier(), 4) == 0) return start;
  }
  return nullptr;
}

}  // namespace

MicroInterpreter::MicroInterpreter(const Model* model, const MicroOpResolver& op_resolver, uint8_t* tensor_arena, size_t tensor_arena_size,
                                   MicroResourceVariables* resource_variables, MicroProfilerInterface* profiler, bool preserve_all_tensors)
    : engine_(model_, op_resolver, tensor_arena, tensor_arena_size, profiler),
      engine_arena_(tensor_arena),
      engine_arena_size_(tensor_arena_size) {
  Init(model, resource_variables);
  if (preserve_all_tensors) {
    MicroPrintf("MicroInterpreter: preserve_all_tensors is not supported (tinyrt's plan shares tensors' bytes)");
    init_status_ = kTfLiteError;
  }
}

MicroInterpreter::MicroInterpreter(const Model* model, const MicroOpResolver& op_resolver, MicroAllocator* allocator,
                                   MicroResourceVariables* resource_variables, MicroProfilerInterface* profiler)
    : engine_(model_, op_resolver, allocator == nullptr ? nullptr : allocator->remaining_arena(),
              allocator == nullptr ? 0 : allocator->remaining_arena_size(), profiler),
      allocator_(allocator) {
  if (allocator == nullptr) {
    MicroPrintf("MicroInterpreter: allocator is null (the arena could not hold it)");
    init_status_ = kTfLiteError;
    return;
  }
  allocator_bytes_ = allocator->used_bytes();
  engine_arena_ = allocator->remaining_arena();
  engine_arena_size_ = allocator->remaining_arena_size();
  allocator->set_interpreter(&engine_);
  Init(model, resource_variables);
}

void MicroInterpreter::Init(const Model* model, MicroResourceVariables* resource_variables) {
  (void)resource_variables;  // tinyrt plans resource variables from the model
  if (model == nullptr) {
    MicroPrintf("MicroInterpreter: model is null");
    init_status_ = kTfLiteError;
    return;
  }
  const uint8_t* start = FindBufferStart(model);
  if (start == nullptr) {
    MicroPrintf(
        "MicroInterpreter: no TFLite model header (root offset and 'TFL3') before the model table: "
        "pass tflite::GetModel() the start of a .tflite buffer");
    init_status_ = kTfLiteError;
    return;
  }
  size_t bound = TINYRT_TFLM_MAX_MODEL_BYTES;
  const uintptr_t room = UINTPTR_MAX - reinterpret_cast<uintptr_t>(start);
  if (room < bound) bound = static_cast<size_t>(room);
  const ::tinyrt::Status status = model_.Load(start, bound);
  if (!status.ok() || model_.flatbuffer() != model) {
    if (!status.ok()) MicroPrintf("%s", status.message());
    init_status_ = kTfLiteError;
  }
}

TfLiteStatus MicroInterpreter::AllocateTensors() {
  if (init_status_ != kTfLiteOk) {
    MicroPrintf("AllocateTensors: the interpreter failed to initialize (see the message above)");
    return kTfLiteError;
  }
  if (tflm_compat::Report(engine_.AllocateTensors()) != kTfLiteOk) return kTfLiteError;
  if (AllocateIoTensors() != kTfLiteOk) return kTfLiteError;
  allocated_ = true;
  return kTfLiteOk;
}

// The TfLiteTensors input(i) / output(i) return, with their TfLiteAffineQuantization, in the
// arena right after tinyrt's plan (which ends at arena_used_bytes() from the aligned start):
// TFLM too allocates them in its arena's persistent part at AllocateTensors.
TfLiteStatus MicroInterpreter::AllocateIoTensors() {
  const size_t num_inputs = engine_.inputs_size();
  const size_t count = num_inputs + engine_.outputs_size();
  const size_t tensors_bytes = tflm_compat::RoundUp(count * sizeof(TfLiteTensor));
  size_t bytes = tensors_bytes;
  for (size_t i = 0; i < count; ++i) {
    bytes += tflm_compat::QuantizationBytes(i < num_inputs ? engine_.input(i) : engine_.output(i - num_inputs));
  }
  // tinyrt's plan ends at arena_used_bytes() from the aligned start (a multiple of 4): the views
  // follow it, 8-aligned (TfLiteTensor holds pointers and size_t).
  uint8_t* const plan_end = AlignUp(engine_arena_, 16) + engine_.arena_used_bytes();
  uint8_t* const start = AlignUp(plan_end, 8);
  bytes += static_cast<size_t>(start - plan_end);
  const uint8_t* end = engine_arena_ + engine_arena_size_;
  if (plan_end > end || bytes > static_cast<size_t>(end - plan_end)) {
    MicroPrintf(
        "AllocateTensors: arena has %u bytes, the model needs %u (tinyrt's plan %u, the TfLiteTensors of "
        "%u inputs and outputs %u)",
        static_cast<unsigned>(engine_arena_size_ + allocator_bytes_),
        static_cast<unsigned>(static_cast<size_t>(plan_end - engine_arena_) + allocator_bytes_ + bytes),
        static_cast<unsigned>(engine_.arena_used_bytes()), static_cast<unsigned>(count), static_cast<unsigned>(bytes));
    return kTfLiteError;
  }
  io_tensors_ = reinterpret_cast<TfLiteTensor*>(start);
  uint8_t* quantization = start + tensors_bytes;
  for (size_t i = 0; i < count; ++i) {
    const ::tinyrt::TensorView view = i < num_inputs ? engine_.input(i) : engine_.output(i - num_inputs);
    new (&io_tensors_[i]) TfLiteTensor;
    tflm_compat::FillTensor(view, &io_tensors_[i], quantization);
    quantization += tflm_compat::QuantizationBytes(view);
  }
  io_tensor_bytes_ = static_cast<size_t>(quantization - plan_end);
  if (allocator_ != nullptr) allocator_->set_io_tensor_bytes(io_tensor_bytes_);
  return kTfLiteOk;
}

TfLiteStatus MicroInterpreter::Invoke() { return tflm_compat::Report(engine_.Invoke()); }

TfLiteStatus MicroInterpreter::Reset() { return tflm_compat::Report(engine_.Reset()); }

namespace tflm_compat {

namespace {
int g_empty_dims = 0;  // zero-initialized: no static constructor
}  // namespace

TfLiteIntArray* EmptyDims() { return reinterpret_cast<TfLiteIntArray*>(&g_empty_dims); }

TfLiteType ToTfLiteType(::tinyrt::TensorType type) {
  static constexpr TfLiteType kTypes[] = {kTfLiteFloat32, kTfLiteFloat16,    kTfLiteInt32,  kTfLiteUInt8,     kTfLiteInt64,
                                          kTfLiteString,  kTfLiteBool,       kTfLiteInt16,  kTfLiteComplex64, kTfLiteInt8,
                                          kTfLiteFloat64, kTfLiteComplex128, kTfLiteUInt64, kTfLiteResource,  kTfLiteVariant,
                                          kTfLiteUInt32,  kTfLiteUInt16,     kTfLiteInt4};
  const unsigned i = static_cast<unsigned>(static_cast<int8_t>(type));
  return i < sizeof(kTypes) / sizeof(kTypes[0]) ? kTypes[i] : kTfLiteNoType;
}

TfLiteIntArray* Dims(const ::tinyrt::TensorView& view) {
  const ::flatbuffers::Vector<int32_t>* shape = view.valid() ? view.flatbuffer()->shape() : nullptr;
  return shape != nullptr ? reinterpret_cast<TfLiteIntArray*>(const_cast<::flatbuffers::Vector<int32_t>*>(shape)) : EmptyDims();
}

// TFLM fills quantization.params when the tensor has scales and zero points (TFLM's
// InitializeTfLiteTensorFromFlatbuffer). tinyrt's model check has made sure there are as many
// zero points as scales.
namespace {
const ::tflite::QuantizationParameters* Affine(const ::tinyrt::TensorView& view) {
  const ::tflite::QuantizationParameters* q = view.valid() ? view.flatbuffer()->quantization() : nullptr;
  if (q == nullptr || q->scale() == nullptr || q->scale()->size() == 0 || q->zero_point() == nullptr || q->zero_point()->size() == 0) {
    return nullptr;
  }
  return q;
}
}  // namespace

size_t QuantizationBytes(const ::tinyrt::TensorView& view) {
  const ::tflite::QuantizationParameters* q = Affine(view);
  if (q == nullptr) return 0;
  return RoundUp(sizeof(TfLiteAffineQuantization)) + RoundUp(sizeof(int) * (1 + q->scale()->size()));
}

void FillTensor(const ::tinyrt::TensorView& view, TfLiteTensor* t, void* quantization_storage) {
  *t = TfLiteTensor{};
  t->dims = Dims(view);
  if (!view.valid()) return;
  t->type = ToTfLiteType(view.type());
  t->data.data = view.raw();
  t->bytes = view.bytes();
  t->allocation_type = kTfLiteArenaRw;
  t->is_variable = view.is_variable();
  const ::tflite::QuantizationParameters* q = Affine(view);
  if (q == nullptr) return;
  t->params.scale = view.scale(0);
  t->params.zero_point = view.zero_point(0);
  if (quantization_storage == nullptr) return;
  // The scales in place (a FlatBuffer float vector is a uint32 length and the floats: a
  // TfLiteFloatArray), the int64 zero points copied as int32 after the struct.
  auto* affine = static_cast<TfLiteAffineQuantization*>(quantization_storage);
  auto* zero_points =
      reinterpret_cast<TfLiteIntArray*>(static_cast<uint8_t*>(quantization_storage) + RoundUp(sizeof(TfLiteAffineQuantization)));
  const int channels = static_cast<int>(q->scale()->size());
  zero_points->size = channels;
  for (int c = 0; c < channels; ++c) zero_points->data[c] = view.zero_point(c);
  affine->scale = reinterpret_cast<TfLiteFloatArray*>(const_cast<::flatbuffers::Vector<float>*>(q->scale()));
  affine->zero_point = zero_points;
  affine->quantized_dimension = q->quantized_dimension();
  t->quantization.type = kTfLiteAffineQuantization;
  t->quantization.params = affine;
}

}  // namespace tflm_compat

TfLiteTensor* MicroInterpreter::Checked(bool output, size_t index) {
  const char* what = output ? "output" : "input";
  const size_t count = output ? engine_.outputs_size() : engine_.inputs_size();
  if (!allocated_ || index >= count) {
    MicroPrintf(!allocated_ ? "%s(%u): call AllocateTensors() first" : "%s(%u): the model has %u tensors of this kind", what,
                static_cast<unsigned>(index), static_cast<unsigned>(count));
    return nullptr;
  }
  return &io_tensors_[output ? engine_.inputs_size() + index : index];
}

TfLiteTensor* MicroInterpreter::input(size_t index) { return Checked(false, index); }
TfLiteTensor* MicroInterpreter::output(size_t index) { return Checked(true, index); }

}  // namespace tflite
