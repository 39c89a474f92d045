# SPDX-License-Identifier: Apache-2.0
# cortex-m7 on QEMU's mps2-an500. Use: cmake -DCMAKE_TOOLCHAIN_FILE=targets/cmake/cortex-m7.cmake
set(TINYRT_TARGET cortex-m7)
set(TINYRT_CPU_FLAGS "-mcpu=cortex-m7 -mthumb -mfloat-abi=hard -mfpu=fpv5-d16")
set(TINYRT_BOARD mps2-an500 CACHE STRING "Board support folder under targets/boards")
include("${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake")
