# SPDX-License-Identifier: Apache-2.0
# Xtensa LX106 (the ESP8266's core: call0 ABI, 32-bit multiply, no divider, no FPU) on QEMU's
# Xtensa `sim` machine, with Debian's xtensa-lx106-elf-gcc (GCC 12) and picolibc. Startup, linker
# script, semihosting (simcall), picolibc's stdio hooks and the compiler-support routines Debian's
# libgcc for this core lacks (integer division, soft float) come from targets/common/xtensa. Use:
#   cmake -DCMAKE_TOOLCHAIN_FILE=targets/cmake/lx106.cmake
set(TINYRT_TARGET lx106)
set(TINYRT_BOARD qemu-xtensa-sim CACHE STRING "Board support folder under targets/boards")
set(CMAKE_SYSTEM_PROCESSOR xtensa)
set(TINYRT_TOOLCHAIN_PREFIX xtensa-lx106-elf-)
set(CMAKE_C_COMPILER xtensa-lx106-elf-gcc)
set(CMAKE_CXX_COMPILER xtensa-lx106-elf-g++)
set(CMAKE_ASM_COMPILER xtensa-lx106-elf-gcc)
set(CMAKE_NM xtensa-lx106-elf-nm CACHE FILEPATH "")
set(CMAKE_SIZE xtensa-lx106-elf-size CACHE FILEPATH "")

# Debian's picolibc for this core puts its specs file where the compiler driver does not look.
set(TINYRT_PICOLIBC_SPECS "/usr/lib/xtensa-lx106-elf/picolibc.specs" CACHE FILEPATH "picolibc specs for lx106")
if(NOT EXISTS "${TINYRT_PICOLIBC_SPECS}")
  message(FATAL_ERROR "lx106 needs picolibc: apt-get install picolibc-xtensa-lx106-elf (or set TINYRT_PICOLIBC_SPECS)")
endif()
# -mtext-section-literals: each function's literal pool (L32R loads only from lower addresses, at
# most 256 KB back) goes into its text section just before the code, so literals always precede
# their use however large the image. -mlongcalls: calls go through a register unless the linker
# can prove CALL0's 512 KB reach (it then relaxes them back to CALL0).
set(TINYRT_CPU_FLAGS "-mtext-section-literals -mlongcalls --specs=${TINYRT_PICOLIBC_SPECS}")
include("${CMAKE_CURRENT_LIST_DIR}/picolibc_common.cmake")

# Our startup (targets/common/xtensa/startup.S) instead of picolibc's crt0; the linker script comes
# from the board (-T, so the specs' picolibc.ld is not used).
set(CMAKE_EXE_LINKER_FLAGS_INIT "-nostartfiles -Wl,--gc-sections")
