// SPDX-License-Identifier: Apache-2.0
#include "src/core/error_builder.h"

namespace tinyrt {

#if TINYRT_ERROR_MESSAGES
namespace {

// Decimal digits of `magnitude` into `text` (NUL-terminated), with a leading '-' if `negative`.
// 64-bit values are divided by 10 in 16-bit steps, so no 64-bit division routine from the
// compiler's support library is linked.
void FormatDecimal(uint64_t magnitude, bool negative, char* text) {
  char digits[24];
  int n = 0;
  do {
    uint32_t remainder = 0;
    uint64_t quotient = 0;
    for (int shift = 48; shift >= 0; shift -= 16) {
      const uint32_t part = (remainder << 16) | static_cast<uint32_t>((magnitude >> shift) & 0xFFFFu);
      quotient |= static_cast<uint64_t>(part / 10) << shift;
      remainder = part % 10;
    }
    digits[n++] = static_cast<char>('0' + remainder);
    magnitude = quotient;
  } while (magnitude != 0);
  int length = 0;
  if (negative) text[length++] = '-';
  while (n > 0) text[length++] = digits[--n];
  text[length] = '\0';
}

}  // namespace

ErrorBuilder::ErrorBuilder(StatusCode code, char* buffer, size_t capacity) : code_(code), buffer_(buffer), capacity_(capacity) {
  if (capacity_ > 0) buffer_[0] = '\0';
}

ErrorBuilder& ErrorBuilder::operator<<(const char* text) {
  if (text == nullptr) text = "(null)";
  while (*text != '\0' && length_ + 1 < capacity_) buffer_[length_++] = *text++;
  if (capacity_ > 0) buffer_[length_] = '\0';
  return *this;
}

ErrorBuilder& ErrorBuilder::operator<<(int64_t value) {
  const uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  char text[24];
  FormatDecimal(magnitude, value < 0, text);
  return *this << static_cast<const char*>(text);
}

ErrorBuilder& ErrorBuilder::operator<<(float value) {
  if (value != value) return *this << "nan";
  if (value < 0.0f) {
    *this << "-";
    value = -value;
  }
  if (value > 3.4028235e38f) return *this << "inf";
  if (value == 0.0f) return *this << "0";
  // value = m * 10^exponent with 1 <= m < 10, then six digits of m, rounded.
  int exponent = 0;
  while (value >= 10.0f) value /= 10.0f, ++exponent;
  while (value < 1.0f) value *= 10.0f, --exponent;
  int32_t digits = static_cast<int32_t>(value * 100000.0f + 0.5f);
  if (digits >= 1000000) digits /= 10, ++exponent;
  char text[24];
  int n = 0;
  const bool fixed = exponent >= -4 && exponent < 7;
  int point = fixed ? exponent : 0;  // digits before the decimal point, minus one
  if (fixed && exponent < 0) {
    text[n++] = '0';
    text[n++] = '.';
    for (int z = -1; z > exponent; --z) text[n++] = '0';
    point = -1;
  }
  char six[6];
  for (int k = 5; k >= 0; --k) six[k] = static_cast<char>('0' + digits % 10), digits /= 10;
  int last = 5;
  while (last > point && last > 0 && six[last] == '0') --last;  // no trailing fraction zeros
  for (int k = 0; k <= (last > point ? last : point); ++k) {
    text[n++] = k <= 5 ? six[k] : '0';
    if (k == point && k < last) text[n++] = '.';
  }
  if (!fixed) {
    text[n++] = 'e';
    text[n++] = exponent < 0 ? '-' : '+';
    const int e = exponent < 0 ? -exponent : exponent;
    if (e >= 10) text[n++] = static_cast<char>('0' + e / 10);
    text[n++] = static_cast<char>('0' + e % 10);
  }
  text[n] = '\0';
  return *this << static_cast<const char*>(text);
}

#else  // !TINYRT_ERROR_MESSAGES

ErrorBuilder::ErrorBuilder(StatusCode code, char* buffer, size_t) : buffer_(buffer) {
  // "E<code>" (the buffer holds at least ErrorCapacity(), 12 bytes).
  buffer_[0] = 'E';
  buffer_[1] = static_cast<char>('0' + static_cast<int>(code));
  buffer_[2] = '\0';
}

ErrorBuilder& ErrorBuilder::AtNode(int node) {
  // "@<node>" after the code: nodes are below 2^15, so "E2@32767" fits in 12 bytes.
  char digits[8];
  int n = 0;
  uint32_t value = static_cast<uint32_t>(node) & 0x7FFFu;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  size_t length = 2;
  buffer_[length++] = '@';
  while (n > 0) buffer_[length++] = digits[--n];
  buffer_[length] = '\0';
  return *this;
}

#endif  // TINYRT_ERROR_MESSAGES

}  // namespace tinyrt
