// SPDX-License-Identifier: Apache-2.0
// TFLM-style person detection test: TFLM's API and micro_test_v2.h macros only, on tinyrt through
// tinyrt::tflm. The two test images give TFLM's int8 scores exactly (TFLM @90b983c2, reference
// kernels: ../shared/reference/tflm_examples.md).
#include <stdint.h>
#include <string.h>

#include "tensorflow/lite/c/common.h"
#include "tensorflow/lite/micro/examples/person_detection/model_settings.h"
#include "tensorflow/lite/micro/examples/person_detection/testdata/no_person_image_data.h"
#include "tensorflow/lite/micro/examples/person_detection/testdata/person_image_data.h"
#include "tensorflow/lite/micro/micro_interpreter.h"
#include "tensorflow/lite/micro/micro_log.h"
#include "tensorflow/lite/micro/micro_mutable_op_resolver.h"
#include "tensorflow/lite/micro/models/person_detect_model_data.h"
#include "tensorflow/lite/micro/testing/micro_test_v2.h"
#include "tensorflow/lite/schema/schema_generated.h"

namespace {

constexpr int kArenaBytes = 136 * 1024;
uint8_t g_arena[kArenaBytes];

// Runs one image; the scores (int8) of "no person" and "person".
void Classify(const unsigned char* image, unsigned int image_size, int8_t* no_person, int8_t* person) {
  const tflite::Model* model = tflite::GetModel(g_person_detect_model_data);
  ASSERT_EQ(model->version(), static_cast<uint32_t>(TFLITE_SCHEMA_VERSION));
  tflite::MicroMutableOpResolver<5> resolver;
  ASSERT_EQ(resolver.AddAveragePool2D(tflite::Register_AVERAGE_POOL_2D_INT8()), kTfLiteOk);
  ASSERT_EQ(resolver.AddConv2D(tflite::Register_CONV_2D_INT8()), kTfLiteOk);
  ASSERT_EQ(resolver.AddDepthwiseConv2D(tflite::Register_DEPTHWISE_CONV_2D_INT8()), kTfLiteOk);
  ASSERT_EQ(resolver.AddReshape(), kTfLiteOk);
  ASSERT_EQ(resolver.AddSoftmax(tflite::Register_SOFTMAX_INT8()), kTfLiteOk);
  tflite::MicroInterpreter interpreter(model, resolver, g_arena, kArenaBytes);
  ASSERT_EQ(interpreter.AllocateTensors(), kTfLiteOk);

  TfLiteTensor* input = interpreter.input(0);
  ASSERT_NE(input, nullptr);
  ASSERT_EQ(input->dims->size, 4);
  EXPECT_EQ(input->dims->data[0], 1);
  EXPECT_EQ(input->dims->data[1], kNumRows);
  EXPECT_EQ(input->dims->data[2], kNumCols);
  EXPECT_EQ(input->dims->data[3], kNumChannels);
  ASSERT_EQ(input->type, kTfLiteInt8);
  ASSERT_EQ(input->bytes, static_cast<size_t>(kMaxImageSize));
  ASSERT_EQ(image_size, static_cast<unsigned int>(kMaxImageSize));
  memcpy(input->data.int8, image, input->bytes);  // the pixels as they are, as TFLM's test does

  ASSERT_EQ(interpreter.Invoke(), kTfLiteOk);
  TfLiteTensor* output = interpreter.output(0);
  ASSERT_EQ(output->dims->size, 2);
  ASSERT_EQ(output->dims->data[1], kCategoryCount);
  ASSERT_EQ(output->type, kTfLiteInt8);
  *no_person = output->data.int8[kNotAPersonIndex];
  *person = output->data.int8[kPersonIndex];
  MicroPrintf("scores: no_person %d, person %d; arena_used_bytes %u", *no_person, *person,
              static_cast<unsigned>(interpreter.arena_used_bytes()));
}

}  // namespace

TEST(PersonDetectionTest, Person) {
  int8_t no_person = 0, person = 0;
  ASSERT_NO_FATAL_FAILURE(Classify(g_person_image_data, g_person_image_data_size, &no_person, &person));
  EXPECT_GT(person, no_person);
  EXPECT_EQ(no_person, -113);  // TFLM's scores
  EXPECT_EQ(person, 113);
}

TEST(PersonDetectionTest, NoPerson) {
  int8_t no_person = 0, person = 0;
  ASSERT_NO_FATAL_FAILURE(Classify(g_no_person_image_data, g_no_person_image_data_size, &no_person, &person));
  EXPECT_GT(no_person, person);
  EXPECT_EQ(no_person, 57);
  EXPECT_EQ(person, -57);
}

TF_LITE_MICRO_TESTS_MAIN
