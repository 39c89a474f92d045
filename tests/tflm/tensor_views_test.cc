// SPDX-License-Identifier: Apache-2.0
// TFLM-style test (micro_test_v2.h) of the TfLiteTensors the compatibility layer hands out:
//  - MicroInterpreter::input(i) / output(i) for every input and output (no fixed limit), placed
//    in the arena after tinyrt's plan and counted in arena_used_bytes(): an arena of exactly
//    that size works, one byte less fails with a message;
//  - quantization.params (TfLiteAffineQuantization) of per-channel and per-tensor tensors, as
//    TFLM fills it: scales read in place from the model, zero points as int32,
//    quantized_dimension; for input(i) / output(i) and for the
//    temporary tensors a TFLM kernel's Prepare gets from MicroContext.
// The models (tests/tflm/models, made by make_test_models.cc) are compiled in as arrays, so the
// test also runs as firmware.
#include <stdint.h>
#include <string.h>

#include "tensorflow/lite/c/common.h"
#include "tensorflow/lite/kernels/kernel_util.h"
#include "tensorflow/lite/micro/kernels/kernel_util.h"
#include "tensorflow/lite/micro/micro_interpreter.h"
#include "tensorflow/lite/micro/micro_log.h"
#include "tensorflow/lite/micro/micro_mutable_op_resolver.h"
#include "tensorflow/lite/micro/testing/micro_test_v2.h"
#include "tflm_test_models.h"

