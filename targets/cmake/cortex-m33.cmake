# SPDX-License-Identifier: Apache-2.0
# cortex-m33 on QEMU's mps2-an505. Use: cmake -DCMAKE_TOOLCHAIN_FILE=targets/cmake/cortex-m33.cmake
set(TINYRT_TARGET cortex-m33)
set(TINYRT_CPU_FLAGS "-mcpu=cortex-m33 -mthumb -mfloat-abi=hard -mfpu=fpv5-sp-d16")
set(TINYRT_BOARD mps2-an505 CACHE STRING "Board support folder under targets/boards")
include("${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake")
