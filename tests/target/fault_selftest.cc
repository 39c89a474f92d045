// SPDX-License-Identifier: Apache-2.0
// A firmware that makes an unaligned 32-bit load: on a core that traps on it (Xtensa LX106) the
// board's exception handler must report it and exit non-zero (tests/target/CMakeLists.txt expects
// the report), which shows that no on-target test can pass through an unaligned access unseen.
#include <stdint.h>

#include "board.h"

int main() {
  alignas(4) static volatile uint8_t bytes[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  uintptr_t address = reinterpret_cast<uintptr_t>(&bytes[1]);
  __asm__ volatile("" : "+r"(address));                                         // the compiler must not know the alignment (no byte loads)
  const uint32_t value = *reinterpret_cast<volatile const uint32_t*>(address);  // traps
  board_puts(value != 0 ? "unaligned load did not trap\n" : "unaligned load gave 0\n");
  return 0;
}