namespace {

constexpr int kPairs = 7;  // inputs and outputs of tflm_many_tensors: more than a small fixed table

alignas(16) uint8_t g_arena[8192];

TEST(TensorViewsTest, EveryInputAndOutput) {
  tflite::MicroMutableOpResolver<1> resolver;
  ASSERT_EQ(resolver.AddNeg(), kTfLiteOk);
  tflite::MicroInterpreter interpreter(tflite::GetModel(g_tflm_many_tensors_model_data), resolver, g_arena, sizeof(g_arena));
  ASSERT_EQ(interpreter.AllocateTensors(), kTfLiteOk);
  ASSERT_EQ(interpreter.inputs_size(), static_cast<size_t>(kPairs));
  ASSERT_EQ(interpreter.outputs_size(), static_cast<size_t>(kPairs));
  for (int i = 0; i < kPairs; ++i) {
    TfLiteTensor* input = interpreter.input(i);
    ASSERT_NE(input, nullptr);
    ASSERT_EQ(input->type, kTfLiteFloat32);
    ASSERT_EQ(input->dims->size, 2);
    ASSERT_EQ(input->dims->data[1], i + 1);
    ASSERT_EQ(input->bytes, sizeof(float) * (i + 1));
    for (int k = 0; k <= i; ++k) input->data.f[k] = static_cast<float>(10 * i + k);
  }
  ASSERT_EQ(interpreter.Invoke(), kTfLiteOk);
  for (int i = 0; i < kPairs; ++i) {
    TfLiteTensor* output = interpreter.output(i);
    ASSERT_NE(output, nullptr);
    ASSERT_EQ(output->dims->data[1], i + 1);
    for (int k = 0; k <= i; ++k) EXPECT_EQ(output->data.f[k], -static_cast<float>(10 * i + k));
    EXPECT_EQ(interpreter.typed_output_tensor<float>(i), output->data.f);
  }
  EXPECT_EQ(interpreter.input(kPairs), nullptr);  // out of range: nullptr and a message
  EXPECT_EQ(interpreter.output(kPairs), nullptr);
  // The views are in the arena, after tinyrt's plan, and counted.
  const uint8_t* first = reinterpret_cast<const uint8_t*>(interpreter.input(0));
  EXPECT_GE(first, g_arena + interpreter.engine().arena_used_bytes());
  EXPECT_LT(first, g_arena + interpreter.arena_used_bytes());
  EXPECT_GE(interpreter.arena_used_bytes(), interpreter.engine().arena_used_bytes() + 2 * kPairs * sizeof(TfLiteTensor));
}

TEST(TensorViewsTest, ArenaOfExactlyArenaUsedBytes) {
  tflite::MicroMutableOpResolver<1> resolver;
  ASSERT_EQ(resolver.AddNeg(), kTfLiteOk);
  size_t needed = 0;
  {
    tflite::MicroInterpreter interpreter(tflite::GetModel(g_tflm_many_tensors_model_data), resolver, g_arena, sizeof(g_arena));
    ASSERT_EQ(interpreter.AllocateTensors(), kTfLiteOk);
    needed = interpreter.arena_used_bytes();
  }
  {
    tflite::MicroInterpreter interpreter(tflite::GetModel(g_tflm_many_tensors_model_data), resolver, g_arena, needed);
    ASSERT_EQ(interpreter.AllocateTensors(), kTfLiteOk);
    EXPECT_EQ(interpreter.arena_used_bytes(), needed);
    ASSERT_NE(interpreter.output(kPairs - 1), nullptr);
  }
  {
    tflite::MicroInterpreter interpreter(tflite::GetModel(g_tflm_many_tensors_model_data), resolver, g_arena, needed - 1);
    EXPECT_EQ(interpreter.AllocateTensors(), kTfLiteError);
    EXPECT_EQ(interpreter.input(0), nullptr);
  }
}

// An arena that is not 16-byte aligned is accepted, as in TFLM; the views are still aligned.
TEST(TensorViewsTest, UnalignedArena) {
  tflite::MicroMutableOpResolver<1> resolver;
  ASSERT_EQ(resolver.AddNeg(), kTfLiteOk);
  for (size_t skew = 1; skew < 16; skew += 5) {
    tflite::MicroInterpreter interpreter(tflite::GetModel(g_tflm_many_tensors_model_data), resolver, g_arena + skew,
                                         sizeof(g_arena) - skew);
    ASSERT_EQ(interpreter.AllocateTensors(), kTfLiteOk);
    for (int i = 0; i < kPairs; ++i) {
      EXPECT_EQ(reinterpret_cast<uintptr_t>(interpreter.input(i)) % alignof(TfLiteTensor), 0u);
      interpreter.input(i)->data.f[0] = 2.5f;
    }
    ASSERT_EQ(interpreter.Invoke(), kTfLiteOk);
    EXPECT_EQ(interpreter.output(kPairs - 1)->data.f[0], -2.5f);
    EXPECT_GE(reinterpret_cast<const uint8_t*>(interpreter.input(0)), g_arena + skew);
    EXPECT_LE(reinterpret_cast<const uint8_t*>(interpreter.output(kPairs - 1) + 1), g_arena + sizeof(g_arena));
  }
}

// ---- Quantization parameters ----------------------------------------------------------------

const float kScales[3] = {0.5f, 0.25f, 0.125f};
const int64_t kZeroPoints[3] = {3, -1, 7};

void ExpectAffine(const TfLiteTensor* t, int channels, const float* scales, const int64_t* zero_points, int32_t dimension) {
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->quantization.type, kTfLiteAffineQuantization);
  const auto* affine = static_cast<const TfLiteAffineQuantization*>(t->quantization.params);
  ASSERT_NE(affine, nullptr);
  ASSERT_NE(affine->scale, nullptr);
  ASSERT_NE(affine->zero_point, nullptr);
  ASSERT_EQ(affine->scale->size, channels);
  ASSERT_EQ(affine->zero_point->size, channels);
  EXPECT_EQ(affine->quantized_dimension, dimension);
  for (int c = 0; c < channels; ++c) {
    EXPECT_EQ(affine->scale->data[c], scales[c]);
    EXPECT_EQ(affine->zero_point->data[c], static_cast<int>(zero_points[c]));
  }
  EXPECT_EQ(t->params.scale, scales[0]);  // TFLM sets params from channel 0 too
  EXPECT_EQ(t->params.zero_point, static_cast<int32_t>(zero_points[0]));
}

// What the spy kernel's Prepare saw through MicroContext's temporary tensors.
struct Seen {
  bool prepared;
  bool filter_ok;
  bool input_ok;
  bool bias_ok;
  bool wide_ok;
};
Seen g_seen;

