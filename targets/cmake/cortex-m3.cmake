# SPDX-License-Identifier: Apache-2.0
# cortex-m3 on QEMU's mps2-an385. Use: cmake -DCMAKE_TOOLCHAIN_FILE=targets/cmake/cortex-m3.cmake
set(TINYRT_TARGET cortex-m3)
set(TINYRT_CPU_FLAGS "-mcpu=cortex-m3 -mthumb")
set(TINYRT_BOARD mps2-an385 CACHE STRING "Board support folder under targets/boards")
include("${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake")
