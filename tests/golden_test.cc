// SPDX-License-Identifier: Apache-2.0
// Golden tests: each model's outputs for each seed equal TFLM's (../shared/golden, or the copies
// bundled in data/golden), bit-exact for integer outputs and within a stated tolerance
// for float; the arena is exactly arena_used_bytes(), no larger than TFLM's, and its breakdown
// adds up.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

struct GoldenModel {
  const char* name;
  bool bundled;     // shipped in data: must always run
  float tolerance;  // float outputs: |a-b| <= tol * max(1, |b|)
};

// Float tolerance: the golden README's 1e-5 unless stated.
const GoldenModel kModels[] = {
    {"hello_world_int8", true, 1e-5f},
    {"hello_world_float", true, 1e-5f},
    {"simple_add_model", true, 1e-5f},
    {"kws_ref_model", true, 1e-5f},
    {"micro_speech_quantized", true, 1e-5f},
    {"audio_preprocessor_int8", true, 1e-5f},
    {"audio_preprocessor_float", true, 1e-5f},
    {"person_detect", true, 1e-5f},
    {"vww_96_int8", false, 1e-5f},
    {"vww_96_float", false, 1e-5f},
    {"pretrainedResnet_quant", true, 1e-5f},
    {"pretrainedResnet", false, 1e-5f},
    {"ad01_int8", true, 1e-5f},
    {"ad01_fp32", false, 1e-5f},
    {"model_ToyCar_quant_fullint", true, 1e-5f},
    {"trained_lstm", true, 1e-5f},
    {"trained_lstm_int8", true, 1e-5f},
    {"keyword_scrambled", true, 1e-5f},
};

void PrintTo(const GoldenModel& model, std::ostream* os) { *os << model.name; }

// data/arena_budget.csv: TFLM's arena_used_bytes on x86-64 and on Cortex-M4 (reference kernels),
// and tinyrt's budget (its figure when last improved: a regression fails).
struct ArenaFigures {
  size_t tflm_x86 = 0;
  size_t tflm_m4 = 0;
  size_t budget = 0;
};

std::map<std::string, ArenaFigures> ArenaTable() {
  std::map<std::string, ArenaFigures> result;
  std::ifstream file(host::BundledDataDir() + "/arena_budget.csv");
  std::string line;
  std::getline(file, line);  // header
  while (std::getline(file, line)) {
    std::stringstream row(line);
    std::string name, x86, m4, budget;
    std::getline(row, name, ',');
    std::getline(row, x86, ',');
    std::getline(row, m4, ',');
    std::getline(row, budget, ',');
    ArenaFigures& f = result[name];
    if (!x86.empty()) f.tflm_x86 = std::stoul(x86);
    if (!m4.empty()) f.tflm_m4 = std::stoul(m4);
    if (!budget.empty()) f.budget = std::stoul(budget);
  }
  return result;
}

class GoldenTest : public ::testing::TestWithParam<GoldenModel> {
 protected:
  void SetUp() override {
    const GoldenModel& m = GetParam();
    model_path_ = host::FindModel(m.name);
    golden_dir_ = host::FindGoldenDir(m.name);
    if (model_path_.empty() || golden_dir_.empty()) {
      if (m.bundled) FAIL() << m.name << " should be bundled in data but was not found";
      GTEST_SKIP() << m.name << ": ../shared not available";
    }
    ASSERT_TRUE(host::ReadFile(model_path_, &model_bytes_));
  }

