// SPDX-License-Identifier: Apache-2.0
// A firmware that does use the heap: its no-heap check must fail (tests/target/CMakeLists.txt
// registers it with WILL_FAIL), which shows the check can catch an allocator.
#include <stdlib.h>

#include "board.h"

int main() {
  void* volatile p = malloc(16);
  free(p);
  board_puts("heap self-test\n");
  return 0;
}
