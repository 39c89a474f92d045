#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds tinyrt's on-target tests for each microcontroller target and runs them under QEMU.
#
#   targets/run_qemu_tests.sh [TARGET...]      (default: all of them)
#
# TARGETs are the toolchain files in targets/cmake: cortex-m0 (microbit), cortex-m3 (mps2-an385),
# cortex-m4f (mps2-an386), cortex-m7 (mps2-an500), cortex-m33 (mps2-an505), cortex-m55
# (mps3-an547), rv32imc (riscv32 virt), lx106 (Xtensa sim), and rv32imc-unit: only the per-op
# unit-test firmware (unit.all_tests) for rv32imc, built with the GCC 14 + libstdc++ toolchain that
# targets/rv32_unit_toolchain.sh makes once (in /var/cache; mmdebstrap, patchelf, root). Each builds
# into build-TARGET/ (configured once, then rebuilt incrementally); the host tools build once into
# build-host-tools/.
# Environment: JOBS (default 2), BUILD_TYPE (default MinSizeRel), TINYRT_SHARED_DIR, TINYRT_HOST_TOOLS_DIR
# (a host build of this tree with model_to_c and equivalence_cases built: used instead of building them).
# Needs: cmake, ninja (optional), gcc-arm-none-eabi, libnewlib-arm-none-eabi,
# libstdc++-arm-none-eabi-newlib, gcc-riscv64-unknown-elf, picolibc-riscv64-unknown-elf,
# gcc-xtensa-lx106, picolibc-xtensa-lx106-elf, qemu-system-arm, qemu-system-misc,
# flatbuffers-compiler, libflatbuffers-dev.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
all_targets=(cortex-m0 cortex-m3 cortex-m4f cortex-m7 cortex-m33 cortex-m55 rv32imc lx106 rv32imc-unit)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")
jobs=${JOBS:-2}
build_type=${BUILD_TYPE:-MinSizeRel}
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
extra=()
[ -n "${TINYRT_SHARED_DIR:-}" ] && extra+=("-DTINYRT_SHARED_DIR=$TINYRT_SHARED_DIR")
host_tools="$root/build-host-tools"
if [ -n "${TINYRT_HOST_TOOLS_DIR:-}" ]; then
  host_tools="$TINYRT_HOST_TOOLS_DIR"
  extra+=(-DTINYRT_HOST_TOOLS_PREBUILT=ON)
fi

start=$(date +%s)
failed_targets=()
summary=()
for target in "${targets[@]}"; do
  toolchain="$root/targets/cmake/$target.cmake"
  if [ ! -f "$toolchain" ]; then
    echo "unknown target '$target' (no $toolchain)" >&2
    exit 2
  fi
  dir="$root/build-$target"
  echo "=== $target"
  t0=$(date +%s)
  build_only=()
  test_only=(-L target)
  if [ "$target" = rv32imc-unit ]; then
    mkdir -p "$dir"
    if ! "$root/targets/rv32_unit_toolchain.sh" >"$dir/toolchain.log" 2>&1; then
      cat "$dir/toolchain.log"
      failed_targets+=("$target(toolchain)")
      continue
    fi
    grep -h 'programs patched; made in' "$dir/toolchain.log" || true
    build_only=(--target unit_tests)
    test_only=(-R '^unit\.')
  fi
  if [ ! -f "$dir/CMakeCache.txt" ]; then
    mkdir -p "$dir"
    cmake -S "$root" -B "$dir" "${generator[@]}" -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
      -DCMAKE_BUILD_TYPE="$build_type" -DTINYRT_HOST_TOOLS_DIR="$host_tools" "${extra[@]}" \
      >"$dir/configure.log" 2>&1 || { cat "$dir/configure.log"; failed_targets+=("$target(configure)"); continue; }
  fi
  if ! cmake --build "$dir" -j "$jobs" "${build_only[@]}" >"$dir/build.log" 2>&1; then
    grep -E -B2 -A12 'error|FAILED' "$dir/build.log" | head -60
    failed_targets+=("$target(build)")
    continue
  fi
  t1=$(date +%s)
  ctest --test-dir "$dir" "${test_only[@]}" --output-on-failure -j "$jobs" 2>&1 | tee "$dir/ctest.log" \
    | grep -E '(Test +#|tests passed|tests failed|\*\*\*|Not Run)'
  status=${PIPESTATUS[0]}
  [ "$status" -eq 0 ] || failed_targets+=("$target(tests)")
  t2=$(date +%s)
  size="-"
  elf="$dir/tests/target/golden_hello_world_int8.elf"
  if [ -f "$elf" ]; then
    prefix=arm-none-eabi-
    [ "$target" = rv32imc ] && prefix=riscv64-unknown-elf-
    [ "$target" = lx106 ] && prefix=xtensa-lx106-elf-
    size=$("${prefix}size" "$elf" | awk 'NR==2 {printf "text %d data %d bss %d", $1, $2, $3}')
  fi
  result=$(grep -E 'tests passed' "$dir/ctest.log" | tail -1)
  summary+=("$(printf '%-11s build %3ds  test %3ds  %-48s hello_world_int8: %s' "$target" $((t1 - t0)) $((t2 - t1)) "$result" "$size")")
done

echo
echo "=== summary ($(( $(date +%s) - start ))s)"
printf '%s\n' "${summary[@]}"
if [ ${#failed_targets[@]} -ne 0 ]; then
  echo "FAILED: ${failed_targets[*]}"
  exit 1
fi
echo "all targets passed"
