// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: MicroProfiler records each op's start and end ticks
// (GetCurrentTimeTicks, micro_time.h) and logs them with MicroPrintf.
#pragma once

#include <stdint.h>

#include "tensorflow/lite/micro/micro_profiler_interface.h"

#ifndef TINYRT_TFLM_PROFILER_EVENTS
#define TINYRT_TFLM_PROFILER_EVENTS 256
#endif

namespace tflite {

class MicroProfiler : public MicroProfilerInterface {
 public:
  MicroProfiler() = default;
  MicroProfiler(const MicroProfiler&) = delete;
  MicroProfiler& operator=(const MicroProfiler&) = delete;

  uint32_t BeginEvent(const char* tag) override;
  void EndEvent(uint32_t event_handle) override;
  void ClearEvents() { num_events_ = 0; }
  uint32_t GetTotalTicks() const;
  int num_events() const { return num_events_; }
  const char* event_tag(int i) const { return tags_[i]; }
  uint32_t event_ticks(int i) const { return end_ticks_[i] - start_ticks_[i]; }

  // One line per event: "<tag> took <ticks> ticks (<ms> ms)."
  void Log() const;
  // "Event,Tag,Ticks" then one line per event.
  void LogCsv() const;
  // "Op,Count,Ticks,Percent" per distinct tag, then the total.
  void LogTicksPerTagCsv();

  static constexpr int kMaxEvents = TINYRT_TFLM_PROFILER_EVENTS;

 private:
  const char* tags_[kMaxEvents] = {};
  uint32_t start_ticks_[kMaxEvents] = {};
  uint32_t end_ticks_[kMaxEvents] = {};
  int num_events_ = 0;
};

}  // namespace tflite
