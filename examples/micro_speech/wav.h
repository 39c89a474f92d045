// SPDX-License-Identifier: Apache-2.0
// Reads the 16-bit mono PCM samples of a WAV file (host only).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tools/host_support.h"

namespace micro_speech {

inline bool ReadWav(const std::string& path, std::vector<int16_t>* samples) {
  std::vector<uint8_t> bytes;
  if (!tinyrt::host::ReadFile(path, &bytes) || bytes.size() < 12) return false;
  samples->clear();
  size_t at = 12;  // after "RIFF", size, "WAVE": walk the chunks to "data"
  while (at + 8 <= bytes.size()) {
    const uint32_t size = bytes[at + 4] | bytes[at + 5] << 8 | bytes[at + 6] << 16 | static_cast<uint32_t>(bytes[at + 7]) << 24;
    if (bytes[at] == 'd' && bytes[at + 1] == 'a' && bytes[at + 2] == 't' && bytes[at + 3] == 'a') {
      for (size_t i = at + 8; i + 1 < at + 8 + size && i + 1 < bytes.size(); i += 2) {
        samples->push_back(static_cast<int16_t>(bytes[i] | bytes[i + 1] << 8));
      }
      return true;
    }
    at += 8 + size;
  }
  return false;
}

}  // namespace micro_speech
