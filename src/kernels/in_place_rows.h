// In-place execution of windowed ops (convolution, depthwise convolution, pooling): the output
// starts at the input's address, so the op needs max(input, output) bytes instead of their sum.
//
// Output row r (all its columns and channels) covers bytes [r*So, (r+1)*So) of the shared buffer
// and reads input rows [r*stride - pad, r*stride - pad + extent). An input row that an output row
// overwrites while a later output row still needs it is first copied into a small ring buffer
// (scratch). Rows are processed forward, or backward when the output is larger than the input
// (then an output row only overwrites input rows that later, i.e. lower, rows do not need).
// The ring size is fixed at Prepare, from the geometry alone; every output value is computed
// from the same input values as out of place, so results are bit-identical.
#pragma once

#include <stdint.h>
#include <string.h>

namespace tinyrt {
namespace kernels {

struct RowWindow {
  int32_t in_rows;
  int32_t out_rows;
  uint32_t in_row_bytes;   // one input row: width * channels * element size
  uint32_t out_row_bytes;  // one output row
  int32_t stride;
  int32_t pad;     // padding before the first row
  int32_t extent;  // rows one output row reads: (filter_height - 1) * dilation + 1
};

// Stored in op data (no pointers).
struct InPlaceRows {
  uint16_t ring_rows;  // 0: the op does not run in place
  uint8_t reverse;
  uint8_t reserved;
};

namespace in_place_detail {

inline int32_t FloorDiv(int64_t a, int64_t b) { return static_cast<int32_t>(a >= 0 ? a / b : -((-a + b - 1) / b)); }
inline int32_t CeilDiv(int64_t a, int64_t b) { return -FloorDiv(-a, b); }

// First and last output rows that read input row i (first > last: none does).
inline void Readers(const RowWindow& w, int32_t i, int32_t* first, int32_t* last) {
  int32_t f = CeilDiv(static_cast<int64_t>(i) + w.pad - w.extent + 1, w.stride);
  int32_t l = FloorDiv(static_cast<int64_t>(i) + w.pad, w.stride);
  *first = f < 0 ? 0 : f;
  *last = l > w.out_rows - 1 ? w.out_rows - 1 : l;
}

// The output row whose writes reach input row i first in processing order, or -1 if none does.
inline int32_t Overwriter(const RowWindow& w, bool reverse, int32_t i) {
  const uint64_t begin = static_cast<uint64_t>(i) * w.in_row_bytes;
  const uint64_t out_end = static_cast<uint64_t>(w.out_rows) * w.out_row_bytes;
  if (begin >= out_end || w.out_row_bytes == 0) return -1;
  if (!reverse) return static_cast<int32_t>(begin / w.out_row_bytes);
  const uint64_t last_byte = begin + w.in_row_bytes - 1;
  const uint64_t r = last_byte / w.out_row_bytes;
  return r > static_cast<uint64_t>(w.out_rows - 1) ? w.out_rows - 1 : static_cast<int32_t>(r);
}

// Whether input row i goes to the ring, and from which output row on it is read from there.
inline bool Saved(const RowWindow& w, bool reverse, int32_t i, int32_t* from) {
  int32_t first, last;
  Readers(w, i, &first, &last);
  if (first > last) return false;
  const int32_t r = Overwriter(w, reverse, i);
  *from = r;
  return r >= 0 && (reverse ? r >= first : r <= last);
}

// Rows the ring must hold at once: the widest span of saved rows alive at one output row.
inline int32_t RingRows(const RowWindow& w, bool reverse) {
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
inline bool PlanInPlaceRows(const RowWindow& w, InPlaceRows* plan) {
  plan->ring_rows = 0;
  plan->reverse = 0;
  if (w.in_rows <= 0 || w.out_rows <= 0 || w.stride <= 0) return false;
  const int32_t forward = in_place_detail::RingRows(w, false);
  const int32_t backward = in_place_detail::RingRows(w, true);
  const bool reverse = backward < forward;
  const int32_t rows = reverse ? backward : forward;
  const uint64_t in_bytes = static_cast<uint64_t>(w.in_rows) * w.in_row_bytes;
  const uint64_t out_bytes = static_cast<uint64_t>(w.out_rows) * w.out_row_bytes;
  const uint64_t ring = static_cast<uint64_t>(rows) * w.in_row_bytes;
  if (rows > 0xFFFF || ring >= (in_bytes < out_bytes ? in_bytes : out_bytes)) return false;
  plan->ring_rows = static_cast<uint16_t>(rows == 0 ? 1 : rows);  // 1 marks "in place" even without copies
  plan->reverse = reverse ? 1 : 0;
  return true;
}

inline uint32_t RingBytes(const RowWindow& w, const InPlaceRows& plan) { return plan.ring_rows * w.in_row_bytes; }

// Eval side: hands out input rows, from the ring once they have been overwritten.
class RowReader {
 public:
  // `shared`: the output really starts at the input (the planner may decline the pairing).
  RowReader(const uint8_t* input, const RowWindow& w, const InPlaceRows& plan, uint8_t* ring, bool shared)
      : input_(input), ring_(ring), w_(w), ring_rows_(shared ? plan.ring_rows : 0), reverse_(plan.reverse != 0 && shared) {}

  bool reverse() const { return reverse_; }
  // Output row `r` in processing order (call for each row before computing it): saves the input
  // rows its writes will overwrite.
  void Begin(int32_t r) {
    current_ = r;
    if (ring_rows_ == 0) return;
    // Input rows whose bytes output row r overlaps.
    const uint64_t begin = static_cast<uint64_t>(r) * w_.out_row_bytes;
    const uint64_t end = begin + w_.out_row_bytes;
    int32_t i = static_cast<int32_t>(begin / w_.in_row_bytes);
    for (; i < w_.in_rows && static_cast<uint64_t>(i) * w_.in_row_bytes < end; ++i) {
      int32_t from;
      if (in_place_detail::Saved(w_, reverse_, i, &from) && from == r) {
        memcpy(ring_ + static_cast<uint32_t>(i % ring_rows_) * w_.in_row_bytes, input_ + static_cast<uint64_t>(i) * w_.in_row_bytes,
               w_.in_row_bytes);
      }
    }
  }
  const uint8_t* Row(int32_t i) const {
    if (ring_rows_ != 0) {
      int32_t from;
      if (in_place_detail::Saved(w_, reverse_, i, &from) && (reverse_ ? current_ <= from : current_ >= from)) {
        return ring_ + static_cast<uint32_t>(i % ring_rows_) * w_.in_row_bytes;
      }
    }
    return input_ + static_cast<uint64_t>(i) * w_.in_row_bytes;
  }

 private:
  const uint8_t* input_;
  uint8_t* ring_;
  RowWindow w_;
  int32_t ring_rows_;
  bool reverse_;
  int32_t current_ = 0;
};

}  // namespace kernels
}  // namespace tinyrt
