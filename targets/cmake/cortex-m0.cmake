# cortex-m0 on QEMU's microbit. Use: cmake -DCMAKE_TOOLCHAIN_FILE=targets/cmake/cortex-m0.cmake
set(TINYRT_TARGET cortex-m0)
set(TINYRT_CPU_FLAGS "-mcpu=cortex-m0 -mthumb")
set(TINYRT_BOARD microbit CACHE STRING "Board support folder under targets/boards")
include("${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake")
