// SPDX-License-Identifier: Apache-2.0
/* Marker functions for targets/qemu_plugin/insn_count.c: the plugin counts the instructions
 * executed between the first instruction of tinyrt_bench_begin and that of tinyrt_bench_end, and
 * (per op) between tinyrt_op_begin and tinyrt_op_end. */
#include "board.h"

__attribute__((noinline, used)) void tinyrt_bench_begin(void) { __asm__ volatile("" ::: "memory"); }
__attribute__((noinline, used)) void tinyrt_bench_end(void) { __asm__ volatile("" ::: "memory"); }
__attribute__((noinline, used)) void tinyrt_op_begin(void) { __asm__ volatile("" ::: "memory"); }
__attribute__((noinline, used)) void tinyrt_op_end(void) { __asm__ volatile("" ::: "memory"); }
