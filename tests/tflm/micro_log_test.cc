// SPDX-License-Identifier: Apache-2.0
// MicroPrintf's own formatter (src/tflm/micro_printf.cc), checked against the C library's
// snprintf on the host, through an application-defined tflite::DebugLog; and the
// micro_test_v2.h macros themselves.
#include <stdio.h>
#include <string.h>

#include "tensorflow/lite/micro/micro_log.h"
#include "tensorflow/lite/micro/testing/micro_test_v2.h"

namespace {
char g_captured[512];
bool g_capture = false;
}  // namespace

namespace tflite {
// Replaces the library's weak default.
void DebugLog(const char* text) {
  if (g_capture) {
    snprintf(g_captured, sizeof(g_captured), "%s", text);
  } else {
    fputs(text, stdout);
  }
}
}  // namespace tflite

#define EXPECT_FORMAT(...)                               \
  do {                                                   \
    char expected_[512];                                 \
    snprintf(expected_, sizeof(expected_), __VA_ARGS__); \
    strcat(expected_, "\n");                             \
    g_capture = true;                                    \
    MicroPrintf(__VA_ARGS__);                            \
    g_capture = false;                                   \
    EXPECT_STREQ(g_captured, expected_);                 \
  } while (false)

TEST(MicroLogTest, Integers) {
  EXPECT_FORMAT("%d %i %u", -42, 7, 4000000000u);
  EXPECT_FORMAT("[%5d] [%-5d] [%05d] [%x] [%X]", -3, 12, 42, 0xbeef, 0xBEEF);
  EXPECT_FORMAT("%ld %lu %lld %llu %zu", -5L, 6UL, -1234567890123LL, 18446744073709551615ULL, sizeof(int));
  EXPECT_FORMAT("%d %d", -2147483647 - 1, 2147483647);
}

TEST(MicroLogTest, StringsAndChars) {
  EXPECT_FORMAT("%s|%8s|%-8s|%.3s|%c%%", "abc", "right", "left", "truncate", 'z');
  EXPECT_FORMAT("plain text");
}

TEST(MicroLogTest, Floats) {
  EXPECT_FORMAT("%f %f %.2f %.0f", 0.5, -3.25, 2.345678, 7.6);
  EXPECT_FORMAT("%f %8.3f", 1234567.125, -0.0626);  // (ties round half up, not to even)
}

TEST(MicroLogTest, MacrosCountFailures) {
  EXPECT_EQ(1 + 1, 2);
  EXPECT_NEAR(0.1 + 0.2, 0.3, 1e-9);
  EXPECT_FALSE(HasFailure());
  EXPECT_NE(1, 2);  // still no failure
  ASSERT_FALSE(HasFailure());
}

TF_LITE_MICRO_TESTS_MAIN
