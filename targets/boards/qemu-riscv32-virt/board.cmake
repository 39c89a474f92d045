# SPDX-License-Identifier: Apache-2.0
# QEMU's riscv32 `virt` machine as an ESP32-C3-class part: RV32IMC, 4 MB of "flash" at 0x80000000
# (where QEMU loads the image), 400 KB of RAM after it. picolibc's linker script (picolibc.ld)
# places everything from these symbols; its semihosting crt0 starts the program.
set(TINYRT_BOARD_ARCH riscv)
set(TINYRT_BOARD_FLASH_BYTES 4194304)
set(TINYRT_BOARD_RAM_BYTES 409600)
set(TINYRT_BOARD_STACK_BYTES 16384)
# The unit-test firmware's toolchain (rv32imc-unit.cmake) sets TINYRT_RISCV_VIRT_LARGE: 4 MB of RAM
# (as the MPS2 boards where the Cortex-M unit-test firmware runs; its harness builds the test
# models on a heap, up to 1 MB at a time) and 64 KB of stack. QEMU's virt machine has 128 MB of
# RAM from 0x80000000.
if(TINYRT_RISCV_VIRT_LARGE)
  set(TINYRT_BOARD_RAM_BYTES 4194304)
  set(TINYRT_BOARD_STACK_BYTES 65536)
endif()
set(TINYRT_BOARD_LINK_OPTIONS
    "-Wl,--defsym=__flash=0x80000000,--defsym=__flash_size=${TINYRT_BOARD_FLASH_BYTES}"
    "-Wl,--defsym=__ram=0x80400000,--defsym=__ram_size=${TINYRT_BOARD_RAM_BYTES}"
    "-Wl,--defsym=__stack_size=${TINYRT_BOARD_STACK_BYTES}")
set(TINYRT_QEMU qemu-system-riscv32 -M virt -bios none -cpu rv32,a=false,f=false,d=false)
