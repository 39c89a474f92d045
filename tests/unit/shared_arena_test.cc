// SPDX-License-Identifier: Apache-2.0
// Several interpreters in one arena (SharedArena): every model's outputs, Invoke after Invoke
// with the models interleaved, are bit-identical to the model running alone in its own arena,
// including stateful ones (SVDF variable tensors, the audio front end's delay lines and noise
// estimates); the shared size is exact (that many bytes work, one byte less fails naming the
// model and the bytes needed), follows its stated formula, and nothing outside it is written.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

constexpr int kInvokes = 4;
constexpr size_t kGuard = 64;

using testing::LoadedModel;

std::unique_ptr<LoadedModel> Load(const std::string& name) { return testing::LoadModelFile(name); }

std::vector<uint8_t> Step(MicroInterpreter& interpreter, int invoke) {
  Status status;
  std::vector<uint8_t> out = testing::InvokeOnGoldenInputs(interpreter, invoke, &status);
  EXPECT_TRUE(status.ok()) << status.message();
  return out;
}

// The model alone in an arena of exactly arena_used_bytes(): its outputs per Invoke and figures.
struct Alone {
  std::vector<std::vector<uint8_t>> outputs;
  size_t used = 0, persistent = 0, planned = 0;
};

Alone RunAlone(const Model& model) {
  AllOpsResolver resolver;
  Alone a;
  {
    host::AlignedBuffer probe(8u << 20);
    MicroInterpreter interpreter(model, resolver, probe.data(), probe.size());
    EXPECT_TRUE(interpreter.AllocateTensors().ok());
    a.used = interpreter.arena_used_bytes();
  }
  host::AlignedBuffer arena(a.used);
  MicroInterpreter interpreter(model, resolver, arena.data(), a.used);
  EXPECT_TRUE(interpreter.AllocateTensors().ok());
  a.persistent = interpreter.arena_persistent_bytes();
  a.planned = interpreter.arena_planned_bytes();
  for (int i = 0; i < kInvokes; ++i) a.outputs.push_back(Step(interpreter, i));
  return a;
}

class SharedArenaTest : public ::testing::Test {
 protected:
  // Loads the models; false (the test skips) if one is missing.
  bool LoadAll(const std::vector<std::string>& names) {
    for (const std::string& name : names) {
      auto m = Load(name);
      if (m == nullptr) return false;
      models_.push_back(std::move(m));
      names_.push_back(name);
    }
    return true;
  }

  // Constructs one interpreter per model on a shared arena of `bytes` (at `misalign` bytes past
  // a 16-byte boundary, guard bytes on both sides) and allocates them in order. Returns the
  // first failing status, or Ok.
  Status Allocate(size_t bytes, size_t misalign = 0) {
    interpreters_.clear();
    storage_ = host::AlignedBuffer(bytes + misalign + 2 * kGuard);
    std::memset(storage_.data(), 0x5A, storage_.size());
    arena_ = storage_.data() + kGuard + misalign;
    bytes_ = bytes;
    shared_ = std::make_unique<SharedArena>(arena_, bytes);
    for (auto& m : models_) interpreters_.push_back(std::make_unique<MicroInterpreter>(m->model, resolver_, *shared_));
    for (auto& in : interpreters_) {
      const Status status = in->AllocateTensors();
      if (!status.ok()) return status;
    }
    return Status::Ok();
  }

  void ExpectGuardsIntact() {
    for (size_t i = 0; i < kGuard; ++i) {
      ASSERT_EQ(arena_[-1 - static_cast<ptrdiff_t>(i)], 0x5A) << "byte " << i + 1 << " before the shared arena was written";
      ASSERT_EQ(arena_[bytes_ + i], 0x5A) << "byte " << i << " after the shared arena was written";
    }
  }

