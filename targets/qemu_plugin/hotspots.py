#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Where a firmware's instructions go: runs the profile firmware of MODEL on TARGET with the
plugin's per-address histogram and prints the functions (and, with --lines, the addresses) that
execute the most instructions in its measured Invoke with the optimized kernels.

  targets/qemu_plugin/hotspots.py TARGET MODEL [--top N] [--lines N] [--function NAME]
"""
import argparse
import bisect
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import profile as prof  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('target')
    parser.add_argument('model')
    parser.add_argument('--top', type=int, default=25)
    parser.add_argument('--lines', type=int, default=0, help='also the N hottest addresses of --function')
    parser.add_argument('--function', default='')
    args = parser.parse_args()
    build = os.path.join(prof.ROOT, f'build-{args.target}')
    subprocess.run(['cmake', '--build', build, '--target', f'profile_{args.model}'], check=True, capture_output=True)
    elf = os.path.join(build, 'tests', 'target', f'profile_{args.model}.elf')
    prefix = 'riscv64-unknown-elf-' if args.target.startswith('rv32') else 'arm-none-eabi-'
    symbols = []
    for line in prof.run([prefix + 'nm', '-C', '--defined-only', '-n', elf]).stdout.split('\n'):
        parts = line.split(' ', 2)
        if len(parts) == 3 and parts[1] in 'tTwW':
            symbols.append((int(parts[0], 16) & ~1, parts[2]))
    nm = {name: addr for addr, name in [(a, n) for a, n in symbols]}
    raw = {}
    for line in prof.run([prefix + 'nm', elf]).stdout.split('\n'):
        parts = line.split()
        if len(parts) == 3:
            raw[parts[2]] = parts[0]
    qemu = open(os.path.join(build, 'qemu_command.txt')).read().split()
    with tempfile.NamedTemporaryFile(suffix='.txt') as hist, tempfile.NamedTemporaryFile(suffix='.txt') as out:
        arg = f'{prof.plugin()},begin=0x{raw["tinyrt_bench_begin"]},end=0x{raw["tinyrt_bench_end"]},out={out.name},hist={hist.name}'
        subprocess.run(qemu + ['-plugin', arg, '-kernel', elf], capture_output=True, stdin=subprocess.DEVNULL, timeout=3600)
        counts = [(int(a, 16), int(n)) for a, n in (l.split() for l in open(hist.name) if l.strip())]
    starts = [a for a, _ in symbols]
    per_function = {}
    for addr, n in counts:
        i = bisect.bisect_right(starts, addr) - 1
        name = symbols[i][1] if i >= 0 else '?'
        per_function[name] = per_function.get(name, 0) + n
    total = sum(per_function.values())
    print(f'{total:,} instructions in the optimized Invoke')
    for name, n in sorted(per_function.items(), key=lambda kv: -kv[1])[:args.top]:
        print(f'{n:>14,} {100 * n / total:5.1f}%  {name[:110]}')
    if args.lines and args.function:
        matches = [(a, name) for a, name in symbols if args.function in name]
        for start, name in matches[:1]:
            i = starts.index(start)
            end = starts[i + 1] if i + 1 < len(starts) else 1 << 62
            hot = sorted([(n, a) for a, n in counts if start <= a < end], reverse=True)[:args.lines]
            print(f'\n{name}:')
            for n, a in sorted(hot, key=lambda t: t[1]):
                print(f'  {a:08x} {n:>12,}')


if __name__ == '__main__':
    main()
