/* SPDX-License-Identifier: Apache-2.0 */
/* Xtensa (XEA2, call0 ABI, LX106) entry and exception vectors for tinyrt firmware.
 * _start: stack pointer at the top of RAM, VECBASE at our vector table, PS with interrupts masked
 * (INTLEVEL 15), EXCM clear (so an exception is an ordinary one, not a double one) and UM set
 * (general exceptions go to the user vector); then the C startup (board_xtensa.c).
 * Every vector branches to one handler that passes EXCCAUSE, EPC1 and EXCVADDR to
 * tinyrt_xtensa_fault, which reports them and exits non-zero (an unaligned load, cause 9, ends a
 * test with a report instead of a hang). Vector offsets are the LX106's (XCHAL_*_VECOFS).
 * .text.entry follows .vectors in the linker script, within reach of the `j` at offset 0. */

  .section .vectors, "ax"
  .align 4
  .global tinyrt_xtensa_vectors
tinyrt_xtensa_vectors:
  j _start                 /* offset 0: QEMU's sim machine starts the LX106 at its reset vector,
                              0x50000000 (not at the ELF entry): the board puts this table there */
  .org 0x10                /* debug exception */
  j .Lexception
  .org 0x20                /* NMI */
  j .Lexception
  .org 0x30                /* kernel exception (PS.UM = 0) */
  j .Lexception
  .org 0x50                /* user exception (PS.UM = 1): where our faults go */
  j .Lexception
  .org 0x70                /* double exception */
  j .Lexception
  .org 0x80
  .literal_position
.Lexception:
  movi a1, __stack_top__ - 256  /* a known-good stack, whatever caused the fault */
  rsr a2, exccause
  rsr a3, epc1
  rsr a4, excvaddr
  call0 tinyrt_xtensa_fault     /* does not return */
1:
  j 1b

  .section .text.entry, "ax"
  .literal_position
  .align 4
  .global _start
  .type _start, @function
_start:
  movi a0, 0                    /* no return address: ends backtraces */
  movi a1, __stack_top__
  movi a2, tinyrt_xtensa_vectors
  wsr a2, vecbase
  movi a2, 0x2f                 /* PS: INTLEVEL 15, EXCM 0, UM 1 */
  wsr a2, ps
  rsync
  call0 tinyrt_xtensa_start     /* does not return */
1:
  j 1b
  .size _start, . - _start
