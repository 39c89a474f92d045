// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/test_util.h"
#include "tinyrt/profiler.h"

namespace tinyrt {
namespace {

class RecordingProfiler : public MicroProfiler {
 public:
  uint32_t BeginEvent(const char* tag) override {
    tags.push_back(tag);
    return static_cast<uint32_t>(tags.size());
  }
  void EndEvent(uint32_t handle) override { ended.push_back(handle); }
  std::vector<std::string> tags;
  std::vector<uint32_t> ended;
};

TEST(Profiler, OneEventPerOpInOrder) {
  host::AlignedBuffer bytes;
  ASSERT_TRUE(host::ReadFile(host::FindModel("hello_world_int8"), &bytes));
  Model model;
  ASSERT_TRUE(model.Load(bytes.data(), bytes.size()).ok());
  MicroMutableOpResolver<1> resolver;
  ASSERT_TRUE(resolver.AddFullyConnected().ok());
  host::AlignedBuffer arena(4096);
  RecordingProfiler profiler;
  MicroInterpreter interpreter(model, resolver, arena.data(), arena.size(), &profiler);
  ASSERT_TRUE(interpreter.AllocateTensors().ok());
  ASSERT_TRUE(interpreter.Invoke().ok());
  EXPECT_EQ(profiler.tags, (std::vector<std::string>{"FULLY_CONNECTED", "FULLY_CONNECTED", "FULLY_CONNECTED"}));
  EXPECT_EQ(profiler.ended, (std::vector<uint32_t>{1, 2, 3}));
}

}  // namespace
}  // namespace tinyrt
