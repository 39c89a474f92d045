// SPDX-License-Identifier: Apache-2.0
// Every error names its cause: missing op, unsupported version or type, arena too small,
// truncated or corrupt model, calls in the wrong order.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

using testing::ModelBuilder;
using testing::Quant;
using testing::Runner;

bool Contains(const char* text, const std::string& part) { return std::string(text).find(part) != std::string::npos; }

// in(float[1,64]) -> FULLY_CONNECTED -> FULLY_CONNECTED -> out; `version` for both ops.
host::AlignedBuffer TwoLayerModel(int version = 1, TensorType type = TensorType::kFloat32) {
  ModelBuilder b;
  const int in = b.AddTensor(type, {1, 64});
  std::vector<float> identity(64 * 64, 0.0f);
  for (int i = 0; i < 64; ++i) identity[i * 65] = 1.0f;
  const int w = b.AddConstant<float>(TensorType::kFloat32, {64, 64}, identity);
  const int mid = b.AddTensor(type, {1, 64});
  const int out = b.AddTensor(type, {1, 64});
  b.AddOp(tflite::BuiltinOperator_FULLY_CONNECTED, {in, w, -1}, {mid}, tflite::BuiltinOptions_NONE, 0, version);
  b.AddOp(tflite::BuiltinOperator_FULLY_CONNECTED, {mid, w, -1}, {out}, tflite::BuiltinOptions_NONE, 0, version);
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Finish();
}

TEST(Errors, MissingOpNamesOpVersionNodeAndResolverMethod) {
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kFloat32, {1, 2});
  const int out = b.AddTensor(TensorType::kFloat32, {1, 2});
  const int w = b.AddConstant<float>(TensorType::kFloat32, {2, 2}, {1, 0, 0, 1});
  b.AddOp(tflite::BuiltinOperator_FULLY_CONNECTED, {in, w, -1}, {out}, tflite::BuiltinOptions_NONE, 0, 4);
  b.SetInputs({in});
  b.SetOutputs({out});
  host::AlignedBuffer bytes = b.Finish();
  Model model;
  ASSERT_TRUE(model.Load(bytes.data(), bytes.size()).ok());
  MicroMutableOpResolver<1> empty;
  host::AlignedBuffer arena(4096);
  MicroInterpreter interpreter(model, empty, arena.data(), arena.size());
  const Status status = interpreter.AllocateTensors();
  EXPECT_EQ(status.code(), StatusCode::kMissingOp);
#if defined(TINYRT_FULL_OP_NAMES) && !TINYRT_FULL_OP_NAMES
  // Firmware builds have no table of resolver methods (the unit tests' firmware, tests/target).
  EXPECT_STREQ(status.message(),
               "the model needs FULLY_CONNECTED version 4 (node 0); register it with its MicroMutableOpResolver Add method "
               "(tools/model_to_c --ops-header writes them)");
#else
  EXPECT_STREQ(status.message(), "the model needs FULLY_CONNECTED version 4 (node 0); register it with AddFullyConnected()");
#endif
}

TEST(Errors, MissingCustomOpNamesIt) {
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kFloat32, {4});
  const int out = b.AddTensor(TensorType::kFloat32, {4});
  b.AddOp(kBuiltinCustom, {in}, {out}, tflite::BuiltinOptions_NONE, 0, 1, "MyFancyOp");
  b.SetInputs({in});
  b.SetOutputs({out});
  Runner r(b.Finish());
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kMissingOp);
  EXPECT_TRUE(Contains(r.allocate_status().message(), "the model needs MyFancyOp version 1 (node 0)")) << r.allocate_status().message();
}

TEST(Errors, UnsupportedOpVersion) {
  Runner r(TwoLayerModel(99));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_TRUE(Contains(r.allocate_status().message(), "FULLY_CONNECTED (node 0): op version 99 is not supported"))
      << r.allocate_status().message();
}

TEST(Errors, UnsupportedTensorType) {
  Runner r(TwoLayerModel(1, TensorType::kUInt32));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_TRUE(Contains(r.allocate_status().message(), "FULLY_CONNECTED (node 0): input type uint32 is not supported"))
      << r.allocate_status().message();
}

