/* SPDX-License-Identifier: Apache-2.0 */
/* Stack painting for board_stack_used(), shared by the startup code of the cores whose reset
 * handler paints the stack itself (Cortex-M, Xtensa). Always inlined: the painting stops a few
 * words below the caller's stack pointer, so it must not run in a frame of its own. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define STACK_PAINT 0xA5A5A5A5u
/* Painting all of a 4 MB RAM costs millions of instructions: paint (and measure) at most this. */
#define STACK_PAINT_MAX_BYTES (256u * 1024u)

/* Paints the free stack from its limit (or STACK_PAINT_MAX_BYTES below its top) to 16 words below
 * sp; returns where the painting starts, for stack_painted_used(). */
static inline __attribute__((always_inline)) uint32_t* stack_paint(uint32_t* limit, uint32_t* top, uint32_t* sp) {
  uint32_t* bottom = limit;
  if ((uintptr_t)top - (uintptr_t)limit > STACK_PAINT_MAX_BYTES) bottom = (uint32_t*)((uintptr_t)top - STACK_PAINT_MAX_BYTES);
  for (uint32_t* p = bottom; p < sp - 16;) *p++ = STACK_PAINT;
  return bottom;
}

/* Bytes of stack below `top` written since stack_paint(): the deepest word no longer painted. */
static inline size_t stack_painted_used(const uint32_t* bottom, const uint32_t* top) {
  const uint32_t* p = bottom;
  while (p < top && *p == STACK_PAINT) ++p;
  return (size_t)((const char*)top - (const char*)p);
}
