#include "tinyrt/error_builder.h"

namespace tinyrt {

ErrorBuilder::ErrorBuilder(StatusCode code, char* buffer, size_t capacity)
    : code_(code), buffer_(buffer), capacity_(capacity) {
  if (capacity_ > 0) buffer_[0] = '\0';
}

ErrorBuilder& ErrorBuilder::operator<<(const char* text) {
  if (text == nullptr) text = "(null)";
  while (*text != '\0' && length_ + 1 < capacity_) buffer_[length_++] = *text++;
  if (capacity_ > 0) buffer_[length_] = '\0';
  return *this;
}

ErrorBuilder& ErrorBuilder::operator<<(int64_t value) {
  char digits[24];
  int n = 0;
  // Work on the negative magnitude so INT64_MIN needs no special case.
  int64_t v = value > 0 ? -value : value;
  do {
    digits[n++] = static_cast<char>('0' - (v % 10));
    v /= 10;
  } while (v != 0);
  if (value < 0) digits[n++] = '-';
  char text[24];
  for (int i = 0; i < n; ++i) text[i] = digits[n - 1 - i];
  text[n] = '\0';
  return *this << static_cast<const char*>(text);
}

}  // namespace tinyrt
