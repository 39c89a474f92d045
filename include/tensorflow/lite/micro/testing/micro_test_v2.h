// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: the test macros of TFLM's micro_test_v2.h (a googletest subset for
// microcontrollers): TEST, TEST_F, EXPECT_* / ASSERT_*, RUN_ALL_TESTS, TF_LITE_MICRO_TESTS_MAIN.
// Written for tinyrt. Tests register without static constructors: each TEST places a constant
// record in the linker section "tinyrt_micro_tests", which the runner walks (__start_/__stop_
// symbols, GNU ld and lld), in the order the compiler emitted them (not necessarily the order
// of definition); a program needs at least one TEST. Output goes through MicroPrintf; the last line is
// "~~~ALL TESTS PASSED~~~" when every test passed.
#pragma once

#include <math.h>
#include <stddef.h>
#include <string.h>

#include <type_traits>

#include "tensorflow/lite/core/c/common.h"
#include "tensorflow/lite/micro/micro_log.h"
#include "tensorflow/lite/micro/system_setup.h"

namespace micro_test {
namespace internal {

struct TestInfo {
  const char* suite;
  const char* name;
  void (*run)();
};

struct State {
  bool fail;
  bool fatal;
  bool nonfatal;
};
inline State& state() {
  static State s;  // zero-initialized constant: no constructor runs
  return s;
}

inline void Print(int v) { MicroPrintf("    value: %d", v); }
inline void Print(unsigned v) { MicroPrintf("    value: %u", v); }
inline void Print(long v) { MicroPrintf("    value: %ld", v); }
inline void Print(unsigned long v) { MicroPrintf("    value: %lu", v); }
inline void Print(long long v) { MicroPrintf("    value: %lld", v); }
inline void Print(unsigned long long v) { MicroPrintf("    value: %llu", v); }
inline void Print(double v) { MicroPrintf("    value: %f", v); }
inline void Print(const char* v) { MicroPrintf("    value: %s", v == nullptr ? "(null)" : v); }
inline void Print(const void* v) { MicroPrintf("    value: %p", v); }
inline void Print(std::nullptr_t) { MicroPrintf("    value: nullptr"); }
inline void Print(bool v) { MicroPrintf("    value: %s", v ? "true" : "false"); }
template <typename T>
void Print(const T& v) {
  if constexpr (std::is_enum<T>::value) {
    Print(static_cast<long long>(v));
  } else if constexpr (std::is_integral<T>::value && std::is_signed<T>::value) {
    Print(static_cast<long long>(v));
  } else if constexpr (std::is_integral<T>::value) {
    Print(static_cast<unsigned long long>(v));
  } else if constexpr (std::is_floating_point<T>::value) {
    Print(static_cast<double>(v));
  } else if constexpr (std::is_pointer<T>::value) {
    Print(static_cast<const void*>(v));
  } else {
    MicroPrintf("    (value not printable)");
  }
}

inline void Failed(const char* file, int line, const char* what, bool fatal) {
  MicroPrintf("%s:%d: Failure: %s", file, line, what);
  state().fail = true;
  (fatal ? state().fatal : state().nonfatal) = true;
}

template <typename A, typename B>
void FailedPair(const char* file, int line, const char* what, const A& a, const B& b, bool fatal) {
  Failed(file, line, what, fatal);
  Print(a);
  Print(b);
}

}  // namespace internal

inline bool HasFatalFailure() { return internal::state().fatal; }
inline bool HasNonfatalFailure() { return internal::state().nonfatal; }
inline bool HasFailure() { return internal::state().fail; }

}  // namespace micro_test

extern "C" const micro_test::internal::TestInfo* const __start_tinyrt_micro_tests[];
extern "C" const micro_test::internal::TestInfo* const __stop_tinyrt_micro_tests[];

