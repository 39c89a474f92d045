# SPDX-License-Identifier: Apache-2.0
# Arm MPS3 with the AN547 FPGA image (Cortex-M55 with Helium, SSE-300; runs Secure). QEMU machine
# mps3-an547. "Flash" here is code in ITCM (512 KB) plus constants in SRAM (2 MB).
set(TINYRT_BOARD_ARCH cortex_m)
set(TINYRT_BOARD_LINKER_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/memory.ld")
set(TINYRT_BOARD_FLASH_BYTES 2097152)
set(TINYRT_BOARD_RAM_BYTES 524288)
set(TINYRT_BOARD_STACK_BYTES 16384)
set(TINYRT_QEMU_MACHINE mps3-an547)
# Firmware too big for ITCM (tinyrt_add_firmware(... BIG_CODE), the unit tests): code in SRAM,
# only the vector table in ITCM.
set(TINYRT_BOARD_BIG_CODE_LINKER_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/memory_big_code.ld")
