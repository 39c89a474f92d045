// Golden tests: each model's outputs for each seed equal TFLM's (../shared/golden, or the copies
// bundled in data/golden), bit-exact for integer outputs and within a stated tolerance
// for float; the arena is exactly arena_used_bytes() and no larger than TFLM's.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

struct GoldenModel {
  const char* name;
  bool bundled;      // shipped in data: must always run
  float tolerance;   // float outputs: |a-b| <= tol * max(1, |b|)
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

// TFLM's arena_used_bytes on x86-64 (../shared/reference/tflm_x86_reference.csv).
std::map<std::string, size_t> TflmArena() {
  std::map<std::string, size_t> result;
  std::ifstream file(host::BundledDataDir() + "/arena_budget.csv");
  std::string line;
  std::getline(file, line);  // header
  while (std::getline(file, line)) {
    std::stringstream row(line);
    std::string name, tflm;
    std::getline(row, name, ',');
    std::getline(row, tflm, ',');
    if (!tflm.empty()) result[name] = std::stoul(tflm);
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
  const auto tflm = TflmArena();
  const auto it = tflm.find(GetParam().name);
  ASSERT_NE(it, tflm.end()) << "no TFLM figure for " << GetParam().name;
  EXPECT_LE(used_, it->second) << GetParam().name << ": tinyrt " << used_ << " bytes vs TFLM " << it->second;
  std::printf("[ arena    ] %-28s tinyrt %8zu  TFLM %8zu  ratio %.3f\n", GetParam().name, used_, it->second,
              static_cast<double>(used_) / static_cast<double>(it->second));
}

INSTANTIATE_TEST_SUITE_P(Models, GoldenTest, ::testing::ValuesIn(kModels),
                         [](const ::testing::TestParamInfo<GoldenModel>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace tinyrt
