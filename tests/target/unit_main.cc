// SPDX-License-Identifier: Apache-2.0
// The per-op unit tests (tests/unit, GoogleTest) as one firmware: the same test sources and
// expected values as the host's unit_tests, cross-built with GoogleTest's own sources
// (/usr/src/googletest, no exceptions, no RTTI, no threads, no POSIX regex) against newlib
// (Cortex-M) or picolibc (RISC-V), and run under QEMU; the exit code is RUN_ALL_TESTS()'s. The
// tests build their models with FlatBufferBuilder and std::vector, so this firmware has a heap; the
// runtime under test still allocates nothing (the other firmwares' no-heap checks).
// On Cortex-M, GoogleTest prints through newlib's stdout, which _write below sends to the
// semihosting console, and the heap is _sbrk's below (bounded by the stack's reserve). On RISC-V,
// picolibc's semihosting crt0 and libsemihost give stdout, exit, the time and main's arguments,
// and its malloc uses the heap its linker script leaves between .bss and the stack.
//
// TINYRT_UNIT_FILTER (a --gtest_filter pattern) leaves out what cannot run on a board: tests that
// read files of the source tree. More GoogleTest flags can come from QEMU's -append (semihosting's
// command line), e.g. -append "--gtest_filter=Conv2D.*".
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>

#include <gtest/gtest.h>

#include "board.h"

#if defined(__arm__)
namespace {

uintptr_t Semihost(uintptr_t op, const void* arg) {
  register uintptr_t r0 __asm__("r0") = op;
  register const void* r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

}  // namespace

extern "C" {

// From the linker script (targets/common/cortex_m/sections.ld).
extern uint8_t __bss_end__[], __stack_top__[];

// The heap grows from the end of .bss up to this many bytes below the top of the stack.
constexpr size_t kStackReserve = 64 * 1024;

void* _sbrk(ptrdiff_t increment) {
  static uintptr_t brk = reinterpret_cast<uintptr_t>(__bss_end__);
  const uintptr_t start = reinterpret_cast<uintptr_t>(__bss_end__);
  const uintptr_t limit = reinterpret_cast<uintptr_t>(__stack_top__) - kStackReserve;
  if (increment > static_cast<ptrdiff_t>(limit - brk) || increment < -static_cast<ptrdiff_t>(brk - start)) {
    errno = ENOMEM;
    return reinterpret_cast<void*>(-1);
  }
  const uintptr_t previous = brk;
  brk += static_cast<uintptr_t>(increment);
  return reinterpret_cast<void*>(previous);
}

int _write(int fd, const char* data, int size) {
  if (fd != 1 && fd != 2) {
    errno = EBADF;
    return -1;
  }
  char chunk[129];
  for (int done = 0; done < size;) {
    int n = size - done < 128 ? size - done : 128;
    memcpy(chunk, data + done, static_cast<size_t>(n));
    chunk[n] = '\0';
    // SYS_WRITE0 stops at a NUL: send the bytes after one in the next chunk.
    const int text = static_cast<int>(strlen(chunk));
    if (text < n) n = text + 1;
    board_puts(chunk);
    done += n;
  }
  return size;
}

// GoogleTest's per-test times: semihosting's SYS_CLOCK (centiseconds since the program started).
int _gettimeofday(struct timeval* tv, void* /*tz*/) {
  const long centiseconds = static_cast<long>(Semihost(0x10, nullptr));  // SYS_CLOCK
  if (tv != nullptr) {
    tv->tv_sec = centiseconds / 100;
    tv->tv_usec = (centiseconds % 100) * 10000;
  }
  return 0;
}

// newlib's _exit (libnosys) spins forever: end the run instead, with the status (abort() passes 1).
void _exit(int status) { board_exit(status); }

// libstdc++ registers its static destructors with __cxa_atexit(..., &__dso_handle), which the C
// runtime's crtbegin defines; firmware links without it (-nostartfiles). They never run.
void* __dso_handle = nullptr;

}  // extern "C"

namespace {

// The command line QEMU was given with -append (SYS_GET_CMDLINE), split at spaces: extra
// GoogleTest flags, e.g. -append "--gtest_filter=Conv2D.*" to run a few tests while debugging.
int CommandLine(char* buffer, size_t size, char** argv, int max_args) {
  struct {
    char* data;
    size_t size;
  } block = {buffer, size - 1};
  if (Semihost(0x15, &block) != 0) return 0;  // SYS_GET_CMDLINE
  buffer[block.size] = '\0';
  int argc = 0;
  for (char* p = buffer; *p != '\0' && argc < max_args;) {
    while (*p == ' ') *p++ = '\0';
    if (*p == '\0') break;
    argv[argc++] = p;
    while (*p != '\0' && *p != ' ') ++p;
  }
  return argc;
}

}  // namespace
#endif  // __arm__

// No file system (GoogleTest only creates folders for XML output, which is off).
extern "C" int mkdir(const char* /*path*/, mode_t /*mode*/) {
  errno = ENOSYS;
  return -1;
}
#if !defined(__arm__)
// picolibc's libsemihost has no stat (newlib's libnosys has one that fails): no file exists.
extern "C" int stat(const char* /*path*/, struct stat* /*buf*/) {
  errno = ENOENT;
  return -1;
}
#endif

// Out of heap: say so and how much was asked for (libstdc++'s operator new would abort() silently,
// as exceptions are off).
void* operator new(size_t size) {
  void* p = malloc(size);
  if (p == nullptr) {
    char message[80];
    snprintf(message, sizeof(message), "\n*** out of heap: operator new(%lu) failed\n", static_cast<unsigned long>(size));
    board_puts(message);
    board_exit(3);
  }
  return p;
}
void* operator new[](size_t size) { return operator new(size); }

namespace {

// given: the semihosting command line split at spaces, QEMU's kernel file name first.
int RunTests(int given_count, char** given) {
  char program[] = "unit_tests";
  char filter[] = "--gtest_filter=" TINYRT_UNIT_FILTER;
  char* argv[16] = {program, filter};
  int argc = 2;
  for (int i = 1; i < given_count && argc < 15; ++i) argv[argc++] = given[i];
  argv[argc] = nullptr;
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}

}  // namespace

#if defined(__arm__)
int main() {
  static char command_line[512];
  char* given[14];
  const int n = CommandLine(command_line, sizeof(command_line), given, 14);
  return RunTests(n, given);
}
#else
// picolibc's semihosting crt0 passes the command line (SYS_GET_CMDLINE) as main's arguments.
int main(int argc, char** argv) { return RunTests(argc, argv); }
#endif
