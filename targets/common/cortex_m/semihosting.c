// SPDX-License-Identifier: Apache-2.0
/* Arm semihosting (BKPT 0xAB on M-profile): console output and exit with a status. Under QEMU
 * with -semihosting-config enable=on it needs no UART; on real hardware it needs a debugger. */
#include <stdint.h>

#include "board.h"

enum { kSysWrite0 = 0x04, kSysExitExtended = 0x20, kAdpStoppedApplicationExit = 0x20026 };

static uintptr_t semihost(uintptr_t op, const void* arg) {
  register uintptr_t r0 __asm__("r0") = op;
  register const void* r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

void board_puts(const char* text) { semihost(kSysWrite0, text); }

void board_exit(int code) {
  /* SYS_EXIT_EXTENDED carries the full code (SYS_EXIT on 32-bit Arm only says "ok"/"not ok"). */
  const uintptr_t block[2] = {kAdpStoppedApplicationExit, (uintptr_t)code};
  for (;;) semihost(kSysExitExtended, block);
}
