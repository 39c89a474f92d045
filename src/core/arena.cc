// SPDX-License-Identifier: Apache-2.0
// The arena's persistent side: tables, op data and state are allocated upward from the start;
// the planned buffers follow them (planning.cc).
#include <string.h>

#include "src/core/error_builder.h"
#include "src/core/interpreter_internal.h"

namespace tinyrt {

using internal::AlignUp;
using internal::kArenaAlignment;

void* MicroInterpreter::AllocatePersistent(size_t bytes, size_t alignment) {
  if (alignment == 0 || (alignment & (alignment - 1)) != 0 || alignment > kArenaAlignment) return nullptr;
  const size_t start = AlignUp(persistent_used_, alignment);
  if (start > arena_size_ || bytes > arena_size_ - start) {
    persistent_used_ = start + bytes;  // remembered for the error message
    return nullptr;
  }
  persistent_used_ = start + bytes;
  memset(arena_ + start, 0, bytes);
  return arena_ + start;
}

Status MicroInterpreter::ArenaTooSmall(size_t needed, const char* during) {
  ErrorBuilder e = Fail(StatusCode::kArenaTooSmall);
  const uint64_t have = arena_size_ + arena_misalignment_;
  if (during == nullptr) {
    e << "arena has " << have << " bytes, model needs " << static_cast<uint64_t>(needed + arena_misalignment_) << " ("
      << static_cast<uint64_t>(persistent_used_) << " persistent + " << static_cast<uint64_t>(planned_size_) << " planned";
    if (arena_planner_workspace_bytes() != 0) e << " + " << static_cast<uint64_t>(arena_planner_workspace_bytes()) << " planner workspace";
    if (arena_misalignment_ != 0) e << " + " << static_cast<uint64_t>(arena_misalignment_) << " to align the arena to 16 bytes";
    e << ")";
  } else {
    e << "arena has " << have << " bytes, model needs more than " << static_cast<uint64_t>(needed + arena_misalignment_)
      << " (ran out while " << during << ")";
  }
  return e;
}

}  // namespace tinyrt
