// SPDX-License-Identifier: Apache-2.0
// Stateful streaming ops on ramps: SignalDelay, SignalFramer, SignalOverlapAdd, SignalStacker.
// State persists across Invoke() and MicroInterpreter::Reset() restores the initial state.
#include <gtest/gtest.h>

#include "tests/unit/signal_test_util.h"

namespace tinyrt {
namespace {

using testing::CustomOpModel;
using testing::FlexOptions;
using testing::Runner;

std::vector<int16_t> Ramp(int from, int count) {
  std::vector<int16_t> v;
  for (int i = 0; i < count; ++i) v.push_back(static_cast<int16_t>(from + i));
  return v;
}

TEST(SignalDelay, DelaysEachRowAcrossInvocations) {
  CustomOpModel m("SignalDelay");
  m.Input(TensorType::kInt16, {2, 4});
  m.Output(TensorType::kInt16, {2, 4});
  Runner r(m.Build(FlexOptions([](flexbuffers::Builder& b) { b.Int("delay_length", 3); })));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  // Row 0 streams 1, 2, 3, ...; row 1 streams 101, 102, ...: each comes out 3 samples later.
  auto frame = [](int k) {
    std::vector<int16_t> v = Ramp(1 + 4 * k, 4);
    const std::vector<int16_t> w = Ramp(101 + 4 * k, 4);
    v.insert(v.end(), w.begin(), w.end());
    return v;
  };
  const std::vector<std::vector<int16_t>> expected = {
      {0, 0, 0, 1, 0, 0, 0, 101}, {2, 3, 4, 5, 102, 103, 104, 105}, {6, 7, 8, 9, 106, 107, 108, 109}};
  for (int k = 0; k < 3; ++k) {
    r.SetInput<int16_t>(0, frame(k));
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_EQ(r.Output<int16_t>(0), expected[k]) << k;
  }
  ASSERT_TRUE(r.interpreter().Reset().ok());
  r.SetInput<int16_t>(0, frame(0));
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), expected[0]);
}

TEST(SignalDelay, DelayLongerThanTheFrame) {
  CustomOpModel m("SignalDelay");
  m.Input(TensorType::kInt16, {2});
  m.Output(TensorType::kInt16, {2});
  Runner r(m.Build(FlexOptions([](flexbuffers::Builder& b) { b.Int("delay_length", 5); })));
  ASSERT_TRUE(r.ok());
  std::vector<int16_t> out;
  for (int k = 0; k < 5; ++k) {
    r.SetInput<int16_t>(0, Ramp(1 + 2 * k, 2));
    ASSERT_TRUE(r.Invoke().ok());
    const std::vector<int16_t> o = r.Output<int16_t>(0);
    out.insert(out.end(), o.begin(), o.end());
  }
  EXPECT_EQ(out, (std::vector<int16_t>{0, 0, 0, 0, 0, 1, 2, 3, 4, 5}));
}

struct FramerRun {
  std::vector<int16_t> frames;
  bool valid;
};

TEST(SignalFramer, OverlappingFramesWithAndWithoutPrefill) {
  for (bool prefill : {false, true}) {
    SCOPED_TRACE(prefill);
    CustomOpModel m("SignalFramer");
    m.Input(TensorType::kInt16, {1, 4});  // 2 steps of 2 samples per invocation
    m.Output(TensorType::kInt16, {1, 2, 4});
    m.Output(TensorType::kBool, {});
    Runner r(m.Build(FlexOptions([prefill](flexbuffers::Builder& b) {
      b.Int("frame_size", 4);
      b.Int("frame_step", 2);
      b.Bool("prefill", prefill);
    })));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    std::vector<FramerRun> runs;
    for (int k = 0; k < 2; ++k) {
      r.SetInput<int16_t>(0, Ramp(1 + 4 * k, 4));
      ASSERT_TRUE(r.Invoke().ok());
      runs.push_back({r.Output<int16_t>(0), r.Output<bool>(1)[0]});
    }
    if (prefill) {  // two zeros first: every frame is complete
      EXPECT_EQ(runs[0].frames, (std::vector<int16_t>{0, 0, 1, 2, 1, 2, 3, 4}));
      EXPECT_TRUE(runs[0].valid);
    } else {  // the first step has only 2 of 4 samples
      EXPECT_EQ(runs[0].frames, (std::vector<int16_t>{0, 0, 0, 0, 1, 2, 3, 4}));
      EXPECT_FALSE(runs[0].valid);
    }
    EXPECT_EQ(runs[1].frames, (std::vector<int16_t>{3, 4, 5, 6, 5, 6, 7, 8}));
    EXPECT_TRUE(runs[1].valid);
    ASSERT_TRUE(r.interpreter().Reset().ok());
    r.SetInput<int16_t>(0, Ramp(1, 4));
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_EQ(r.Output<int16_t>(0), runs[0].frames);
  }
}

TEST(SignalFramer, RejectsInputsThatAreNotWholeSteps) {
  CustomOpModel m("SignalFramer");
  m.Input(TensorType::kInt16, {1, 5});
  m.Output(TensorType::kInt16, {1, 2, 4});
  m.Output(TensorType::kBool, {});
  Runner r(m.Build(FlexOptions([](flexbuffers::Builder& b) {
    b.Int("frame_size", 4);
    b.Int("frame_step", 2);
    b.Bool("prefill", false);
  })));
  EXPECT_EQ(r.allocate_status().code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(r.allocate_status().message()).find("not a whole number of frame steps"), std::string::npos)
      << r.allocate_status().message();
}

