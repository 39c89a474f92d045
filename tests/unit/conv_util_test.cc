// SPDX-License-Identifier: Apache-2.0
// Window arithmetic of the conv kernels (src/kernels/conv_util.h) and the padding cases only
// convolutions reach (dilation, even filters, kws's 10x4 stride-2 layer), worked out by hand.
#include "src/kernels/conv_util.h"

#include <gtest/gtest.h>

namespace tinyrt {
namespace kernels {
namespace {

TEST(ConvUtil, DilatedAndEvenFilterPadding) {
  int out_h = 0, out_w = 0;
  // SAME, height 6 stride 2 (total (3-1)*2+3-6 = 1: 0 before, 1 after); width 7 stride 2
  // dilation 2 (effective 5, out 4, total 3*2+5-7 = 4: 2 before and after).
  PaddingValues p = ComputePaddingHeightWidth(2, 2, 1, 2, 6, 7, 3, 3, kPaddingSame, &out_h, &out_w);
  EXPECT_EQ(out_h, 3);
  EXPECT_EQ(out_w, 4);
  EXPECT_EQ(p.height, 0);
  EXPECT_EQ(p.height_offset, 1);
  EXPECT_EQ(p.width, 2);
  EXPECT_EQ(p.width_offset, 0);
  // SAME with an even filter: 4 wide, filter 2, stride 1 -> total 1, all after.
  p = ComputePaddingHeightWidth(1, 1, 1, 1, 4, 4, 2, 2, kPaddingSame, &out_h, &out_w);
  EXPECT_EQ(p.width, 0);
  EXPECT_EQ(p.width_offset, 1);
  // VALID, dilation 2 in height (effective 5): 7 -> 3; kws's first layer: 49x10, 10x4, stride 2.
  EXPECT_EQ(ComputeOutSize(kPaddingValid, 7, 3, 1, 2), 3);
  p = ComputePaddingHeightWidth(2, 2, 1, 1, 49, 10, 10, 4, kPaddingSame, &out_h, &out_w);
  EXPECT_EQ(out_h, 25);
  EXPECT_EQ(out_w, 5);
  EXPECT_EQ(p.height, 4);  // total 24*2 + 10 - 49 = 9: 4 before, 5 after
  EXPECT_EQ(p.height_offset, 1);
  EXPECT_EQ(p.width, 1);  // total 4*2 + 4 - 10 = 2
  EXPECT_EQ(p.width_offset, 0);
}

TEST(ConvUtil, WindowTapsHandPicked) {
  int32_t begin = -1, end = -1;
  WindowTaps(-2, 1, 5, 4, &begin, &end);  // taps at -2..2: 2, 3, 4 inside
  EXPECT_EQ(begin, 2);
  EXPECT_EQ(end, 5);
  WindowTaps(-3, 2, 3, 10, &begin, &end);  // -3, -1, 1: only the last
  EXPECT_EQ(begin, 2);
  EXPECT_EQ(end, 3);
  WindowTaps(3, 2, 3, 6, &begin, &end);  // 3, 5, 7: first two
  EXPECT_EQ(begin, 0);
  EXPECT_EQ(end, 2);
  WindowTaps(-5, 2, 2, 10, &begin, &end);  // -5, -3: none
  EXPECT_EQ(begin, end);
}

TEST(ConvUtil, WindowTapsMatchBruteForce) {
  for (int32_t in_size = 1; in_size <= 7; ++in_size) {
    for (int32_t filter = 1; filter <= 5; ++filter) {
      for (int32_t dilation = 1; dilation <= 3; ++dilation) {
        for (int32_t origin = -8; origin <= 9; ++origin) {
          int32_t begin = 0, end = 0;
          WindowTaps(origin, dilation, filter, in_size, &begin, &end);
          for (int32_t t = 0; t < filter; ++t) {
            const int32_t x = origin + t * dilation;
            const bool inside = x >= 0 && x < in_size;
            EXPECT_EQ(inside, t >= begin && t < end)
                << "origin " << origin << " dilation " << dilation << " filter " << filter << " in " << in_size << " tap " << t;
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace kernels
}  // namespace tinyrt
