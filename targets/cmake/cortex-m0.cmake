# SPDX-License-Identifier: Apache-2.0
# cortex-m0 on QEMU's microbit. Use: cmake -DCMAKE_TOOLCHAIN_FILE=targets/cmake/cortex-m0.cmake
set(TINYRT_TARGET cortex-m0)
set(TINYRT_CPU_FLAGS "-mcpu=cortex-m0 -mthumb")
set(TINYRT_BOARD microbit CACHE STRING "Board support folder under targets/boards")
include("${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake")
# The smallest board builds without error messages (short codes such as E3@0): its on-target
# tests cover that configuration.
set(TINYRT_ERROR_MESSAGES OFF CACHE BOOL "Error messages in statuses")
# The big test firmwares (opsuite, unit tests, the difftest slice) do not fit its 16 KB of RAM:
# built for this core, they run on the Cortex-M3 of mps2-an385 (targets/CMakeLists.txt).
set(TINYRT_LARGE_BOARD mps2-an385 CACHE STRING "Board with this core's instruction set and more memory, for the big test firmwares")
