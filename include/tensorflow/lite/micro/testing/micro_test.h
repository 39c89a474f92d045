// SPDX-License-Identifier: Apache-2.0
// TFLM source compatibility: the test macros of TFLM's older micro_test.h (its kernel and
// library tests use them): TF_LITE_MICRO_TESTS_BEGIN / _END around TF_LITE_MICRO_TEST(name)
// blocks, TF_LITE_MICRO_EXPECT_* (record a failure, go on) and TF_LITE_MICRO_ASSERT_* (record a
// failure, leave the test), TF_LITE_MICRO_FAIL, TF_LITE_MICRO_CHECK_FAIL. Written for tinyrt.
// The counters are micro_test::tests_passed / tests_failed / did_test_fail, as TFLM's tests
// read them; TF_LITE_MICRO_TESTS_BEGIN defines them and opens main(). Output goes through
// MicroPrintf; the last line is "~~~ALL TESTS PASSED~~~" or "~~~SOME TESTS FAILED~~~".
#pragma once

#include <math.h>
#include <string.h>

#include <limits>
#include <type_traits>

#include "tensorflow/lite/core/c/common.h"
#include "tensorflow/lite/micro/micro_log.h"
#include "tensorflow/lite/micro/system_setup.h"

namespace micro_test {
extern int tests_passed;
extern int tests_failed;
extern bool is_test_complete;
extern bool did_test_fail;

namespace v1 {

// Values as MicroPrintf prints them: integers and enums as long long, floating point as double.
template <typename T>
void Describe(const char* label, const T& v) {
  if constexpr (std::is_floating_point<T>::value) {
    MicroPrintf("  %s: %f", label, static_cast<double>(v));
  } else if constexpr (std::is_integral<T>::value || std::is_enum<T>::value) {
    MicroPrintf("  %s: %lld", label, static_cast<long long>(v));
  } else if constexpr (std::is_pointer<T>::value || std::is_null_pointer<T>::value) {
    MicroPrintf("  %s: %p", label, static_cast<const void*>(v));
  } else {
    MicroPrintf("  %s: (not printable)", label);
  }
}

// Records a failed check: the expression, where, and both values.
template <typename A, typename B>
void Fail(const char* what, const char* file, int line, const A& a, const B& b) {
  MicroPrintf("%s failed at %s:%d", what, file, line);
  Describe("left", a);
  Describe("right", b);
  did_test_fail = true;
}

inline void Fail(const char* what, const char* file, int line) {
  MicroPrintf("%s failed at %s:%d", what, file, line);
  did_test_fail = true;
}

// Equality as TFLM's EXPECT_EQ checks it: two floating-point values may differ by the type's
// epsilon.
template <typename A, typename B>
bool Equal(const A& a, const B& b) {
  if constexpr (std::is_floating_point<A>::value && std::is_floating_point<B>::value) {
    using C = typename std::common_type<A, B>::type;
    const C d = static_cast<C>(a) > static_cast<C>(b) ? static_cast<C>(a) - static_cast<C>(b) : static_cast<C>(b) - static_cast<C>(a);
    return d <= std::numeric_limits<C>::epsilon();
  } else {
    return a == b;
  }
}

inline bool SameString(const char* a, const char* b) { return a == b || (a != nullptr && b != nullptr && strcmp(a, b) == 0); }

inline int Report() {
  MicroPrintf("%d/%d tests passed", tests_passed, tests_passed + tests_failed);
  if (tests_failed == 0) {
    MicroPrintf("~~~ALL TESTS PASSED~~~\n");
    return kTfLiteOk;
  }
  MicroPrintf("~~~SOME TESTS FAILED~~~\n");
  return kTfLiteError;
}

}  // namespace v1
}  // namespace micro_test

#define TF_LITE_MICRO_TESTS_BEGIN \
  namespace micro_test {          \
  int tests_passed;               \
  int tests_failed;               \
  bool is_test_complete;          \
  bool did_test_fail;             \
  }                               \
  int main(int, char**) {         \
    micro_test::tests_passed = 0; \
    micro_test::tests_failed = 0; \
    tflite::InitializeTest();

#define TF_LITE_MICRO_TESTS_END    \
  return micro_test::v1::Report(); \
  }

