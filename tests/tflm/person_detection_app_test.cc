// SPDX-License-Identifier: Apache-2.0
// TFLM-style person detection application: the Arduino-style setup() / loop() a TFLM firmware
// is built of (function-local static resolver and interpreter made once in setup(), the input
// tensor kept in a global, an image provider filling input->data.int8, a detection responder
// reading output->data), on tinyrt through tinyrt::tflm. main() stands in for the board: it
// calls setup() once and loop() once per camera frame, the frames being TFLM's two test images,
// and checks the responder got TFLM's int8 scores (TFLM @90b983c2, reference kernels:
// ../shared/reference/tflm_examples.md).
#include <stdint.h>
#include <string.h>

#include "tensorflow/lite/micro/examples/person_detection/model_settings.h"
#include "tensorflow/lite/micro/examples/person_detection/testdata/no_person_image_data.h"
#include "tensorflow/lite/micro/examples/person_detection/testdata/person_image_data.h"
#include "tensorflow/lite/micro/micro_interpreter.h"
#include "tensorflow/lite/micro/micro_log.h"
#include "tensorflow/lite/micro/micro_mutable_op_resolver.h"
#include "tensorflow/lite/micro/models/person_detect_model_data.h"
#include "tensorflow/lite/micro/system_setup.h"
#include "tensorflow/lite/schema/schema_generated.h"

// ---- The "camera" and the "responder" (image_provider / detection_responder) ------------------

namespace {
const unsigned char* g_frame = nullptr;  // what the camera sees next
int8_t g_person_score = 0;
int8_t g_no_person_score = 0;
int g_responses = 0;
}  // namespace

TfLiteStatus GetImage(int image_width, int image_height, int channels, int8_t* image_data) {
  if (g_frame == nullptr || image_width * image_height * channels != kMaxImageSize) return kTfLiteError;
  memcpy(image_data, g_frame, kMaxImageSize);  // the pixels as they are, as TFLM's test data
  return kTfLiteOk;
}

void RespondToDetection(int8_t person_score, int8_t no_person_score) {
  g_person_score = person_score;
  g_no_person_score = no_person_score;
  ++g_responses;
  MicroPrintf("person score:%d no person score %d", person_score, no_person_score);
}

// ---- The application --------------------------------------------------------------------------

namespace {
const tflite::Model* model = nullptr;
tflite::MicroInterpreter* interpreter = nullptr;
TfLiteTensor* input = nullptr;
constexpr int kTensorArenaSize = 136 * 1024;
alignas(16) uint8_t tensor_arena[kTensorArenaSize];
}  // namespace

void setup() {
  tflite::InitializeTarget();
  model = tflite::GetModel(g_person_detect_model_data);
  if (model->version() != TFLITE_SCHEMA_VERSION) {
    MicroPrintf("Model provided is schema version %d not equal to supported version %d.", model->version(), TFLITE_SCHEMA_VERSION);
    return;
  }
  static tflite::MicroMutableOpResolver<5> micro_op_resolver;
  micro_op_resolver.AddAveragePool2D(tflite::Register_AVERAGE_POOL_2D_INT8());
  micro_op_resolver.AddConv2D(tflite::Register_CONV_2D_INT8());
  micro_op_resolver.AddDepthwiseConv2D(tflite::Register_DEPTHWISE_CONV_2D_INT8());
  micro_op_resolver.AddReshape();
  micro_op_resolver.AddSoftmax(tflite::Register_SOFTMAX_INT8());
  static tflite::MicroInterpreter static_interpreter(model, micro_op_resolver, tensor_arena, kTensorArenaSize);
  interpreter = &static_interpreter;
  if (interpreter->AllocateTensors() != kTfLiteOk) {
    MicroPrintf("AllocateTensors() failed");
    return;
  }
  input = interpreter->input(0);
}

void loop() {
  if (GetImage(kNumCols, kNumRows, kNumChannels, input->data.int8) != kTfLiteOk) {
    MicroPrintf("Image capture failed.");
  }
  if (interpreter->Invoke() != kTfLiteOk) MicroPrintf("Invoke failed.");
  TfLiteTensor* output = interpreter->output(0);
  const int8_t person_score = output->data.int8[kPersonIndex];
  const int8_t no_person_score = output->data.int8[kNotAPersonIndex];
  RespondToDetection(person_score, no_person_score);
}

// ---- The board ----------------------------------------------------------------------------------

namespace {
bool Frame(const unsigned char* image, int8_t person, int8_t no_person) {
  g_frame = image;
  const int responses = g_responses;
  loop();
  const bool ok = g_responses == responses + 1 && g_person_score == person && g_no_person_score == no_person;
  if (!ok) MicroPrintf("expected person %d, no person %d (TFLM's scores)", person, no_person);
  return ok;
}
}  // namespace

int main() {
  setup();
  if (interpreter == nullptr || input == nullptr) {
    MicroPrintf("setup() failed");
    return 1;
  }
  bool ok = true;
  for (int round = 0; round < 2; ++round) {  // frames after frames, as loop() runs forever
    ok = Frame(g_person_image_data, 113, -113) && ok;
    ok = Frame(g_no_person_image_data, -57, 57) && ok;
  }
  MicroPrintf("arena_used_bytes %u", static_cast<unsigned>(interpreter->arena_used_bytes()));
  if (!ok) return 1;
  MicroPrintf("~~~ALL TESTS PASSED~~~\n");
  return 0;
}
