// SPDX-License-Identifier: Apache-2.0
/* RISC-V board support on picolibc: its semihosting crt0 does the startup (.data, .bss,
 * constructors, main, exit) and installs a trap handler that reports a fault and exits non-zero;
 * its semihost library gives console and exit. */
#include <semihost.h>
#include <stdint.h>

#include "board.h"
#include "stack_paint.h"

/* From picolibc.ld. */
extern char __data_start[], __bss_end[], __stack[], __heap_end[];
extern char __flash[], __ram[], __ram_size[];

void board_puts(const char* text) { sys_semihost_write0(text); }

void board_exit(int code) { sys_semihost_exit_extended((uintptr_t)code); }

/* picolibc's crt0 does not paint the stack: a constructor does, before main (from its own frame,
 * hence not stack_paint(), which paints from the reset handler's). */
static uint32_t* stack_limit(void) { return (uint32_t*)(((uintptr_t)__bss_end + 7) & ~(uintptr_t)7); }
static uint32_t* paint_bottom(void) {
  uint32_t* limit = stack_limit();
  if ((uintptr_t)__stack - (uintptr_t)limit > STACK_PAINT_MAX_BYTES) return (uint32_t*)(__stack - STACK_PAINT_MAX_BYTES);
  return limit;
}

__attribute__((constructor)) static void paint_stack(void) {
  uint32_t* sp;
  __asm__ volatile("mv %0, sp" : "=r"(sp));
  for (uint32_t* p = paint_bottom(); p < sp - 32;) *p++ = STACK_PAINT;
}

size_t board_stack_used(void) { return stack_painted_used(paint_bottom(), (const uint32_t*)__stack); }
size_t board_stack_size(void) { return (size_t)(__stack - (char*)stack_limit()); }
size_t board_static_ram(void) { return (size_t)(__bss_end - __data_start); }
size_t board_ram_size(void) { return (size_t)(uintptr_t)__ram_size; }

uint32_t board_cycles(void) {
  uint32_t cycles;
  __asm__ volatile(".option push\n\t.option arch, +zicsr\n\tcsrr %0, mcycle\n\t.option pop" : "=r"(cycles));
  return cycles;
}
