#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The main job: build tinyrt and run the person detection example end to end on the two
# bundled 96x96 images (person_detect.tflite), printing scores, arena bytes and time per inference.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install_deps.sh host
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target person_detection tinyrt_cli
./build/person_detection "$@"
