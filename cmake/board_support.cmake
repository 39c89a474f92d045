# SPDX-License-Identifier: Apache-2.0
# Board support for firmware (included by the top-level CMakeLists.txt when cross compiling with a
# toolchain file of targets/cmake, which sets TINYRT_BOARD): the board's memory map and QEMU
# machine (targets/boards/<board>/board.cmake), and the object library tinyrt_board (alias
# tinyrt::board): startup, semihosting console and exit (board.h), benchmark markers. A firmware
# links tinyrt::tinyrt and tinyrt::board; the QEMU command line that runs it is the target
# property TINYRT_QEMU_COMMAND of tinyrt::board (exported with it).
set(TINYRT_TARGETS_DIR "${PROJECT_SOURCE_DIR}/targets")
set(TINYRT_BOARD_DIR "${TINYRT_TARGETS_DIR}/boards/${TINYRT_BOARD}")
if(NOT EXISTS "${TINYRT_BOARD_DIR}/board.cmake")
  message(FATAL_ERROR "No board support for TINYRT_BOARD='${TINYRT_BOARD}' (see targets/boards)")
endif()
include("${TINYRT_BOARD_DIR}/board.cmake")
if(NOT TINYRT_TARGET)
  set(TINYRT_TARGET "${CMAKE_SYSTEM_PROCESSOR}")
endif()

set(TINYRT_COMMON_DIR "${TINYRT_TARGETS_DIR}/common")
set(TINYRT_BOARD_LINK_DIRS "")
if(TINYRT_BOARD_ARCH STREQUAL "cortex_m")
  set(board_sources "${TINYRT_COMMON_DIR}/cortex_m/startup.c" "${TINYRT_COMMON_DIR}/cortex_m/semihosting.c")
  set_source_files_properties("${TINYRT_COMMON_DIR}/cortex_m/startup.c"
    PROPERTIES COMPILE_OPTIONS "-fno-tree-loop-distribute-patterns")
  set(TINYRT_BOARD_LINK_DIRS "${TINYRT_COMMON_DIR}/cortex_m")
  set(TINYRT_QEMU qemu-system-arm -M ${TINYRT_QEMU_MACHINE})
elseif(TINYRT_BOARD_ARCH STREQUAL "riscv")
  set(board_sources "${TINYRT_COMMON_DIR}/riscv/board_riscv.c")
elseif(TINYRT_BOARD_ARCH STREQUAL "xtensa")
  # Startup, simcall console/exit, and the integer division and soft float that Debian's libgcc
  # for the LX106 lacks (targets/common/xtensa).
  enable_language(ASM)
  file(GLOB board_sources "${TINYRT_COMMON_DIR}/xtensa/*.c" "${TINYRT_COMMON_DIR}/xtensa/*.S")
  set_source_files_properties("${TINYRT_COMMON_DIR}/xtensa/board_xtensa.c"
    PROPERTIES COMPILE_OPTIONS "-fno-tree-loop-distribute-patterns")
  set_source_files_properties("${TINYRT_COMMON_DIR}/xtensa/libgcc_extra.c" PROPERTIES COMPILE_OPTIONS "-O2")
  set(TINYRT_BOARD_LINK_DIRS "${TINYRT_COMMON_DIR}/xtensa")
else()
  message(FATAL_ERROR "board ${TINYRT_BOARD}: unknown TINYRT_BOARD_ARCH '${TINYRT_BOARD_ARCH}'")
endif()
# Console and exit code through semihosting on a chardev: QEMU 7.2 otherwise prints to stderr.
list(APPEND TINYRT_QEMU -display none -monitor none -serial none -chardev stdio,id=sh0
     -semihosting-config enable=on,target=native,chardev=sh0)

# An object library: the vector table is referenced only by the linker script, so it must not
# sit in an archive that the linker is free to skip.
add_library(tinyrt_board OBJECT ${board_sources} "${TINYRT_COMMON_DIR}/bench.c")
add_library(tinyrt::board ALIAS tinyrt_board)
target_include_directories(tinyrt_board PUBLIC
  "$<BUILD_INTERFACE:${TINYRT_COMMON_DIR}>" "$<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/tinyrt/board>")
target_compile_options(tinyrt_board PRIVATE -Wall -Wextra -Werror)
target_link_options(tinyrt_board INTERFACE ${TINYRT_BOARD_LINK_OPTIONS})  # riscv: memory map symbols
# The linker scripts: the board's memory map, which INCLUDEs the shared sections.ld (found on -L).
if(TINYRT_BOARD_LINKER_SCRIPT)
  get_filename_component(board_ld_name "${TINYRT_BOARD_LINKER_SCRIPT}" NAME)
  set(TINYRT_BOARD_LD_INSTALL_DIR "${CMAKE_INSTALL_DATADIR}/tinyrt/ld")
  target_link_options(tinyrt_board INTERFACE
    "$<BUILD_INTERFACE:-L${TINYRT_BOARD_LINK_DIRS}>" "$<BUILD_INTERFACE:-T${TINYRT_BOARD_LINKER_SCRIPT}>"
    "$<INSTALL_INTERFACE:-L$<INSTALL_PREFIX>/${TINYRT_BOARD_LD_INSTALL_DIR}>"
    "$<INSTALL_INTERFACE:-T$<INSTALL_PREFIX>/${TINYRT_BOARD_LD_INSTALL_DIR}/${board_ld_name}>")
  set_property(TARGET tinyrt_board APPEND PROPERTY INTERFACE_LINK_DEPENDS
    "$<BUILD_INTERFACE:${TINYRT_BOARD_LINKER_SCRIPT}>" "$<BUILD_INTERFACE:${TINYRT_BOARD_LINK_DIRS}/sections.ld>")
endif()
string(REPLACE ";" " " qemu_command "${TINYRT_QEMU}")
set_target_properties(tinyrt_board PROPERTIES
  EXPORT_NAME board TINYRT_QEMU_COMMAND "${qemu_command}" TINYRT_BOARD "${TINYRT_BOARD}"
  EXPORT_PROPERTIES "TINYRT_QEMU_COMMAND;TINYRT_BOARD")
