// Proves the runtime never touches the heap: this binary replaces malloc/calloc/realloc/free
// and operator new/delete with versions that count calls while a guard is up, then runs model
// loading, AllocateTensors, Invoke and Reset under the guard.
#include <gtest/gtest.h>

#include <cstdlib>
#include <new>

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

INSTANTIATE_TEST_SUITE_P(Models, NoHeap,
                         ::testing::Values("hello_world_int8", "hello_world_float", "micro_speech_quantized", "kws_ref_model",
                                           "person_detect", "ad01_int8", "pretrainedResnet_quant", "simple_add_model",
                                           "audio_preprocessor_int8", "audio_preprocessor_float"));

}  // namespace
}  // namespace tinyrt