namespace micro_test {

inline TfLiteStatus RunAllTests() {
  int passed = 0, failed = 0;
  MicroPrintf("[==========] Running tests.");
  for (const internal::TestInfo* const* entry = __start_tinyrt_micro_tests; entry < __stop_tinyrt_micro_tests; ++entry) {
    const internal::TestInfo* t = *entry;
    MicroPrintf("[ RUN      ] %s.%s", t->suite, t->name);
    internal::state() = internal::State{};
    t->run();
    if (internal::state().fail) {
      ++failed;
      MicroPrintf("[  FAILED  ] %s.%s", t->suite, t->name);
    } else {
      ++passed;
      MicroPrintf("[       OK ] %s.%s", t->suite, t->name);
    }
  }
  MicroPrintf("[==========] %d tests ran.", passed + failed);
  MicroPrintf("[  PASSED  ] %d tests.", passed);
  if (failed > 0 || passed == 0) {
    MicroPrintf("[  FAILED  ] %d tests.", failed);
    return kTfLiteError;
  }
  MicroPrintf("~~~ALL TESTS PASSED~~~\n");
  return kTfLiteOk;
}

}  // namespace micro_test

namespace testing {
// Base class of TEST_F fixtures.
class Test {
 public:
  virtual void SetUp() {}
  virtual void TearDown() {}
  static bool HasFatalFailure() { return micro_test::HasFatalFailure(); }
  static bool HasNonfatalFailure() { return micro_test::HasNonfatalFailure(); }
  static bool HasFailure() { return micro_test::HasFailure(); }

 protected:
  ~Test() = default;
};
}  // namespace testing

inline bool HasFatalFailure() { return micro_test::HasFatalFailure(); }
inline bool HasNonfatalFailure() { return micro_test::HasNonfatalFailure(); }
inline bool HasFailure() { return micro_test::HasFailure(); }

// The section holds pointers (pointer-aligned, so packed: compilers may over-align larger
// objects, which would leave gaps between records).
#define MICRO_TEST_REGISTER_(suite, name, fn)                                                                                      \
  static const micro_test::internal::TestInfo suite##_##name##_Info = {#suite, #name, fn};                                         \
  __attribute__((section("tinyrt_micro_tests"), used)) static const micro_test::internal::TestInfo* const suite##_##name##_Entry = \
      &suite##_##name##_Info

