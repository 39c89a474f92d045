// SPDX-License-Identifier: Apache-2.0
// Prints an unsigned number through board_puts (firmware has no printf).
#pragma once

#include "board.h"

inline void PutNumber(unsigned value) {
  char text[12];
  int n = 11;
  text[n] = '\0';
  do {
    text[--n] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  board_puts(text + n);
}
