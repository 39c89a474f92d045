#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the Cortex-M4F firmware example and runs it under QEMU (mps2-an386):
#   examples/firmware_m4f/run.sh [BUILD_DIR] [extra cmake arguments...]
# BUILD_DIR defaults to build-firmware. Exits with the firmware's exit code (0: the model ran and
# its outputs are close to sin(x)).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-build-firmware}"
shift || true
args=()
command -v ninja >/dev/null && args+=(-G Ninja)
command -v ccache >/dev/null && args+=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$here" -B "$build" "${args[@]}" "$@" >/dev/null
cmake --build "$build" -j"${JOBS:-$(nproc)}" --target firmware
cmake --build "$build" --target run
