# SPDX-License-Identifier: Apache-2.0
# RV32IMC (ESP32-C3 class) on QEMU's riscv32 `virt`, riscv64-unknown-elf-gcc + picolibc with its
# semihosting crt0 (startup, exit code) and oslib. Use:
#   cmake -DCMAKE_TOOLCHAIN_FILE=targets/cmake/rv32imc.cmake
set(TINYRT_TARGET rv32imc)
set(TINYRT_BOARD qemu-riscv32-virt CACHE STRING "Board support folder under targets/boards")
set(CMAKE_SYSTEM_PROCESSOR riscv32)
# TINYRT_RV32_GCC_ROOT (set by rv32imc-unit.cmake): a toolchain tree from targets/rv32_unit_toolchain.sh,
# whose programs are named by full path and whose picolibc is found with --picolibc-prefix.
set(rv32_bin "")
set(rv32_specs "--specs=picolibc.specs")
if(TINYRT_RV32_GCC_ROOT)
  set(rv32_bin "${TINYRT_RV32_GCC_ROOT}/usr/bin/")
  set(rv32_specs "--specs=${TINYRT_RV32_GCC_ROOT}/usr/lib/picolibc/riscv64-unknown-elf/picolibc.specs --picolibc-prefix=${TINYRT_RV32_GCC_ROOT}/usr")
endif()
set(TINYRT_TOOLCHAIN_PREFIX ${rv32_bin}riscv64-unknown-elf-)
set(CMAKE_C_COMPILER ${rv32_bin}riscv64-unknown-elf-gcc)
set(CMAKE_CXX_COMPILER ${rv32_bin}riscv64-unknown-elf-g++)
set(CMAKE_ASM_COMPILER ${rv32_bin}riscv64-unknown-elf-gcc)
set(CMAKE_NM ${rv32_bin}riscv64-unknown-elf-nm CACHE FILEPATH "")
set(CMAKE_SIZE ${rv32_bin}riscv64-unknown-elf-size CACHE FILEPATH "")

# Keep -march=rv32imc: rv32imc_zicsr makes the driver pick the rv64 multilib (see notes); code that
# needs CSRs enables zicsr locally with `.option arch,+zicsr`.
set(TINYRT_CPU_FLAGS "-march=rv32imc -mabi=ilp32 ${rv32_specs}")
include("${CMAKE_CURRENT_LIST_DIR}/picolibc_common.cmake")

# The crt0 trap handler prints registers with printf: the integer-only one is enough.
set(CMAKE_EXE_LINKER_FLAGS_INIT "--oslib=semihost --crt0=semihost -DPICOLIBC_INTEGER_PRINTF_SCANF -Wl,--gc-sections")
