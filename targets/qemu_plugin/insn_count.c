// SPDX-License-Identifier: Apache-2.0
/* QEMU TCG plugin: counts the guest instructions executed between two marker addresses (the
 * entries of tinyrt_bench_begin and tinyrt_bench_end), summed over every begin/end pair; and,
 * given op_begin/op_end (tinyrt_op_begin/tinyrt_op_end, called by targets/common/op_profiler.h),
 * the instructions of each op inside those windows.
 *
 *   qemu-system-arm ... -plugin ./insn_count.so,begin=0xADDR,end=0xADDR[,op_begin=0xADDR,op_end=0xADDR][,out=FILE]
 *
 * Prints "pairs N total T min A max B all C" (C: every instruction of the run), then one line
 * "window I N" per begin/end pair and "op I N" per op, to FILE, or through qemu_plugin_outs (shown
 * with -d plugin); with hist=FILE, executions per instruction address in the first window to FILE. Counting is inline per instruction, so
 * it is exact and repeatable; it is an instruction count, not cycles.
 *
 * Debian ships no qemu-plugin.h, so the few API v1 declarations used are written out here
 * (QEMU 7.2's include/qemu/qemu-plugin.h). */
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
typedef struct qemu_info_t qemu_info_t; /* only passed through */
struct qemu_plugin_tb;
struct qemu_plugin_insn;
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS = 0 };
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 = 0 };
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb* tb);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void* userdata);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void* userdata);

#define QEMU_PLUGIN_EXPORT __attribute__((visibility("default")))
QEMU_PLUGIN_EXPORT int qemu_plugin_version = 1;
QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t* info, int argc, char** argv);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb* tb);
struct qemu_plugin_insn* qemu_plugin_tb_get_insn(const struct qemu_plugin_tb* tb, size_t idx);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn* insn);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn* insn, enum qemu_plugin_op op, void* ptr, uint64_t imm);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn* insn, qemu_plugin_vcpu_udata_cb_t cb, enum qemu_plugin_cb_flags flags,
                                            void* userdata);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void* userdata);
void qemu_plugin_outs(const char* string);

static uint64_t g_count; /* instructions executed so far (single vCPU) */
static uint64_t g_begin_addr, g_end_addr, g_start;
static uint64_t g_op_begin_addr, g_op_end_addr, g_op_start;
#define MAX_RECORDS 4096
static uint64_t g_windows[MAX_RECORDS], g_ops[MAX_RECORDS];
static size_t g_num_windows, g_num_ops;
static uint64_t g_pairs, g_total, g_min = UINT64_MAX, g_max;
static bool g_open;
static const char* g_out;
/* hist=FILE: executions per instruction address in the first begin/end window, for finding hot loops
 * (targets/qemu_plugin/hotspots.py). Open addressing, sized for firmware text. */
#define HIST_SLOTS (1u << 18)
static const char* g_hist;
static uint64_t g_hist_pc[HIST_SLOTS], g_hist_count[HIST_SLOTS];

static uint64_t* hist_slot(uint64_t pc) {
  uint32_t i = (uint32_t)((pc >> 1) * 2654435761u) & (HIST_SLOTS - 1);
  while (g_hist_pc[i] != 0 && g_hist_pc[i] != pc + 1) i = (i + 1) & (HIST_SLOTS - 1);
  g_hist_pc[i] = pc + 1; /* +1: address 0 is a valid pc */
  return &g_hist_count[i];
}

static void on_begin(unsigned int vcpu, void* data) {
  (void)vcpu, (void)data;
  g_start = g_count;
  g_open = true;
}

static void on_end(unsigned int vcpu, void* data) {
  (void)vcpu, (void)data;
  if (!g_open) return;
  const uint64_t n = g_count - g_start;
  g_open = false;
  ++g_pairs;
  if (g_num_windows < MAX_RECORDS) g_windows[g_num_windows++] = n;
  g_total += n;
  if (n < g_min) g_min = n;
  if (n > g_max) g_max = n;
}

static void on_op_begin(unsigned int vcpu, void* data) {
  (void)vcpu, (void)data;
  g_op_start = g_count;
}

static void on_op_end(unsigned int vcpu, void* data) {
  (void)vcpu, (void)data;
  if (g_open && g_num_ops < MAX_RECORDS) g_ops[g_num_ops++] = g_count - g_op_start;
}

