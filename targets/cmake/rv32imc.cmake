# SPDX-License-Identifier: Apache-2.0
# RV32IMC (ESP32-C3 class) on QEMU's riscv32 `virt`, riscv64-unknown-elf-gcc + picolibc with its
# semihosting crt0 (startup, exit code) and oslib. Use:
#   cmake -DCMAKE_TOOLCHAIN_FILE=targets/cmake/rv32imc.cmake
set(TINYRT_TARGET rv32imc)
set(TINYRT_BOARD qemu-riscv32-virt CACHE STRING "Board support folder under targets/boards")
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv32)
set(TINYRT_TOOLCHAIN_PREFIX riscv64-unknown-elf-)
set(CMAKE_C_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_CXX_COMPILER riscv64-unknown-elf-g++)
set(CMAKE_ASM_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_NM riscv64-unknown-elf-nm CACHE FILEPATH "")
set(CMAKE_SIZE riscv64-unknown-elf-size CACHE FILEPATH "")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# Keep -march=rv32imc: rv32imc_zicsr makes the driver pick the rv64 multilib (see notes); code that
# needs CSRs enables zicsr locally with `.option arch,+zicsr`.
set(TINYRT_CPU_FLAGS "-march=rv32imc -mabi=ilp32 --specs=picolibc.specs")

# Debian ships no libstdc++ for riscv64-unknown-elf, and the flatbuffers headers include <vector>,
# <string>, ... (templates only: nothing of libstdc++ is linked, the runtime instantiates none of
# them). The header-only part of the arm-none-eabi newlib libstdc++ (package
# libstdc++-arm-none-eabi-dev) is target-neutral and its ILP32 newlib configuration matches picolibc
# closely enough for that, so it stands in.
set(TINYRT_CXX_HEADERS "/usr/include/newlib/c++/12.2.1" CACHE PATH "libstdc++ headers for rv32")
set(TINYRT_CXX_CONFIG "${TINYRT_CXX_HEADERS}/arm-none-eabi/thumb/v6-m/nofp" CACHE PATH "bits/c++config.h dir")
if(NOT EXISTS "${TINYRT_CXX_CONFIG}/bits/c++config.h")
  message(FATAL_ERROR "rv32imc needs libstdc++ headers: apt-get install libstdc++-arm-none-eabi-dev "
                      "(or set TINYRT_CXX_HEADERS / TINYRT_CXX_CONFIG)")
endif()

set(TINYRT_COMMON_FLAGS "${TINYRT_CPU_FLAGS} -ffunction-sections -fdata-sections")
set(CMAKE_C_FLAGS_INIT "${TINYRT_COMMON_FLAGS}")
set(CMAKE_ASM_FLAGS_INIT "${TINYRT_COMMON_FLAGS}")
set(CMAKE_CXX_FLAGS_INIT "${TINYRT_COMMON_FLAGS} -isystem ${TINYRT_CXX_HEADERS} -isystem ${TINYRT_CXX_CONFIG} -fno-exceptions -fno-rtti -fno-threadsafe-statics -fno-use-cxa-atexit")
# Link with the C driver: there is no libstdc++/libsupc++ to link, and nothing needs one.
set(CMAKE_CXX_LINK_EXECUTABLE
    "<CMAKE_C_COMPILER> <FLAGS> <CMAKE_CXX_LINK_FLAGS> <LINK_FLAGS> <OBJECTS> -o <TARGET> <LINK_LIBRARIES>")
# (The compile flags, with -march and the specs, are on the link line already: a second
# --specs=picolibc.specs is an error.)
# The crt0 trap handler prints registers with printf: the integer-only one is enough.
set(CMAKE_EXE_LINKER_FLAGS_INIT "--oslib=semihost --crt0=semihost -DPICOLIBC_INTEGER_PRINTF_SCANF -Wl,--gc-sections")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
