#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Instructions per Invoke, per model and core, counted by the TCG plugin insn_count.c between
# the firmware's tinyrt_bench_begin/tinyrt_bench_end markers (around each Invoke of the on-target
# golden test). Exact and repeatable; instructions, not cycles.
#
#   targets/qemu_plugin/count_insns.sh [TARGET...]   (default: every build-TARGET/ that exists)
#
# Build the firmware first (targets/run_qemu_tests.sh). Prints a markdown table.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
plugin_dir="$root/build-host-tools"
plugin="$plugin_dir/insn_count.so"
src="$root/targets/qemu_plugin/insn_count.c"
mkdir -p "$plugin_dir"
if [ ! -f "$plugin" ] || [ "$src" -nt "$plugin" ]; then
  ${CC:-cc} -O2 -shared -fPIC -Wall -Wextra -o "$plugin" "$src"
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for t in cortex-m0 cortex-m3 cortex-m4f cortex-m7 cortex-m33 cortex-m55 rv32imc lx106; do
    [ -f "$root/build-$t/qemu_command.txt" ] && targets+=("$t")
  done
fi

out=$(mktemp)
trap 'rm -f "$out"' EXIT
echo "| target | model | instructions per Invoke (mean) | min | max | seeds |"
echo "|---|---|---:|---:|---:|---:|"
for target in "${targets[@]}"; do
  dir="$root/build-$target"
  nm=arm-none-eabi-nm
  [ "$target" = rv32imc ] && nm=riscv64-unknown-elf-nm
  [ "$target" = lx106 ] && nm=xtensa-lx106-elf-nm
  read -r -a qemu <"$dir/qemu_command.txt"
  for elf in "$dir"/tests/target/golden_*.elf; do
    [ -f "$elf" ] || continue
    model=$(basename "$elf" .elf)
    model=${model#golden_}
    [[ "$model" == selftest_* ]] && continue
    begin=$("$nm" "$elf" | awk '$3 == "tinyrt_bench_begin" {print $1}')
    end=$("$nm" "$elf" | awk '$3 == "tinyrt_bench_end" {print $1}')
    "${qemu[@]}" -plugin "$plugin,begin=0x$begin,end=0x$end,out=$out" -kernel "$elf" </dev/null >/dev/null \
      || { echo "| $target | $model | run failed | | | |"; continue; }
    read -r _ pairs _ total _ min _ max _ <"$out"
    [ "$pairs" -gt 0 ] || { echo "| $target | $model | no markers hit | | | |"; continue; }
    printf "| %s | %s | %'d | %'d | %'d | %d |\n" "$target" "$model" $((total / pairs)) "$min" "$max" "$pairs"
  done
done
