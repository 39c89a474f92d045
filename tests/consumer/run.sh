#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds and runs the consumer project (tests/consumer/CMakeLists.txt) using tinyrt one way:
#   tests/consumer/run.sh WAY TARGET WORK_DIR
#     WAY     subdirectory | fetchcontent | package   (package: cmake --install, then
#             find_package(tinyrt CONFIG), and on the host also plain g++ with pkg-config)
#     TARGET  host | cortex-m4f   (cortex-m4f: cross build, the firmware runs under QEMU mps2-an386)
#   tests/consumer/run.sh all WORK_DIR   every way on the host, the package on Cortex-M4F (4 library builds;
#                                        add_subdirectory on Cortex-M4F is examples/firmware_m4f's, and
#                                        FetchContent is add_subdirectory of the fetched tree on any target;
#                                        TINYRT_CONSUMER_ALL_WAYS=1 adds both)
# Uses ccache when it is installed. Nothing is downloaded: FetchContent reads a tarball of this
# checkout through a file:// URL.
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"

if [ "${1:-}" = all ]; then
  work="${2:?usage: run.sh all WORK_DIR}"
  # add_subdirectory on Cortex-M4F is the firmware example's own build (examples/firmware_m4f,
  # run by scripts/test.sh right after): not built twice.
  for target in host cortex-m4f; do
    for way in subdirectory fetchcontent package; do
      [ "$way" != package ] && [ "$target" = cortex-m4f ] && [ "${TINYRT_CONSUMER_ALL_WAYS:-0}" != 1 ] && continue
      "$0" "$way" "$target" "$work"
    done
  done
  exit 0
fi
way="${1:?usage: run.sh WAY TARGET WORK_DIR}"
target="${2:?usage: run.sh WAY TARGET WORK_DIR}"
work="$(mkdir -p "${3:?usage: run.sh WAY TARGET WORK_DIR}" && cd "$3" && pwd)/$way-$target"
rm -rf "$work"
mkdir -p "$work"

args=()
command -v ninja >/dev/null && args+=(-G Ninja)
command -v ccache >/dev/null && args+=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
case "$target" in
  # add_subdirectory and FetchContent check the build integration, not the code: -O0 compiles the
  # runtime in about half the time of Release (CI time); the installed package stays Release.
  host) if [ "$way" = package ]; then args+=(-DCMAKE_BUILD_TYPE=Release); else args+=(-DCMAKE_BUILD_TYPE=Debug); fi ;;
  cortex-m4f) args+=(-DCMAKE_BUILD_TYPE=MinSizeRel "-DCMAKE_TOOLCHAIN_FILE=$src/targets/cmake/cortex-m4f.cmake") ;;
  *) echo "run.sh: unknown target '$target' (host, cortex-m4f)" >&2; exit 2 ;;
esac
jobs="${JOBS:-$(nproc)}"
echo "== consumer: $way, $target ($work) =="

consumer=(-S "$src/tests/consumer" -B "$work/consumer" "-DCONSUMER_WAY=$way")
case "$way" in
  subdirectory) consumer+=("-DTINYRT_SOURCE=$src") ;;
  fetchcontent)
    # The files of the checkout (tracked and new, not ignored), as a release tarball would hold.
    (cd "$src" && git ls-files -co --exclude-standard -z | tar --null -T - --transform 's,^,tinyrt/,' -czf "$work/tinyrt.tar.gz")
    consumer+=("-DTINYRT_ARCHIVE=$work/tinyrt.tar.gz") ;;
  package)
    cmake -S "$src" -B "$work/tinyrt" "${args[@]}" -DTINYRT_BUILD_TOOLS=OFF -DTINYRT_BUILD_TESTS=OFF \
      -DTINYRT_BUILD_BENCH=OFF -DTINYRT_BUILD_EXAMPLES=OFF >/dev/null
    cmake --build "$work/tinyrt" -j"$jobs" >/dev/null
    cmake --install "$work/tinyrt" --prefix "$work/prefix" >/dev/null
    consumer+=("-DCMAKE_PREFIX_PATH=$work/prefix") ;;
  *) echo "run.sh: unknown way '$way' (subdirectory, fetchcontent, package)" >&2; exit 2 ;;
esac
cmake "${consumer[@]}" "${args[@]}" >/dev/null
cmake --build "$work/consumer" -j"$jobs" >/dev/null
ctest --test-dir "$work/consumer" --output-on-failure -V | grep -E "^[0-9]+: consumer:|tests passed|tests failed"

if [ "$way" = package ] && [ "$target" = host ]; then
  # pkg-config and a plain compiler, no CMake: the installed tree alone must be enough.
  export PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig:$work/prefix/lib64/pkgconfig"
  pkg-config --exists tinyrt
  echo "pkg-config --cflags --libs tinyrt: $(pkg-config --cflags --libs tinyrt)"
  # shellcheck disable=SC2046
  g++ -std=c++17 -o "$work/consumer_pkgconfig" "$src/tests/consumer/main.cc" "$work/consumer/consumer_data.cc" \
    -I"$work/consumer" $(pkg-config --cflags --libs tinyrt)
  "$work/consumer_pkgconfig"
fi
