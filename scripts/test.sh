#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds everything and runs every test:
#   0. the style check (scripts/format.sh --check: every C/C++ source follows .clang-format)
#   1. host build: unit, golden, no-heap, link, CLI, example, fuzz-replay and Python (pytest) tests
#      (ctest); the Python package installed with pip into a venv (TINYRT_SKIP_PIP=1 skips that)
#   2. the same suite built with ASan+UBSan, the unit tests under valgrind, and the two-thread
#      promise test under ThreadSanitizer
#   3. a short, reproducible libFuzzer session per fuzz target (TINYRT_FUZZ_RUNS, default 1000000, seed 1)
#   4. the on-target tests under QEMU of six targets (cortex-m0, -m3, -m4f, -m55, rv32imc, lx106; the
#      script alone also runs cortex-m7 and -m33), the unit-test firmware on rv32imc (rv32imc-unit:
#      GCC 14 + libstdc++ from Debian 13, made once by targets/rv32_unit_toolchain.sh), and the firmware
#      footprint budgets (targets/footprint.sh --check)
#   5. tinyrt used by fresh consumer projects in the three usual ways on the host and as an installed
#      package on Cortex-M4F (tests/consumer/run.sh), and the
#      firmware example (examples/firmware_m4f) under QEMU
#   6. `tinyrt export` for every platform and example, built as each build system would and run under
#      QEMU (tests/export/export_test.py)
# TINYRT_SKIP_QEMU=1 / TINYRT_SKIP_SANITIZERS=1 / TINYRT_SKIP_FUZZ=1 / TINYRT_SKIP_CONSUMERS=1 / TINYRT_SKIP_EXPORT=1 skip a stage locally.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="$(nproc)"
scripts/install_deps.sh all

echo "[$((SECONDS / 60))m$((SECONDS % 60))s] == style: every C/C++ source follows .clang-format =="
scripts/format.sh --check

echo "[$((SECONDS / 60))m$((SECONDS % 60))s] == host build and tests =="
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs")

echo "[$((SECONDS / 60))m$((SECONDS % 60))s] == Python package: built in build/python (its pytest suite ran in ctest), pip install into a venv =="
ls build/python/tinyrt/_tinyrt*.so >/dev/null 2>&1 || { echo "the Python module was not built (python3-pybind11, python3-dev?)"; exit 1; }
if [ "${TINYRT_SKIP_PIP:-0}" != 1 ]; then
  rm -rf build/python-venv && /usr/bin/python3 -m venv --system-site-packages build/python-venv
  # The package of the module built above (TINYRT_CMAKE_BUILD_DIR): setup.py would otherwise compile
  # the runtime a third time; `pip install ./python` alone builds it from source (README).
  TINYRT_CMAKE_BUILD_DIR="$PWD/build" build/python-venv/bin/pip install -q --no-build-isolation ./python
  root="$PWD"
  (cd /tmp && "$root"/build/python-venv/bin/python -m tinyrt run "$root"/data/models/hello_world_int8.tflite --seed 1)
  build/python-venv/bin/python -m pytest -q -p no:cacheprovider python/tests/test_golden.py
fi

if [ "${TINYRT_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "[$((SECONDS / 60))m$((SECONDS % 60))s] == ASan + UBSan build and tests =="
  # -O1 with line tables: the sanitizers find the same faults and report file:line, and the
  # build takes about half the time of -O2 -g (the sanitizer stage was the slowest of CI).
  sanitizer_flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG"
                   "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" -DTINYRT_BUILD_BENCH=OFF)
  cmake -S . -B build-asan "${sanitizer_flags[@]}" -DTINYRT_SANITIZE=ON >/dev/null
  cmake --build build-asan -j"$jobs"
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j"$jobs" -E "^link\.")
  echo "[$((SECONDS / 60))m$((SECONDS % 60))s] == valgrind (memcheck) on the unit tests =="
  valgrind --quiet --error-exitcode=1 --leak-check=full build/tests/unit_tests --gtest_brief=1
  echo "[$((SECONDS / 60))m$((SECONDS % 60))s] == ThreadSanitizer: two interpreters on one model in two threads =="
  cmake -S . -B build-tsan "${sanitizer_flags[@]}" -DTINYRT_TSAN=ON >/dev/null
  cmake --build build-tsan -j"$jobs" --target promises_tests
  TSAN_OPTIONS=halt_on_error=1 build-tsan/tests/promises_tests --gtest_filter='*TwoInterpretersInTwoThreads*' --gtest_brief=1
