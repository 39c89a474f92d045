// Status values returned by every fallible tinyrt call: no exceptions anywhere.
#pragma once

#include <stdint.h>

namespace tinyrt {

enum class StatusCode : uint8_t {
  kOk = 0,
  kInvalidModel,       // the buffer is not a valid (or not a runnable) TFLite model
  kUnsupported,        // an op, op version, tensor type or feature tinyrt cannot run
  kMissingOp,          // the model needs an op that was not registered with the resolver
  kArenaTooSmall,      // the tensor arena cannot hold what the model needs
  kInvalidArgument,    // a caller passed a bad index, size or pointer
  kNotReady,           // a call made in the wrong order (e.g. Invoke before AllocateTensors)
  kResolverFull,       // a MicroMutableOpResolver<N> already holds N ops
  kInternal,
};

// A status code plus a human-readable message. The message points into storage owned by the
// object that produced the status (model, interpreter, resolver) or into static strings, and
// stays valid until that object reports its next error.
class Status {
 public:
  constexpr Status() : code_(StatusCode::kOk), message_("ok") {}
  constexpr Status(StatusCode code, const char* message) : code_(code), message_(message) {}

  static constexpr Status Ok() { return Status(); }

  constexpr bool ok() const { return code_ == StatusCode::kOk; }
  constexpr StatusCode code() const { return code_; }
  constexpr const char* message() const { return message_; }

 private:
  StatusCode code_;
  const char* message_;
};

// Short name of a status code ("arena too small", ...).
const char* StatusCodeName(StatusCode code);

}  // namespace tinyrt

#define TINYRT_RETURN_IF_ERROR(expr)          \
  do {                                        \
    const ::tinyrt::Status status__ = (expr); \
    if (!status__.ok()) return status__;      \
  } while (0)