  // The whole check: shared size exact and as stated, interleaved outputs as alone.
  void CheckModels(const std::vector<std::string>& names) {
    if (!LoadAll(names)) GTEST_SKIP() << "a model is missing";
    std::vector<Alone> alone;
    for (auto& m : models_) alone.push_back(RunAlone(m->model));

    ASSERT_TRUE(Allocate(8u << 20).ok());
    const size_t used = shared_->used_bytes();
    EXPECT_EQ(shared_->models(), models_.size());
    // The stated formula, from each model's own figures (identical to running alone).
    size_t persistent = 0, largest_plan = 0, peak = 0;
    for (size_t k = 0; k < models_.size(); ++k) {
      const MicroInterpreter& in = *interpreters_[k];
      EXPECT_EQ(in.arena_used_bytes(), alone[k].used) << names_[k];
      EXPECT_EQ(in.arena_persistent_bytes(), alone[k].persistent) << names_[k];
      EXPECT_EQ(in.arena_planned_bytes(), alone[k].planned) << names_[k];
      EXPECT_EQ(in.arena_persistent_bytes() % 16, 0u);
      if (persistent + in.arena_used_bytes() > peak) peak = persistent + in.arena_used_bytes();
      persistent += in.arena_persistent_bytes();
      if (in.arena_planned_bytes() > largest_plan) largest_plan = in.arena_planned_bytes();
    }
    EXPECT_EQ(shared_->persistent_bytes(), persistent);
    EXPECT_EQ(shared_->planned_bytes(), largest_plan);
    EXPECT_EQ(used, std::max(persistent + largest_plan, peak));
    size_t separate = 0;
    for (const Alone& a : alone) separate += a.used;
    EXPECT_LT(used, separate);
    std::printf("[ shared   ] %s: separate arenas %zu bytes, shared %zu (%zu persistent + %zu planned)\n", Joined().c_str(), separate, used,
                persistent, largest_plan);

    // Exactly `used` bytes: the models interleaved, Invoke by Invoke as alone; nothing written
    // outside the arena. Misaligned: `used` bytes past the alignment padding.
    for (size_t misalign : {size_t{0}, size_t{5}}) {
      const size_t padding = misalign == 0 ? 0 : 16 - misalign;
      ASSERT_TRUE(Allocate(used + padding, misalign).ok()) << "misalign " << misalign;
      EXPECT_EQ(shared_->used_bytes(), used);
      for (int i = 0; i < kInvokes; ++i) {
        for (size_t k = 0; k < models_.size(); ++k) {
          EXPECT_EQ(Step(*interpreters_[k], i), alone[k].outputs[static_cast<size_t>(i)]) << names_[k] << " Invoke " << i;
        }
      }
      ExpectGuardsIntact();
      // Reset restarts each model's state without touching the others'.
      ASSERT_TRUE(interpreters_[0]->Reset().ok());
      EXPECT_EQ(Step(*interpreters_[0], 0), alone[0].outputs[0]) << names_[0] << " after Reset";
    }

    // One byte less: an AllocateTensors fails, naming the model and the bytes the models need.
    const Status status = Allocate(used - 1);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.code(), StatusCode::kArenaTooSmall);
    const std::string message = status.message();
    std::printf("[ shared   ] one byte less: %s\n", message.c_str());
    EXPECT_NE(message.find("shared arena has " + std::to_string(used - 1) + " bytes"), std::string::npos) << message;
    EXPECT_NE(message.find(" need " + std::to_string(used) + " ("), std::string::npos) << message;
    EXPECT_NE(message.find("does not fit"), std::string::npos) << message;
  }

  std::string Joined() const {
    std::string s;
    for (const std::string& n : names_) s += (s.empty() ? "" : " + ") + n;
    return s;
  }

  std::vector<std::unique_ptr<LoadedModel>> models_;
  std::vector<std::string> names_;
  AllOpsResolver resolver_;
  host::AlignedBuffer storage_;
  uint8_t* arena_ = nullptr;
  size_t bytes_ = 0;
  std::unique_ptr<SharedArena> shared_;
  std::vector<std::unique_ptr<MicroInterpreter>> interpreters_;
};

// The micro_speech pipeline: the audio front end (state in op data) and the keyword model.
TEST_F(SharedArenaTest, AudioFrontEndAndMicroSpeech) { CheckModels({"audio_preprocessor_int8", "micro_speech_quantized"}); }

// The keyword model first, then the front end (the order of AllocateTensors changes the layout).
TEST_F(SharedArenaTest, KwsAndAudioFrontEnd) { CheckModels({"kws_ref_model", "audio_preprocessor_int8"}); }

// Three models, one with SVDF variable (state) tensors, which must survive the others' Invokes.
TEST_F(SharedArenaTest, ThreeModelsWithSvdfState) { CheckModels({"hello_world_int8", "keyword_scrambled", "micro_speech_quantized"}); }

// An LSTM model beside a vision model.
TEST_F(SharedArenaTest, LstmAndPersonDetection) { CheckModels({"trained_lstm_int8", "person_detect"}); }

TEST(SharedArena, NullArenaFailsClearly) {
  auto m = Load("hello_world_int8");
  if (m == nullptr) GTEST_SKIP() << "model missing";
  AllOpsResolver resolver;
  SharedArena shared(nullptr, 1024);
  MicroInterpreter interpreter(m->model, resolver, shared);
  const Status status = interpreter.AllocateTensors();
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(status.message()).find("arena is null"), std::string::npos) << status.message();
  EXPECT_EQ(shared.used_bytes(), 0u);
}

// A failed AllocateTensors leaves the shared arena as it was: a smaller model still fits after it.
TEST(SharedArena, FailedModelTakesNothing) {
  auto small = Load("hello_world_int8");
  auto big = Load("person_detect");
  if (small == nullptr || big == nullptr) GTEST_SKIP() << "model missing";
  AllOpsResolver resolver;
  host::AlignedBuffer arena(4096);
  SharedArena shared(arena.data(), arena.size());
  MicroInterpreter first(big->model, resolver, shared);
  MicroInterpreter second(small->model, resolver, shared);
  const Status status = first.AllocateTensors();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(std::string(status.message()).find("shared arena has 4096 bytes"), std::string::npos) << status.message();
  EXPECT_NE(std::string(status.message()).find("model 1 "), std::string::npos) << status.message();
  EXPECT_EQ(shared.models(), 0u);
  ASSERT_TRUE(second.AllocateTensors().ok());
  EXPECT_EQ(shared.models(), 1u);
  EXPECT_EQ(shared.used_bytes(), second.arena_used_bytes());
  EXPECT_FALSE(first.Invoke().ok());
}

}  // namespace
}  // namespace tinyrt
