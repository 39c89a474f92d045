# SPDX-License-Identifier: Apache-2.0
# Shared part of the Cortex-M toolchain files: arm-none-eabi-gcc with newlib-nano, no start files
# (targets/common/cortex_m provides the vector table and Reset_Handler). A per-core file sets
# TINYRT_CPU_FLAGS, TINYRT_TARGET and the default TINYRT_BOARD, then includes this one.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(TINYRT_TOOLCHAIN_PREFIX arm-none-eabi-)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
set(CMAKE_NM arm-none-eabi-nm CACHE FILEPATH "")
set(CMAKE_SIZE arm-none-eabi-size CACHE FILEPATH "")
# Compiler checks build a library: a bare-metal executable cannot link without our startup.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(TINYRT_COMMON_FLAGS "${TINYRT_CPU_FLAGS} -ffunction-sections -fdata-sections")
set(CMAKE_C_FLAGS_INIT "${TINYRT_COMMON_FLAGS}")
set(CMAKE_ASM_FLAGS_INIT "${TINYRT_COMMON_FLAGS}")
# -fno-use-cxa-atexit: static objects register no destructors (there is no exit to run them).
set(CMAKE_CXX_FLAGS_INIT "${TINYRT_COMMON_FLAGS} -fno-exceptions -fno-rtti -fno-threadsafe-statics -fno-use-cxa-atexit")
set(CMAKE_EXE_LINKER_FLAGS_INIT
    "${TINYRT_CPU_FLAGS} -nostartfiles --specs=nano.specs --specs=nosys.specs -Wl,--gc-sections")

# Programs (flatc) come from the host; nothing else is searched in a sysroot.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
