// SPDX-License-Identifier: Apache-2.0
// Output sizes and paddings of windowed ops (src/kernels/padding.h), worked out by hand.
#include <gtest/gtest.h>

#include "src/kernels/padding.h"

namespace tinyrt {
namespace kernels {
namespace {

TEST(Padding, OutSize) {
  EXPECT_EQ(ComputeOutSize(kPaddingSame, 10, 3, 2, 1), 5);   // ceil(10 / 2)
  EXPECT_EQ(ComputeOutSize(kPaddingSame, 5, 2, 2, 1), 3);    // ceil(5 / 2)
  EXPECT_EQ(ComputeOutSize(kPaddingValid, 10, 3, 2, 1), 4);  // (10 - 3) / 2 + 1
  EXPECT_EQ(ComputeOutSize(kPaddingValid, 10, 3, 1, 2), 6);  // dilated filter spans 5
  EXPECT_EQ(ComputeOutSize(kPaddingValid, 2, 3, 1, 1), 0);   // filter larger than the image
  EXPECT_EQ(ComputeOutSize(kPaddingSame, 10, 3, 0, 1), 0);   // zero stride
  EXPECT_EQ(ComputeOutSize(7, 10, 3, 1, 1), 0);              // unknown padding
}

TEST(Padding, PaddingWithOffset) {
  int offset = -1;
  // SAME, 5 -> 3 with a 2-wide filter, stride 2: total 2*2 + 2 - 5 = 1, all of it after.
  EXPECT_EQ(ComputePadding(2, 1, 5, 2, 3, &offset), 0);
  EXPECT_EQ(offset, 1);
  // SAME, 5 -> 5 with a 3-wide filter: total 2, one on each side.
  EXPECT_EQ(ComputePadding(1, 1, 5, 3, 5, &offset), 1);
  EXPECT_EQ(offset, 0);
  // SAME, 4 -> 4, 4-wide filter: total 3 -> 1 before, 2 after.
  EXPECT_EQ(ComputePadding(1, 1, 4, 4, 4, &offset), 1);
  EXPECT_EQ(offset, 1);
  // Dilation 2 makes a 3-wide filter span 5: total 4.
  EXPECT_EQ(ComputePadding(1, 2, 6, 3, 6, &offset), 2);
  EXPECT_EQ(offset, 0);
  // VALID: the window fits, no padding (negative totals clamp to 0).
  EXPECT_EQ(ComputePadding(2, 1, 10, 3, 4, &offset), 0);
  EXPECT_EQ(offset, 0);
}

TEST(Padding, HeightWidth) {
  int out_height = 0;
  int out_width = 0;
  // 7x8 input, 3x2 filter, strides (2, 3), SAME.
  const PaddingValues p = ComputePaddingHeightWidth(2, 3, 1, 1, 7, 8, 3, 2, kPaddingSame, &out_height, &out_width);
  EXPECT_EQ(out_height, 4);  // ceil(7 / 2)
  EXPECT_EQ(out_width, 3);   // ceil(8 / 3)
  EXPECT_EQ(p.height, 1);    // total 3*2 + 3 - 7 = 2
  EXPECT_EQ(p.height_offset, 0);
  EXPECT_EQ(p.width, 0);  // total 2*3 + 2 - 8 = 0
  EXPECT_EQ(p.width_offset, 0);
  const PaddingValues v = ComputePaddingHeightWidth(2, 3, 1, 1, 7, 8, 3, 2, kPaddingValid, &out_height, &out_width);
  EXPECT_EQ(out_height, 3);
  EXPECT_EQ(out_width, 3);
  EXPECT_EQ(v.height, 0);
  EXPECT_EQ(v.width, 0);
}

}  // namespace
}  // namespace kernels
}  // namespace tinyrt
