// SPDX-License-Identifier: Apache-2.0
#include "tinyrt/tensor.h"

#include "src/core/flatbuffer_verifier.h"
#include "tinyrt/schema_generated.h"

namespace tinyrt {

size_t TensorTypeSize(TensorType type) {
  switch (type) {
    case TensorType::kBool:
    case TensorType::kInt8:
    case TensorType::kUInt8: return 1;
    case TensorType::kInt16:
    case TensorType::kUInt16:
    case TensorType::kFloat16: return 2;
    case TensorType::kFloat32:
    case TensorType::kInt32:
    case TensorType::kUInt32: return 4;
    case TensorType::kInt64:
    case TensorType::kUInt64:
    case TensorType::kFloat64:
    case TensorType::kComplex64: return 8;
    case TensorType::kComplex128: return 16;
    case TensorType::kResource: return 4;  // a resource-variable id
    default: return 0;
  }
}

const char* TensorTypeName(TensorType type) {
  switch (type) {
    case TensorType::kFloat32: return "float32";
    case TensorType::kFloat16: return "float16";
    case TensorType::kInt32: return "int32";
    case TensorType::kUInt8: return "uint8";
    case TensorType::kInt64: return "int64";
    case TensorType::kString: return "string";
    case TensorType::kBool: return "bool";
    case TensorType::kInt16: return "int16";
    case TensorType::kComplex64: return "complex64";
    case TensorType::kInt8: return "int8";
    case TensorType::kFloat64: return "float64";
    case TensorType::kComplex128: return "complex128";
    case TensorType::kUInt64: return "uint64";
    case TensorType::kResource: return "resource";
    case TensorType::kVariant: return "variant";
    case TensorType::kUInt32: return "uint32";
    case TensorType::kUInt16: return "uint16";
    case TensorType::kInt4: return "int4";
  }
  return "unknown";
}

TensorType TensorView::type() const { return static_cast<TensorType>(tensor_->type()); }

const char* TensorView::name() const { return tensor_->name() != nullptr ? tensor_->name()->c_str() : ""; }

int TensorView::rank() const { return tensor_->shape() != nullptr ? static_cast<int>(tensor_->shape()->size()) : 0; }

int32_t TensorView::dim(int i) const {
  const auto* shape = tensor_->shape();
  if (shape == nullptr || i < 0 || static_cast<uint32_t>(i) >= shape->size()) return 0;
  return shape->Get(static_cast<uint32_t>(i));
}

size_t TensorView::elements() const {
  size_t count = 1;
  for (int i = 0; i < rank(); ++i) count *= static_cast<size_t>(dim(i));
  return count;
}

size_t TensorView::bytes() const { return elements() * TensorTypeSize(type()); }

int TensorView::num_scales() const {
  const auto* q = tensor_->quantization();
  if (q == nullptr || q->scale() == nullptr) return 0;
  return static_cast<int>(q->scale()->size());
}

float TensorView::scale(int channel) const {
  if (channel < 0 || channel >= num_scales()) return 0.0f;
  return tensor_->quantization()->scale()->Get(static_cast<uint32_t>(channel));
}

int32_t TensorView::zero_point(int channel) const {
  const auto* q = tensor_->quantization();
  if (q == nullptr || q->zero_point() == nullptr) return 0;
  const auto* zp = q->zero_point();
  if (channel < 0 || static_cast<uint32_t>(channel) >= zp->size()) return 0;
  return static_cast<int32_t>(VectorInt64At(zp, static_cast<uint32_t>(channel)));
}

int TensorView::quantized_dimension() const {
  const auto* q = tensor_->quantization();
  return q == nullptr ? 0 : q->quantized_dimension();
}

bool TensorView::is_variable() const { return tensor_->is_variable(); }

}  // namespace tinyrt
