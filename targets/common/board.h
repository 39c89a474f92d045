// SPDX-License-Identifier: Apache-2.0
/* What a firmware needs from its board (targets/common/<arch>/): a console, an exit code for the
 * host, markers for instruction counting and the stack high-water mark. Console and exit go
 * through semihosting, so they work under QEMU (and a debugger) without any UART driver. */
#ifndef TINYRT_TARGETS_BOARD_H_
#define TINYRT_TARGETS_BOARD_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Writes a NUL-terminated string to the host console. */
void board_puts(const char* text);
/* Ends the program; QEMU exits with `code` as its own status. */
void board_exit(int code) __attribute__((noreturn));

/* Called around the code being measured; targets/qemu_plugin counts the instructions executed
 * between entering the first and entering the second. Never inlined, never removed. */
void tinyrt_bench_begin(void);
void tinyrt_bench_end(void);
/* Per-op markers (targets/common/op_profiler.h): the plugin attributes the instructions between
 * entering tinyrt_op_begin and entering tinyrt_op_end to one op, in order. */
void tinyrt_op_begin(void);
void tinyrt_op_end(void);

/* The core's cycle counter (DWT CYCCNT on Armv7-M and later, mcycle on RISC-V), started on first
 * use; 0 where there is none (Cortex-M0) or where the emulator does not model it (QEMU's DWT). */
uint32_t board_cycles(void);

/* Bytes of stack used so far (deepest point since reset), and the stack's size; 0 if unknown. */
size_t board_stack_used(void);
size_t board_stack_size(void);
/* Bytes of RAM taken by statics (.data + .bss), and the board's RAM size. */
size_t board_static_ram(void);
size_t board_ram_size(void);

#ifdef __cplusplus
}
#endif

#endif /* TINYRT_TARGETS_BOARD_H_ */
