// SPDX-License-Identifier: Apache-2.0
// Public kernel API (docs/custom_kernels.md). Custom ops' options: a FlexBuffer whose root is a map from names to scalars (what TFLite's
// converter writes and TFLM reads with flexbuffers::GetRoot(...).AsMap()).
//
// FlexMap is a small bounds-checked reader of that one shape, written for the runtime:
// flexbuffers.h reads without checks unless its Verifier runs (which carries std::vector), and
// its scalar accessors also parse strings (pulling in locale code). Every offset here is checked
// against the buffer, so malformed options fail in Prepare instead of reading out of bounds.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "tinyrt/kernel/kernel_util.h"

namespace tinyrt {
namespace kernels {

class FlexMap {
 public:
  enum class Result : uint8_t { kOk, kMissing, kWrongType };

  // False unless `data` is a well-formed FlexBuffer with a map at its root.
  bool Init(const uint8_t* data, size_t size) {
    if (data == nullptr || size < 3) return false;
    buf_ = data;
    size_ = size;
    const uint8_t root_width = data[size - 1];
    const uint8_t root_type = data[size - 2];
    if (!IsWidth(root_width) || size < 2u + root_width || (root_type >> 2) != kTypeMap) return false;
    const size_t root = size - 2 - root_width;
    width_ = static_cast<uint8_t>(1u << (root_type & 3));
    size_t map = 0;
    if (!Indirect(root, root_width, &map) || map < 3u * width_) return false;
    const uint64_t count = ReadUInt(map - width_, width_);
    const uint64_t keys_width = ReadUInt(map - 2 * width_, width_);
    size_t keys = 0;
    if (!IsWidth(keys_width) || !Indirect(map - 3 * width_, width_, &keys)) return false;
    // Values, then one type byte per value; keys vector with the same count before its data.
    if (count > size || map + count * width_ + count > size) return false;
    if (keys < keys_width || keys + count * keys_width > size || ReadUInt(keys - keys_width, static_cast<uint8_t>(keys_width)) != count) {
      return false;
    }
    values_ = map;
    keys_ = keys;
    keys_width_ = static_cast<uint8_t>(keys_width);
    count_ = static_cast<size_t>(count);
    return true;
  }

  // Integers (signed or unsigned, inline or indirect) and booleans.
  Result Int(const char* key, int64_t* value) const {
    size_t i = 0;
    if (!Find(key, &i)) return Result::kMissing;
    const uint8_t packed = buf_[values_ + count_ * width_ + i];
    const uint8_t type = packed >> 2;
    size_t at = values_ + i * width_;
    uint8_t width = width_;
    if (type == kTypeIndirectInt || type == kTypeIndirectUInt) {
      width = static_cast<uint8_t>(1u << (packed & 3));
      if (!Indirect(at, width_, &at) || at + width > size_) return Result::kWrongType;
    }
    if (type == kTypeInt || type == kTypeIndirectInt) {
      *value = ReadInt(at, width);
    } else if (type == kTypeUInt || type == kTypeIndirectUInt || type == kTypeBool) {
      const uint64_t u = ReadUInt(at, width);
      if (u > static_cast<uint64_t>(INT64_MAX)) return Result::kWrongType;
      *value = static_cast<int64_t>(u);
    } else {
      return Result::kWrongType;
    }
    return Result::kOk;
  }

  // A boolean stored as bool, or as an integer (nonzero is true).
  Result Bool(const char* key, bool* value) const {
    int64_t v = 0;
    const Result r = Int(key, &v);
    if (r == Result::kOk) *value = v != 0;
    return r;
  }

 private:
  // FlexBuffer type codes (flexbuffers::Type).
  static constexpr uint8_t kTypeInt = 1, kTypeUInt = 2, kTypeIndirectInt = 6, kTypeIndirectUInt = 7, kTypeMap = 9, kTypeBool = 26;

  static bool IsWidth(uint64_t w) { return w == 1 || w == 2 || w == 4 || w == 8; }

  uint64_t ReadUInt(size_t at, uint8_t width) const {
    uint64_t v = 0;
    for (uint8_t b = 0; b < width; ++b) v |= static_cast<uint64_t>(buf_[at + b]) << (8 * b);  // little endian
    return v;
  }
  int64_t ReadInt(size_t at, uint8_t width) const {
    const uint64_t u = ReadUInt(at, width);
    if (width == 8) return static_cast<int64_t>(u);
    const uint64_t sign = static_cast<uint64_t>(1) << (8 * width - 1);
    return static_cast<int64_t>((u ^ sign) - sign);  // sign-extend
  }
  // Follows the offset stored at `at` (backwards, as FlexBuffers stores them).
  bool Indirect(size_t at, uint8_t width, size_t* target) const {
    if (at + width > size_) return false;
    const uint64_t offset = ReadUInt(at, width);
    if (offset == 0 || offset > at) return false;
    *target = at - static_cast<size_t>(offset);
    return true;
  }

  bool Find(const char* key, size_t* index) const {
    for (size_t i = 0; i < count_; ++i) {
      size_t s = 0;
      if (!Indirect(keys_ + i * keys_width_, keys_width_, &s)) continue;
      size_t k = 0;
      while (s + k < size_ && key[k] != '\0' && buf_[s + k] == static_cast<uint8_t>(key[k])) ++k;
      if (key[k] == '\0' && s + k < size_ && buf_[s + k] == 0) {
        *index = i;
        return true;
      }
    }
    return false;
  }

  const uint8_t* buf_ = nullptr;
  size_t size_ = 0;
  size_t values_ = 0;  // offset of the map's values
  size_t keys_ = 0;    // offset of the keys vector's elements
  size_t count_ = 0;
  uint8_t width_ = 0;
  uint8_t keys_width_ = 0;
};

// Reads a custom op's options in Prepare; every failure names the key.
class CustomOptions {
 public:
  explicit CustomOptions(PrepareContext& ctx) : ctx_(ctx) {
    uint32_t size = 0;
    const uint8_t* data = ctx.custom_options(&size);
    valid_ = map_.Init(data, size);
  }

  // An integer option within [min, max].
  Status Int(const char* key, int32_t min, int32_t max, int32_t* value) const {
    int64_t v = 0;
    TINYRT_RETURN_IF_ERROR(Check(key, map_.Int(key, &v), "an integer"));
    if (v < min || v > max) {
      return ctx_.Fail(StatusCode::kUnsupported)
             << "custom option '" << key << "' is " << v << ", must be in [" << min << ", " << max << "]";
    }
    *value = static_cast<int32_t>(v);
    return Status::Ok();
  }

  Status Bool(const char* key, bool* value) const { return Check(key, map_.Bool(key, value), "a boolean"); }

 private:
  Status Check(const char* key, FlexMap::Result result, const char* what) const {
    if (!valid_) {
      return ctx_.Fail(StatusCode::kInvalidModel) << "custom options are missing or not a FlexBuffer map (needed for '" << key << "')";
    }
    if (result == FlexMap::Result::kMissing) return ctx_.Fail(StatusCode::kInvalidModel) << "custom option '" << key << "' is missing";
    if (result == FlexMap::Result::kWrongType) {
      return ctx_.Fail(StatusCode::kInvalidModel) << "custom option '" << key << "' must be " << what;
    }
    return Status::Ok();
  }

  PrepareContext& ctx_;
  FlexMap map_;
  bool valid_ = false;
};

}  // namespace kernels
}  // namespace tinyrt