  // Runs one seed in an arena of `arena_bytes`; returns false (with failures) on mismatch.
  void RunSeed(int seed, size_t arena_bytes, bool check_generator) {
    Model model;
    ASSERT_TRUE(model.Load(model_bytes_.data(), model_bytes_.size()).ok());
    AllOpsResolver resolver;
    host::AlignedBuffer arena(arena_bytes);
    MicroInterpreter interpreter(model, resolver, arena.data(), arena.size());
    const Status status = interpreter.AllocateTensors();
    ASSERT_TRUE(status.ok()) << status.message();
    const std::string dir = golden_dir_ + "/seed" + std::to_string(seed);
    for (size_t i = 0; i < interpreter.inputs_size(); ++i) {
      std::vector<uint8_t> input;
      ASSERT_TRUE(host::ReadFile(dir + "/input" + std::to_string(i) + ".bin", &input));
      const TensorView tensor = interpreter.input(i);
      ASSERT_EQ(input.size(), tensor.bytes());
      if (check_generator) {
        // The CLI's --seed generator must reproduce the golden inputs.
        ASSERT_TRUE(host::FillGoldenInput(tensor, static_cast<uint32_t>(seed), static_cast<uint32_t>(i)));
        ASSERT_EQ(0, std::memcmp(tensor.raw(), input.data(), input.size())) << "generator differs from golden input " << i;
      }
      std::memcpy(tensor.raw(), input.data(), input.size());
    }
    const Status invoke = interpreter.Invoke();
    ASSERT_TRUE(invoke.ok()) << invoke.message();
    for (size_t j = 0; j < interpreter.outputs_size(); ++j) {
      std::vector<uint8_t> golden;
      ASSERT_TRUE(host::ReadFile(dir + "/output" + std::to_string(j) + ".bin", &golden));
      std::string report;
      EXPECT_TRUE(host::CompareWithGolden(interpreter.output(j), golden, GetParam().tolerance, &report))
          << GetParam().name << " seed" << seed << " output" << j << ": " << report;
    }
    used_ = interpreter.arena_used_bytes();
  }

  std::string model_path_, golden_dir_;
  host::AlignedBuffer model_bytes_;
  size_t used_ = 0;
};

TEST_P(GoldenTest, AllSeedsMatchTflm) {
  for (int seed = 1; seed <= 3; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    RunSeed(seed, 64u << 20, true);
  }
}

TEST_P(GoldenTest, ExactArenaWorksAndOneByteLessFails) {
  RunSeed(1, 64u << 20, false);
  ASSERT_GT(used_, 0u);
  const size_t used = used_;
  RunSeed(1, used, false);  // exactly arena_used_bytes(): still bit-exact
  EXPECT_EQ(used_, used);

  Model model;
  ASSERT_TRUE(model.Load(model_bytes_.data(), model_bytes_.size()).ok());
  AllOpsResolver resolver;
  host::AlignedBuffer arena(used - 1);
  MicroInterpreter interpreter(model, resolver, arena.data(), arena.size());
  const Status status = interpreter.AllocateTensors();
  ASSERT_EQ(status.code(), StatusCode::kArenaTooSmall);
  EXPECT_NE(std::string(status.message()).find("arena has " + std::to_string(used - 1) + " bytes"), std::string::npos) << status.message();
}

TEST_P(GoldenTest, ArenaNoLargerThanTflm) {
  RunSeed(1, 64u << 20, false);
  const auto table = ArenaTable();
  const auto it = table.find(GetParam().name);
  ASSERT_TRUE(it != table.end() && it->second.tflm_x86 != 0) << "no TFLM figure for " << GetParam().name;
  const ArenaFigures& f = it->second;
  // The arena is the same on every target (no pointers in it), so the Cortex-M4 figure compares too.
  EXPECT_LE(used_, f.tflm_x86) << GetParam().name << ": tinyrt " << used_ << " bytes vs TFLM " << f.tflm_x86;
  if (f.tflm_m4 != 0) {
    EXPECT_LE(used_, f.tflm_m4) << GetParam().name << ": tinyrt " << used_ << " bytes vs TFLM on Cortex-M4 " << f.tflm_m4;
  }
  std::printf("[ arena    ] %-28s tinyrt %8zu  TFLM %8zu  ratio %.3f", GetParam().name, used_, f.tflm_x86,
              static_cast<double>(used_) / static_cast<double>(f.tflm_x86));
  if (f.tflm_m4 != 0) std::printf("  TFLM M4 %8zu  ratio %.3f", f.tflm_m4, static_cast<double>(used_) / static_cast<double>(f.tflm_m4));
  std::printf("\n");
}

