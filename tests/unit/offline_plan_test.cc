// SPDX-License-Identifier: Apache-2.0
// Offline arena plans: a plan made on the host and handed back (UseArenaPlan), TFLM's
// OfflineMemoryAllocation metadata, and the errors for plans that cannot be right.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "tests/test_util.h"
#include "tinyrt/interpreter.h"
#include "tinyrt/op_resolver.h"
#include "tools/host_support.h"

namespace tinyrt {
namespace {

struct Planned {
  std::vector<int32_t> tensors, scratch;
  size_t arena_used = 0;
  std::vector<int8_t> output;
};

// Runs a bundled model (optionally with a plan) on the golden-generator input.
Planned RunModel(const std::string& name, const ArenaPlan* plan, std::string* error = nullptr) {
  Planned result;
  host::AlignedBuffer bytes;
  EXPECT_TRUE(host::ReadFile(host::FindModel(name), &bytes)) << name;
  Model model;
  EXPECT_TRUE(model.Load(bytes.data(), bytes.size()).ok());
  AllOpsResolver resolver;
  host::AlignedBuffer arena(1u << 20);
  MicroInterpreter interpreter(model, resolver, arena.data(), arena.size());
  if (plan != nullptr) interpreter.UseArenaPlan(plan);
  const Status status = interpreter.AllocateTensors();
  if (!status.ok()) {
    if (error != nullptr) *error = status.message();
    return result;
  }
  result.arena_used = interpreter.arena_used_bytes();
  result.tensors.assign(interpreter.tensors_size(), -1);
  for (size_t i = 0; i < interpreter.planned_buffers_size(); ++i) {
    const PlannedBuffer b = interpreter.planned_buffer(i);
    if (b.tensor >= 0)
      result.tensors[static_cast<size_t>(b.tensor)] = static_cast<int32_t>(b.offset);
    else
      result.scratch.push_back(static_cast<int32_t>(b.offset));
  }
  host::FillGoldenInput(interpreter.input(0), 1, 0);
  EXPECT_TRUE(interpreter.Invoke().ok());
  const TensorView out = interpreter.output(0);
  result.output.assign(out.data<int8_t>(), out.data<int8_t>() + out.bytes());
  return result;
}

TEST(OfflinePlan, HostPlanHandedBackGivesTheSameArenaAndResults) {
  for (const char* name : {"person_detect", "kws_ref_model", "pretrainedResnet_quant", "ad01_int8"}) {
    const Planned online = RunModel(name, nullptr);
    ASSERT_GT(online.arena_used, 0u) << name;
    const ArenaPlan plan{online.tensors.data(), static_cast<uint32_t>(online.tensors.size()), online.scratch.data(),
                         static_cast<uint32_t>(online.scratch.size())};
    std::string error;
    const Planned offline = RunModel(name, &plan, &error);
    EXPECT_EQ(offline.arena_used, online.arena_used) << name << ": " << error;
    EXPECT_EQ(offline.output, online.output) << name;
  }
}

TEST(OfflinePlan, BadPlansAreRefusedWithTheReason) {
  const Planned online = RunModel("kws_ref_model", nullptr);
  std::string error;
  {
    // Two activations that are live together put on the same bytes (the first conv's input and output).
    std::vector<int32_t> tensors = online.tensors;
    int32_t a = -1, b = -1;
    for (size_t t = 0; t < tensors.size(); ++t) {
      if (tensors[t] < 0) continue;
      if (a < 0)
        a = static_cast<int32_t>(t);
      else if (tensors[t] != tensors[static_cast<size_t>(a)]) {
        b = static_cast<int32_t>(t);
        break;
      }
    }
    ASSERT_GE(b, 0);
    tensors[static_cast<size_t>(b)] = tensors[static_cast<size_t>(a)] + 16;
    const ArenaPlan plan{tensors.data(), static_cast<uint32_t>(tensors.size()), online.scratch.data(),
                         static_cast<uint32_t>(online.scratch.size())};
    RunModel("kws_ref_model", &plan, &error);
    EXPECT_NE(error.find("overlapping bytes while both are live"), std::string::npos) << error;
  }
  {
    const ArenaPlan plan{online.tensors.data(), static_cast<uint32_t>(online.tensors.size() - 1), online.scratch.data(),
                         static_cast<uint32_t>(online.scratch.size())};
    RunModel("kws_ref_model", &plan, &error);
    EXPECT_NE(error.find("(was it made for another model or kernels?)"), std::string::npos) << error;
  }
  {
    std::vector<int32_t> tensors = online.tensors;
    for (auto& t : tensors) {
      if (t >= 0) {
        t += 4;  // not 16-byte aligned
        break;
      }
    }
    const ArenaPlan plan{tensors.data(), static_cast<uint32_t>(tensors.size()), online.scratch.data(),
                         static_cast<uint32_t>(online.scratch.size())};
    RunModel("kws_ref_model", &plan, &error);
    EXPECT_NE(error.find("not a multiple of 16"), std::string::npos) << error;
  }
}

// x -> RELU -> y -> RELU -> z with TFLM's metadata placing y at 64 and leaving x and z to the
// planner.
host::AlignedBuffer ReluChain(const std::vector<int32_t>& offsets, bool with_metadata) {
  testing::ModelBuilder b;
  const int x = b.AddTensor(TensorType::kFloat32, {4, 4});
  const int y = b.AddTensor(TensorType::kFloat32, {4, 4});
  const int z = b.AddTensor(TensorType::kFloat32, {4, 4});
  b.AddOp(tflite::BuiltinOperator_RELU, {x}, {y});
  b.AddOp(tflite::BuiltinOperator_RELU6, {y}, {z});
  b.SetInputs({x});
  b.SetOutputs({z, x});  // x stays live: nothing runs in place
  if (with_metadata) {
    std::vector<int32_t> words = {1, 0, static_cast<int32_t>(offsets.size())};
    words.insert(words.end(), offsets.begin(), offsets.end());
    std::vector<uint8_t> data(words.size() * 4);
    std::memcpy(data.data(), words.data(), data.size());
    b.AddMetadata("OfflineMemoryAllocation", data);
  }
  return b.Finish();
}

TEST(OfflinePlan, HonoursTflmOfflineMemoryAllocationMetadata) {
  testing::Runner r(ReluChain({-1, 128, -1}, true));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  MicroInterpreter& interpreter = r.interpreter();
  const uint8_t* planned_start = interpreter.input(0).raw() - interpreter.planned_buffer(0).offset;
  EXPECT_EQ(interpreter.tensor(1).raw(), planned_start + 128);
  r.SetInput<float>(0, {-1, 2, -3, 7, 5, -6, 0.5f, 8, -9, 10, 11, -12, 13, 1, -15, 16});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{0, 2, 0, 6, 5, 0, 0.5f, 6, 0, 6, 6, 0, 6, 1, 0, 6}));
}

TEST(OfflinePlan, BadMetadataIsRefused) {
  {
    testing::Runner r(ReluChain({-1, 128}, true));  // 2 offsets for 3 tensors
    EXPECT_NE(std::string(r.allocate_status().message()).find("OfflineMemoryAllocation metadata has 2 offsets for 3 tensors"),
              std::string::npos)
        << r.allocate_status().message();
  }
  {
    testing::Runner r(ReluChain({0, 32, 0}, true));  // x and z live together at the same bytes
    EXPECT_NE(std::string(r.allocate_status().message()).find("overlapping bytes while both are live"), std::string::npos)
        << r.allocate_status().message();
  }
  {
    testing::Runner r(ReluChain({-1, 6, -1}, true));
    EXPECT_NE(std::string(r.allocate_status().message()).find("not a multiple of 4"), std::string::npos) << r.allocate_status().message();
  }
}

}  // namespace
}  // namespace tinyrt
