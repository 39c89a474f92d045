#!/usr/bin/env bash
# Builds everything and runs every test: host unit, golden, no-heap and example tests (ctest), then
# the on-target golden tests of every microcontroller target under QEMU (targets/run_qemu_tests.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="$(nproc)"
scripts/install_deps.sh all

echo "== host build and tests =="
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs")

echo "== microcontroller targets under QEMU =="
JOBS="$jobs" targets/run_qemu_tests.sh
