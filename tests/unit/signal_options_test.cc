// SPDX-License-Identifier: Apache-2.0
// Custom options (FlexBuffer maps), custom op registration and the reset hook.
#include <gtest/gtest.h>

#include "src/kernels/custom_options.h"
#include "tests/unit/signal_test_util.h"

namespace tinyrt {
namespace {

using kernels::FlexMap;
using testing::CustomOpModel;
using testing::FlexOptions;
using testing::Runner;

TEST(FlexMap, ReadsWhatFlexbuffersWrites) {
  const std::vector<uint8_t> buffer = FlexOptions([](flexbuffers::Builder& b) {
    b.Int("small", -7);
    b.Int("big", -5000000000LL);  // needs 8-byte values
    b.UInt("unsigned", 40000);
    b.Bool("flag", true);
    b.IndirectInt("indirect", -123456);
    b.Float("float", 1.5f);
    b.String("text", "12");
  });
  FlexMap map;
  ASSERT_TRUE(map.Init(buffer.data(), buffer.size()));
  int64_t v = 0;
  ASSERT_EQ(map.Int("small", &v), FlexMap::Result::kOk);
  EXPECT_EQ(v, -7);
  ASSERT_EQ(map.Int("big", &v), FlexMap::Result::kOk);
  EXPECT_EQ(v, -5000000000LL);
  ASSERT_EQ(map.Int("unsigned", &v), FlexMap::Result::kOk);
  EXPECT_EQ(v, 40000);
  ASSERT_EQ(map.Int("indirect", &v), FlexMap::Result::kOk);
  EXPECT_EQ(v, -123456);
  bool flag = false;
  ASSERT_EQ(map.Bool("flag", &flag), FlexMap::Result::kOk);
  EXPECT_TRUE(flag);
  EXPECT_EQ(map.Int("float", &v), FlexMap::Result::kWrongType);
  EXPECT_EQ(map.Int("text", &v), FlexMap::Result::kWrongType);
  EXPECT_EQ(map.Int("absent", &v), FlexMap::Result::kMissing);
  EXPECT_EQ(map.Int("smal", &v), FlexMap::Result::kMissing);  // a prefix of a key is not the key
}

TEST(FlexMap, RejectsMalformedBuffers) {
  FlexMap map;
  EXPECT_FALSE(map.Init(nullptr, 0));
  const uint8_t tiny[2] = {1, 1};
  EXPECT_FALSE(map.Init(tiny, sizeof(tiny)));
  // A vector root is not a map.
  flexbuffers::Builder vec;
  const size_t start = vec.StartVector();
  vec.Int(1);
  vec.EndVector(start, false, false);
  vec.Finish();
  EXPECT_FALSE(map.Init(vec.GetBuffer().data(), vec.GetBuffer().size()));
  // A valid map with its root offset pointing outside the buffer.
  std::vector<uint8_t> bad = FlexOptions([](flexbuffers::Builder& b) { b.Int("shift", 3); });
  bad[bad.size() - 3] = 0xFF;
  EXPECT_FALSE(map.Init(bad.data(), bad.size()));
  // Bad root byte width.
  bad = FlexOptions([](flexbuffers::Builder& b) { b.Int("shift", 3); });
  bad.back() = 3;
  EXPECT_FALSE(map.Init(bad.data(), bad.size()));
  // Every truncation of a valid buffer is read without going out of bounds (it is copied to
  // a buffer of exactly that length so a sanitizer build would flag any overread).
  const std::vector<uint8_t> good = FlexOptions([](flexbuffers::Builder& b) {
    b.Int("a", 1);
    b.Int("bb", 300);
  });
  for (size_t n = 0; n < good.size(); ++n) {
    std::vector<uint8_t> cut(good.begin(), good.begin() + static_cast<long>(n));
    int64_t v = 0;
    if (map.Init(cut.data(), cut.size())) map.Int("bb", &v);
  }
  ASSERT_TRUE(map.Init(good.data(), good.size()));
}

// A window op whose options are given raw.
// The status's message lives in the interpreter: copy it before the Runner goes away.
class OwnedStatus {
 public:
  OwnedStatus(StatusCode code, std::string text) : code_(code), text_(std::move(text)) {}
  StatusCode code() const { return code_; }
  const char* message() const { return text_.c_str(); }
  bool ok() const { return code_ == StatusCode::kOk; }

