# SPDX-License-Identifier: Apache-2.0
# RV32IMC (ESP32-C3 class) on QEMU's riscv32 `virt`, riscv64-unknown-elf-gcc + picolibc with its
# semihosting crt0 (startup, exit code) and oslib. Use:
#   cmake -DCMAKE_TOOLCHAIN_FILE=targets/cmake/rv32imc.cmake
set(TINYRT_TARGET rv32imc)
set(TINYRT_BOARD qemu-riscv32-virt CACHE STRING "Board support folder under targets/boards")
set(CMAKE_SYSTEM_PROCESSOR riscv32)
set(TINYRT_TOOLCHAIN_PREFIX riscv64-unknown-elf-)
set(CMAKE_C_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_CXX_COMPILER riscv64-unknown-elf-g++)
set(CMAKE_ASM_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_NM riscv64-unknown-elf-nm CACHE FILEPATH "")
set(CMAKE_SIZE riscv64-unknown-elf-size CACHE FILEPATH "")

# Keep -march=rv32imc: rv32imc_zicsr makes the driver pick the rv64 multilib (see notes); code that
# needs CSRs enables zicsr locally with `.option arch,+zicsr`.
set(TINYRT_CPU_FLAGS "-march=rv32imc -mabi=ilp32 --specs=picolibc.specs")
include("${CMAKE_CURRENT_LIST_DIR}/picolibc_common.cmake")

# The crt0 trap handler prints registers with printf: the integer-only one is enough.
set(CMAKE_EXE_LINKER_FLAGS_INIT "--oslib=semihost --crt0=semihost -DPICOLIBC_INTEGER_PRINTF_SCANF -Wl,--gc-sections")
