// SPDX-License-Identifier: Apache-2.0
// MicroPrintf: a small printf of its own (no vsnprintf: a C library's may allocate, e.g. to
// format floats), one line at a time into a stack buffer, written through tflite::DebugLog.
// Conversions: d i u x X c s p f e g (e and g print as f) %, flags '-' '0', width, precision,
// lengths h hh l ll z.
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "tensorflow/lite/micro/micro_log.h"

namespace tflite {
namespace {

class Line {
 public:
  void Put(char c) {
    if (n_ < sizeof(text_) - 2) text_[n_++] = c;
  }
  void Pad(int count, char c) {
    for (int i = 0; i < count; ++i) Put(c);
  }
  // `digits` (most significant first) with sign, padded to `width`.
  void Field(const char* sign, const char* body, int length, int width, bool left, bool zero) {
    int sign_length = 0;
    while (sign[sign_length] != '\0') ++sign_length;
    const int padding = width > length + sign_length ? width - length - sign_length : 0;
    if (!left && !zero) Pad(padding, ' ');
    for (int i = 0; i < sign_length; ++i) Put(sign[i]);
    if (!left && zero) Pad(padding, '0');
    for (int i = 0; i < length; ++i) Put(body[i]);
    if (left) Pad(padding, ' ');
  }
  const char* Finish() {
    text_[n_++] = '\n';
    text_[n_] = '\0';
    return text_;
  }

 private:
  char text_[256];
  size_t n_ = 0;
};

// Digits of `v` in `base` into the end of buf[0..32); returns the first.
char* Digits(unsigned long long v, unsigned base, bool upper, char* end) {
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char* p = end;
  do {
    *--p = digits[v % base];
    v /= base;
  } while (v != 0);
  return p;
}

void Float(Line& line, double v, int precision, int width, bool left, bool zero) {
  if (precision < 0) precision = 6;
  if (precision > 9) precision = 9;
  const char* sign = "";
  if (v != v) {
    line.Field("", "nan", 3, width, left, false);
    return;
  }
  if (v < 0) {
    sign = "-";
    v = -v;
  }
  if (v > 1.8e19) {
    line.Field(sign, "inf", 3, width, left, false);
    return;
  }
  unsigned long long scale = 1;
  for (int i = 0; i < precision; ++i) scale *= 10;
  unsigned long long whole = static_cast<unsigned long long>(v);
  unsigned long long fraction = static_cast<unsigned long long>((v - static_cast<double>(whole)) * scale + 0.5);
  if (fraction >= scale) {
    ++whole;
    fraction -= scale;
  }
  char buf[48];
  char* end = buf + sizeof(buf);
  char* p = end;
  if (precision > 0) {
    for (int i = 0; i < precision; ++i) {
      *--p = static_cast<char>('0' + fraction % 10);
      fraction /= 10;
    }
    *--p = '.';
  }
  p = Digits(whole, 10, false, p);
  line.Field(sign, p, static_cast<int>(end - p), width, left, zero);
}

}  // namespace

void VMicroPrintf(const char* format, va_list args) {
  Line line;
  for (const char* f = format; *f != '\0'; ++f) {
    if (*f != '%') {
      line.Put(*f);
      continue;
    }
    bool left = false, zero = false;
    for (++f; *f == '-' || *f == '0' || *f == '+' || *f == ' ' || *f == '#'; ++f) {
      left = left || *f == '-';
      zero = zero || *f == '0';
    }
    int width = 0;
    if (*f == '*') {
      width = va_arg(args, int);
      ++f;
    }
    for (; *f >= '0' && *f <= '9'; ++f) width = width * 10 + (*f - '0');
    int precision = -1;
    if (*f == '.') {
      precision = 0;
      for (++f; *f >= '0' && *f <= '9'; ++f) precision = precision * 10 + (*f - '0');
    }
    int longs = 0;
    bool size = false;
    for (; *f == 'l' || *f == 'h' || *f == 'z' || *f == 'j' || *f == 't'; ++f) {
      if (*f == 'l') ++longs;
      if (*f == 'z' || *f == 'j' || *f == 't') size = true;
    }
    char buf[32];
    char* end = buf + sizeof(buf);
    switch (*f) {
      case 'd':
      case 'i': {
        const long long v = longs >= 2 ? va_arg(args, long long) : longs == 1 || size ? va_arg(args, long) : va_arg(args, int);
        const unsigned long long magnitude = v < 0 ? 0ull - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
        char* p = Digits(magnitude, 10, false, end);
        line.Field(v < 0 ? "-" : "", p, static_cast<int>(end - p), width, left, zero);
        break;
      }
      case 'u':
      case 'x':
      case 'X': {
        const unsigned long long v = longs >= 2           ? va_arg(args, unsigned long long)
                                     : longs == 1 || size ? va_arg(args, unsigned long)
                                                          : va_arg(args, unsigned);
        char* p = Digits(v, *f == 'u' ? 10 : 16, *f == 'X', end);
        line.Field("", p, static_cast<int>(end - p), width, left, zero);
        break;
      }
      case 'p': {
        char* p = Digits(reinterpret_cast<uintptr_t>(va_arg(args, void*)), 16, false, end);
        line.Field("0x", p, static_cast<int>(end - p), width, left, zero);
        break;
      }
      case 'c':
        buf[0] = static_cast<char>(va_arg(args, int));
        line.Field("", buf, 1, width, left, false);
        break;
      case 's': {
        const char* s = va_arg(args, const char*);
        if (s == nullptr) s = "(null)";
        int length = 0;
        while (s[length] != '\0' && (precision < 0 || length < precision)) ++length;
        line.Field("", s, length, width, left, false);
        break;
      }
      case 'f':
      case 'F':
      case 'e':
      case 'E':
      case 'g':
      case 'G': Float(line, va_arg(args, double), precision, width, left, zero); break;
      case '%': line.Put('%'); break;
      case '\0':
        --f;  // a lone '%' at the end
        break;
      default:
        line.Put('%');
        line.Put(*f);
        break;
    }
  }
  DebugLog(line.Finish());
}

void MicroPrintf(const char* format, ...) {
  va_list args;
  va_start(args, format);
  VMicroPrintf(format, args);
  va_end(args);
}

}  // namespace tflite
