// SPDX-License-Identifier: Apache-2.0
// A MicroProfiler for firmware: per op, the core's cycle counter (board_cycles(): DWT CYCCNT on
// real Armv7-M+ hardware) and the marker calls tinyrt_op_begin/tinyrt_op_end, between which
// targets/qemu_plugin counts the instructions executed under QEMU (where DWT reads 0). Print()
// writes one line per op: "op <i> <tag> cycles <n>"; targets/qemu_plugin/profile.py pairs them
// with the plugin's counts.
//
//   OpProfiler<64> profiler;
//   tinyrt::MicroInterpreter interpreter(model, resolver, arena, size, &profiler);
#pragma once

#include <stdint.h>

#include "board.h"
#include "tinyrt/profiler.h"

namespace tinyrt_board {

template <unsigned kMaxEvents>
class OpProfiler : public tinyrt::MicroProfiler {
 public:
  uint32_t BeginEvent(const char* tag) override {
    const uint32_t event = count_ < kMaxEvents ? count_++ : kMaxEvents - 1;  // the last slot absorbs overflow
    tags_[event] = tag;
    tinyrt_op_begin();
    start_[event] = board_cycles();
    return event;
  }
  void EndEvent(uint32_t event) override {
    cycles_[event] = board_cycles() - start_[event];
    tinyrt_op_end();
  }

  void Reset() { count_ = 0; }
  unsigned count() const { return count_; }
  const char* tag(unsigned i) const { return tags_[i]; }
  uint32_t cycles(unsigned i) const { return cycles_[i]; }

 private:
  const char* tags_[kMaxEvents] = {};
  uint32_t start_[kMaxEvents] = {};
  uint32_t cycles_[kMaxEvents] = {};
  unsigned count_ = 0;
};

}  // namespace tinyrt_board