TEST(Errors, ArenaTooSmallSaysHowManyBytes) {
  Runner big(TwoLayerModel());
  ASSERT_TRUE(big.ok());
  const size_t needed = big.interpreter().arena_used_bytes();
  Runner small(TwoLayerModel(), needed - 1);
  EXPECT_EQ(small.allocate_status().code(), StatusCode::kArenaTooSmall);
  EXPECT_TRUE(Contains(small.allocate_status().message(),
                       "arena has " + std::to_string(needed - 1) + " bytes, model needs " + std::to_string(needed)))
      << small.allocate_status().message();
}

TEST(Errors, TinyArenaFailsCleanly) {
  for (size_t size : {0, 1, 16, 32, 100}) {
    Runner r(TwoLayerModel(), size);
    EXPECT_EQ(r.allocate_status().code(), StatusCode::kArenaTooSmall) << size;
    EXPECT_TRUE(Contains(r.allocate_status().message(), "arena")) << r.allocate_status().message();
  }
}

TEST(Errors, UnalignedArenaIsHandled) {
  Runner aligned(TwoLayerModel());
  ASSERT_TRUE(aligned.ok());
  const size_t needed = aligned.interpreter().arena_used_bytes();
  host::AlignedBuffer bytes = TwoLayerModel();
  Model model;
  ASSERT_TRUE(model.Load(bytes.data(), bytes.size()).ok());
  AllOpsResolver resolver;
  host::AlignedBuffer arena(needed + 16);
  MicroInterpreter interpreter(model, resolver, arena.data() + 3, needed + 13);  // 13 bytes of padding to realign
  ASSERT_TRUE(interpreter.AllocateTensors().ok()) << interpreter.error();
  MicroInterpreter short_by_one(model, resolver, arena.data() + 3, needed + 12);
  const Status status = short_by_one.AllocateTensors();
  EXPECT_EQ(status.code(), StatusCode::kArenaTooSmall);
  EXPECT_TRUE(Contains(status.message(), "to align the arena to 16 bytes")) << status.message();
}

TEST(Errors, TruncatedModelIsRejected) {
  host::AlignedBuffer full = TwoLayerModel();
  for (size_t cut : {size_t{0}, size_t{4}, size_t{7}, full.size() / 2, full.size() - 1}) {
    Model model;
    const Status status = model.Load(full.data(), cut);
    EXPECT_FALSE(status.ok()) << cut;
    EXPECT_TRUE(status.code() == StatusCode::kInvalidModel) << cut << ": " << status.message();
  }
}

TEST(Errors, WrongFileIdentifier) {
  host::AlignedBuffer bytes = TwoLayerModel();
  std::memcpy(bytes.data() + 4, "ABCD", 4);
  Model model;
  const Status status = model.Load(bytes.data(), bytes.size());
  EXPECT_STREQ(status.message(), "not a TFLite model: file identifier is 'ABCD', expected 'TFL3'");
}

TEST(Errors, UnalignedModelIsRefusedWithAdvice) {
  host::AlignedBuffer bytes = TwoLayerModel();
  host::AlignedBuffer shifted(bytes.size() + 4);
  std::memcpy(shifted.data() + 4, bytes.data(), bytes.size());
  Model model;
  const Status status = model.Load(shifted.data() + 4, bytes.size());
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_STREQ(status.message(), "model data must be at least 8-byte aligned (declare the array alignas(16))");
}

