// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: RuntimeShape (a tensor's dimensions, at most 6 as in TFLM's
// kernels) and MatchingFlatSize.
#pragma once

#include <stdint.h>

#include "tensorflow/lite/kernels/internal/compatibility.h"

namespace tflite {

class RuntimeShape {
 public:
  static constexpr int kMaxDims = 6;
  RuntimeShape() = default;
  RuntimeShape(int dimensions_count, const int32_t* dims) : size_(dimensions_count) {
    TFLITE_CHECK(dimensions_count >= 0 && dimensions_count <= kMaxDims);
    for (int i = 0; i < size_; ++i) dims_[i] = dims[i];
  }
  int DimensionsCount() const { return size_; }
  int32_t Dims(int i) const { return dims_[i]; }
  const int32_t* DimsData() const { return dims_; }
  int FlatSize() const {
    int n = 1;
    for (int i = 0; i < size_; ++i) n *= dims_[i];
    return n;
  }
  bool operator==(const RuntimeShape& other) const {
    if (size_ != other.size_) return false;
    for (int i = 0; i < size_; ++i) {
      if (dims_[i] != other.dims_[i]) return false;
    }
    return true;
  }

 private:
  int size_ = 0;
  int32_t dims_[kMaxDims] = {};
};

// The flat size of two shapes that must match (checked).
inline int MatchingFlatSize(const RuntimeShape& a, const RuntimeShape& b) {
  TFLITE_CHECK(a == b);
  return a.FlatSize();
}

}  // namespace tflite
