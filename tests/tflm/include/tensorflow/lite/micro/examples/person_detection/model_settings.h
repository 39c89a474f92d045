// SPDX-License-Identifier: Apache-2.0
// The person detection model's input and output layout (tests/tflm/person_detection_test.cc),
// at the path TFLM's example uses for its settings.
#pragma once

constexpr int kNumCols = 96;
constexpr int kNumRows = 96;
constexpr int kNumChannels = 1;
constexpr int kMaxImageSize = kNumCols * kNumRows * kNumChannels;
constexpr int kCategoryCount = 2;
constexpr int kPersonIndex = 1;
constexpr int kNotAPersonIndex = 0;