TEST(Errors, CorruptBytesNeverCrash) {
  // Flip every byte in turn: each load either fails with a status that says why, or yields a
  // model that allocates and runs or fails the same way. Whatever happens, the runtime writes
  // neither into the model (it is read in place, from flash on a device) nor outside its arena.
  const host::AlignedBuffer original = TwoLayerModel();
  constexpr size_t kGuard = 64;
  // Several times what the model needs (three 256-byte activations and its tables): room for
  // flips that enlarge a tensor, and cheap to fill before each of the ~16,700 flips on the slower
  // cores (the unit-test firmware runs this on cortex-m0, -m4f and -m55).
  constexpr size_t kArena = 1 << 12;
  size_t load_failures = 0, allocate_failures = 0, ran = 0;
  for (size_t i = 0; i < original.size(); ++i) {
    host::AlignedBuffer bytes(original.size());
    std::memcpy(bytes.data(), original.data(), original.size());
    bytes.data()[i] ^= 0xFF;
    const std::vector<uint8_t> flipped(bytes.data(), bytes.data() + bytes.size());
    host::AlignedBuffer arena(kArena + 2 * kGuard);
    std::memset(arena.data(), 0xA5, arena.size());
    {
      Model model;
      const Status load = model.Load(bytes.data(), bytes.size());
      if (!load.ok()) {
        ++load_failures;
        EXPECT_NE(load.code(), StatusCode::kOk);
        EXPECT_GT(std::strlen(load.message()), 0u) << "byte " << i;
      } else {
        AllOpsResolver resolver;
        MicroInterpreter interpreter(model, resolver, arena.data() + kGuard, kArena);
        const Status allocate = interpreter.AllocateTensors();
        if (!allocate.ok()) {
          ++allocate_failures;
          EXPECT_GT(std::strlen(allocate.message()), 0u) << "byte " << i;
        } else {
          const Status invoke = interpreter.Invoke();
          if (invoke.ok())
            ++ran;
          else
            EXPECT_GT(std::strlen(invoke.message()), 0u) << "byte " << i;
        }
      }
    }
    EXPECT_EQ(std::memcmp(bytes.data(), flipped.data(), flipped.size()), 0) << "the model changed (byte " << i << " flipped)";
    for (size_t g = 0; g < kGuard; ++g) {
      ASSERT_EQ(arena.data()[g], 0xA5) << "written before the arena (byte " << i << " flipped)";
      ASSERT_EQ(arena.data()[kGuard + kArena + g], 0xA5) << "written after the arena (byte " << i << " flipped)";
    }
  }
  // Both outcomes occur: header and index flips are caught, weight flips load and run.
  EXPECT_GT(load_failures, 0u);
  EXPECT_GT(ran, 0u);
}

TEST(Errors, CallsInTheWrongOrder) {
  host::AlignedBuffer bytes = TwoLayerModel();
  Model model;
  ASSERT_TRUE(model.Load(bytes.data(), bytes.size()).ok());
  AllOpsResolver resolver;
  host::AlignedBuffer arena(4096);
  MicroInterpreter interpreter(model, resolver, arena.data(), arena.size());
  EXPECT_EQ(interpreter.Invoke().code(), StatusCode::kNotReady);
  EXPECT_FALSE(interpreter.input(0).valid());
  ASSERT_TRUE(interpreter.AllocateTensors().ok());
  EXPECT_EQ(interpreter.AllocateTensors().code(), StatusCode::kNotReady);
  EXPECT_FALSE(interpreter.input(1).valid());  // out of range
  EXPECT_TRUE(interpreter.Invoke().ok());
}

TEST(Errors, UnloadedModel) {
  Model model;
  AllOpsResolver resolver;
  host::AlignedBuffer arena(4096);
  MicroInterpreter interpreter(model, resolver, arena.data(), arena.size());
  const Status status = interpreter.AllocateTensors();
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Contains(status.message(), "not loaded"));
}

TEST(Errors, FullResolver) {
  MicroMutableOpResolver<1> resolver;
  EXPECT_TRUE(resolver.AddFullyConnected().ok());
  EXPECT_TRUE(resolver.AddFullyConnected().ok());  // the same op again is fine
  const Status status = resolver.AddCustom("Other", &kernels::kOp_FULLY_CONNECTED);
  EXPECT_EQ(status.code(), StatusCode::kResolverFull);
  EXPECT_TRUE(Contains(status.message(), "MicroMutableOpResolver<N>"));
}

TEST(Errors, TensorReadBeforeWritten) {
  ModelBuilder b;
  const int in = b.AddTensor(TensorType::kFloat32, {1, 2});
  const int orphan = b.AddTensor(TensorType::kFloat32, {1, 2}, {}, false, "orphan");
  const int w = b.AddConstant<float>(TensorType::kFloat32, {2, 2}, {1, 0, 0, 1});
  const int out = b.AddTensor(TensorType::kFloat32, {1, 2});
  b.AddOp(tflite::BuiltinOperator_FULLY_CONNECTED, {orphan, w, -1}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  Runner r(b.Finish());
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kInvalidModel);
  EXPECT_TRUE(Contains(r.allocate_status().message(), "reads tensor 1 ('orphan'), which no earlier op writes"))
      << r.allocate_status().message();
}

}  // namespace
}  // namespace tinyrt