// A loop that runs its body once, so that an ASSERT can leave the test with `continue`; the
// increment counts the test as passed or failed.
#define TF_LITE_MICRO_TEST(name)                                                                               \
  MicroPrintf("Testing " #name);                                                                               \
  for (micro_test::is_test_complete = false, micro_test::did_test_fail = false; !micro_test::is_test_complete; \
       micro_test::is_test_complete = true, ++(micro_test::did_test_fail ? micro_test::tests_failed : micro_test::tests_passed))

#define TF_LITE_MICRO_CHECK_2_(x, y, ok, what, on_fail)             \
  do {                                                              \
    const auto& mt_x_ = (x);                                        \
    const auto& mt_y_ = (y);                                        \
    if (!(ok)) {                                                    \
      micro_test::v1::Fail(what, __FILE__, __LINE__, mt_x_, mt_y_); \
      on_fail;                                                      \
    }                                                               \
  } while (false)
// ASSERTs leave the test's loop with `continue`, so they are if/else chains (C++17 if with an
// initializer keeps each operand evaluated once), not do/while(false) blocks.
#define TF_LITE_MICRO_ASSERT_2_(x, y, ok, what)                   \
  if (const auto& mt_x_ = (x); false) {                           \
  } else if (const auto& mt_y_ = (y); ok) {                       \
  } else {                                                        \
    micro_test::v1::Fail(what, __FILE__, __LINE__, mt_x_, mt_y_); \
    continue;                                                     \
  }

#define TF_LITE_MICRO_EXPECT(x)                             \
  do {                                                      \
    if (!(x)) micro_test::v1::Fail(#x, __FILE__, __LINE__); \
  } while (false)
#define TF_LITE_MICRO_EXPECT_TRUE(x) TF_LITE_MICRO_EXPECT(x)
#define TF_LITE_MICRO_EXPECT_FALSE(x) TF_LITE_MICRO_EXPECT(!(x))
#define TF_LITE_MICRO_EXPECT_EQ(x, y) TF_LITE_MICRO_CHECK_2_(x, y, micro_test::v1::Equal(mt_x_, mt_y_), #x " == " #y, (void)0)
#define TF_LITE_MICRO_EXPECT_NE(x, y) TF_LITE_MICRO_CHECK_2_(x, y, !micro_test::v1::Equal(mt_x_, mt_y_), #x " != " #y, (void)0)
#define TF_LITE_MICRO_EXPECT_GT(x, y) TF_LITE_MICRO_CHECK_2_(x, y, mt_x_ > mt_y_, #x " > " #y, (void)0)
#define TF_LITE_MICRO_EXPECT_LT(x, y) TF_LITE_MICRO_CHECK_2_(x, y, mt_x_ < mt_y_, #x " < " #y, (void)0)
#define TF_LITE_MICRO_EXPECT_GE(x, y) TF_LITE_MICRO_CHECK_2_(x, y, mt_x_ >= mt_y_, #x " >= " #y, (void)0)
#define TF_LITE_MICRO_EXPECT_LE(x, y) TF_LITE_MICRO_CHECK_2_(x, y, mt_x_ <= mt_y_, #x " <= " #y, (void)0)
#define TF_LITE_MICRO_EXPECT_NEAR(x, y, epsilon)                                                                              \
  TF_LITE_MICRO_CHECK_2_(x, y, fabs(static_cast<double>(mt_x_) - static_cast<double>(mt_y_)) <= static_cast<double>(epsilon), \
                         #x " near " #y " within " #epsilon, (void)0)
#define TF_LITE_MICRO_EXPECT_FLOAT_EQ(x, y) TF_LITE_MICRO_EXPECT_EQ(x, y)
#define TF_LITE_MICRO_ARRAY_ELEMENT_EXPECT_NEAR(arr1, idx1, arr2, idx2, epsilon) \
  TF_LITE_MICRO_EXPECT_NEAR((arr1)[idx1], (arr2)[idx2], epsilon)
#define TF_LITE_MICRO_EXPECT_STRING_EQ(string1, string2)                                                                \
  do {                                                                                                                  \
    const char* mt_a_ = (string1);                                                                                      \
    const char* mt_b_ = (string2);                                                                                      \
    if (!micro_test::v1::SameString(mt_a_, mt_b_)) {                                                                    \
      micro_test::v1::Fail(#string1 " == " #string2, __FILE__, __LINE__);                                               \
      MicroPrintf("  left: %s\n  right: %s", mt_a_ == nullptr ? "(null)" : mt_a_, mt_b_ == nullptr ? "(null)" : mt_b_); \
    }                                                                                                                   \
  } while (false)

#define TF_LITE_MICRO_ASSERT(x)                   \
  if (x) {                                        \
  } else {                                        \
    micro_test::v1::Fail(#x, __FILE__, __LINE__); \
    continue;                                     \
  }
#define TF_LITE_MICRO_ASSERT_TRUE(x) TF_LITE_MICRO_ASSERT(x)
#define TF_LITE_MICRO_ASSERT_FALSE(x) TF_LITE_MICRO_ASSERT(!(x))
#define TF_LITE_MICRO_ASSERT_EQ(x, y) TF_LITE_MICRO_ASSERT_2_(x, y, micro_test::v1::Equal(mt_x_, mt_y_), #x " == " #y)
#define TF_LITE_MICRO_ASSERT_NE(x, y) TF_LITE_MICRO_ASSERT_2_(x, y, !micro_test::v1::Equal(mt_x_, mt_y_), #x " != " #y)
#define TF_LITE_MICRO_ASSERT_GT(x, y) TF_LITE_MICRO_ASSERT_2_(x, y, mt_x_ > mt_y_, #x " > " #y)
#define TF_LITE_MICRO_ASSERT_LT(x, y) TF_LITE_MICRO_ASSERT_2_(x, y, mt_x_ < mt_y_, #x " < " #y)
#define TF_LITE_MICRO_ASSERT_GE(x, y) TF_LITE_MICRO_ASSERT_2_(x, y, mt_x_ >= mt_y_, #x " >= " #y)
#define TF_LITE_MICRO_ASSERT_LE(x, y) TF_LITE_MICRO_ASSERT_2_(x, y, mt_x_ <= mt_y_, #x " <= " #y)

#define TF_LITE_MICRO_FAIL(msg)                                \
  do {                                                         \
    MicroPrintf("FAIL: %s at %s:%d", msg, __FILE__, __LINE__); \
    micro_test::did_test_fail = true;                          \
  } while (false)

// In a helper called from a test: return kTfLiteError when the test has failed so far.
#define TF_LITE_MICRO_CHECK_FAIL()                      \
  do {                                                  \
    if (micro_test::did_test_fail) return kTfLiteError; \
  } while (false)
