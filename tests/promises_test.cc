// SPDX-License-Identifier: Apache-2.0
// The runtime's promises, checked on every bundled model: the model buffer is never written (it
// sits in a read-only page for the whole run), nothing is written outside the arena, the same
// input always gives the same output, and interpreters on one model are independent (also when
// running in two threads at once).
#include <gtest/gtest.h>

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <thread>
#include <vector>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

const char* const kModels[] = {"hello_world_int8",           "hello_world_float",       "simple_add_model",        "kws_ref_model",
                               "micro_speech_quantized",     "person_detect",           "pretrainedResnet_quant",  "ad01_int8",
                               "model_ToyCar_quant_fullint", "audio_preprocessor_int8", "audio_preprocessor_float"};

// A model copied into its own pages, then made read-only: any write by the runtime faults.
class ReadOnlyModel {
 public:
  explicit ReadOnlyModel(const std::string& path) {
    host::AlignedBuffer bytes;
    EXPECT_TRUE(host::ReadFile(path, &bytes)) << path;
    const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    mapped_ = (bytes.size() + page - 1) / page * page;
    data_ = static_cast<uint8_t*>(mmap(nullptr, mapped_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    EXPECT_NE(data_, MAP_FAILED);
    std::memcpy(data_, bytes.data(), bytes.size());
    size_ = bytes.size();
    EXPECT_EQ(mprotect(data_, mapped_, PROT_READ), 0);
  }
  ~ReadOnlyModel() { munmap(data_, mapped_); }
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t mapped_ = 0;
};

// Runs `invokes` Invokes of a model on golden-generator inputs (seed 1); returns the outputs of
// each Invoke concatenated, and checks the arena's guard bytes.
std::vector<uint8_t> RunModel(const ReadOnlyModel& bytes, int invokes, int seed = 1) {
  constexpr size_t kGuard = 256;
  Model model;
  EXPECT_TRUE(model.Load(bytes.data(), bytes.size()).ok());
  AllOpsResolver resolver;
  host::AlignedBuffer probe_arena(8u << 20);
  size_t used = 0;
  {
    MicroInterpreter probe(model, resolver, probe_arena.data(), probe_arena.size());
    EXPECT_TRUE(probe.AllocateTensors().ok());
    used = probe.arena_used_bytes();
  }
  // An arena of exactly the used size with guard bytes on both sides.
  host::AlignedBuffer storage(used + 2 * kGuard);
  std::memset(storage.data(), 0x5A, storage.size());
  uint8_t* arena = storage.data() + kGuard;
  MicroInterpreter interpreter(model, resolver, arena, used);
  EXPECT_TRUE(interpreter.AllocateTensors().ok());
  std::vector<uint8_t> outputs;
  for (int i = 0; i < invokes; ++i) {
    for (size_t in = 0; in < interpreter.inputs_size(); ++in)
      host::FillGoldenInput(interpreter.input(in), static_cast<uint32_t>(seed), static_cast<uint32_t>(in));
    EXPECT_TRUE(interpreter.Invoke().ok());
    for (size_t out = 0; out < interpreter.outputs_size(); ++out) {
      const TensorView t = interpreter.output(out);
      outputs.insert(outputs.end(), t.raw(), t.raw() + t.bytes());
    }
  }
  for (size_t i = 0; i < kGuard; ++i) {
    EXPECT_EQ(storage.data()[i], 0x5A) << "byte " << kGuard - i << " before the arena was written";
    EXPECT_EQ(arena[used + i], 0x5A) << "byte " << i << " after the arena was written";
  }
  return outputs;
}

class Promises : public ::testing::TestWithParam<const char*> {};

TEST_P(Promises, ReadOnlyModelGuardedArenaDeterministicOutputs) {
  const ReadOnlyModel model(host::FindModel(GetParam()));
  // Many Invokes on the same input: every one identical. Stateful models (the audio front end)
  // are compared against a fresh interpreter instead.
  const bool stateful = std::string(GetParam()).find("audio_preprocessor") == 0;
  const int invokes = stateful ? 1 : (model.size() < 20000 ? 1000 : 20);
  const std::vector<uint8_t> all = RunModel(model, invokes);
  ASSERT_FALSE(all.empty());
  const size_t one = all.size() / static_cast<size_t>(invokes);
  for (int i = 1; i < invokes; ++i) {
    ASSERT_EQ(0, std::memcmp(all.data(), all.data() + one * static_cast<size_t>(i), one)) << "Invoke " << i << " differs";
  }
  EXPECT_EQ(RunModel(model, 1), std::vector<uint8_t>(all.begin(), all.begin() + static_cast<long>(one)));
}

TEST_P(Promises, TwoInterpretersInTwoThreadsAgree) {
  const ReadOnlyModel model(host::FindModel(GetParam()));
  std::vector<uint8_t> a, b;
  std::thread first([&] { a = RunModel(model, 3, 2); });
  std::thread second([&] { b = RunModel(model, 3, 2); });
  first.join();
  second.join();
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  EXPECT_EQ(a, RunModel(model, 3, 2));
}

INSTANTIATE_TEST_SUITE_P(Models, Promises, ::testing::ValuesIn(kModels));

}  // namespace
}  // namespace tinyrt
