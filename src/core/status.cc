// SPDX-License-Identifier: Apache-2.0
#include "tinyrt/status.h"

namespace tinyrt {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidModel: return "invalid model";
    case StatusCode::kUnsupported: return "unsupported";
    case StatusCode::kMissingOp: return "missing op";
    case StatusCode::kArenaTooSmall: return "arena too small";
    case StatusCode::kInvalidArgument: return "invalid argument";
    case StatusCode::kNotReady: return "not ready";
    case StatusCode::kResolverFull: return "resolver full";
    case StatusCode::kInternal: return "internal error";
  }
  return "unknown";
}

}  // namespace tinyrt
