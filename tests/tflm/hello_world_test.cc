// SPDX-License-Identifier: Apache-2.0
// TFLM-style hello_world test: a program written only against TFLM's API (the headers under
// include/tensorflow/lite), as TFLM's examples/hello_world test is, run on tinyrt through
// tinyrt::tflm. The model arrays are generated under TFLM's names (g_hello_world_*_model_data).
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "tensorflow/lite/core/c/common.h"
#include "tensorflow/lite/micro/examples/hello_world/models/hello_world_float_model_data.h"
#include "tensorflow/lite/micro/examples/hello_world/models/hello_world_int8_model_data.h"
#include "tensorflow/lite/micro/micro_interpreter.h"
#include "tensorflow/lite/micro/micro_log.h"
#include "tensorflow/lite/micro/micro_mutable_op_resolver.h"
#include "tensorflow/lite/micro/micro_profiler.h"
#include "tensorflow/lite/micro/recording_micro_interpreter.h"
#include "tensorflow/lite/micro/system_setup.h"
#include "tensorflow/lite/schema/schema_generated.h"

namespace {

using SineResolver = tflite::MicroMutableOpResolver<1>;

constexpr int kArenaBytes = 3000;

TfLiteStatus Register(SineResolver& resolver) {
  TF_LITE_ENSURE_STATUS(resolver.AddFullyConnected());
  return kTfLiteOk;
}

// Profiles one float inference and prints the arena breakdown (RecordingMicroInterpreter).
TfLiteStatus ProfileAndRecord() {
  tflite::MicroProfiler profiler;
  SineResolver resolver;
  TF_LITE_ENSURE_STATUS(Register(resolver));
  uint8_t arena[kArenaBytes];
  tflite::RecordingMicroAllocator* allocator = tflite::RecordingMicroAllocator::Create(arena, kArenaBytes);
  TFLITE_CHECK_NE(allocator, nullptr);
  tflite::RecordingMicroInterpreter interpreter(tflite::GetModel(g_hello_world_float_model_data), resolver, allocator,
                                                tflite::MicroResourceVariables::Create(allocator, 8), &profiler);
  TF_LITE_ENSURE_STATUS(interpreter.AllocateTensors());
  TFLITE_CHECK_EQ(interpreter.inputs_size(), 1u);
  TFLITE_CHECK_EQ(interpreter.outputs_size(), 1u);
  interpreter.input(0)->data.f[0] = 0.5f;
  TF_LITE_ENSURE_STATUS(interpreter.Invoke());
  TFLITE_CHECK_LE(fabsf(interpreter.output(0)->data.f[0] - sinf(0.5f)), 0.05f);
  // One event per op, tagged with the op's name.
  TFLITE_CHECK_EQ(profiler.num_events(), static_cast<int>(interpreter.operators_size()));
  TFLITE_CHECK_EQ(strcmp(profiler.event_tag(0), "FULLY_CONNECTED"), 0);
  MicroPrintf("");
  profiler.LogTicksPerTagCsv();
  MicroPrintf("");
  interpreter.GetMicroAllocator().PrintAllocations();
  TFLITE_CHECK_GT(interpreter.arena_used_bytes(), interpreter.engine().arena_used_bytes());
  return kTfLiteOk;
}

TfLiteStatus FloatSine() {
  const tflite::Model* model = tflite::GetModel(g_hello_world_float_model_data);
  TFLITE_CHECK_EQ(model->version(), TFLITE_SCHEMA_VERSION);
  SineResolver resolver;
  TF_LITE_ENSURE_STATUS(Register(resolver));
  // Deliberately not 16-byte aligned: the interpreter aligns up inside, as TFLM does.
  alignas(16) static uint8_t storage[kArenaBytes + 16];
  uint8_t* arena = storage + 3;
  tflite::MicroInterpreter interpreter(model, resolver, arena, kArenaBytes);
  TF_LITE_ENSURE_STATUS(interpreter.AllocateTensors());

  TfLiteTensor* input = interpreter.input(0);
  TfLiteTensor* output = interpreter.output(0);
  TFLITE_CHECK_NE(input, nullptr);
  TFLITE_CHECK_NE(output, nullptr);
  TFLITE_CHECK_EQ(input->type, kTfLiteFloat32);
  TFLITE_CHECK_EQ(input->dims->size, 2);
  TFLITE_CHECK_EQ(input->dims->data[0], 1);
  TFLITE_CHECK_EQ(input->dims->data[1], 1);
  TFLITE_CHECK_EQ(input->bytes, sizeof(float));
  TFLITE_CHECK_EQ(interpreter.input(1), nullptr);  // out of range: nullptr and a message

  for (float x = 0.f; x < 6.2f; x += 0.7f) {
    input->data.f[0] = x;
    TF_LITE_ENSURE_STATUS(interpreter.Invoke());
    TFLITE_CHECK_LE(fabsf(sinf(x) - output->data.f[0]), 0.05f);
  }
  MicroPrintf("float model: arena_used_bytes %u", static_cast<unsigned>(interpreter.arena_used_bytes()));
  return kTfLiteOk;
}

TfLiteStatus QuantizedSine() {
  const tflite::Model* model = tflite::GetModel(g_hello_world_int8_model_data);
  TFLITE_CHECK_EQ(model->version(), TFLITE_SCHEMA_VERSION);
  SineResolver resolver;
  TF_LITE_ENSURE_STATUS(resolver.AddFullyConnected(tflite::Register_FULLY_CONNECTED_INT8()));
  TFLITE_CHECK_EQ(resolver.AddConv2D(), kTfLiteError);  // full: message, no crash
  uint8_t arena[kArenaBytes];
  tflite::MicroInterpreter interpreter(model, resolver, arena, kArenaBytes);
  TF_LITE_ENSURE_STATUS(interpreter.AllocateTensors());

  TfLiteTensor* input = interpreter.input(0);
  TfLiteTensor* output = interpreter.output(0);
  TFLITE_CHECK_EQ(input->type, kTfLiteInt8);
  TFLITE_CHECK_EQ(output->type, kTfLiteInt8);
  TFLITE_CHECK_GT(input->params.scale, 0.f);
  TFLITE_CHECK_GT(output->params.scale, 0.f);
  for (float x = 0.3f; x < 6.2f; x += 0.5f) {
    const int q = static_cast<int>(lroundf(x / input->params.scale)) + input->params.zero_point;
    input->data.int8[0] = static_cast<int8_t>(q < -128 ? -128 : q > 127 ? 127 : q);
    TF_LITE_ENSURE_STATUS(interpreter.Invoke());
    const float y = (output->data.int8[0] - output->params.zero_point) * output->params.scale;
    TFLITE_CHECK_LE(fabsf(sinf(x) - y), 0.05f);
  }
  return kTfLiteOk;
}

// The failures a TFLM user meets get tinyrt's messages and kTfLiteError, never a crash.
TfLiteStatus Errors() {
  SineResolver empty;
  uint8_t arena[kArenaBytes];
  {
    tflite::MicroInterpreter interpreter(tflite::GetModel(g_hello_world_int8_model_data), empty, arena, kArenaBytes);
    TFLITE_CHECK_EQ(interpreter.AllocateTensors(), kTfLiteError);  // FULLY_CONNECTED not registered
    TFLITE_CHECK_EQ(interpreter.input(0), nullptr);
  }
  SineResolver resolver;
  TF_LITE_ENSURE_STATUS(Register(resolver));
  size_t needed = 0;
  {
    tflite::MicroInterpreter interpreter(tflite::GetModel(g_hello_world_int8_model_data), resolver, arena, kArenaBytes);
    TF_LITE_ENSURE_STATUS(interpreter.AllocateTensors());
    needed = interpreter.arena_used_bytes();
  }
  {
    alignas(16) static uint8_t exact[kArenaBytes];
    tflite::MicroInterpreter fits(tflite::GetModel(g_hello_world_int8_model_data), resolver, exact, needed);
    TF_LITE_ENSURE_STATUS(fits.AllocateTensors());
    tflite::MicroInterpreter short_by_one(tflite::GetModel(g_hello_world_int8_model_data), resolver, exact, needed - 1);
    TFLITE_CHECK_EQ(short_by_one.AllocateTensors(), kTfLiteError);  // "arena has N bytes, model needs M"
  }
  {
    // A corrupt model: the root table's vtable offset points far outside the buffer.
    alignas(16) static unsigned char corrupt[g_hello_world_int8_model_data_size];
    memcpy(corrupt, g_hello_world_int8_model_data, sizeof(corrupt));
    uint32_t root;
    memcpy(&root, corrupt, sizeof(root));
    const int32_t far = 0x7FFFFFF0;
    memcpy(corrupt + root, &far, sizeof(far));
    tflite::MicroInterpreter interpreter(tflite::GetModel(corrupt), resolver, arena, kArenaBytes);
    TFLITE_CHECK_EQ(interpreter.initialization_status(), kTfLiteError);
    TFLITE_CHECK_EQ(interpreter.AllocateTensors(), kTfLiteError);
  }
  MicroPrintf("int8 model: exact arena %u bytes", static_cast<unsigned>(needed));
  return kTfLiteOk;
}

}  // namespace

int main(int argc, char* argv[]) {
  tflite::InitializeTarget();
  TF_LITE_ENSURE_STATUS(ProfileAndRecord());
  TF_LITE_ENSURE_STATUS(FloatSine());
  TF_LITE_ENSURE_STATUS(QuantizedSine());
  TF_LITE_ENSURE_STATUS(Errors());
  MicroPrintf("~~~ALL TESTS PASSED~~~\n");
  return kTfLiteOk;
}