 private:
  StatusCode code_;
  std::string text_;
};

OwnedStatus PrepareWindow(const std::vector<uint8_t>& options) {
  CustomOpModel m("SignalWindow");
  m.Input(TensorType::kInt16, {4});
  m.Constant<int16_t>(TensorType::kInt16, {4}, {1, 2, 3, 4});
  m.Output(TensorType::kInt16, {4});
  Runner r(m.Build(options));
  return OwnedStatus(r.allocate_status().code(), r.allocate_status().message());
}

TEST(SignalOptions, BadOptionsFailCleanlyNamingTheKey) {
  OwnedStatus s = PrepareWindow({});
  EXPECT_EQ(s.code(), StatusCode::kInvalidModel);
  EXPECT_NE(std::string(s.message()).find("SignalWindow (node 0): custom options are missing"), std::string::npos) << s.message();
  EXPECT_NE(std::string(s.message()).find("'shift'"), std::string::npos) << s.message();

  s = PrepareWindow({0xde, 0xad, 0xbe, 0xef, 0x01});
  EXPECT_EQ(s.code(), StatusCode::kInvalidModel);
  EXPECT_NE(std::string(s.message()).find("not a FlexBuffer map"), std::string::npos) << s.message();

  s = PrepareWindow(FlexOptions([](flexbuffers::Builder& b) { b.Int("shifty", 3); }));
  EXPECT_NE(std::string(s.message()).find("custom option 'shift' is missing"), std::string::npos) << s.message();

  s = PrepareWindow(FlexOptions([](flexbuffers::Builder& b) { b.String("shift", "3"); }));
  EXPECT_NE(std::string(s.message()).find("custom option 'shift' must be an integer"), std::string::npos) << s.message();

  s = PrepareWindow(FlexOptions([](flexbuffers::Builder& b) { b.Int("shift", 40); }));
  EXPECT_EQ(s.code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(s.message()).find("custom option 'shift' is 40, must be in [0, 31]"), std::string::npos) << s.message();

  EXPECT_TRUE(PrepareWindow(FlexOptions([](flexbuffers::Builder& b) { b.Int("shift", 3); })).ok());
}

TEST(SignalOptions, NamedHelpersRegisterTheCustomNames) {
  MicroMutableOpResolver<kNumCustomKernels> resolver;
  EXPECT_TRUE(resolver.AddSignalWindow().ok());
  EXPECT_TRUE(resolver.AddSignalRfft().ok());
  EXPECT_TRUE(resolver.AddSignalPCAN().ok());
  EXPECT_EQ(resolver.size(), 3);
  EXPECT_GE(resolver.Find(kBuiltinCustom, "SignalWindow"), 0);
  EXPECT_GE(resolver.Find(kBuiltinCustom, "SignalPCAN"), 0);
  EXPECT_LT(resolver.Find(kBuiltinCustom, "SignalIrfft"), 0);
  EXPECT_EQ(kNumCustomKernels, 14u);
  // The all-ops resolver holds every builtin and custom kernel.
  AllOpsResolver all;
  EXPECT_EQ(all.size(), static_cast<int>(kNumBuiltinKernels + kNumCustomKernels));
  for (const char* name : {"SignalDelay", "SignalEnergy", "SignalFftAutoScale", "SignalFilterBank", "SignalFilterBankLog",
                           "SignalFilterBankSpectralSubtraction", "SignalFilterBankSquareRoot", "SignalFramer", "SignalIrfft",
                           "SignalOverlapAdd", "SignalPCAN", "SignalRfft", "SignalStacker", "SignalWindow"}) {
    EXPECT_GE(all.Find(kBuiltinCustom, name), 0) << name;
  }
}

TEST(SignalOptions, UnregisteredCustomOpNamesItself) {
  CustomOpModel m("SignalWindow");
  m.Input(TensorType::kInt16, {4});
  m.Constant<int16_t>(TensorType::kInt16, {4}, {1, 2, 3, 4});
  m.Output(TensorType::kInt16, {4});
  host::AlignedBuffer bytes = m.Build(FlexOptions([](flexbuffers::Builder& b) { b.Int("shift", 0); }));
  Model model;
  ASSERT_TRUE(model.Load(bytes.data(), bytes.size()).ok());
  MicroMutableOpResolver<1> resolver;
  ASSERT_TRUE(resolver.AddSignalRfft().ok());
  alignas(16) static uint8_t arena[4096];
  MicroInterpreter interpreter(model, resolver, arena, sizeof(arena));
  const Status s = interpreter.AllocateTensors();
  EXPECT_EQ(s.code(), StatusCode::kMissingOp);
#if defined(TINYRT_FULL_OP_NAMES) && !TINYRT_FULL_OP_NAMES
  // Firmware builds name the op, not the method (the unit tests' firmware, tests/target).
  EXPECT_NE(std::string(s.message()).find("the model needs SignalWindow version 1 (node 0); register it with its MicroMutableOpResolver"),
            std::string::npos)
      << s.message();
#else
  EXPECT_NE(std::string(s.message()).find("the model needs SignalWindow version 1 (node 0); register it with AddSignalWindow()"),
            std::string::npos)
      << s.message();
#endif
}

}  // namespace
}  // namespace tinyrt
