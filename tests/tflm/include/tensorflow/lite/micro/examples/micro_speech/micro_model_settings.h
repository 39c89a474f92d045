// SPDX-License-Identifier: Apache-2.0
// The micro speech models' layout (tests/tflm/micro_speech_test.cc), at the path TFLM's example
// uses for its settings: 30 ms windows every 20 ms of 16 kHz audio, 49 frames of 40 features,
// four labels.
#pragma once

constexpr int kAudioSampleFrequency = 16000;
constexpr int kFeatureSize = 40;
constexpr int kFeatureCount = 49;
constexpr int kFeatureElementCount = kFeatureSize * kFeatureCount;
constexpr int kFeatureStrideMs = 20;
constexpr int kFeatureDurationMs = 30;
constexpr int kAudioSampleDurationCount = kFeatureDurationMs * kAudioSampleFrequency / 1000;
constexpr int kAudioSampleStrideCount = kFeatureStrideMs * kAudioSampleFrequency / 1000;
constexpr int kCategoryCount = 4;
constexpr const char* kCategoryLabels[kCategoryCount] = {"silence", "unknown", "yes", "no"};
