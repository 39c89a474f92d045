// SPDX-License-Identifier: Apache-2.0
// TFLM-style micro speech test: TFLM's API and micro_test_v2.h macros only, on tinyrt through
// tinyrt::tflm. audio_preprocessor_int8 (the signal library ops, registered with TFLM's
// AddWindow(), AddRfft(), ...) turns each 30 ms window (20 ms stride) into 40 int8 features,
// one stateful interpreter per clip; micro_speech_quantized classifies the 49 frames. Features
// and scores equal TFLM's (TFLM @90b983c2, reference kernels: ../shared/reference/tflm_examples.md).
#include <stdint.h>
#include <string.h>

#include "tensorflow/lite/core/c/common.h"
#include "tensorflow/lite/kernels/internal/tensor_ctypes.h"
#include "tensorflow/lite/micro/examples/micro_speech/micro_model_settings.h"
#include "tensorflow/lite/micro/examples/micro_speech/models/audio_preprocessor_int8_model_data.h"
#include "tensorflow/lite/micro/examples/micro_speech/models/micro_speech_quantized_model_data.h"
#include "tensorflow/lite/micro/examples/micro_speech/testdata/no_1000ms_audio_data.h"
#include "tensorflow/lite/micro/examples/micro_speech/testdata/no_30ms_audio_data.h"
#include "tensorflow/lite/micro/examples/micro_speech/testdata/noise_1000ms_audio_data.h"
#include "tensorflow/lite/micro/examples/micro_speech/testdata/silence_1000ms_audio_data.h"
#include "tensorflow/lite/micro/examples/micro_speech/testdata/yes_1000ms_audio_data.h"
#include "tensorflow/lite/micro/examples/micro_speech/testdata/yes_30ms_audio_data.h"
#include "tensorflow/lite/micro/micro_interpreter.h"
#include "tensorflow/lite/micro/micro_log.h"
#include "tensorflow/lite/micro/micro_mutable_op_resolver.h"
#include "tensorflow/lite/micro/testing/micro_test_v2.h"

namespace {

constexpr int kArenaBytes = 28 * 1024;
alignas(16) uint8_t g_arena[kArenaBytes];
int8_t g_features[kFeatureCount][kFeatureSize];

TfLiteStatus RegisterPreprocessorOps(tflite::MicroMutableOpResolver<18>& r) {
  TF_LITE_ENSURE_STATUS(r.AddReshape());
  TF_LITE_ENSURE_STATUS(r.AddCast());
  TF_LITE_ENSURE_STATUS(r.AddStridedSlice());
  TF_LITE_ENSURE_STATUS(r.AddConcatenation());
  TF_LITE_ENSURE_STATUS(r.AddMul());
  TF_LITE_ENSURE_STATUS(r.AddAdd());
  TF_LITE_ENSURE_STATUS(r.AddDiv());
  TF_LITE_ENSURE_STATUS(r.AddMinimum());
  TF_LITE_ENSURE_STATUS(r.AddMaximum());
  TF_LITE_ENSURE_STATUS(r.AddWindow());
  TF_LITE_ENSURE_STATUS(r.AddFftAutoScale());
  TF_LITE_ENSURE_STATUS(r.AddRfft());
  TF_LITE_ENSURE_STATUS(r.AddEnergy());
  TF_LITE_ENSURE_STATUS(r.AddFilterBank());
  TF_LITE_ENSURE_STATUS(r.AddFilterBankSquareRoot());
  TF_LITE_ENSURE_STATUS(r.AddFilterBankSpectralSubtraction());
  TF_LITE_ENSURE_STATUS(r.AddPCAN());
  TF_LITE_ENSURE_STATUS(r.AddFilterBankLog());
  return kTfLiteOk;
}

// Features of every 30 ms window of the clip (20 ms apart); the number of frames written.
int Features(const int16_t* audio, unsigned int samples) {
  tflite::MicroMutableOpResolver<18> resolver;
  if (RegisterPreprocessorOps(resolver) != kTfLiteOk) return -1;
  tflite::MicroInterpreter interpreter(tflite::GetModel(g_audio_preprocessor_int8_model_data), resolver, g_arena, kArenaBytes);
  if (interpreter.AllocateTensors() != kTfLiteOk) return -1;
  TfLiteTensor* input = interpreter.input(0);
  TfLiteTensor* output = interpreter.output(0);
  if (input->dims->data[input->dims->size - 1] != kAudioSampleDurationCount || output->dims->data[output->dims->size - 1] != kFeatureSize) {
    MicroPrintf("preprocessor shapes differ from the settings");
    return -1;
  }
  int frames = 0;
  for (unsigned int start = 0; start + kAudioSampleDurationCount <= samples && frames < kFeatureCount; start += kAudioSampleStrideCount) {
    memcpy(tflite::GetTensorData<int16_t>(input), audio + start, kAudioSampleDurationCount * sizeof(int16_t));
    if (interpreter.Invoke() != kTfLiteOk) return -1;
    memcpy(g_features[frames++], tflite::GetTensorData<int8_t>(output), kFeatureSize);
  }
  return frames;
}

// Classifies g_features; the four int8 scores.
void Classify(int8_t* scores) {
  tflite::MicroMutableOpResolver<4> resolver;
  ASSERT_EQ(resolver.AddReshape(), kTfLiteOk);
  ASSERT_EQ(resolver.AddFullyConnected(), kTfLiteOk);
  ASSERT_EQ(resolver.AddDepthwiseConv2D(), kTfLiteOk);
  ASSERT_EQ(resolver.AddSoftmax(), kTfLiteOk);
  tflite::MicroInterpreter interpreter(tflite::GetModel(g_micro_speech_quantized_model_data), resolver, g_arena, kArenaBytes);
  ASSERT_EQ(interpreter.AllocateTensors(), kTfLiteOk);
  TfLiteTensor* input = interpreter.input(0);
  ASSERT_EQ(input->bytes, static_cast<size_t>(kFeatureElementCount));
  memcpy(tflite::GetTensorData<int8_t>(input), g_features, kFeatureElementCount);
  ASSERT_EQ(interpreter.Invoke(), kTfLiteOk);
  TfLiteTensor* output = interpreter.output(0);
  ASSERT_EQ(output->dims->data[output->dims->size - 1], kCategoryCount);
  for (int i = 0; i < kCategoryCount; ++i) scores[i] = output->data.int8[i];
  MicroPrintf("scores: %s %d, %s %d, %s %d, %s %d (arena_used_bytes %u)", kCategoryLabels[0], scores[0], kCategoryLabels[1], scores[1],
              kCategoryLabels[2], scores[2], kCategoryLabels[3], scores[3], static_cast<unsigned>(interpreter.arena_used_bytes()));
}

void ExpectScores(const int16_t* audio, unsigned int samples, const int8_t (&expected)[kCategoryCount]) {
  ASSERT_EQ(Features(audio, samples), kFeatureCount);
  int8_t scores[kCategoryCount] = {};
  ASSERT_NO_FATAL_FAILURE(Classify(scores));
  for (int i = 0; i < kCategoryCount; ++i) EXPECT_EQ(scores[i], expected[i]);
}

void ExpectFrame(const int16_t* audio, unsigned int samples, const int8_t (&expected)[kFeatureSize]) {
  ASSERT_EQ(Features(audio, samples), 1);
  for (int i = 0; i < kFeatureSize; ++i) EXPECT_EQ(g_features[0][i], expected[i]);
}

}  // namespace

