// SPDX-License-Identifier: Apache-2.0
// The macros of TFLM's older micro_test.h (include/tensorflow/lite/micro/testing/micro_test.h),
// in the style of TFLM's kernel tests: passing checks pass, failing ones are recorded (and the
// record is then cleared so that this program can pass), ASSERTs leave the test, operands are
// evaluated once, and the counters TFLM's tests read are kept.
#include <stdint.h>

#include "tensorflow/lite/micro/testing/micro_test.h"

namespace {
int g_evaluations = 0;
int Next() { return ++g_evaluations; }
bool g_after_assert = false;

// Runs a failing check; true when it was recorded. Clears the record.
bool Recorded() {
  const bool failed = micro_test::did_test_fail;
  micro_test::did_test_fail = false;
  return failed;
}

TfLiteStatus HelperThatChecks(int v) {
  TF_LITE_MICRO_EXPECT_EQ(v, 3);
  TF_LITE_MICRO_CHECK_FAIL();
  return kTfLiteOk;
}
}  // namespace

TF_LITE_MICRO_TESTS_BEGIN

TF_LITE_MICRO_TEST(PassingChecks) {
  const float values[2] = {1.0f, 1.05f};
  TF_LITE_MICRO_EXPECT(1 + 1 == 2);
  TF_LITE_MICRO_EXPECT_TRUE(true);
  TF_LITE_MICRO_EXPECT_FALSE(false);
  TF_LITE_MICRO_EXPECT_EQ(7, 7);
  TF_LITE_MICRO_EXPECT_EQ(kTfLiteOk, kTfLiteOk);
  TF_LITE_MICRO_EXPECT_EQ(0.5f, 0.5f);
  TF_LITE_MICRO_EXPECT_NE(1, 2);
  TF_LITE_MICRO_EXPECT_GT(2, 1);
  TF_LITE_MICRO_EXPECT_LT(int8_t{-3}, 0);
  TF_LITE_MICRO_EXPECT_GE(2, 2);
  TF_LITE_MICRO_EXPECT_LE(2u, 3u);
  TF_LITE_MICRO_EXPECT_NEAR(1.0, 1.001, 0.01);
  TF_LITE_MICRO_EXPECT_FLOAT_EQ(0.25f, 0.25f);
  TF_LITE_MICRO_ARRAY_ELEMENT_EXPECT_NEAR(values, 0, values, 1, 0.1f);
  TF_LITE_MICRO_EXPECT_STRING_EQ("abc", "abc");
  TF_LITE_MICRO_ASSERT(true);
  TF_LITE_MICRO_ASSERT_EQ(3, 3);
  TF_LITE_MICRO_ASSERT_NE(3, 4);
  TF_LITE_MICRO_ASSERT_GT(4, 3);
  TF_LITE_MICRO_ASSERT_LT(3, 4);
  TF_LITE_MICRO_ASSERT_GE(4, 4);
  TF_LITE_MICRO_ASSERT_LE(4, 4);
  TF_LITE_MICRO_ASSERT_TRUE(true);
  TF_LITE_MICRO_ASSERT_FALSE(false);
  TF_LITE_MICRO_EXPECT_EQ(HelperThatChecks(3), kTfLiteOk);
}

TF_LITE_MICRO_TEST(FailingChecksAreRecorded) {
  TF_LITE_MICRO_EXPECT(1 + 1 == 3);
  TF_LITE_MICRO_EXPECT(Recorded());
  TF_LITE_MICRO_EXPECT_EQ(7, 8);
  TF_LITE_MICRO_EXPECT(Recorded());
  TF_LITE_MICRO_EXPECT_EQ(1.0f, 1.5f);
  TF_LITE_MICRO_EXPECT(Recorded());
  TF_LITE_MICRO_EXPECT_NE(2, 2);
  TF_LITE_MICRO_EXPECT(Recorded());
  TF_LITE_MICRO_EXPECT_GT(1, 2);
  TF_LITE_MICRO_EXPECT(Recorded());
  TF_LITE_MICRO_EXPECT_LE(3, 2);
  TF_LITE_MICRO_EXPECT(Recorded());
  TF_LITE_MICRO_EXPECT_NEAR(1.0, 1.1, 0.01);
  TF_LITE_MICRO_EXPECT(Recorded());
  TF_LITE_MICRO_EXPECT_STRING_EQ("abc", "abd");
  TF_LITE_MICRO_EXPECT(Recorded());
  TF_LITE_MICRO_FAIL("a deliberate failure");
  TF_LITE_MICRO_EXPECT(Recorded());
  TF_LITE_MICRO_EXPECT_EQ(HelperThatChecks(4), kTfLiteError);
  TF_LITE_MICRO_EXPECT(Recorded());
  // Each operand once.
  g_evaluations = 0;
  TF_LITE_MICRO_EXPECT_EQ(Next(), 1);
  TF_LITE_MICRO_ASSERT_EQ(Next(), 2);
  TF_LITE_MICRO_EXPECT_EQ(g_evaluations, 2);
}

// Counts as failed: the ASSERT leaves it before the flag is set.
TF_LITE_MICRO_TEST(AssertLeavesTheTest) {
  TF_LITE_MICRO_ASSERT_EQ(1, 2);
  g_after_assert = true;
}

TF_LITE_MICRO_TEST(CountersAndAssertOutcome) {
  TF_LITE_MICRO_EXPECT_FALSE(g_after_assert);
  TF_LITE_MICRO_EXPECT_EQ(micro_test::tests_passed, 2);
  TF_LITE_MICRO_EXPECT_EQ(micro_test::tests_failed, 1);
  micro_test::tests_failed = 0;  // the deliberate one
}

TF_LITE_MICRO_TESTS_END
