// SPDX-License-Identifier: Apache-2.0
// Conformance walker: every model of the opsuite (../shared/opsuite, else the subset bundled in
// data/opsuite) listed in its INDEX.csv, for every seed folder of its golden data, must match
// TFLM's outputs: integer outputs bit-exact, float32 within 1e-5 * max(1, |golden|), NaN where
// the golden has NaN. One test per model, named after it, so a failure names the model.
//
// Where TFLM's golden is known to be wrong (CHECKS.md: GREATER on int16 returns all false),
// the expected output is computed here from the inputs and the model's quantization instead.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "tests/test_util.h"

namespace tinyrt {
namespace {

std::string OpsuiteDir() {
  const std::string shared = host::SharedDir();
  if (!shared.empty() && host::FileExists(shared + "/opsuite/INDEX.csv")) return shared + "/opsuite";
  return host::BundledDataDir() + "/opsuite";
}

struct OpsuiteModel {
  std::string name;  // file name without .tflite
  std::string op;
};

void PrintTo(const OpsuiteModel& model, std::ostream* os) { *os << model.name; }

std::vector<OpsuiteModel> IndexedModels() {
  std::vector<OpsuiteModel> models;
  std::ifstream file(OpsuiteDir() + "/INDEX.csv");
  std::string line;
  std::getline(file, line);  // header
  while (std::getline(file, line)) {
    std::stringstream row(line);
    std::string model, op;
    std::getline(row, model, ',');
    std::getline(row, op, ',');
    const std::string suffix = ".tflite";
    if (model.size() <= suffix.size() || model.compare(model.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
    models.push_back({model.substr(0, model.size() - suffix.size()), op});
  }
  return models;
}

// Real value of quantized element i of an int16 tensor.
double Dequantized(const TensorView& t, size_t i) { return (t.data<int16_t>()[i] - t.zero_point()) * static_cast<double>(t.scale()); }

// GREATER on int16 compares the real values (same-shape inputs, as in the opsuite).
bool CorrectedExpectation(const std::string& name, MicroInterpreter& interpreter, std::vector<uint8_t>* expected) {
  if (name != "greater__int16") return false;
  const TensorView a = interpreter.input(0);
  const TensorView b = interpreter.input(1);
  expected->resize(a.elements());
  for (size_t i = 0; i < a.elements(); ++i) (*expected)[i] = Dequantized(a, i) > Dequantized(b, i) ? 1 : 0;
  return true;
}

class OpsuiteTest : public ::testing::TestWithParam<OpsuiteModel> {};

TEST_P(OpsuiteTest, MatchesTflm) {
  const std::string dir = OpsuiteDir();
  const std::string name = GetParam().name;
  host::AlignedBuffer bytes;
  ASSERT_TRUE(host::ReadFile(dir + "/models/" + name + ".tflite", &bytes)) << name << ": model file missing";
  int seeds = 0;
  for (int seed = 1; host::FileExists(dir + "/golden/" + name + "/seed" + std::to_string(seed)); ++seed, ++seeds) {
    SCOPED_TRACE(name + " seed " + std::to_string(seed));
    const std::string golden = dir + "/golden/" + name + "/seed" + std::to_string(seed);
    Model model;
    const Status load = model.Load(bytes.data(), bytes.size());
    ASSERT_TRUE(load.ok()) << name << ": " << load.message();
    AllOpsResolver resolver;
    host::AlignedBuffer arena(1 << 20);
    MicroInterpreter interpreter(model, resolver, arena.data(), arena.size());
    const Status allocate = interpreter.AllocateTensors();
    ASSERT_TRUE(allocate.ok()) << name << " (" << GetParam().op << "): " << allocate.message();
    for (size_t i = 0; i < interpreter.inputs_size(); ++i) {
      std::vector<uint8_t> input;
      ASSERT_TRUE(host::ReadFile(golden + "/input" + std::to_string(i) + ".bin", &input));
      const TensorView tensor = interpreter.input(i);
      ASSERT_EQ(input.size(), tensor.bytes()) << name << " input " << i;
      std::memcpy(tensor.raw(), input.data(), input.size());
    }
    const Status invoke = interpreter.Invoke();
    ASSERT_TRUE(invoke.ok()) << name << ": " << invoke.message();
    for (size_t j = 0; j < interpreter.outputs_size(); ++j) {
      std::vector<uint8_t> expected;
      if (!CorrectedExpectation(name, interpreter, &expected)) {
        ASSERT_TRUE(host::ReadFile(golden + "/output" + std::to_string(j) + ".bin", &expected));
      }
      std::string report;
      EXPECT_TRUE(host::CompareWithGolden(interpreter.output(j), expected, 1e-5f, &report)) << name << " output " << j << ": " << report;
    }
  }
  EXPECT_GT(seeds, 0) << name << ": no golden seed folders";
}

INSTANTIATE_TEST_SUITE_P(Models, OpsuiteTest, ::testing::ValuesIn(IndexedModels()),
                         [](const ::testing::TestParamInfo<OpsuiteModel>& info) { return info.param.name; });

// The walker must find models (a missing index would otherwise pass silently).
TEST(OpsuiteIndex, HasModels) { EXPECT_GE(IndexedModels().size(), 20u) << "no opsuite INDEX.csv under " << OpsuiteDir(); }

}  // namespace
}  // namespace tinyrt
