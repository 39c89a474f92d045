// SPDX-License-Identifier: Apache-2.0
// Proves the runtime never touches the heap: this binary replaces malloc/calloc/realloc/free
// and operator new/delete with versions that count calls while a guard is up, then runs model
// loading, AllocateTensors, Invoke and Reset under the guard.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <new>
#include <string>
#include <vector>

#include "tests/test_util.h"

extern "C" void* __libc_malloc(size_t);
extern "C" void* __libc_calloc(size_t, size_t);
extern "C" void* __libc_realloc(void*, size_t);
extern "C" void __libc_free(void*);

namespace {
bool g_guard = false;
int g_heap_calls = 0;
void Note() {
  if (g_guard) ++g_heap_calls;
}
}  // namespace

extern "C" void* malloc(size_t size) {
  Note();
  return __libc_malloc(size);
}
extern "C" void* calloc(size_t n, size_t size) {
  Note();
  return __libc_calloc(n, size);
}
extern "C" void* realloc(void* p, size_t size) {
  Note();
  return __libc_realloc(p, size);
}
extern "C" void free(void* p) {
  if (p != nullptr) Note();
  __libc_free(p);
}
void* operator new(size_t size) {
  Note();
  void* p = __libc_malloc(size == 0 ? 1 : size);
  if (p == nullptr) std::abort();
  return p;
}
void* operator new[](size_t size) { return operator new(size); }
void operator delete(void* p) noexcept { free(p); }
void operator delete[](void* p) noexcept { free(p); }
void operator delete(void* p, size_t) noexcept { free(p); }
void operator delete[](void* p, size_t) noexcept { free(p); }

namespace tinyrt {
namespace {

class NoHeap : public ::testing::TestWithParam<const char*> {};

TEST(NoHeapSelfTest, GuardCountsAllocations) {
  g_heap_calls = 0;
  g_guard = true;
  void* volatile p = std::malloc(16);
  std::free(p);
  int* volatile q = new int(3);
  delete q;
  g_guard = false;
  EXPECT_EQ(g_heap_calls, 4);  // the replacement really is in effect
}

TEST_P(NoHeap, LoadAllocateInvokeResetUseNoHeap) {
  const std::string path = host::FindModel(GetParam());
  ASSERT_FALSE(path.empty());
  host::AlignedBuffer bytes;
  ASSERT_TRUE(host::ReadFile(path, &bytes));
  host::AlignedBuffer arena(4u << 20);
  alignas(MicroInterpreter) static unsigned char interpreter_storage[sizeof(MicroInterpreter)];

  g_heap_calls = 0;
  g_guard = true;
  {
    Model model;
    Status status = model.Load(bytes.data(), bytes.size());
    AllOpsResolver resolver;
    auto* interpreter = new (interpreter_storage) MicroInterpreter(model, resolver, arena.data(), arena.size());
    if (status.ok()) status = interpreter->AllocateTensors();
    for (int i = 0; i < 3 && status.ok(); ++i) status = interpreter->Invoke();
    if (status.ok()) status = interpreter->Reset();
    // Error paths too: a too-small arena.
    MicroInterpreter small(model, resolver, arena.data(), 64);
    const Status small_status = small.AllocateTensors();
    g_guard = false;
    ASSERT_TRUE(status.ok()) << status.message();
    EXPECT_EQ(small_status.code(), StatusCode::kArenaTooSmall);
    interpreter->~MicroInterpreter();
  }
  g_guard = false;
  EXPECT_EQ(g_heap_calls, 0) << "the runtime used the heap";
}

// Every operator's kernel: each model of the one-operator conformance suite (or its bundled
// subset), with the golden generator's inputs, under the guard.
TEST(NoHeapOpsuite, EveryOperatorUsesNoHeap) {
  std::string suite = host::SharedDir() + "/opsuite";
  if (host::SharedDir().empty() || !host::FileExists(suite + "/INDEX.csv")) suite = host::BundledDataDir() + "/opsuite";
  const std::string dir = suite + "/models";
  std::vector<std::string> files;
  std::ifstream index(suite + "/INDEX.csv");
  std::string line;
  std::getline(index, line);  // header
  while (std::getline(index, line)) files.push_back(line.substr(0, line.find(',')));
  ASSERT_GE(files.size(), 20u) << suite;
  host::AlignedBuffer arena(1u << 20);
  alignas(MicroInterpreter) static unsigned char storage[sizeof(MicroInterpreter)];
  for (const std::string& file : files) {
    host::AlignedBuffer bytes;
    ASSERT_TRUE(host::ReadFile(dir + "/" + file, &bytes));
    Model model;
    AllOpsResolver resolver;
    ASSERT_TRUE(model.Load(bytes.data(), bytes.size()).ok()) << file;
    g_heap_calls = 0;
    g_guard = true;
    auto* interpreter = new (storage) MicroInterpreter(model, resolver, arena.data(), arena.size());
    Status status = interpreter->AllocateTensors();
    g_guard = false;
    for (size_t i = 0; status.ok() && i < interpreter->inputs_size(); ++i)
      host::FillGoldenInput(interpreter->input(i), 1, static_cast<uint32_t>(i));
    g_guard = true;
    if (status.ok()) status = interpreter->Invoke();
    if (status.ok()) status = interpreter->Reset();
    g_guard = false;
    EXPECT_TRUE(status.ok()) << file << ": " << status.message();
    EXPECT_EQ(g_heap_calls, 0) << file << ": the runtime used the heap";
    interpreter->~MicroInterpreter();
  }
  std::printf("[ no heap  ] %zu opsuite models from %s\n", files.size(), suite.c_str());
}

INSTANTIATE_TEST_SUITE_P(Models, NoHeap,
                         ::testing::Values("hello_world_int8", "hello_world_float", "micro_speech_quantized", "kws_ref_model",
                                           "person_detect", "ad01_int8", "pretrainedResnet_quant", "simple_add_model",
                                           "audio_preprocessor_int8", "audio_preprocessor_float"));

}  // namespace
}  // namespace tinyrt
