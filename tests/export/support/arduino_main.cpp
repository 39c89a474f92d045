// SPDX-License-Identifier: Apache-2.0
// Arduino's main for the exported sketches under test: setup() once, loop() once (it is empty).
#include "Arduino.h"

SerialShim Serial;

int main() {
  setup();
  loop();
  return 0;
}
