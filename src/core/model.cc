// SPDX-License-Identifier: Apache-2.0
// Model verification: after Load() succeeds, every index and size the interpreter and kernels
// read from the model is known to be in range, so they need no checks of their own.
#include "tinyrt/model.h"

#include <string.h>

#include "src/core/error_builder.h"
#include "src/core/flatbuffer_verifier.h"
#include "tinyrt/schema_generated.h"
#include "tinyrt/tensor.h"

namespace tinyrt {
namespace {

constexpr uint32_t kSchemaVersion = 3;
constexpr uint64_t kMaxTensorBytes = 0x7FFFFFFFu;  // arena offsets are 31-bit
constexpr uint32_t kMaxSubgraphs = 255;

// v > 0 and finite, from the bits (no float comparison routine on cores without an FPU).
bool IsFinitePositive(float v) {
  uint32_t bits;
  memcpy(&bits, &v, sizeof(bits));
  return (bits >> 31) == 0 && bits != 0 && (bits & 0x7F800000u) != 0x7F800000u;
}

}  // namespace

int32_t OperatorBuiltinCode(const tflite::OperatorCode* code) {
  const int32_t wide = static_cast<int32_t>(code->builtin_code());
  const int32_t legacy = static_cast<int32_t>(code->deprecated_builtin_code());
  return wide > legacy ? wide : legacy;
}

const tflite::SubGraph* Model::main_subgraph() const { return model_ == nullptr ? nullptr : model_->subgraphs()->Get(0); }

namespace {

// The checks of Model::Load, one per part of the model. Each writes its message into the
// model's error buffer.
struct Checker {
  char* error;
  size_t capacity;
  const uint8_t* data;
  size_t size;
  const tflite::Model* model;  // once the FlatBuffer is verified

