#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Footprint report: flash and static RAM of (a) the runtime framework alone, (b) a micro_speech
# build and (c) a kws build, with and without error messages, per part (from the link maps), on
# each TARGET (default: cortex-m3 cortex-m4f). See targets/footprint/CMakeLists.txt.
#
#   targets/footprint.sh [--markdown] [--check] [TARGET...]
#
# --check: exit 1 if the builds without messages exceed the budgets (size_report.py --check).
#
# Uses (and configures if needed) build-TARGET like targets/run_qemu_tests.sh, -Os (MinSizeRel).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
options=()
while [ "${1:-}" = --markdown ] || [ "${1:-}" = --check ]; do
  options+=("$1")
  shift
done
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(cortex-m3 cortex-m4f)
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
dirs=()
for target in "${targets[@]}"; do
  dir="$root/build-$target"
  if [ ! -f "$dir/CMakeCache.txt" ]; then
    mkdir -p "$dir"
    cmake -S "$root" -B "$dir" "${generator[@]}" -DCMAKE_TOOLCHAIN_FILE="$root/targets/cmake/$target.cmake" \
      -DCMAKE_BUILD_TYPE=MinSizeRel -DTINYRT_HOST_TOOLS_DIR="$root/build-host-tools" >"$dir/configure.log" 2>&1 \
      || { cat "$dir/configure.log"; exit 1; }
  fi
  cmake --build "$dir" -j "${JOBS:-2}" --target footprint >"$dir/footprint_build.log" 2>&1 \
    || { tail -40 "$dir/footprint_build.log"; exit 1; }
  dirs+=("$dir")
done
python3 "$root/targets/size_report.py" --footprint "${options[@]}" "${dirs[@]}"
