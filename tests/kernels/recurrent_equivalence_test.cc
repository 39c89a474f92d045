// SPDX-License-Identifier: Apache-2.0
// Randomized equivalence of the optimized recurrent kernels (opt/unidirectional_sequence_lstm.cc:
// int8 and float32, opt/svdf.cc: int8) with the reference ones: random models
// (tests/recurrent_cases.h) run three Invokes each with the optimized and with the reference
// kernels on the same random inputs, so the variable states carry over; every output byte of
// every Invoke must be equal (float32 too: the optimized float LSTM keeps the reference's order of
// operations per value), and the optimized variant must really have run.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "src/kernels/op_data.h"
#include "src/kernels/opt/variants.h"
#include "tests/recurrent_cases.h"
#include "tests/test_util.h"

namespace tinyrt {
namespace {

class Rng {
 public:
  explicit Rng(uint32_t seed) : s_(seed * 2654435761u + 1u) {}
  int32_t Int(int32_t lo, int32_t hi) {
    s_ = s_ * 1664525u + 1013904223u;
    return lo + static_cast<int32_t>((s_ >> 8) % static_cast<uint32_t>(hi - lo + 1));
  }

 private:
  uint32_t s_;
};

constexpr int kInvokes = 3;

struct Run {
  std::vector<std::vector<uint8_t>> outputs;  // per Invoke, the output's bytes
  std::string variant;
  std::string reason;
};

Run RunModel(const host::AlignedBuffer& bytes, bool reference, uint32_t seed) {
  Run run;
  Model model;
  EXPECT_TRUE(model.Load(bytes.data(), bytes.size()).ok());
  AllOpsResolver resolver;
  host::AlignedBuffer arena;
  arena.Resize(1 << 20);
  MicroInterpreter interpreter(model, resolver, arena.data(), arena.size());
  interpreter.UseReferenceKernels(reference);
  const Status status = interpreter.AllocateTensors();
  EXPECT_TRUE(status.ok()) << status.message();
  if (!status.ok()) return run;
  run.variant = interpreter.node(0).variant;
  run.reason = interpreter.node(0).reference_reason;
  Rng r(seed);
  for (int i = 0; i < kInvokes; ++i) {
    TensorView in = interpreter.input(0);
    if (in.type() == TensorType::kFloat32) {
      float* x = in.data<float>();
      for (size_t k = 0; k < in.elements(); ++k) x[k] = static_cast<float>(r.Int(-20000, 20000)) / 10000.0f;
    } else {
      int8_t* x = in.data<int8_t>();
      for (size_t k = 0; k < in.elements(); ++k) x[k] = static_cast<int8_t>(r.Int(-128, 127));
    }
    EXPECT_TRUE(interpreter.Invoke().ok());
    const TensorView out = interpreter.output(0);
    const uint8_t* bytes = static_cast<const uint8_t*>(out.raw());
    run.outputs.emplace_back(bytes, bytes + out.bytes());
  }
  return run;
}

template <typename Build>
void CheckRandom(Build build, uint32_t stream, int cases, const char* reference_variant, const char* opt_variant) {
  Rng r(stream);
  for (int i = 0; i < cases; ++i) {
    std::string name;
    const host::AlignedBuffer model = build(r, &name);
    const Run ref = RunModel(model, true, 1000u + static_cast<uint32_t>(i));
    const Run opt = RunModel(model, false, 1000u + static_cast<uint32_t>(i));
    const std::string what = "case " + std::to_string(i) + " (" + name + ")";
    EXPECT_EQ(ref.variant, reference_variant) << what;
#if TINYRT_OPT_KERNELS
    EXPECT_EQ(opt.variant, opt_variant) << what << " ran " << opt.variant << " (" << opt.reason << ")";
    EXPECT_EQ(opt.reason, "") << what;
#else
    (void)opt_variant;  // the reference kernels run both
#endif
    ASSERT_EQ(ref.outputs.size(), static_cast<size_t>(kInvokes)) << what;
    ASSERT_EQ(opt.outputs.size(), static_cast<size_t>(kInvokes)) << what;
    for (int k = 0; k < kInvokes; ++k) {
      const auto& a = ref.outputs[static_cast<size_t>(k)];
      const auto& b = opt.outputs[static_cast<size_t>(k)];
      ASSERT_EQ(a.size(), b.size()) << what;
      size_t mismatches = 0, first = a.size();
      for (size_t j = 0; j < a.size(); ++j) {
        if (a[j] != b[j] && mismatches++ == 0) first = j;
      }
      EXPECT_EQ(mismatches, 0u) << what << ", Invoke " << k << ": first at " << first << " (" << (first < a.size() ? int(a[first]) : 0)
                                << " vs " << (first < b.size() ? int(b[first]) : 0) << ")";
    }
  }
}

TEST(RecurrentEquivalence, LstmInt8) {
  CheckRandom([](Rng& r, std::string* name) { return testing::RandomLstmInt8(r, name); }, 11, 200, "reference int8 (int16 cell)",
              kernels::kOptInt8VariantName);
}

TEST(RecurrentEquivalence, LstmFloat) {
  CheckRandom([](Rng& r, std::string* name) { return testing::RandomLstmFloat(r, name); }, 31, 150, "reference float32",
              kernels::kOptFloatVariantName);
}

TEST(RecurrentEquivalence, SvdfInt8) {
  CheckRandom([](Rng& r, std::string* name) { return testing::RandomSvdfInt8(r, name); }, 23, 300, "reference int8 (int16 state)",
              kernels::kOptInt8VariantName);
}

// The random cases span what they should: both layouts, clipping, SVDF with and without bias and
// with state zero points other than 0.
TEST(RecurrentEquivalence, CasesCoverThePaths) {
  Rng r(11);
  int time_major = 0, clip = 0;
  for (int i = 0; i < 200; ++i) {
    std::string name;
    testing::RandomLstmInt8(r, &name);
    time_major += name.find("time-major") != std::string::npos;
    clip += name.find("clip") != std::string::npos;
  }
  EXPECT_GT(time_major, 50);
  EXPECT_GT(clip, 30);
  Rng s(23);
  int no_bias = 0, state_zero_point = 0;
  for (int i = 0; i < 300; ++i) {
    std::string name;
    testing::RandomSvdfInt8(s, &name);
    no_bias += name.find("no bias") != std::string::npos;
    state_zero_point += name.find("state zero point") != std::string::npos;
  }
  EXPECT_GT(no_bias, 30);
  EXPECT_GT(state_zero_point, 30);
}

}  // namespace
}  // namespace tinyrt