  ErrorBuilder Fail(StatusCode code) const { return ErrorBuilder(code, error, capacity); }
};

// Null, misaligned, short or oversized buffers, and the file identifier.
Status CheckBuffer(const Checker& c) {
  if (c.data == nullptr) return c.Fail(StatusCode::kInvalidArgument) << "model data is null";
  if ((reinterpret_cast<uintptr_t>(c.data) & 7) != 0) {
    // FlatBuffers aligns 64-bit fields relative to the buffer start; an unaligned buffer would
    // make them unaligned loads (a fault on Cortex-M).
    return c.Fail(StatusCode::kInvalidArgument) << "model data must be at least 8-byte aligned (declare the array alignas(16))";
  }
  if (c.size < 8) {
    return c.Fail(StatusCode::kInvalidModel) << "model is " << static_cast<uint64_t>(c.size)
                                             << " bytes: too short to be a TFLite FlatBuffer (truncated file?)";
  }
  if (c.size >= 0x20000000u) {  // in-model tensor locations are 29-bit offsets (kernel.h: LocationAddress)
    return c.Fail(StatusCode::kUnsupported) << "models of 512 MiB or more are not supported";
  }
  // The file identifier (bytes 4..7), compared without strncmp.
  const char* identifier = tflite::ModelIdentifier();
  bool has_identifier = true;
  for (int i = 0; i < 4; ++i) has_identifier = has_identifier && c.data[4 + i] == static_cast<uint8_t>(identifier[i]);
  if (!has_identifier) {
    const char* id = reinterpret_cast<const char*>(c.data) + 4;
    char shown[5] = {};
    for (int i = 0; i < 4; ++i) shown[i] = (id[i] >= 32 && id[i] < 127) ? id[i] : '?';
    return c.Fail(StatusCode::kInvalidModel) << "not a TFLite model: file identifier is '" << static_cast<const char*>(shown)
                                             << "', expected 'TFL3'";
  }
  // Every table, vector and string the schema describes lies inside the buffer (nesting depth at
  // most 32, at most 2^20 tables); ops' options tables are verified when their kernel reads them.
  FlatBufferVerifier verifier(c.data, c.size, 32, 1u << 20);
  if (!verifier.VerifyRoot()) {
    return c.Fail(StatusCode::kInvalidModel) << "model FlatBuffer failed verification (" << static_cast<uint64_t>(c.size)
                                             << " bytes): truncated or corrupt file, or an offset points outside the buffer";
  }
  return Status::Ok();
}

// Schema version, subgraph count, operator codes and buffers.
Status CheckModelTables(const Checker& c) {
  const tflite::Model* model = c.model;
  const size_t size = c.size;
  if (model->version() != kSchemaVersion) {
    return c.Fail(StatusCode::kUnsupported) << "model schema version is " << model->version() << ", tinyrt reads version "
                                            << kSchemaVersion;
  }
  const auto* subgraphs = model->subgraphs();
  if (subgraphs == nullptr || subgraphs->size() == 0) return c.Fail(StatusCode::kInvalidModel) << "model has no subgraph";
  if (subgraphs->size() > kMaxSubgraphs) {
    return c.Fail(StatusCode::kUnsupported) << "model has " << subgraphs->size() << " subgraphs; tinyrt runs at most " << kMaxSubgraphs;
  }
  const auto* buffers = model->buffers();
  const uint32_t num_buffers = buffers == nullptr ? 0 : buffers->size();
  const auto* codes = model->operator_codes();
  const uint32_t num_codes = codes == nullptr ? 0 : codes->size();
  for (uint32_t code_index = 0; code_index < num_codes; ++code_index) {
    const auto* code = codes->Get(code_index);
    const int32_t builtin = OperatorBuiltinCode(code);
    if (builtin < 0 || builtin > tflite::BuiltinOperator_MAX) {
      return c.Fail(StatusCode::kInvalidModel) << "operator code " << code_index << " has unknown builtin operator " << builtin;
    }
    if (builtin == tflite::BuiltinOperator_CUSTOM && code->custom_code() == nullptr) {
      return c.Fail(StatusCode::kInvalidModel) << "operator code " << code_index << " is CUSTOM but has no custom name";
    }
  }
  for (uint32_t b = 0; b < num_buffers; ++b) {
    const auto* buffer = buffers->Get(b);
    if (buffer->offset() > 1) {
      if (buffer->offset() > size || buffer->size() > size - buffer->offset()) {
        return c.Fail(StatusCode::kInvalidModel) << "buffer " << b << " (offset " << buffer->offset() << ", " << buffer->size()
                                                 << " bytes) lies outside the " << static_cast<uint64_t>(size) << "-byte model";
      }
    }
  }
  return Status::Ok();
}

// One subgraph's tensors: shapes, sizes, buffers, bool constants and quantization parameters.
Status CheckTensors(const Checker& c, uint32_t sg, const tflite::SubGraph* graph) {
  char* const error_ = c.error;
  const size_t error_capacity = c.capacity;
  const void* const data = c.data;
  const auto* buffers = c.model->buffers();
  const uint32_t num_buffers = buffers == nullptr ? 0 : buffers->size();
  const auto* tensors = graph->tensors();
  const uint32_t num_tensors = tensors == nullptr ? 0 : tensors->size();
  for (uint32_t t = 0; t < num_tensors; ++t) {
    const tflite::Tensor* tensor = tensors->Get(t);
    const char* name = tensor->name() != nullptr ? tensor->name()->c_str() : "";
    auto fail = [&](StatusCode code) -> ErrorBuilder {
      ErrorBuilder e(code, error_, error_capacity);
      if (sg != 0) e << "subgraph " << sg << " ";
      e << "tensor " << t << " ('" << name << "'): ";
      return e;
    };
    if (tensor->sparsity() != nullptr) return fail(StatusCode::kUnsupported) << "sparse tensors are not supported";
    const TensorType type = static_cast<TensorType>(tensor->type());
    uint64_t elements = 1;
    uint64_t nonzero_product = 1;
    const auto* shape = tensor->shape();
    const uint32_t rank = shape == nullptr ? 0 : shape->size();
    if (rank > 8) return fail(StatusCode::kUnsupported) << "rank " << rank << " is more than the 8 dimensions tinyrt supports";
    for (uint32_t d = 0; d < rank; ++d) {
      const int32_t extent = shape->Get(d);
      if (extent < 0) {
        return fail(StatusCode::kUnsupported) << "dimension " << d << " is " << extent << " (dynamic shapes are not supported)";
      }
      elements *= static_cast<uint64_t>(extent);
      if (elements > kMaxTensorBytes) return fail(StatusCode::kInvalidModel) << "shape has more than 2^31 elements";
      // Kernels multiply dimensions in int32 in any order: bound the product of the non-zero
      // ones too (an empty tensor with huge other dimensions would overflow a partial product).
      nonzero_product *= extent == 0 ? 1 : static_cast<uint64_t>(extent);
      if (nonzero_product > kMaxTensorBytes)
        return fail(StatusCode::kInvalidModel) << "shape's non-zero dimensions multiply to more than 2^31";
    }
    // int4 (TFLite INT4) constants are packed two values a byte (src/kernels/int4.h); checked when
    // the kernels read them (TINYRT_INT4_WEIGHTS), else the kernels refuse them.
    const bool int4 = TINYRT_INT4_WEIGHTS && type == TensorType::kInt4;
    const uint64_t bytes = int4 ? (elements + 1) / 2 : elements * TensorTypeSize(type);
    if (bytes > kMaxTensorBytes) return fail(StatusCode::kInvalidModel) << "byte size " << bytes << " exceeds 2^31";
    if (tensor->buffer() >= num_buffers && tensor->buffer() != 0) {
      return fail(StatusCode::kInvalidModel) << "buffer index " << tensor->buffer() << " is out of range (model has " << num_buffers
                                             << " buffers)";
    }
    if (tensor->buffer() != 0 && tensor->buffer() < num_buffers) {
      const auto* buffer = buffers->Get(tensor->buffer());
      uint64_t stored = 0;
      if (buffer->offset() > 1) {
        stored = buffer->size();
      } else if (buffer->data() != nullptr) {
        stored = buffer->data()->size();
      }
      if (stored != 0 && (TensorTypeSize(type) != 0 || int4) && stored != bytes) {
        return fail(StatusCode::kInvalidModel) << "buffer " << tensor->buffer() << " holds " << stored << " bytes but the shape and type ("
                                               << TensorTypeName(type) << ") need " << bytes;
      }
      // A bool holds 0 or 1: any other byte would be undefined behaviour in every kernel.
      if (type == TensorType::kBool && stored != 0 && stored == bytes) {
        const uint8_t* values = buffer->offset() > 1 ? static_cast<const uint8_t*>(data) + buffer->offset() : buffer->data()->data();
        for (uint64_t k = 0; k < stored; ++k) {
          if (values[k] > 1)
            return fail(StatusCode::kInvalidModel)
                   << "bool constant holds " << static_cast<int32_t>(values[k]) << " at element " << k << " (not 0 or 1)";
        }
      }
    }
    // Zero points are int64 vectors that converters may leave only 4-byte aligned: read them
    // byte-wise (VectorInt64At), as an unaligned 64-bit load faults on some cores.
    const auto* q = tensor->quantization();
    if (q != nullptr && q->scale() != nullptr && q->scale()->size() > 0) {
      const uint32_t scales = q->scale()->size();
      if (type == TensorType::kInt8 || type == TensorType::kUInt8 || type == TensorType::kInt16 || int4) {
        for (uint32_t s = 0; s < scales; ++s) {
          if (!IsFinitePositive(q->scale()->Get(s))) {
            return fail(StatusCode::kInvalidModel) << "quantization scale " << s << " is zero, negative or not finite";
          }
        }
      }
      if (q->zero_point() != nullptr && (type == TensorType::kInt8 || type == TensorType::kUInt8 || type == TensorType::kInt16)) {
        // Kernels add zero points to values in 32-bit arithmetic: keep them in the type's range.
        const int64_t lo = type == TensorType::kInt8 ? -128 : (type == TensorType::kUInt8 ? 0 : -32768);
        const int64_t hi = type == TensorType::kInt8 ? 127 : (type == TensorType::kUInt8 ? 255 : 32767);
        for (uint32_t z = 0; z < q->zero_point()->size(); ++z) {
          const int64_t zp = VectorInt64At(q->zero_point(), z);
          if (zp < lo || zp > hi)
            return fail(StatusCode::kInvalidModel) << "zero point " << zp << " is outside the " << TensorTypeName(type) << " range";
        }
      }
      if (q->zero_point() != nullptr && q->zero_point()->size() != scales && q->zero_point()->size() != 0) {
        return fail(StatusCode::kInvalidModel) << "has " << scales << " quantization scales but " << q->zero_point()->size()
                                               << " zero points";
      }
      if (scales > 1) {
        int32_t axis = q->quantized_dimension();
        // Converters write some rank-1 biases with the filter's axis (person_detect: 3); TFLM
        // accepts them, and one scale per element is unambiguous.
        if (rank == 1 && static_cast<uint32_t>(axis) >= rank) axis = 0;
        if (axis < 0 || static_cast<uint32_t>(axis) >= rank) {
          return fail(StatusCode::kInvalidModel) << "quantized_dimension " << axis << " is outside its rank " << rank;
        }
        if (static_cast<uint32_t>(shape->Get(static_cast<uint32_t>(axis))) != scales) {
          return fail(StatusCode::kInvalidModel) << "has " << scales << " per-channel scales but dimension " << axis << " has "
                                                 << shape->Get(static_cast<uint32_t>(axis)) << " channels";
        }
      }
    }
  }
  return Status::Ok();
}

// One subgraph's index lists (graph inputs and outputs, each operator's tensors and code).
Status CheckGraph(const Checker& c, uint32_t sg, const tflite::SubGraph* graph) {
  const auto* buffers = c.model->buffers();
  const uint32_t num_buffers = buffers == nullptr ? 0 : buffers->size();
  const uint32_t num_codes = c.model->operator_codes() == nullptr ? 0 : c.model->operator_codes()->size();
  const auto* tensors = graph->tensors();
  const uint32_t num_tensors = tensors == nullptr ? 0 : tensors->size();
  auto check_index_list = [&](const flatbuffers::Vector<int32_t>* list, const char* what, int32_t op, bool allow_optional) -> bool {
    if (list == nullptr) return true;
    for (uint32_t i = 0; i < list->size(); ++i) {
      const int32_t index = list->Get(i);
      if ((index == -1 && allow_optional) || (index >= 0 && static_cast<uint32_t>(index) < num_tensors)) continue;
      ErrorBuilder e = c.Fail(StatusCode::kInvalidModel);
      if (sg != 0) e << "subgraph " << sg << " ";
      if (op >= 0) e << "operator " << op << " ";
      e << what << " " << i << " is tensor " << index << ", out of range (subgraph has " << num_tensors << " tensors)";
      return false;
    }
    return true;
  };
  if (!check_index_list(graph->inputs(), "graph input", -1, false) || !check_index_list(graph->outputs(), "graph output", -1, false)) {
    return Status(StatusCode::kInvalidModel, c.error);
  }
  // A model input with constant data would hand the caller a pointer into the model (often
  // flash) to write its input into (and a subgraph input is written by IF/WHILE).
  for (uint32_t i = 0; graph->inputs() != nullptr && i < graph->inputs()->size(); ++i) {
    const tflite::Tensor* tensor = tensors->Get(static_cast<uint32_t>(graph->inputs()->Get(i)));
    const uint32_t b = tensor->buffer();
    if (b != 0 && b < num_buffers && buffers->Get(b)->data() != nullptr && buffers->Get(b)->data()->size() > 0) {
      return c.Fail(StatusCode::kInvalidModel) << (sg != 0 ? "subgraph input " : "model input ") << i << " (tensor "
                                               << graph->inputs()->Get(i) << ") is a constant tensor";
    }
  }
  const auto* ops = graph->operators();
  for (uint32_t o = 0; o < ops->size(); ++o) {
    const tflite::Operator* op = ops->Get(o);
    if (op->opcode_index() >= num_codes) {
      return c.Fail(StatusCode::kInvalidModel) << "operator " << o << " uses operator code " << op->opcode_index()
                                               << ", out of range (model has " << num_codes << ")";
    }
    if (!check_index_list(op->inputs(), "input", static_cast<int32_t>(o), true) ||
        !check_index_list(op->outputs(), "output", static_cast<int32_t>(o), false) ||
        !check_index_list(op->intermediates(), "intermediate", static_cast<int32_t>(o), true)) {
      return Status(StatusCode::kInvalidModel, c.error);
    }
  }
  return Status::Ok();
}

}  // namespace

Status Model::Load(const void* data, size_t size) {
  model_ = nullptr;
  data_ = static_cast<const uint8_t*>(data);
  size_ = size;
  Checker checker{error_, sizeof(error_), data_, size, nullptr};
  TINYRT_RETURN_IF_ERROR(CheckBuffer(checker));
  checker.model = tflite::GetModel(data_);
  TINYRT_RETURN_IF_ERROR(CheckModelTables(checker));
  // Every subgraph is verified alike (control flow ops run subgraphs 1, 2, ... by index; their
  // kernels check the indices). Messages name the subgraph when it is not the main one.
  const auto* subgraphs = checker.model->subgraphs();
  for (uint32_t sg = 0; sg < subgraphs->size(); ++sg) {
    const tflite::SubGraph* graph = subgraphs->Get(sg);
    if (graph->operators() == nullptr || graph->operators()->size() == 0) {
      return checker.Fail(StatusCode::kInvalidModel) << "subgraph " << sg << " has no operators";
    }
    TINYRT_RETURN_IF_ERROR(CheckTensors(checker, sg, graph));
    TINYRT_RETURN_IF_ERROR(CheckGraph(checker, sg, graph));
  }
  model_ = checker.model;
  return Status::Ok();
}

}  // namespace tinyrt
