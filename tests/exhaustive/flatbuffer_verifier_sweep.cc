// SPDX-License-Identifier: Apache-2.0
// tinyrt's schema-driven FlatBuffer verifier against flatbuffers' generated one (VerifyModelBuffer
// for the same schema): every real model passes both, and on hundreds of thousands of corrupted
// models (random byte flips, overwritten offsets, truncations) they agree, except where tinyrt is
// deliberately stricter (vectors of 8-byte elements must be 8-byte aligned: Cortex-M faults on
// unaligned 64-bit loads). Options tables: both verifiers on every op's options of every model.
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/core/flatbuffer_verifier.h"
#include "src/core/schema_specs.h"
#include "tinyrt/schema_generated.h"
#include "tools/host_support.h"

namespace tinyrt {
namespace {

bool FlatbuffersAccepts(const uint8_t* data, size_t size) {
  flatbuffers::Verifier::Options options;
  options.max_depth = 32;
  options.max_tables = 1u << 20;
  flatbuffers::Verifier verifier(data, size, options);
  return verifier.VerifyBuffer<tflite::Model>(nullptr);
}

bool TinyrtAccepts(const uint8_t* data, size_t size) { return FlatBufferVerifier(data, size, 32, 1u << 20).VerifyRoot(); }

// Any 8-byte-element vector (QuantizationParameters.zero_point) misaligned? (Only tinyrt rejects.)
bool HasMisalignedInt64Vector(const uint8_t* data) {
  const tflite::Model* model = tflite::GetModel(data);
  if (model->subgraphs() == nullptr) return false;
  for (const auto* graph : *model->subgraphs()) {
    if (graph->tensors() == nullptr) continue;
    for (const auto* tensor : *graph->tensors()) {
      const auto* q = tensor->quantization();
      if (q != nullptr && q->zero_point() != nullptr && (reinterpret_cast<uintptr_t>(q->zero_point()->data()) & 7) != 0) return true;
    }
  }
  return false;
}

std::vector<std::string> Models() {
  std::vector<std::string> names = {"hello_world_int8",      "hello_world_float", "simple_add_model", "micro_speech_quantized",
                                    "kws_ref_model",         "person_detect",     "ad01_int8",        "model_ToyCar_quant_fullint",
                                    "pretrainedResnet_quant"};
  for (const char* shared : {"vww_96_int8", "trained_lstm", "audio_preprocessor_int8", "keyword_scrambled"}) {
    if (host::FileExists(host::FindModel(shared))) names.push_back(shared);
  }
  return names;
}

// Both verifiers on one options table of type T.
template <typename T>
::testing::AssertionResult SameOnOptions(const uint8_t* data, size_t size, const void* table) {
  flatbuffers::Verifier::Options options;
  flatbuffers::Verifier verifier(data, size, options);
  const bool theirs = static_cast<const T*>(table)->Verify(verifier);
  const bool ours = FlatBufferVerifier(data, size).VerifyTableAt(table, schema_specs::TableSpecOf<T>::value);
  if (theirs == ours) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "options verification differs: flatbuffers " << theirs << ", tinyrt " << ours;
}

// Every op's options table of the types the bundled models use, with both verifiers.
::testing::AssertionResult SameOnAllOptions(const uint8_t* data, size_t size, int* checked) {
  const tflite::Model* model = tflite::GetModel(data);
  if (model->subgraphs() == nullptr) return ::testing::AssertionSuccess();
  for (const auto* graph : *model->subgraphs()) {
    if (graph->operators() == nullptr) continue;
    for (const auto* op : *graph->operators()) {
      const void* table = op->builtin_options();
      if (table == nullptr) continue;
      ++*checked;
      ::testing::AssertionResult result = ::testing::AssertionSuccess();
      switch (op->builtin_options_type()) {
        case tflite::BuiltinOptions_Conv2DOptions: result = SameOnOptions<tflite::Conv2DOptions>(data, size, table); break;
        case tflite::BuiltinOptions_DepthwiseConv2DOptions:
          result = SameOnOptions<tflite::DepthwiseConv2DOptions>(data, size, table);
          break;
        case tflite::BuiltinOptions_FullyConnectedOptions: result = SameOnOptions<tflite::FullyConnectedOptions>(data, size, table); break;
        case tflite::BuiltinOptions_ReshapeOptions: result = SameOnOptions<tflite::ReshapeOptions>(data, size, table); break;
        case tflite::BuiltinOptions_SoftmaxOptions: result = SameOnOptions<tflite::SoftmaxOptions>(data, size, table); break;
        case tflite::BuiltinOptions_Pool2DOptions: result = SameOnOptions<tflite::Pool2DOptions>(data, size, table); break;
        case tflite::BuiltinOptions_AddOptions: result = SameOnOptions<tflite::AddOptions>(data, size, table); break;
        default: --*checked; break;
      }
      if (!result) return result;
    }
  }
  return ::testing::AssertionSuccess();
}

class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint32_t Next() {
    state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(state_ >> 33);
  }

