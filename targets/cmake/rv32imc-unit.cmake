# SPDX-License-Identifier: Apache-2.0
# RV32IMC for the per-op unit-test firmware (unit.all_tests) only: the rv32imc target (same board,
# flags and runtime options) built with Debian 13's riscv64-unknown-elf GCC 14, picolibc and
# libstdc++, which targets/rv32_unit_toolchain.sh unpacks (Debian 12 has no libstdc++ for RISC-V).
# The other rv32imc firmwares, footprints and instruction counts stay with rv32imc.cmake (GCC 12).
#   targets/rv32_unit_toolchain.sh
#   cmake -B build-rv32imc-unit -DCMAKE_TOOLCHAIN_FILE=targets/cmake/rv32imc-unit.cmake -DCMAKE_BUILD_TYPE=MinSizeRel
#   cmake --build build-rv32imc-unit --target unit_tests && ctest --test-dir build-rv32imc-unit -R '^unit\.'
# (targets/run_qemu_tests.sh rv32imc-unit does these.) TINYRT_RV32_GCC14_DIR: the toolchain's folder.
if(NOT TINYRT_RV32_GCC_ROOT)
  set(TINYRT_RV32_GCC_ROOT "$ENV{TINYRT_RV32_GCC14_DIR}")
  if(NOT TINYRT_RV32_GCC_ROOT)
    set(TINYRT_RV32_GCC_ROOT /var/cache/tinyrt-rv32imc-gcc14)
  endif()
endif()
if(NOT EXISTS "${TINYRT_RV32_GCC_ROOT}/.tinyrt-toolchain")
  message(FATAL_ERROR "rv32imc-unit: no toolchain in ${TINYRT_RV32_GCC_ROOT}: run targets/rv32_unit_toolchain.sh "
                      "(or set TINYRT_RV32_GCC14_DIR to the folder it made)")
endif()
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES TINYRT_RV32_GCC_ROOT)
set(TINYRT_TARGET_CXX_LIBRARY ON)
set(TINYRT_RISCV_VIRT_LARGE ON)  # 4 MB of RAM (targets/boards/qemu-riscv32-virt)
include("${CMAKE_CURRENT_LIST_DIR}/rv32imc.cmake")
# GoogleTest prints floats: picolibc's default printf (with floating point), not the integer-only one.
set(CMAKE_EXE_LINKER_FLAGS_INIT "--oslib=semihost --crt0=semihost -Wl,--gc-sections")
