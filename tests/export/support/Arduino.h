// SPDX-License-Identifier: Apache-2.0
// The part of Arduino's core an exported tinyrt sketch uses (Serial), over the board's semihosting
// console: tests/export/export_test.py compiles each examples/NAME/NAME.ino after this header, as
// the Arduino builder compiles a sketch after <Arduino.h>, and arduino_main.cpp runs setup() and loop().
#pragma once

#include "board.h"

class SerialShim {
 public:
  void begin(unsigned long /*baud*/) {}
  explicit operator bool() const { return true; }
  void print(const char* text) { board_puts(text); }
};
extern SerialShim Serial;

void setup();
void loop();
