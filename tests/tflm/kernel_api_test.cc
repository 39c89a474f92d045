// SPDX-License-Identifier: Apache-2.0
// TFLM-style kernel API test: two kernels written only against TFLM's kernel API
// (TFLMRegistration, TfLiteContext, TfLiteNode, MicroContext, tflite::micro:: helpers) run in
// tinyrt through tinyrt::tflm:
//  - a custom op in the style of TFLM's PackerOp (test_helper_custom_ops.cc): copies its two
//    int32 vectors into its output, zero-padded, here through a scratch buffer and with a
//    persistent invocation counter, registered with AddCustom(name, registration);
//  - a ZEROS_LIKE kernel, registered with AddZerosLike(registration) in place of tinyrt's own.
// The models (tests/tflm/models, made by make_test_models.cc) are compiled in as arrays, so the
// test also runs as firmware.
#include <stdint.h>
#include <string.h>

#include "tensorflow/lite/c/common.h"
#include "tensorflow/lite/kernels/internal/tensor_ctypes.h"
#include "tensorflow/lite/kernels/kernel_util.h"
#include "tensorflow/lite/micro/kernels/kernel_util.h"
#include "tensorflow/lite/micro/micro_interpreter.h"
#include "tensorflow/lite/micro/micro_log.h"
#include "tensorflow/lite/micro/micro_mutable_op_resolver.h"
#include "tflm_test_models.h"

