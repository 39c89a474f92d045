// SPDX-License-Identifier: Apache-2.0
/* Xtensa board support: the C half of the startup (.data copied, .bss zeroed, stack painted,
 * constructors, main, exit), the fault report, console and exit through the simulator's `simcall`
 * semihosting (QEMU's sim machine, Tensilica's ISS), and picolibc's stdio hooks (stdout/stderr
 * write through the same console, so printf works in a firmware that wants it; unused, they are
 * dropped by --gc-sections).
 * Compiled with -fno-tree-loop-distribute-patterns so the copy loops stay loops. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "board.h"
#include "stack_paint.h"

/* From the linker script (targets/common/xtensa/sections.ld). */
extern uint32_t __data_load__[], __data_start__[], __data_end__[];
extern uint32_t __bss_start__[], __bss_end__[];
extern uint32_t __stack_limit__[], __stack_top__[];
extern uint32_t __ram_start__[], __ram_end__[];
typedef void (*InitFunction)(void);
extern InitFunction __init_array_start[], __init_array_end[];

extern int main(void);
void tinyrt_xtensa_start(void) __attribute__((noreturn, used));
void tinyrt_xtensa_fault(uint32_t cause, uint32_t pc, uint32_t address) __attribute__((noreturn, used));

/* ---- simcall: a2 = call number, a3.. = arguments; result in a2, errno in a3 ------------------ */
enum { kSimExit = 1, kSimWrite = 4 };

static int32_t simcall(int32_t call, int32_t arg0, int32_t arg1, int32_t arg2) {
  register int32_t a2 __asm__("a2") = call;
  register int32_t a3 __asm__("a3") = arg0;
  register int32_t a4 __asm__("a4") = arg1;
  register int32_t a5 __asm__("a5") = arg2;
  __asm__ volatile("simcall" : "+r"(a2), "+r"(a3) : "r"(a4), "r"(a5) : "memory");
  return a2;
}

static void console_write(const char* text, size_t length) {
  while (length > 0) {
    const int32_t written = simcall(kSimWrite, 1, (int32_t)(uintptr_t)text, (int32_t)length);
    if (written <= 0) return;
    text += written;
    length -= (size_t)written;
  }
}

void board_puts(const char* text) { console_write(text, strlen(text)); }

void board_exit(int code) {
  for (;;) simcall(kSimExit, code, 0, 0);
}

/* picolibc: exit() ends here; stdout and stderr write to the console. */
void _exit(int code) { board_exit(code); }

static int console_putc(char c, FILE* stream) {
  (void)stream;
  console_write(&c, 1);
  return (unsigned char)c;
}
static FILE g_console = FDEV_SETUP_STREAM(console_putc, NULL, NULL, _FDEV_SETUP_WRITE);
FILE* const stdin = &g_console;
FILE* const stdout = &g_console;
FILE* const stderr = &g_console;

/* ---- startup --------------------------------------------------------------------------------- */
static uint32_t* g_paint_bottom; /* in .bss: set after .bss is zeroed */

void tinyrt_xtensa_start(void) {
  for (uint32_t *src = __data_load__, *dst = __data_start__; dst < __data_end__;) *dst++ = *src++;
  for (uint32_t* dst = __bss_start__; dst < __bss_end__;) *dst++ = 0;
  /* Paint the free stack (below what this function uses) for board_stack_used(). */
  uint32_t* sp;
  __asm__ volatile("mov %0, a1" : "=r"(sp));
  g_paint_bottom = stack_paint(__stack_limit__, __stack_top__, sp);
  for (InitFunction* f = __init_array_start; f < __init_array_end; ++f) (*f)();
  board_exit(main());
}

size_t board_stack_used(void) { return stack_painted_used(g_paint_bottom, __stack_top__); }
size_t board_stack_size(void) { return (size_t)((char*)__stack_top__ - (char*)__stack_limit__); }
size_t board_static_ram(void) { return (size_t)((char*)__bss_end__ - (char*)__data_start__); }
size_t board_ram_size(void) { return (size_t)((char*)__ram_end__ - (char*)__ram_start__); }

uint32_t board_cycles(void) {
  uint32_t cycles;
  __asm__ volatile("rsr %0, ccount" : "=r"(cycles));
  return cycles;
}

/* ---- fault report ---------------------------------------------------------------------------- */
static void put_hex(const char* label, uint32_t value) {
  char text[24];
  int n = 0;
  text[n++] = ' ';
  while (*label) text[n++] = *label++;
  text[n++] = '0';
  text[n++] = 'x';
  for (int shift = 28; shift >= 0; shift -= 4) text[n++] = "0123456789abcdef"[(value >> shift) & 0xF];
  text[n] = '\0';
  board_puts(text);
}

static const char* cause_name(uint32_t cause) {
  switch (cause) {
    case 0: return "illegal instruction";
    case 2: return "instruction fetch error";
    case 3: return "load/store error";
    case 6: return "integer divide by zero";
    case 9: return "unaligned load/store";
    case 12: return "instruction fetch prohibited";
    case 13: return "load prohibited";
    case 14: return "store prohibited";
    default: return "exception";
  }
}

void tinyrt_xtensa_fault(uint32_t cause, uint32_t pc, uint32_t address) {
  board_puts("\n*** ");
  board_puts(cause_name(cause));
  put_hex("exccause=", cause);
  put_hex("epc1=", pc);
  put_hex("excvaddr=", address);
  board_puts("\n");
  board_exit(3);
}