 private:
  uint64_t state_;
};

TEST(FlatBufferVerifierSweep, RealModelsPass) {
  for (const std::string& name : Models()) {
    host::AlignedBuffer model;
    ASSERT_TRUE(host::ReadFile(host::FindModel(name), &model)) << name;
    EXPECT_TRUE(FlatbuffersAccepts(model.data(), model.size())) << name;
    EXPECT_TRUE(TinyrtAccepts(model.data(), model.size())) << name;
    // Every op's options table, verified alone with its schema spec as kernels do.
    const tflite::Model* m = tflite::GetModel(model.data());
    for (const auto* graph : *m->subgraphs()) {
      for (const auto* op : *graph->operators()) {
        if (op->builtin_options() == nullptr) continue;
        EXPECT_TRUE(FlatBufferVerifier(model.data(), model.size())
                        .VerifyTableAt(op->builtin_options(), schema_specs::TableSpecOf<tflite::OpaqueTable>::value));
      }
    }
  }
}

TEST(FlatBufferVerifierSweep, AgreesOnCorruptedModels) {
  Random r(7);
  int rejected = 0, total = 0, options_checked = 0;
  for (const std::string& name : Models()) {
    host::AlignedBuffer original;
    ASSERT_TRUE(host::ReadFile(host::FindModel(name), &original)) << name;
    // Corrupt the metadata (the first 4 KB holds the root, vtables and most tables in small
    // models; for big ones the tables sit after the weights, so aim at the tail too).
    const size_t size = original.size();
    const int rounds = size > (1u << 20) ? 3000 : 20000;
    host::AlignedBuffer copy(size);
    for (int i = 0; i < rounds; ++i) {
      std::memcpy(copy.data(), original.data(), size);
      size_t length = size;
      const int mutations = 1 + static_cast<int>(r.Next() % 4);
      for (int k = 0; k < mutations; ++k) {
        const size_t region = r.Next() % 2 == 0 ? (size < 4096 ? size : 4096) : size;
        size_t at = r.Next() % region;
        if (region == size && size > 8192 && r.Next() % 2 == 0) at = size - 1 - r.Next() % 8192;
        switch (r.Next() % 4) {
          case 0: copy.data()[at] ^= static_cast<uint8_t>(1u << (r.Next() % 8)); break;
          case 1: copy.data()[at] = static_cast<uint8_t>(r.Next()); break;
          case 2: {  // a plausible small offset or length
            const uint32_t value = r.Next() % 512;
            if (at + 4 <= size) std::memcpy(copy.data() + (at & ~size_t{3}), &value, 4);
            break;
          }
          default: length = 8 + r.Next() % (size - 8); break;  // truncate
        }
      }
      const bool theirs = FlatbuffersAccepts(copy.data(), length);
      const bool ours = TinyrtAccepts(copy.data(), length);
      ++total;
      rejected += ours ? 0 : 1;
      if (theirs && !ours && HasMisalignedInt64Vector(copy.data())) continue;  // stricter on purpose
      ASSERT_EQ(theirs, ours) << name << " mutation round " << i << " (length " << length << ")";
      if (ours) {
        ASSERT_TRUE(SameOnAllOptions(copy.data(), length, &options_checked)) << name << " mutation round " << i;
      }
    }
  }
  EXPECT_GT(rejected, total / 20);  // the corruptions do hit the structure
  EXPECT_GT(options_checked, 100000);
}

}  // namespace
}  // namespace tinyrt
