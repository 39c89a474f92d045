// SPDX-License-Identifier: Apache-2.0
// Out of line so every kernel and element type shares one copy (firmware size).
#include "src/kernels/in_place_rows.h"

#include <string.h>

namespace tinyrt {
namespace kernels {
namespace in_place_detail {

// 32-bit arithmetic throughout (no 64-bit division on small cores): tensors are below 2^31
// bytes, so row offsets fit, and row indices, padding and strides are small.
int32_t FloorDiv(int32_t a, int32_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
int32_t CeilDiv(int32_t a, int32_t b) { return -FloorDiv(-a, b); }

// First and last output rows that read input row i (first > last: none does).
void Readers(const RowWindow& w, int32_t i, int32_t* first, int32_t* last) {
  int32_t f = CeilDiv(i + w.pad - w.extent + 1, w.stride);
  int32_t l = FloorDiv(i + w.pad, w.stride);
  *first = f < 0 ? 0 : f;
  *last = l > w.out_rows - 1 ? w.out_rows - 1 : l;
}

// The output row whose writes reach input row i first in processing order, or -1 if none does.
int32_t Overwriter(const RowWindow& w, bool reverse, int32_t i) {
  const uint32_t begin = static_cast<uint32_t>(i) * w.in_row_bytes;
  const uint32_t out_end = static_cast<uint32_t>(w.out_rows) * w.out_row_bytes;
  if (begin >= out_end || w.out_row_bytes == 0) return -1;
  if (!reverse) return static_cast<int32_t>(begin / w.out_row_bytes);
  const uint32_t last_byte = begin + w.in_row_bytes - 1;
  const uint32_t r = last_byte / w.out_row_bytes;
  return r > static_cast<uint32_t>(w.out_rows - 1) ? w.out_rows - 1 : static_cast<int32_t>(r);
}

// Whether input row i goes to the ring, and from which output row on it is read from there.
bool Saved(const RowWindow& w, bool reverse, int32_t i, int32_t* from) {
  int32_t first, last;
  Readers(w, i, &first, &last);
  if (first > last) return false;
  const int32_t r = Overwriter(w, reverse, i);
  *from = r;
  return r >= 0 && (reverse ? r >= first : r <= last);
}

// Rows the ring must hold at once: the widest span of saved rows alive at one output row.
int32_t RingRows(const RowWindow& w, bool reverse) {
  int32_t widest = 0;
  for (int32_t r = 0; r < w.out_rows; ++r) {
    int32_t low = -1, high = -1;
    for (int32_t i = 0; i < w.in_rows; ++i) {
      int32_t from, first, last;
      if (!Saved(w, reverse, i, &from)) continue;
      Readers(w, i, &first, &last);
      const bool alive = reverse ? (r <= from && r >= first) : (r >= from && r <= last);
      if (!alive) continue;
      if (low < 0) low = i;
      high = i;
    }
    if (low >= 0 && high - low + 1 > widest) widest = high - low + 1;
  }
  return widest;
}

}  // namespace in_place_detail

// Picks the order with the smaller ring; false when running in place would not save memory.
bool PlanInPlaceRows(const RowWindow& w, InPlaceRows* plan) {
  plan->ring_rows = 0;
  plan->reverse = 0;
  if (w.in_rows <= 0 || w.out_rows <= 0 || w.stride <= 0) return false;
  const int32_t forward = in_place_detail::RingRows(w, false);
  const int32_t backward = in_place_detail::RingRows(w, true);
  const bool reverse = backward < forward;
  const int32_t rows = reverse ? backward : forward;
  const uint32_t in_bytes = static_cast<uint32_t>(w.in_rows) * w.in_row_bytes;
  const uint32_t out_bytes = static_cast<uint32_t>(w.out_rows) * w.out_row_bytes;
  if (rows > 0xFFFF) return false;
  const uint32_t ring = static_cast<uint32_t>(rows) * w.in_row_bytes;  // at most the input
  if (ring >= (in_bytes < out_bytes ? in_bytes : out_bytes)) return false;
  plan->ring_rows = static_cast<uint16_t>(rows == 0 ? 1 : rows);  // 1 marks "in place" even without copies
  plan->reverse = reverse ? 1 : 0;
  return true;
}

void RowReader::Begin(int32_t r) {
  current_ = r;
  if (ring_rows_ == 0) return;
  // Input rows whose bytes output row r overlaps.
  const uint32_t begin = static_cast<uint32_t>(r) * w_.out_row_bytes;
  const uint32_t end = begin + w_.out_row_bytes;
  int32_t i = static_cast<int32_t>(begin / w_.in_row_bytes);
  for (; i < w_.in_rows && static_cast<uint32_t>(i) * w_.in_row_bytes < end; ++i) {
    int32_t from;
    if (in_place_detail::Saved(w_, reverse_, i, &from) && from == r) {
      memcpy(ring_ + static_cast<uint32_t>(i % ring_rows_) * w_.in_row_bytes, input_ + static_cast<uint32_t>(i) * w_.in_row_bytes,
             w_.in_row_bytes);
    }
  }
}

const uint8_t* RowReader::SavedRow(int32_t i) const {
  int32_t from;
  if (in_place_detail::Saved(w_, reverse_, i, &from) && (reverse_ ? current_ <= from : current_ >= from)) {
    return ring_ + static_cast<uint32_t>(i % ring_rows_) * w_.in_row_bytes;
  }
  return input_ + static_cast<uint32_t>(i) * w_.in_row_bytes;
}

}  // namespace kernels
}  // namespace tinyrt