// TFLM's features of the 30 ms clips.
TEST(MicroSpeechTest, NoFeature) {
  const int8_t expected[kFeatureSize] = {126, 103, 124, 102, 124, 102, 123, 100, 118, 97, 118, 100, 118, 98, 121, 100, 121, 98, 117, 91,
                                         96,  74,  54,  87,  100, 87,  109, 92,  91,  80, 64,  55,  83,  74, 74,  78,  114, 95, 101, 81};
  ExpectFrame(g_no_30ms_audio_data, g_no_30ms_audio_data_size, expected);
}

TEST(MicroSpeechTest, YesFeature) {
  const int8_t expected[kFeatureSize] = {124, 105, 126, 103, 125, 101, 123, 100, 116, 98,  115, 97, 113, 90, 91, 82, 104, 96, 117, 97,
                                         121, 103, 126, 101, 125, 104, 126, 104, 125, 101, 116, 90, 81,  74, 80, 71, 83,  76, 82,  71};
  ExpectFrame(g_yes_30ms_audio_data, g_yes_30ms_audio_data_size, expected);
}

// TFLM's scores (silence, unknown, yes, no) of the 1 s clips.
TEST(MicroSpeechTest, Yes) {
  const int8_t expected[kCategoryCount] = {-128, -128, 127, -128};
  ExpectScores(g_yes_1000ms_audio_data, g_yes_1000ms_audio_data_size, expected);
}

TEST(MicroSpeechTest, No) {
  const int8_t expected[kCategoryCount] = {-128, -114, -128, 114};
  ExpectScores(g_no_1000ms_audio_data, g_no_1000ms_audio_data_size, expected);
}

TEST(MicroSpeechTest, Silence) {
  const int8_t expected[kCategoryCount] = {-42, -68, -68, -78};
  ExpectScores(g_silence_1000ms_audio_data, g_silence_1000ms_audio_data_size, expected);
}

TEST(MicroSpeechTest, Noise) {
  const int8_t expected[kCategoryCount] = {120, -125, -126, -125};
  ExpectScores(g_noise_1000ms_audio_data, g_noise_1000ms_audio_data_size, expected);
}

TF_LITE_MICRO_TESTS_MAIN
