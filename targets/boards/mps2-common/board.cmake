# SPDX-License-Identifier: Apache-2.0
# Shared by the MPS2 FPGA images with the same memory map (AN385, AN386, AN500): the board file
# sets TINYRT_QEMU_MACHINE and includes this one.
set(TINYRT_BOARD_ARCH cortex_m)
set(TINYRT_BOARD_LINKER_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/memory.ld")
set(TINYRT_BOARD_FLASH_BYTES 4194304)
set(TINYRT_BOARD_RAM_BYTES 4194304)
set(TINYRT_BOARD_STACK_BYTES 16384)
