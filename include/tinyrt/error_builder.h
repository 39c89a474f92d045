// Builds an error message into a caller-owned buffer without printf: a few hundred bytes of
// code instead of a C library formatter, usable on the smallest targets.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "tinyrt/status.h"

namespace tinyrt {

class ErrorBuilder {
 public:
  ErrorBuilder(StatusCode code, char* buffer, size_t capacity);

  ErrorBuilder& operator<<(const char* text);
  ErrorBuilder& operator<<(int64_t value);
  // Any other integer type (int, size_t, uint32_t, ...), whatever the platform calls them.
  template <typename T, typename = decltype(static_cast<int64_t>(T()) + 0), typename = char[sizeof(T) <= 8 && T(0.5) == 0 ? 1 : -1]>
  ErrorBuilder& operator<<(T value) {
    return *this << static_cast<int64_t>(value);
  }

  operator Status() const { return Status(code_, buffer_); }  // NOLINT: the point of the type

 private:
  StatusCode code_;
  char* buffer_;
  size_t capacity_;
  size_t length_ = 0;
};

}  // namespace tinyrt
