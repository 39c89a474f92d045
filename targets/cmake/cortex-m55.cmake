# SPDX-License-Identifier: Apache-2.0
# cortex-m55 on QEMU's mps3-an547. Use: cmake -DCMAKE_TOOLCHAIN_FILE=targets/cmake/cortex-m55.cmake
set(TINYRT_TARGET cortex-m55)
set(TINYRT_CPU_FLAGS "-mcpu=cortex-m55 -mthumb -mfloat-abi=hard")
set(TINYRT_BOARD mps3-an547 CACHE STRING "Board support folder under targets/boards")
include("${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake")