fi

if [ "${TINYRT_SKIP_FUZZ:-0}" != 1 ]; then
  echo "[$((SECONDS / 60))m$((SECONDS % 60))s] == libFuzzer session (${TINYRT_FUZZ_RUNS:-1000000} runs per target, seed 1) =="
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -gline-tables-only -DNDEBUG" \
    "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O2 -gline-tables-only -DNDEBUG" -DTINYRT_FUZZ=ON >/dev/null
  cmake --build build-fuzz -j"$jobs" --target model_load_fuzzer model_invoke_fuzzer
  for target in model_load_fuzzer model_invoke_fuzzer; do
    corpus=$(mktemp -d)
    cp tests/fuzz/corpus/* "$corpus"/
    # A fixed seed and run count make the session reproducible: CI fuzzes exactly what was fuzzed here.
    build-fuzz/tests/fuzz/$target "$corpus" tests/fuzz/regressions -seed=1 -runs="${TINYRT_FUZZ_RUNS:-1000000}" -max_len=4096 \
      -artifact_prefix="build-fuzz/$target-" -print_final_stats=1 2>&1 | grep -E "^(stat::number_of_executed_units|Done|==|SUMMARY)" || true
    ls build-fuzz/$target-* >/dev/null 2>&1 && { echo "$target found a crash: build-fuzz/$target-*"; exit 1; }
    rm -rf "$corpus"
  done
fi

if [ "${TINYRT_SKIP_QEMU:-0}" != 1 ]; then
  echo "[$((SECONDS / 60))m$((SECONDS % 60))s] == microcontroller targets under QEMU =="
  # Every target but cortex-m7 and cortex-m33 (CI time: the ISA neighbours of cortex-m4f and
  # cortex-m55; `targets/run_qemu_tests.sh` alone runs all nine).
  JOBS="$jobs" TINYRT_HOST_TOOLS_DIR="$PWD/build" targets/run_qemu_tests.sh cortex-m0 cortex-m3 cortex-m4f cortex-m55 rv32imc lx106 rv32imc-unit
  echo "[$((SECONDS / 60))m$((SECONDS % 60))s] == firmware footprint (budgets: framework 10,560 B, micro_speech 29,056 B, without messages) =="
  JOBS="$jobs" targets/footprint.sh --check cortex-m3 cortex-m4f
fi

if [ "${TINYRT_SKIP_CONSUMERS:-0}" != 1 ]; then
  echo "[$((SECONDS / 60))m$((SECONDS % 60))s] == consumer projects: add_subdirectory, FetchContent, cmake --install + find_package + pkg-config (host); the package on Cortex-M4F =="
  JOBS="$jobs" tests/consumer/run.sh all build-consumers
  echo "[$((SECONDS / 60))m$((SECONDS % 60))s] == the firmware example (examples/firmware_m4f, Cortex-M4F under QEMU) =="
  JOBS="$jobs" examples/firmware_m4f/run.sh build-firmware -DFIRMWARE_HOST_TOOLS_DIR="$PWD/build"
fi
if [ "${TINYRT_SKIP_EXPORT:-0}" != 1 ] && [ "${TINYRT_SKIP_QEMU:-0}" != 1 ]; then
  echo "[$((SECONDS / 60))m$((SECONDS % 60))s] == tinyrt export: 7 platforms x 3 examples, manifests checked, built as each build system would, run under QEMU (Cortex-M4F; RV32IMC for make and ESP-IDF) =="
  /usr/bin/python3 tests/export/export_test.py --tinyrt build/tinyrt --work build-export --jobs "$jobs"
fi
echo "[$((SECONDS / 60))m$((SECONDS % 60))s] == all stages passed =="
