// SPDX-License-Identifier: Apache-2.0
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

// Picks the order with the smaller ring; false when running in place would not save memory.
bool PlanInPlaceRows(const RowWindow& w, InPlaceRows* plan);

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
  void Begin(int32_t r);
  // Input row i as output row Begin() last named must read it.
  const uint8_t* Row(int32_t i) const { return ring_rows_ == 0 ? input_ + static_cast<uint32_t>(i) * w_.in_row_bytes : SavedRow(i); }

 private:
  const uint8_t* SavedRow(int32_t i) const;

  const uint8_t* input_;
  uint8_t* ring_;
  RowWindow w_;
  int32_t ring_rows_;
  bool reverse_;
  int32_t current_ = 0;
};

}  // namespace kernels
}  // namespace tinyrt
