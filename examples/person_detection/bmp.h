// SPDX-License-Identifier: Apache-2.0
// Minimal BMP reader for the example's 96x96 8-bit grayscale test images (host only).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "examples/person_detection/person_detector.h"
#include "tools/host_support.h"

namespace person_detection {

// Decodes an uncompressed 8-bit palettized BMP into top-row-first gray values.
inline bool ReadGrayBmp(const std::string& path, std::vector<uint8_t>* pixels, std::string* error) {
  std::vector<uint8_t> file;
  if (!tinyrt::host::ReadFile(path, &file)) return *error = "cannot read " + path, false;
  auto u32 = [&](size_t at) { return file[at] | file[at + 1] << 8 | file[at + 2] << 16 | static_cast<uint32_t>(file[at + 3]) << 24; };
  if (file.size() < 54 || file[0] != 'B' || file[1] != 'M') return *error = path + " is not a BMP", false;
  const uint32_t data_offset = u32(10), header_size = u32(14);
  const int32_t width = static_cast<int32_t>(u32(18)), height = static_cast<int32_t>(u32(22));
  const int bpp = file[28] | file[29] << 8;
  if (bpp != 8 || u32(30) != 0) return *error = path + ": only uncompressed 8-bit BMPs are supported", false;
  const int rows = height < 0 ? -height : height;
  if (width != person_detection::kImageSize || rows != person_detection::kImageSize) return *error = path + " is not 96x96", false;
  const size_t stride = (static_cast<size_t>(width) + 3) & ~size_t{3};
  const size_t palette = 14 + header_size;
  if (data_offset + stride * rows > file.size() || palette + 4 * 256 > data_offset) return *error = path + " is truncated", false;
  pixels->resize(static_cast<size_t>(width) * rows);
  for (int y = 0; y < rows; ++y) {
    const int source_row = height > 0 ? rows - 1 - y : y;  // positive height: stored bottom-up
    for (int x = 0; x < width; ++x) {
      const uint8_t index = file[data_offset + source_row * stride + x];
      (*pixels)[static_cast<size_t>(y) * width + x] = file[palette + 4 * index];  // gray palette: R == G == B
    }
  }
  return true;
}

}  // namespace person_detection