TfLiteStatus SpyPrepare(TfLiteContext* context, TfLiteNode* node) {
  tflite::MicroContext* micro_context = tflite::GetMicroContext(context);
  TfLiteTensor* input = micro_context->AllocateTempInputTensor(node, 0);
  TfLiteTensor* filter = micro_context->AllocateTempInputTensor(node, 1);
  TfLiteTensor* bias = micro_context->AllocateTempInputTensor(node, 2);
  TfLiteTensor* wide = micro_context->AllocateTempInputTensor(node, 4);
  TF_LITE_ENSURE(context, input != nullptr && filter != nullptr && bias != nullptr && wide != nullptr);
  g_seen.prepared = true;
  // Per-channel filter (axis 0, symmetric).
  const int64_t zeros[3] = {0, 0, 0};
  ExpectAffine(filter, 3, kScales, zeros, 0);
  g_seen.filter_ok = !HasFailure();
  // Per-tensor input: a one-channel TfLiteAffineQuantization, as TFLM gives.
  const float input_scale = 0.75f;
  const int64_t input_zero = -5;
  ExpectAffine(input, 1, &input_scale, &input_zero, 0);
  g_seen.input_ok = !HasFailure();
  // Not quantized: no params.
  g_seen.bias_ok = bias->quantization.type == kTfLiteNoQuantization && bias->quantization.params == nullptr;
  micro_context->DeallocateTempTfLiteTensor(input);
  micro_context->DeallocateTempTfLiteTensor(filter);
  // 64 channels (beyond the stack buffer of a Prepare: from the persistent arena).
  float wide_scales[64];
  int64_t wide_zero_points[64];
  for (int c = 0; c < 64; ++c) {
    wide_scales[c] = 0.01f * static_cast<float>(c + 1);
    wide_zero_points[c] = c % 5 - 2;
  }
  ExpectAffine(wide, 64, wide_scales, wide_zero_points, 1);
  g_seen.wide_ok = !HasFailure();
  micro_context->DeallocateTempTfLiteTensor(bias);
  micro_context->DeallocateTempTfLiteTensor(wide);
  return kTfLiteOk;
}

TfLiteStatus SpyInvoke(TfLiteContext* context, TfLiteNode* node) {
  TfLiteEvalTensor* output = tflite::micro::GetEvalOutput(context, node, 0);
  memset(output->data.raw, 0, 4);
  return kTfLiteOk;
}

TEST(TensorViewsTest, PerChannelQuantization) {
  static TFLMRegistration spy = tflite::micro::RegisterOp(nullptr, SpyPrepare, SpyInvoke);
  tflite::MicroMutableOpResolver<1> resolver;
  ASSERT_EQ(resolver.AddCustom("spy", &spy), kTfLiteOk);
  tflite::MicroInterpreter interpreter(tflite::GetModel(g_tflm_per_channel_model_data), resolver, g_arena, sizeof(g_arena));
  g_seen = Seen{};
  ASSERT_EQ(interpreter.AllocateTensors(), kTfLiteOk);
  EXPECT_TRUE(g_seen.prepared);
  EXPECT_TRUE(g_seen.filter_ok);
  EXPECT_TRUE(g_seen.input_ok);
  EXPECT_TRUE(g_seen.bias_ok);
  EXPECT_TRUE(g_seen.wide_ok);

  ExpectAffine(interpreter.input(0), 3, kScales, kZeroPoints, 3);
  const float scale = 0.75f;
  const int64_t zero = -5;
  ExpectAffine(interpreter.input(1), 1, &scale, &zero, 0);
  ExpectAffine(interpreter.output(0), 1, &scale, &zero, 0);
  // The scales are the model's own floats, read in place.
  const auto* affine = static_cast<const TfLiteAffineQuantization*>(interpreter.input(0)->quantization.params);
  EXPECT_GE(reinterpret_cast<const uint8_t*>(affine->scale), g_tflm_per_channel_model_data);
  EXPECT_LT(reinterpret_cast<const uint8_t*>(affine->scale), g_tflm_per_channel_model_data + g_tflm_per_channel_model_data_size);
  // The structs and int32 zero points are in the arena, counted.
  EXPECT_GE(reinterpret_cast<const uint8_t*>(affine), g_arena + interpreter.engine().arena_used_bytes());
  EXPECT_LT(reinterpret_cast<const uint8_t*>(affine->zero_point), g_arena + interpreter.arena_used_bytes());
  ASSERT_EQ(interpreter.Invoke(), kTfLiteOk);
}

}  // namespace

TF_LITE_MICRO_TESTS_MAIN
