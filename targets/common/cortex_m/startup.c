// SPDX-License-Identifier: Apache-2.0
/* Cortex-M startup for tinyrt firmware: vector table, Reset_Handler (FPU on, .data copied, .bss
 * zeroed, stack painted, C/C++ constructors, main, exit through semihosting) and a HardFault
 * handler that reports and exits non-zero instead of hanging a test.
 * Compiled with -fno-tree-loop-distribute-patterns so the copy loops stay loops (memcpy/memset
 * are not usable before .data/.bss exist in principle, and we want no surprise there). */
#include <stdint.h>

#include "board.h"
#include "stack_paint.h"

/* From the linker script (targets/common/cortex_m/sections.ld). */
extern uint32_t __data_load__[], __data_start__[], __data_end__[];
extern uint32_t __bss_start__[], __bss_end__[];
extern uint32_t __stack_limit__[], __stack_top__[];
extern uint32_t __ram_start__[], __ram_end__[];

extern void __libc_init_array(void);
extern int main(void);

void Reset_Handler(void) __attribute__((noreturn));
void HardFault_Handler(void);
void Default_Handler(void);

static uint32_t* g_paint_bottom; /* in .bss: set after .bss is zeroed */

typedef void (*Vector)(void);

/* Exceptions 1..15. Interrupts stay disabled in these programs, so no IRQ entries follow. */
__attribute__((section(".vectors"), used)) const Vector g_vector_table[16] = {
    (Vector)(uintptr_t)__stack_top__,
    Reset_Handler,
    Default_Handler,   /* NMI */
    HardFault_Handler, /* HardFault */
    HardFault_Handler, /* MemManage (escalates to HardFault unless enabled) */
    HardFault_Handler, /* BusFault */
    HardFault_Handler, /* UsageFault */
    HardFault_Handler, /* SecureFault (v8-M) */
    0,
    0,
    0,
    Default_Handler, /* SVCall */
    Default_Handler, /* DebugMonitor */
    0,
    Default_Handler, /* PendSV */
    Default_Handler, /* SysTick */
};

/* newlib's __libc_init_array calls _init; -nostartfiles drops crti.o that defines it. */
void _init(void) {}
void _fini(void) {}

void Reset_Handler(void) {
#if defined(__ARM_FP) || defined(__ARM_FEATURE_MVE)
  /* CP10/CP11 full access (FPU and, on M55, MVE) before any floating-point instruction. */
  volatile uint32_t* const cpacr = (volatile uint32_t*)0xE000ED88u;
  *cpacr |= 0xFu << 20;
  __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
#if defined(__ARM_ARCH_6M__)
  /* Armv6-M faults on every unaligned word/halfword access (CCR.UNALIGN_TRP reads as one there).
   * Set it too, so that this code faults in the same places when it runs on an Armv7-M core
   * (the Cortex-M0 build's big test firmwares run on mps2-an385's Cortex-M3). */
  *(volatile uint32_t*)0xE000ED14u |= 1u << 3;
#endif
  for (uint32_t *src = __data_load__, *dst = __data_start__; dst < __data_end__;) *dst++ = *src++;
  for (uint32_t* dst = __bss_start__; dst < __bss_end__;) *dst++ = 0;
  /* Paint the free stack (below what this function uses) for board_stack_used(). */
  uint32_t* sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  g_paint_bottom = stack_paint(__stack_limit__, __stack_top__, sp);

  __libc_init_array();
  board_exit(main());
}

size_t board_stack_used(void) { return stack_painted_used(g_paint_bottom, __stack_top__); }
size_t board_stack_size(void) { return (size_t)((char*)__stack_top__ - (char*)__stack_limit__); }
size_t board_static_ram(void) { return (size_t)((char*)__bss_end__ - (char*)__data_start__); }
size_t board_ram_size(void) { return (size_t)((char*)__ram_end__ - (char*)__ram_start__); }

uint32_t board_cycles(void) {
#if __ARM_ARCH >= 7
  /* DEMCR.TRCENA, then DWT_CTRL.CYCCNTENA; DWT_CYCCNT counts core cycles. */
  volatile uint32_t* const demcr = (volatile uint32_t*)0xE000EDFCu;
  volatile uint32_t* const dwt_ctrl = (volatile uint32_t*)0xE0001000u;
  if ((*dwt_ctrl & 1u) == 0) {
    *demcr |= 1u << 24;
    *dwt_ctrl |= 1u;
  }
  return *(volatile uint32_t*)0xE0001004u;
#else
  return 0; /* Armv6-M has no cycle counter */
#endif
}

static void put_hex(const char* label, uint32_t value) {
  char text[20];
  int n = 0;
  text[n++] = ' ';
  while (*label) text[n++] = *label++;
  text[n++] = '0';
  text[n++] = 'x';
  for (int shift = 28; shift >= 0; shift -= 4) text[n++] = "0123456789abcdef"[(value >> shift) & 0xF];
  text[n] = '\0';
  board_puts(text);
}

/* Called with the stacked exception frame: r0-r3, r12, lr, pc, xpsr. */
__attribute__((used)) void HardFault_Report(const uint32_t* frame) {
  board_puts("\n*** HardFault:");
  put_hex("pc=", frame[6]);
  put_hex("lr=", frame[5]);
  put_hex("xpsr=", frame[7]);
#if __ARM_ARCH >= 7
  put_hex("cfsr=", *(volatile uint32_t*)0xE000ED28u);
  put_hex("bfar=", *(volatile uint32_t*)0xE000ED38u);
#endif
  board_puts("\n");
  board_exit(3);
}

/* The firmware runs on MSP only (no RTOS), so the frame is at MSP. */
__attribute__((naked)) void HardFault_Handler(void) {
  __asm__ volatile(
      "mrs r0, msp\n\t"
      "ldr r1, =HardFault_Report\n\t"
      "bx r1\n\t"
      ".ltorg");
}

void Default_Handler(void) {
  board_puts("\n*** unexpected exception\n");
  board_exit(4);
}
