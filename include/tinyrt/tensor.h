// SPDX-License-Identifier: Apache-2.0
// Tensor element types and a read-only view of a tensor's metadata plus its data pointer.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "tinyrt/status.h"

namespace tflite {
struct Tensor;
}

namespace tinyrt {

// Numbering is TFLite's TensorType, so values read from a model convert directly.
enum class TensorType : int8_t {
  kFloat32 = 0,
  kFloat16 = 1,
  kInt32 = 2,
  kUInt8 = 3,
  kInt64 = 4,
  kString = 5,
  kBool = 6,
  kInt16 = 7,
  kComplex64 = 8,
  kInt8 = 9,
  kFloat64 = 10,
  kComplex128 = 11,
  kUInt64 = 12,
  kResource = 13,
  kVariant = 14,
  kUInt32 = 15,
  kUInt16 = 16,
  kInt4 = 17,
};

// int4 weights (kInt4: CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED filters, src/kernels/int4.h)
// are read when TINYRT_INT4_WEIGHTS is 1: CMake's option of that name; builds without CMake
// (tinyrt export's projects) get its defaults, on for the host and off for firmware (Arm, RISC-V,
// Xtensa), which opts in with -DTINYRT_INT4_WEIGHTS=1.
#ifndef TINYRT_INT4_WEIGHTS
#if defined(__arm__) || defined(__riscv) || defined(__XTENSA__) || defined(__xtensa__)
#define TINYRT_INT4_WEIGHTS 0
#else
#define TINYRT_INT4_WEIGHTS 1
#endif
#endif

// Bytes per element, 0 for types tinyrt does not store densely (string, variant, int4, ...).
TINYRT_PURE size_t TensorTypeSize(TensorType type);
// Lower-case name as TFLite prints it: "int8", "float32", ...
TINYRT_PURE const char* TensorTypeName(TensorType type);

// A view of one tensor of the model: metadata read in place from the model, data pointer
// into the arena (activations) or the model (constants). Cheap to copy.
class TensorView {
 public:
  TensorView() = default;
  TensorView(const tflite::Tensor* tensor, uint8_t* data) : tensor_(tensor), data_(data) {}

  bool valid() const { return tensor_ != nullptr; }
  TINYRT_PURE TensorType type() const;
  TINYRT_PURE const char* name() const;
  TINYRT_PURE int rank() const;
  TINYRT_PURE int32_t dim(int i) const;
  TINYRT_PURE size_t elements() const;
  TINYRT_PURE size_t bytes() const;

  template <typename T>
  T* data() const {
    return reinterpret_cast<T*>(data_);
  }
  uint8_t* raw() const { return data_; }

  // Quantization: per-tensor (num_scales()==1) or per-channel along quantized_dimension().
  bool is_quantized() const { return num_scales() > 0; }
  TINYRT_PURE int num_scales() const;
  TINYRT_PURE float scale(int channel = 0) const;
  TINYRT_PURE int32_t zero_point(int channel = 0) const;
  TINYRT_PURE int quantized_dimension() const;

  TINYRT_PURE bool is_variable() const;
  const tflite::Tensor* flatbuffer() const { return tensor_; }

 private:
  const tflite::Tensor* tensor_ = nullptr;
  uint8_t* data_ = nullptr;
};

}  // namespace tinyrt
