# SPDX-License-Identifier: Apache-2.0
# cortex-m4f on QEMU's mps2-an386. Use: cmake -DCMAKE_TOOLCHAIN_FILE=targets/cmake/cortex-m4f.cmake
set(TINYRT_TARGET cortex-m4f)
set(TINYRT_CPU_FLAGS "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16")
set(TINYRT_BOARD mps2-an386 CACHE STRING "Board support folder under targets/boards")
include("${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake")
