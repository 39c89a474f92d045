// SPDX-License-Identifier: Apache-2.0
// The baseline of the footprint report: startup, C library initialisation and exit, nothing else
// (TFLM's baseline_memory_footprint).
int main() { return 0; }
