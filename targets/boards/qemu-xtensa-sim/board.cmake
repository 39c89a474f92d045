# SPDX-License-Identifier: Apache-2.0
# QEMU's Xtensa `sim` machine with the LX106 core, as an ESP32-class part: 4 MB of "flash" in the
# machine's system ROM at 0x50000000 (code, constants; QEMU loads the ELF there), 512 KB of RAM in
# its two data RAMs at 0x3FF80000 (.data, .bss, stack). Console and exit through `simcall`.
set(TINYRT_BOARD_ARCH xtensa)
set(TINYRT_BOARD_LINKER_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/memory.ld")
set(TINYRT_BOARD_FLASH_BYTES 4194304)
set(TINYRT_BOARD_RAM_BYTES 524288)
set(TINYRT_BOARD_STACK_BYTES 16384)
set(TINYRT_QEMU qemu-system-xtensa -M sim -cpu lx106)
