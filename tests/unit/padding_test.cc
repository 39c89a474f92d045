#include "src/kernels/padding.h"

#include <gtest/gtest.h>

namespace tinyrt {
namespace kernels {
namespace {

TEST(Padding, OutSizeSame) {
  EXPECT_EQ(ComputeOutSize(tflite::Padding_SAME, 5, 3, 1), 5);
  EXPECT_EQ(ComputeOutSize(tflite::Padding_SAME, 6, 3, 2), 3);
  EXPECT_EQ(ComputeOutSize(tflite::Padding_SAME, 7, 3, 2), 4);      // ceil(7/2)
  EXPECT_EQ(ComputeOutSize(tflite::Padding_SAME, 7, 3, 2, 4), 4);   // dilation does not matter
  EXPECT_EQ(ComputeOutSize(tflite::Padding_SAME, 1, 5, 1), 1);
}

TEST(Padding, OutSizeValid) {
  EXPECT_EQ(ComputeOutSize(tflite::Padding_VALID, 5, 3, 1), 3);
  EXPECT_EQ(ComputeOutSize(tflite::Padding_VALID, 7, 3, 2), 3);      // windows at 0, 2, 4
  EXPECT_EQ(ComputeOutSize(tflite::Padding_VALID, 8, 3, 2), 3);      // 6 would need element 8
  EXPECT_EQ(ComputeOutSize(tflite::Padding_VALID, 7, 3, 1, 2), 3);   // effective filter 5
  EXPECT_EQ(ComputeOutSize(tflite::Padding_VALID, 49, 10, 2), 20);   // kws first conv (10x4 stride 2)
  EXPECT_LE(ComputeOutSize(tflite::Padding_VALID, 2, 5, 1), 0);      // filter larger than input
  EXPECT_EQ(ComputeOutSize(tflite::Padding_VALID, 5, 3, 0), 0);      // stride 0
}

TEST(Padding, PaddingWithOffset) {
  int32_t out_h = 0, out_w = 0;
  // SAME 5x5, 3x3, stride 1: one on each side.
  PaddingValues p = ComputePaddingHeightWidth(1, 1, 1, 1, 5, 5, 3, 3, tflite::Padding_SAME, &out_h, &out_w);
  EXPECT_EQ(out_h, 5);
  EXPECT_EQ(out_w, 5);
  EXPECT_EQ(p.height, 1);
  EXPECT_EQ(p.width, 1);
  EXPECT_EQ(p.height_offset, 0);
  EXPECT_EQ(p.width_offset, 0);
  // SAME, height 6 stride 2 (total (3-1)*2+3-6 = 1: 0 before, 1 after); width 7 stride 2 dilation 2
  // (effective 5, out 4, total 3*2+5-7 = 4: 2 before and after).
  p = ComputePaddingHeightWidth(2, 2, 1, 2, 6, 7, 3, 3, tflite::Padding_SAME, &out_h, &out_w);
  EXPECT_EQ(out_h, 3);
  EXPECT_EQ(out_w, 4);
  EXPECT_EQ(p.height, 0);
  EXPECT_EQ(p.height_offset, 1);
  EXPECT_EQ(p.width, 2);
  EXPECT_EQ(p.width_offset, 0);
  // SAME with an even filter: 4 wide, filter 2, stride 1 -> total 1, all after.
  p = ComputePaddingHeightWidth(1, 1, 1, 1, 4, 4, 2, 2, tflite::Padding_SAME, &out_h, &out_w);
  EXPECT_EQ(p.width, 0);
  EXPECT_EQ(p.width_offset, 1);
  // VALID never pads.
  p = ComputePaddingHeightWidth(2, 3, 1, 1, 9, 10, 3, 4, tflite::Padding_VALID, &out_h, &out_w);
  EXPECT_EQ(out_h, 4);
  EXPECT_EQ(out_w, 3);
  EXPECT_EQ(p.height, 0);
  EXPECT_EQ(p.width, 0);
  EXPECT_EQ(p.height_offset, 0);
  EXPECT_EQ(p.width_offset, 0);
}

TEST(Padding, WindowTapsMatchBruteForce) {
  for (int32_t in_size = 1; in_size <= 7; ++in_size) {
    for (int32_t filter = 1; filter <= 5; ++filter) {
      for (int32_t dilation = 1; dilation <= 3; ++dilation) {
        for (int32_t origin = -8; origin <= 9; ++origin) {
          int32_t begin = 0, end = 0;
          WindowTaps(origin, dilation, filter, in_size, &begin, &end);
          for (int32_t t = 0; t < filter; ++t) {
            const int32_t x = origin + t * dilation;
            const bool inside = x >= 0 && x < in_size;
            EXPECT_EQ(inside, t >= begin && t < end) << "origin " << origin << " dilation " << dilation << " filter " << filter
                                                     << " in " << in_size << " tap " << t;
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace kernels
}  // namespace tinyrt