TEST_P(GoldenTest, ArenaWithinBudget) {
  RunSeed(1, 64u << 20, false);
  const auto table = ArenaTable();
  const auto it = table.find(GetParam().name);
  ASSERT_TRUE(it != table.end() && it->second.budget != 0) << "no tinyrt_budget for " << GetParam().name << " in data/arena_budget.csv";
  EXPECT_LE(used_, it->second.budget) << GetParam().name << ": arena grew from " << it->second.budget << " to " << used_ << " bytes";
  if (used_ < it->second.budget) {
    std::printf("[ budget   ] %s: %zu bytes, below the budget of %zu: lower tinyrt_budget in data/arena_budget.csv\n", GetParam().name,
                used_, it->second.budget);
  }
}

// The breakdown every tool prints adds up: used = persistent + planned + planner workspace, and
// the planned figure is the plan's extent (every planned buffer lies inside it; for a model with
// one subgraph, the last byte of some buffer is its end).
TEST_P(GoldenTest, ArenaBreakdownAddsUp) {
  Model model;
  ASSERT_TRUE(model.Load(model_bytes_.data(), model_bytes_.size()).ok());
  AllOpsResolver resolver;
  host::AlignedBuffer arena(64u << 20);
  MicroInterpreter interpreter(model, resolver, arena.data(), arena.size());
  const Status status = interpreter.AllocateTensors();
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(interpreter.arena_persistent_bytes() + interpreter.arena_planned_bytes() + interpreter.arena_planner_workspace_bytes(),
            interpreter.arena_used_bytes());
  size_t extent = 0;
  for (size_t i = 0; i < interpreter.planned_buffers_size(); ++i) {
    const PlannedBuffer b = interpreter.planned_buffer(i);
    EXPECT_LE(b.offset + b.size, interpreter.arena_planned_bytes()) << "buffer " << i;
    extent = std::max<size_t>(extent, b.offset + b.size);
  }
  if (model.flatbuffer()->subgraphs()->size() == 1) {
    EXPECT_EQ(extent, interpreter.arena_planned_bytes());
  }
}

INSTANTIATE_TEST_SUITE_P(Models, GoldenTest, ::testing::ValuesIn(kModels),
                         [](const ::testing::TestParamInfo<GoldenModel>& info) { return std::string(info.param.name); });

// The arena goals on the MLPerf Tiny / TFLM models whose peak activations the goals list:
// geometric mean of tinyrt / TFLM at most 0.65 and every model below 0.95, against TFLM on
// x86-64 and on Cortex-M4.
TEST(ArenaGoals, GeometricMeanAgainstTflm) {
  const char* kModelsOfTheGoal[] = {"kws_ref_model", "vww_96_int8", "person_detect", "pretrainedResnet_quant", "ad01_int8"};
  const auto table = ArenaTable();
  double log_x86 = 0, log_m4 = 0;
  for (const char* name : kModelsOfTheGoal) {
    const std::string path = host::FindModel(name);
    if (path.empty()) GTEST_SKIP() << name << ": ../shared not available";
    host::AlignedBuffer bytes;
    ASSERT_TRUE(host::ReadFile(path, &bytes));
    Model model;
    ASSERT_TRUE(model.Load(bytes.data(), bytes.size()).ok());
    AllOpsResolver resolver;
    host::AlignedBuffer arena(1u << 20);
    MicroInterpreter interpreter(model, resolver, arena.data(), arena.size());
    ASSERT_TRUE(interpreter.AllocateTensors().ok()) << interpreter.error();
    const ArenaFigures& f = table.at(name);
    const double x86 = static_cast<double>(interpreter.arena_used_bytes()) / static_cast<double>(f.tflm_x86);
    const double m4 = static_cast<double>(interpreter.arena_used_bytes()) / static_cast<double>(f.tflm_m4);
    EXPECT_LT(x86, 0.95) << name;
    EXPECT_LT(m4, 0.95) << name;
    log_x86 += std::log(x86);
    log_m4 += std::log(m4);
  }
  const double n = sizeof(kModelsOfTheGoal) / sizeof(kModelsOfTheGoal[0]);
  std::printf("[ arena    ] geometric mean tinyrt/TFLM: x86-64 %.3f, Cortex-M4 %.3f\n", std::exp(log_x86 / n), std::exp(log_m4 / n));
  EXPECT_LE(std::exp(log_x86 / n), 0.65);
  EXPECT_LE(std::exp(log_m4 / n), 0.65);
}

}  // namespace
}  // namespace tinyrt
