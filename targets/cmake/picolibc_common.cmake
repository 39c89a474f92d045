# SPDX-License-Identifier: Apache-2.0
# Shared part of the picolibc toolchain files (rv32imc, lx106), included after they set
# TINYRT_TARGET and TINYRT_CPU_FLAGS (with picolibc's specs).
# Debian ships no libstdc++ for these compilers, and the flatbuffers headers include <vector>,
# <string>, ... (templates only: nothing of libstdc++ is linked, the runtime instantiates none of
# them). The header-only part of the arm-none-eabi newlib libstdc++ (package
# libstdc++-arm-none-eabi-dev) is target-neutral and its ILP32 newlib configuration matches picolibc
# closely enough for that, so it stands in. Firmware links with the C driver.
# A toolchain with its own libstdc++ (TINYRT_TARGET_CXX_LIBRARY: rv32imc-unit.cmake) uses it instead,
# and links with the C++ driver.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(TINYRT_COMMON_FLAGS "${TINYRT_CPU_FLAGS} -ffunction-sections -fdata-sections")
set(CMAKE_C_FLAGS_INIT "${TINYRT_COMMON_FLAGS}")
set(CMAKE_ASM_FLAGS_INIT "${TINYRT_COMMON_FLAGS}")
set(picolibc_cxx_flags "-fno-exceptions -fno-rtti -fno-threadsafe-statics -fno-use-cxa-atexit")
# Programs (flatc) come from the host.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
if(TINYRT_TARGET_CXX_LIBRARY)
  set(CMAKE_CXX_FLAGS_INIT "${TINYRT_COMMON_FLAGS} ${picolibc_cxx_flags}")
  return()
endif()
set(TINYRT_CXX_HEADERS "/usr/include/newlib/c++/12.2.1" CACHE PATH "libstdc++ headers for ${TINYRT_TARGET}")
set(TINYRT_CXX_CONFIG "${TINYRT_CXX_HEADERS}/arm-none-eabi/thumb/v6-m/nofp" CACHE PATH "bits/c++config.h dir")
if(NOT EXISTS "${TINYRT_CXX_CONFIG}/bits/c++config.h")
  message(FATAL_ERROR "${TINYRT_TARGET} needs libstdc++ headers: apt-get install libstdc++-arm-none-eabi-dev "
                      "(or set TINYRT_CXX_HEADERS / TINYRT_CXX_CONFIG)")
endif()

set(CMAKE_CXX_FLAGS_INIT "${TINYRT_COMMON_FLAGS} -isystem ${TINYRT_CXX_HEADERS} -isystem ${TINYRT_CXX_CONFIG} ${picolibc_cxx_flags}")
# (The compile flags, with the specs, are on the link line already: a second --specs is an error.)
set(CMAKE_CXX_LINK_EXECUTABLE
    "<CMAKE_C_COMPILER> <FLAGS> <CMAKE_CXX_LINK_FLAGS> <LINK_FLAGS> <OBJECTS> -o <TARGET> <LINK_LIBRARIES>")
