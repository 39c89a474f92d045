// SPDX-License-Identifier: Apache-2.0
// stdout of newlib-nano to the board's semihosting console, for the exported examples that print
// with printf/fputs (as they would on Zephyr, Mbed, ESP-IDF): _write, and _isatty so that stdout is
// line-buffered (the board exits through semihosting without flushing stdio).
#include <string.h>

#include "board.h"

int _write(int fd, const char* data, int length) {
  (void)fd;
  char chunk[65];
  for (int done = 0; done < length;) {
    int n = length - done < 64 ? length - done : 64;
    memcpy(chunk, data + done, (size_t)n);
    chunk[n] = '\0';
    board_puts(chunk);
    done += n;
  }
  return length;
}

int _isatty(int fd) { return fd <= 2; }
