// SPDX-License-Identifier: Apache-2.0
// Status values returned by every fallible tinyrt call: no exceptions anywhere.
#pragma once

#include <stddef.h>
#include <stdint.h>

// Error messages: on by default. Firmware can build with TINYRT_ERROR_MESSAGES=0 (CMake option of
// the same name): every message then compiles out with its strings and formatting code, and a
// status's message() is a short code instead: "E<status code>", plus "@<node>" when an operator
// failed (e.g. "E2@5": unsupported, node 5); see docs/mcu.md.
#ifndef TINYRT_ERROR_MESSAGES
#define TINYRT_ERROR_MESSAGES 1
#endif

// A message literal that disappears when messages are compiled out (the status then reports
// its short code).
#if TINYRT_ERROR_MESSAGES
#define TINYRT_MSG(text) (text)
#else
#define TINYRT_MSG(text) (static_cast<const char*>(nullptr))
#endif

// A function without side effects (reads only): calls whose result is unused, such as the
// operands of a compiled-out error message, are removed by the compiler.
#if defined(__GNUC__)
#define TINYRT_PURE __attribute__((pure))
#else
#define TINYRT_PURE
#endif

namespace tinyrt {

enum class StatusCode : uint8_t {
  kOk = 0,
  kInvalidModel,     // the buffer is not a valid (or not a runnable) TFLite model
  kUnsupported,      // an op, op version, tensor type or feature tinyrt cannot run
  kMissingOp,        // the model needs an op that was not registered with the resolver
  kArenaTooSmall,    // the tensor arena cannot hold what the model needs
  kInvalidArgument,  // a caller passed a bad index, size or pointer
  kNotReady,         // a call made in the wrong order (e.g. Invoke before AllocateTensors)
  kResolverFull,     // a MicroMutableOpResolver<N> already holds N ops
  kInternal,
};

// "E0" ... "E8": the text of a status whose message was compiled out.
inline constexpr char kStatusShortCodes[10][3] = {"E0", "E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E?"};
constexpr const char* StatusShortCode(StatusCode code) {
  return kStatusShortCodes[static_cast<unsigned>(code) < 9 ? static_cast<unsigned>(code) : 9];
}

#if TINYRT_ERROR_MESSAGES

// A status code plus a human-readable message; [[nodiscard]]: a status is checked or explicitly
// dropped with static_cast<void>. The message points into storage owned by the
// object that produced the status (model, interpreter, resolver) or into static strings, and
// stays valid until that object reports its next error.
class [[nodiscard]] Status {
 public:
  constexpr Status() : code_(StatusCode::kOk), message_("ok") {}
  constexpr Status(StatusCode code, const char* message) : code_(code), message_(message) {}

  static constexpr Status Ok() { return Status(); }

  constexpr bool ok() const { return code_ == StatusCode::kOk; }
  constexpr StatusCode code() const { return code_; }
  const char* message() const { return message_ != nullptr ? message_ : StatusShortCode(code_); }

 private:
  StatusCode code_;
  const char* message_;
};

#else  // !TINYRT_ERROR_MESSAGES

// Without messages a status is one pointer, returned in a register: nullptr for ok, else its
// short code "E<code>", possibly followed by "@<node>" (text written by the object that failed),
// from which code() reads the code back. The same interface as with messages; like the message,
// the code of a status pointing into an object's buffer is valid until that object's next error.
class [[nodiscard]] Status {
 public:
  constexpr Status() : text_(nullptr) {}
  constexpr Status(StatusCode code, const char* = nullptr) : text_(code == StatusCode::kOk ? nullptr : StatusShortCode(code)) {}

  static constexpr Status Ok() { return Status(); }
  // A failure whose text ("E<code>[@<node>]") is in caller-owned storage (ErrorBuilder).
  static constexpr Status FromShortCode(const char* text) { return Status(text); }

  constexpr bool ok() const { return text_ == nullptr; }
  constexpr StatusCode code() const { return text_ == nullptr ? StatusCode::kOk : static_cast<StatusCode>(text_[1] - '0'); }
  const char* message() const { return text_ == nullptr ? "ok" : text_; }

 private:
  constexpr explicit Status(const char* text) : text_(text) {}
  const char* text_;
};

#endif  // TINYRT_ERROR_MESSAGES

// Bytes an object reserves for its last error message: `full` with messages, room for a short
// code ("E2@32767") without.
constexpr size_t ErrorCapacity(size_t full) { return TINYRT_ERROR_MESSAGES ? full : 12; }

// Short name of a status code ("arena too small", ...).
TINYRT_PURE const char* StatusCodeName(StatusCode code);

}  // namespace tinyrt

#define TINYRT_RETURN_IF_ERROR(expr)          \
  do {                                        \
    const ::tinyrt::Status status__ = (expr); \
    if (!status__.ok()) return status__;      \
  } while (0)