namespace {

// ---- A PackerOp-style custom op -----------------------------------------------------------------

struct PackerData {
  int scratch_index;
  int32_t invocations;
};

void* PackerInit(TfLiteContext* context, const char* buffer, size_t length) {
  void* data = context->AllocatePersistentBuffer(context, sizeof(PackerData));
  if (data != nullptr) memset(data, 0, sizeof(PackerData));
  return data;
}

void PackerFree(TfLiteContext* context, void* buffer) {}

TfLiteStatus PackerPrepare(TfLiteContext* context, TfLiteNode* node) {
  TF_LITE_ENSURE_EQ(context, tflite::NumInputs(node), 2);
  TF_LITE_ENSURE_EQ(context, tflite::NumOutputs(node), 1);
  tflite::MicroContext* micro_context = tflite::GetMicroContext(context);
  TfLiteTensor* output = micro_context->AllocateTempOutputTensor(node, 0);
  TF_LITE_ENSURE(context, output != nullptr);
  TF_LITE_ENSURE_TYPES_EQ(context, output->type, kTfLiteInt32);
  TF_LITE_ENSURE_EQ(context, output->dims->size, 1);
  auto* data = static_cast<PackerData*>(node->user_data);
  TF_LITE_ENSURE(context, data != nullptr);
  TF_LITE_ENSURE_STATUS(micro_context->RequestScratchBufferInArena(output->bytes, &data->scratch_index));
  micro_context->DeallocateTempTfLiteTensor(output);
  return kTfLiteOk;
}

TfLiteStatus PackerInvoke(TfLiteContext* context, TfLiteNode* node) {
  const TfLiteEvalTensor* a = tflite::micro::GetEvalInput(context, node, 0);
  const TfLiteEvalTensor* b = tflite::micro::GetEvalInput(context, node, 1);
  TfLiteEvalTensor* output = tflite::micro::GetEvalOutput(context, node, 0);
  TF_LITE_ENSURE(context, a != nullptr && b != nullptr && output != nullptr);
  TF_LITE_ENSURE_EQ(context, a->dims->size, 1);
  TF_LITE_ENSURE_EQ(context, b->dims->size, 1);
  auto* data = static_cast<PackerData*>(node->user_data);
  auto* staging = static_cast<int32_t*>(context->GetScratchBuffer(context, data->scratch_index));
  TF_LITE_ENSURE(context, staging != nullptr);
  const int n = output->dims->data[0];
  int k = 0;
  for (int i = 0; i < a->dims->data[0] && k < n; ++i) staging[k++] = a->data.i32[i];
  for (int i = 0; i < b->dims->data[0] && k < n; ++i) staging[k++] = b->data.i32[i];
  while (k < n) staging[k++] = 0;
  memcpy(tflite::micro::GetTensorData<int32_t>(output), staging, n * sizeof(int32_t));
  ++data->invocations;
  return kTfLiteOk;
}

const TFLMRegistration* PackerRegistration() {
  static TFLMRegistration registration = tflite::micro::RegisterOp(PackerInit, PackerPrepare, PackerInvoke, PackerFree);
  return &registration;
}

// ---- ZEROS_LIKE written against the TFLM kernel API ---------------------------------------------

int g_zeros_like_calls = 0;

TfLiteStatus ZerosPrepare(TfLiteContext* context, TfLiteNode* node) {
  tflite::MicroContext* micro_context = tflite::GetMicroContext(context);
  TF_LITE_ENSURE_EQ(context, tflite::NumInputs(node), 1);
  TF_LITE_ENSURE_EQ(context, tflite::NumOutputs(node), 1);
  TfLiteTensor* input = micro_context->AllocateTempInputTensor(node, 0);
  TfLiteTensor* output = micro_context->AllocateTempOutputTensor(node, 0);
  TF_LITE_ENSURE(context, input != nullptr && output != nullptr);
  TF_LITE_ENSURE_TYPES_EQ(context, input->type, output->type);
  micro_context->DeallocateTempTfLiteTensor(input);
  micro_context->DeallocateTempTfLiteTensor(output);
  return kTfLiteOk;
}

template <typename T>
void Fill(TfLiteEvalTensor* output, int n) {
  T* out = tflite::micro::GetTensorData<T>(output);
  for (int i = 0; i < n; ++i) out[i] = T(0);
}

TfLiteStatus ZerosEval(TfLiteContext* context, TfLiteNode* node) {
  const TfLiteEvalTensor* input = tflite::micro::GetEvalInput(context, node, 0);
  TfLiteEvalTensor* output = tflite::micro::GetEvalOutput(context, node, 0);
  const int n = tflite::MatchingFlatSize(tflite::micro::GetTensorShape(input), tflite::micro::GetTensorShape(output));
  ++g_zeros_like_calls;
  switch (input->type) {
    case kTfLiteFloat32: Fill<float>(output, n); return kTfLiteOk;
    case kTfLiteInt8: Fill<int8_t>(output, n); return kTfLiteOk;
    case kTfLiteInt32: Fill<int32_t>(output, n); return kTfLiteOk;
    default: MicroPrintf("ZerosLike: type %d not supported", input->type); return kTfLiteError;
  }
}

TFLMRegistration ZerosLikeRegistration() { return tflite::micro::RegisterOp(nullptr, ZerosPrepare, ZerosEval); }

// ---- Tests -------------------------------------------------------------------------------------

TfLiteStatus PackerTest() {
  tflite::MicroMutableOpResolver<1> resolver;
  TF_LITE_ENSURE_STATUS(resolver.AddCustom("custom_op", PackerRegistration()));
  alignas(16) static uint8_t arena[4096];
  tflite::MicroInterpreter interpreter(tflite::GetModel(g_tflm_packer_model_data), resolver, arena, sizeof(arena));
  TF_LITE_ENSURE_STATUS(interpreter.AllocateTensors());
  const int32_t a[3] = {1, 2, 3}, bv[2] = {40, 50};
  for (int round = 0; round < 2; ++round) {
    memcpy(interpreter.input(0)->data.i32, a, sizeof(a));
    memcpy(interpreter.input(1)->data.i32, bv, sizeof(bv));
    TF_LITE_ENSURE_STATUS(interpreter.Invoke());
    const int32_t expected[7] = {1, 2, 3, 40, 50, 0, 0};
    TFLITE_CHECK_EQ(memcmp(interpreter.output(0)->data.i32, expected, sizeof(expected)), 0);
  }
  // The op's persistent data and its scratch buffer are in tinyrt's arena plan.
  TFLITE_CHECK_GT(interpreter.engine().arena_persistent_bytes(), 0u);
  bool has_scratch = false;
  for (size_t i = 0; i < interpreter.engine().planned_buffers_size(); ++i) {
    const tinyrt::PlannedBuffer p = interpreter.engine().planned_buffer(i);
    has_scratch = has_scratch || (p.tensor == -1 && p.size >= 7 * sizeof(int32_t));
  }
  TFLITE_CHECK(has_scratch);
  MicroPrintf("PackerOp-style custom op: ok, arena %u bytes", static_cast<unsigned>(interpreter.arena_used_bytes()));
  return kTfLiteOk;
}

TfLiteStatus ZerosLikeTest(const unsigned char* model, size_t element_bytes) {
  tflite::MicroMutableOpResolver<1> resolver;
  TF_LITE_ENSURE_STATUS(resolver.AddZerosLike(ZerosLikeRegistration()));  // in place of tinyrt's own
  alignas(16) static uint8_t arena[4096];
  tflite::MicroInterpreter interpreter(tflite::GetModel(model), resolver, arena, sizeof(arena));
  TF_LITE_ENSURE_STATUS(interpreter.AllocateTensors());
  TfLiteTensor* input = interpreter.input(0);
  memset(input->data.raw, 0x5A, 6 * element_bytes);
  const int calls = g_zeros_like_calls;
  TF_LITE_ENSURE_STATUS(interpreter.Invoke());
  TFLITE_CHECK_EQ(g_zeros_like_calls, calls + 1);  // the application's kernel ran, not tinyrt's
  TfLiteTensor* output = interpreter.output(0);
  for (size_t i = 0; i < 6 * element_bytes; ++i) TFLITE_CHECK_EQ(output->data.uint8[i], 0);
  return kTfLiteOk;
}

TfLiteStatus ZerosLikeErrorTest() {
  tflite::MicroMutableOpResolver<1> resolver;
  TF_LITE_ENSURE_STATUS(resolver.AddZerosLike(ZerosLikeRegistration()));
  alignas(16) static uint8_t arena[4096];
  tflite::MicroInterpreter interpreter(tflite::GetModel(g_tflm_zeros_like_int16_model_data), resolver, arena, sizeof(arena));
  TF_LITE_ENSURE_STATUS(interpreter.AllocateTensors());
  TFLITE_CHECK_EQ(interpreter.Invoke(), kTfLiteError);  // the kernel's message, then tinyrt's
  return kTfLiteOk;
}

}  // namespace

int main() {
  TF_LITE_ENSURE_STATUS(PackerTest());
  TF_LITE_ENSURE_STATUS(ZerosLikeTest(g_tflm_zeros_like_float32_model_data, 4));
  TF_LITE_ENSURE_STATUS(ZerosLikeTest(g_tflm_zeros_like_int8_model_data, 1));
  TF_LITE_ENSURE_STATUS(ZerosLikeTest(g_tflm_zeros_like_int32_model_data, 4));
  TF_LITE_ENSURE_STATUS(ZerosLikeErrorTest());
  MicroPrintf("~~~ALL TESTS PASSED~~~\n");
  return 0;
}