/* Only the first window (the profile firmware's optimized Invoke) goes into the histogram. */
static void on_hist(unsigned int vcpu, void* slot) {
  (void)vcpu;
  if (g_open && g_num_windows == 0) ++*(uint64_t*)slot;
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb* tb) {
  (void)id;
  const size_t n = qemu_plugin_tb_n_insns(tb);
  for (size_t i = 0; i < n; ++i) {
    struct qemu_plugin_insn* insn = qemu_plugin_tb_get_insn(tb, i);
    const uint64_t pc = qemu_plugin_insn_vaddr(insn);
    if (pc == g_begin_addr) qemu_plugin_register_vcpu_insn_exec_cb(insn, on_begin, QEMU_PLUGIN_CB_NO_REGS, NULL);
    if (pc == g_end_addr) qemu_plugin_register_vcpu_insn_exec_cb(insn, on_end, QEMU_PLUGIN_CB_NO_REGS, NULL);
    if (g_op_begin_addr != 0 && pc == g_op_begin_addr)
      qemu_plugin_register_vcpu_insn_exec_cb(insn, on_op_begin, QEMU_PLUGIN_CB_NO_REGS, NULL);
    if (g_op_end_addr != 0 && pc == g_op_end_addr) qemu_plugin_register_vcpu_insn_exec_cb(insn, on_op_end, QEMU_PLUGIN_CB_NO_REGS, NULL);
    qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, &g_count, 1);
    if (g_hist) qemu_plugin_register_vcpu_insn_exec_cb(insn, on_hist, QEMU_PLUGIN_CB_NO_REGS, hist_slot(pc));
  }
}

static void on_atexit(qemu_plugin_id_t id, void* data) {
  (void)id, (void)data;
  char line[256];
  FILE* file = g_out ? fopen(g_out, "w") : NULL;
  snprintf(line, sizeof(line), "pairs %" PRIu64 " total %" PRIu64 " min %" PRIu64 " max %" PRIu64 " all %" PRIu64 "\n", g_pairs, g_total,
           g_pairs ? g_min : 0, g_max, g_count);
  file ? (void)fputs(line, file) : qemu_plugin_outs(line);
  for (size_t i = 0; i < g_num_windows; ++i) {
    snprintf(line, sizeof(line), "window %zu %" PRIu64 "\n", i, g_windows[i]);
    file ? (void)fputs(line, file) : qemu_plugin_outs(line);
  }
  for (size_t i = 0; i < g_num_ops; ++i) {
    snprintf(line, sizeof(line), "op %zu %" PRIu64 "\n", i, g_ops[i]);
    file ? (void)fputs(line, file) : qemu_plugin_outs(line);
  }
  if (file) fclose(file);
  FILE* hist = g_hist ? fopen(g_hist, "w") : NULL;
  if (hist) {
    for (uint32_t i = 0; i < HIST_SLOTS; ++i) {
      if (g_hist_pc[i] != 0) fprintf(hist, "%" PRIx64 " %" PRIu64 "\n", g_hist_pc[i] - 1, g_hist_count[i]);
    }
    fclose(hist);
  }
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t* info, int argc, char** argv) {
  (void)info;
  for (int i = 0; i < argc; ++i) {
    /* Thumb addresses come with bit 0 set from nm: instructions start at the even address. */
    if (strncmp(argv[i], "begin=", 6) == 0)
      g_begin_addr = strtoull(argv[i] + 6, NULL, 0) & ~1ull;
    else if (strncmp(argv[i], "end=", 4) == 0)
      g_end_addr = strtoull(argv[i] + 4, NULL, 0) & ~1ull;
    else if (strncmp(argv[i], "op_begin=", 9) == 0)
      g_op_begin_addr = strtoull(argv[i] + 9, NULL, 0) & ~1ull;
    else if (strncmp(argv[i], "op_end=", 7) == 0)
      g_op_end_addr = strtoull(argv[i] + 7, NULL, 0) & ~1ull;
    else if (strncmp(argv[i], "out=", 4) == 0)
      g_out = argv[i] + 4;
    else if (strncmp(argv[i], "hist=", 5) == 0)
      g_hist = argv[i] + 5;
    else
      return -1;
  }
  if (g_begin_addr == 0 || g_end_addr == 0) return -1;
  qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
  qemu_plugin_register_atexit_cb(id, on_atexit, NULL);
  return 0;
}