TEST(SignalOverlapAdd, SumsOverlappingFrames) {
  CustomOpModel m("SignalOverlapAdd");
  m.Input(TensorType::kInt16, {2, 4});  // 2 frames of 4 per invocation, step 2
  m.Output(TensorType::kInt16, {4});
  Runner r(m.Build(FlexOptions([](flexbuffers::Builder& b) {
    b.Int("T", static_cast<int>(TensorType::kInt16));
    b.Int("frame_step", 2);
  })));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  // Frames of ones overlap by half: the first output samples see one frame, later ones two.
  r.SetInput<int16_t>(0, std::vector<int16_t>(8, 1));
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{1, 1, 2, 2}));
  // Ramps: output[t] = sum of the frames covering t.
  r.SetInput<int16_t>(0, {10, 20, 30, 40, 30000, 30000, 7, 7});
  ASSERT_TRUE(r.Invoke().ok());
  // Pending from before: [1, 1, 0, 0]. Frame 3 makes [11, 21, 30, 40]: out 11, 21, pending
  // [30, 40, 0, 0]; frame 4 makes [30030, 30040, 7, 7]: out 30030, 30040, pending [7, 7, 0, 0].
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{11, 21, 30030, 30040}));
  r.SetInput<int16_t>(0, {0, 0, 30000, 30000, 30000, 30000, 0, 0});
  ASSERT_TRUE(r.Invoke().ok());
  // [7, 7, 30000, 30000]: out 7, 7; then 30000 + 30000 saturates at 32767.
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{7, 7, 32767, 32767}));
}

TEST(SignalOverlapAdd, Float32AndReset) {
  CustomOpModel m("SignalOverlapAdd");
  m.Input(TensorType::kFloat32, {1, 3});
  m.Output(TensorType::kFloat32, {1});
  Runner r(m.Build(FlexOptions([](flexbuffers::Builder& b) {
    b.Int("T", static_cast<int>(TensorType::kFloat32));
    b.Int("frame_step", 1);
  })));
  ASSERT_TRUE(r.ok()) << r.allocate_status().message();
  std::vector<float> out;
  for (int k = 0; k < 4; ++k) {
    r.SetInput<float>(0, {0.5f, 0.25f, 0.125f});
    ASSERT_TRUE(r.Invoke().ok());
    out.push_back(r.Output<float>(0)[0]);
  }
  EXPECT_EQ(out, (std::vector<float>{0.5f, 0.75f, 0.875f, 0.875f}));
  ASSERT_TRUE(r.interpreter().Reset().ok());
  r.SetInput<float>(0, {0.5f, 0.25f, 0.125f});
  ASSERT_TRUE(r.Invoke().ok());
  EXPECT_EQ(r.Output<float>(0)[0], 0.5f);
}

TEST(SignalStacker, StacksContextWithTheFirstVectorPadded) {
  for (int step : {1, 2}) {
    SCOPED_TRACE(step);
    CustomOpModel m("SignalStacker");
    m.Input(TensorType::kInt16, {2});
    m.Output(TensorType::kInt16, {6});
    m.Output(TensorType::kBool, {});
    Runner r(m.Build(FlexOptions([step](flexbuffers::Builder& b) {
      b.Int("num_channels", 2);
      b.Int("stacker_left_context", 1);
      b.Int("stacker_right_context", 1);
      b.Int("stacker_step", step);
    })));
    ASSERT_TRUE(r.ok()) << r.allocate_status().message();
    std::vector<std::vector<int16_t>> outs;
    std::vector<bool> valid;
    for (int k = 0; k < 5; ++k) {
      r.SetInput<int16_t>(0, Ramp(1 + 2 * k, 2));  // vectors [1,2], [3,4], [5,6], ...
      ASSERT_TRUE(r.Invoke().ok());
      outs.push_back(r.Output<int16_t>(0));
      valid.push_back(r.Output<bool>(1)[0]);
    }
    // [1,2] is repeated once as left context; a stack of 3 vectors is complete at the second call.
    EXPECT_FALSE(valid[0]);
    EXPECT_TRUE(valid[1]);
    EXPECT_EQ(outs[1], (std::vector<int16_t>{1, 2, 1, 2, 3, 4}));
    if (step == 1) {
      EXPECT_TRUE(valid[2]);
      EXPECT_EQ(outs[2], (std::vector<int16_t>{1, 2, 3, 4, 5, 6}));
      EXPECT_EQ(outs[3], (std::vector<int16_t>{3, 4, 5, 6, 7, 8}));
    } else {  // every other call
      EXPECT_FALSE(valid[2]);
      EXPECT_TRUE(valid[3]);
      EXPECT_EQ(outs[3], (std::vector<int16_t>{3, 4, 5, 6, 7, 8}));
      EXPECT_FALSE(valid[4]);
    }
    ASSERT_TRUE(r.interpreter().Reset().ok());
    r.SetInput<int16_t>(0, Ramp(1, 2));
    ASSERT_TRUE(r.Invoke().ok());
    EXPECT_FALSE(r.Output<bool>(1)[0]);
  }
}

}  // namespace
}  // namespace tinyrt