#define TEST(suite, name)                                   \
  void suite##_##name##_Test();                             \
  MICRO_TEST_REGISTER_(suite, name, suite##_##name##_Test); \
  void suite##_##name##_Test()

#define TEST_F(fixture, name)                                                                              \
  static_assert(std::is_base_of<testing::Test, fixture>::value, "fixture must derive from testing::Test"); \
  class fixture##_##name : public fixture {                                                                \
   public:                                                                                                 \
    void TestBody();                                                                                       \
  };                                                                                                       \
  void fixture##_##name##_Run() {                                                                          \
    fixture##_##name test;                                                                                 \
    test.SetUp();                                                                                          \
    test.TestBody();                                                                                       \
    test.TearDown();                                                                                       \
  }                                                                                                        \
  MICRO_TEST_REGISTER_(fixture, name, fixture##_##name##_Run);                                             \
  void fixture##_##name::TestBody()

#define MICRO_TEST_CMP_(a, b, op, fatal, on_fail)                                               \
  do {                                                                                          \
    const auto& va_ = (a);                                                                      \
    const auto& vb_ = (b);                                                                      \
    if (!(va_ op vb_)) {                                                                        \
      micro_test::internal::FailedPair(__FILE__, __LINE__, #a " " #op " " #b, va_, vb_, fatal); \
      on_fail;                                                                                  \
    }                                                                                           \
  } while (false)

#define MICRO_TEST_BOOL_(x, expected, fatal, on_fail)                                           \
  do {                                                                                          \
    if (static_cast<bool>(x) != (expected)) {                                                   \
      micro_test::internal::Failed(__FILE__, __LINE__, #x " is " #expected " expected", fatal); \
      on_fail;                                                                                  \
    }                                                                                           \
  } while (false)

#define MICRO_TEST_NEAR_(a, b, eps, fatal, on_fail)                                                          \
  do {                                                                                                       \
    const double va_ = static_cast<double>(a);                                                               \
    const double vb_ = static_cast<double>(b);                                                               \
    if (!(fabs(va_ - vb_) <= static_cast<double>(eps))) {                                                    \
      micro_test::internal::FailedPair(__FILE__, __LINE__, #a " near " #b " within " #eps, va_, vb_, fatal); \
      on_fail;                                                                                               \
    }                                                                                                        \
  } while (false)

#define MICRO_TEST_STR_(a, b, equal, fatal, on_fail)                                              \
  do {                                                                                            \
    const char* va_ = (a);                                                                        \
    const char* vb_ = (b);                                                                        \
    const bool same_ = va_ == vb_ || (va_ != nullptr && vb_ != nullptr && strcmp(va_, vb_) == 0); \
    if (same_ != (equal)) {                                                                       \
      micro_test::internal::FailedPair(__FILE__, __LINE__, #a " vs " #b, va_, vb_, fatal);        \
      on_fail;                                                                                    \
    }                                                                                             \
  } while (false)

#define ASSERT_TRUE(x) MICRO_TEST_BOOL_(x, true, true, return )
#define ASSERT_FALSE(x) MICRO_TEST_BOOL_(x, false, true, return )
#define ASSERT_EQ(a, b) MICRO_TEST_CMP_(a, b, ==, true, return )
#define ASSERT_NE(a, b) MICRO_TEST_CMP_(a, b, !=, true, return )
#define ASSERT_GT(a, b) MICRO_TEST_CMP_(a, b, >, true, return )
#define ASSERT_LT(a, b) MICRO_TEST_CMP_(a, b, <, true, return )
#define ASSERT_GE(a, b) MICRO_TEST_CMP_(a, b, >=, true, return )
#define ASSERT_LE(a, b) MICRO_TEST_CMP_(a, b, <=, true, return )
#define ASSERT_NEAR(a, b, eps) MICRO_TEST_NEAR_(a, b, eps, true, return )
#define ASSERT_FLOAT_EQ(a, b) MICRO_TEST_NEAR_(a, b, 4 * 1.1920929e-07 * fabs(static_cast<double>(b)) + 1e-30, true, return )
#define ASSERT_STREQ(a, b) MICRO_TEST_STR_(a, b, true, true, return )
#define ASSERT_STRNE(a, b) MICRO_TEST_STR_(a, b, false, true, return )
#define EXPECT_TRUE(x) MICRO_TEST_BOOL_(x, true, false, (void)0)
#define EXPECT_FALSE(x) MICRO_TEST_BOOL_(x, false, false, (void)0)
#define EXPECT_EQ(a, b) MICRO_TEST_CMP_(a, b, ==, false, (void)0)
#define EXPECT_NE(a, b) MICRO_TEST_CMP_(a, b, !=, false, (void)0)
#define EXPECT_GT(a, b) MICRO_TEST_CMP_(a, b, >, false, (void)0)
#define EXPECT_LT(a, b) MICRO_TEST_CMP_(a, b, <, false, (void)0)
#define EXPECT_GE(a, b) MICRO_TEST_CMP_(a, b, >=, false, (void)0)
#define EXPECT_LE(a, b) MICRO_TEST_CMP_(a, b, <=, false, (void)0)
#define EXPECT_NEAR(a, b, eps) MICRO_TEST_NEAR_(a, b, eps, false, (void)0)
#define EXPECT_FLOAT_EQ(a, b) MICRO_TEST_NEAR_(a, b, 4 * 1.1920929e-07 * fabs(static_cast<double>(b)) + 1e-30, false, (void)0)
#define EXPECT_STREQ(a, b) MICRO_TEST_STR_(a, b, true, false, (void)0)
#define EXPECT_STRNE(a, b) MICRO_TEST_STR_(a, b, false, false, (void)0)
#define ADD_FAILURE(msg) micro_test::internal::Failed(__FILE__, __LINE__, msg, false)
#define FAIL(msg)                                                \
  do {                                                           \
    micro_test::internal::Failed(__FILE__, __LINE__, msg, true); \
    return;                                                      \
  } while (false)
#define ASSERT_NO_FATAL_FAILURE(statement) \
  do {                                     \
    statement;                             \
    if (HasFatalFailure()) return;         \
  } while (false)
#define EXPECT_NO_FATAL_FAILURE(statement) \
  do {                                     \
    statement;                             \
  } while (false)

#define RUN_ALL_TESTS() micro_test::RunAllTests()
#define TF_LITE_MICRO_TESTS_MAIN \
  int main(int, char**) {        \
    tflite::InitializeTest();    \
    return RUN_ALL_TESTS();      \
  }
