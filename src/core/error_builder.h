// SPDX-License-Identifier: Apache-2.0
// Builds an error message into a caller-owned buffer without printf: a few hundred bytes of
// code instead of a C library formatter, usable on the smallest targets.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "tinyrt/status.h"

namespace tinyrt {

#if TINYRT_ERROR_MESSAGES

class ErrorBuilder {
 public:
  ErrorBuilder(StatusCode code, char* buffer, size_t capacity);

  ErrorBuilder& operator<<(const char* text);
  ErrorBuilder& operator<<(int64_t value);
  // Six significant digits ("0.00390625" -> "0.00390625", 1e20 -> "1e+20"), in float arithmetic.
  ErrorBuilder& operator<<(float value);
  ErrorBuilder& operator<<(double value) { return *this << static_cast<float>(value); }
  // Any other integer type (int, size_t, uint32_t, ...), whatever the platform calls them.
  template <typename T, typename = decltype(static_cast<int64_t>(T()) + 0), typename = char[sizeof(T) <= 8 && T(0.5) == 0 ? 1 : -1]>
  ErrorBuilder& operator<<(T value) {
    return *this << static_cast<int64_t>(value);
  }

  // The node an error belongs to (with messages, the caller writes it into the text).
  ErrorBuilder& AtNode(int) { return *this; }

  operator Status() const { return Status(code_, buffer_); }  // NOLINT: the point of the type

 private:
  StatusCode code_;
  char* buffer_;
  size_t capacity_;
  size_t length_ = 0;
};

#else  // !TINYRT_ERROR_MESSAGES

// Messages compiled out: every << is an inline no-op, so the texts and the number formatting
// vanish from the image. The buffer (at least ErrorCapacity() bytes) receives the short code
// "E<code>", AtNode() appends "@<node>". One pointer, like Status: returned in a register.
class ErrorBuilder {
 public:
  ErrorBuilder(StatusCode code, char* buffer, size_t capacity);

  template <typename T>
  ErrorBuilder& operator<<(const T&) {
    return *this;
  }
  ErrorBuilder& AtNode(int node);

  operator Status() const { return Status::FromShortCode(buffer_); }  // NOLINT: the point of the type

 private:
  char* buffer_;
};

#endif  // TINYRT_ERROR_MESSAGES

}  // namespace tinyrt
