#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Instruction counts on (emulated) cores, with the TCG plugin insn_count.c and the firmware
profile_MODEL (tests/target/profile_main.cc: warm-up Invoke, inputs refilled, one measured Invoke;
then the same with targets/common/op_profiler.h reporting each op).

  targets/qemu_plugin/profile.py ops TARGET MODEL
      Instructions per op of one Invoke of MODEL on TARGET: per op type (which dominates) and per
      node, with MACs and instructions per MAC.
  targets/qemu_plugin/profile.py invoke [--targets T ...] [--models M ...]
      Per target, instructions and modeled Cortex-M4 cycles per Invoke and per MAC, beside TFLM's
      figures with CMSIS-NN (../shared/reference/tflm_cortex_m_cycles.csv), and their ratios.
      Defaults: cortex-m4f and cortex-m55; the models TFLM's table lists.

TARGET is a build folder build-TARGET configured by targets/run_qemu_tests.sh (the script builds
the profile firmware it needs); cortex-m0-an385 is a Cortex-M0 build (Thumb-1 code) on the
Cortex-M3 board mps2-an385, whose RAM holds every model (the micro:bit has 16 KB). Instruction
counts are exact and repeatable (insn_count.c). Modeled cycles come from the shared plugin
../shared/tools/qemu-cyclecount (Cortex-M4 Technical Reference Manual timings, zero wait states;
its README says what it models), loaded beside insn_count.so in the same run; they are left
empty on cortex-m55 (QEMU 7.2 does not decode Helium, so the model cannot price it), on RISC-V,
and when the shared folder is missing.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HOST_TOOLS = os.path.join(ROOT, 'build-host-tools')
SHARED = os.environ.get('TINYRT_SHARED_DIR', os.path.join(ROOT, '..', 'shared'))
TFLM_MODELS = ['hello_world_int8', 'micro_speech_quantized', 'kws_ref_model', 'person_detect', 'vww_96_int8',
               'pretrainedResnet_quant', 'ad01_int8']


def run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kwargs)


def plugin():
    path = os.path.join(HOST_TOOLS, 'insn_count.so')
    src = os.path.join(ROOT, 'targets', 'qemu_plugin', 'insn_count.c')
    os.makedirs(HOST_TOOLS, exist_ok=True)
    if not os.path.exists(path) or os.path.getmtime(src) > os.path.getmtime(path):
        run([os.environ.get('CC', 'cc'), '-O2', '-shared', '-fPIC', '-Wall', '-Wextra', '-o', path, src])
    return path


def cycle_plugin():
    """The shared cycle-model plugin, built into build-host-tools (never copied into the tree); None
    without the shared folder."""
    src_dir = os.path.join(SHARED, 'tools', 'qemu-cyclecount')
    src = os.path.join(src_dir, 'cyclecount.c')
    if not os.path.exists(src):
        return None
    path = os.path.join(HOST_TOOLS, 'cyclecount.so')
    os.makedirs(HOST_TOOLS, exist_ok=True)
    if not os.path.exists(path) or os.path.getmtime(src) > os.path.getmtime(path):
        run([os.environ.get('CC', 'cc'), '-O2', '-shared', '-fPIC', '-fvisibility=hidden', '-I', src_dir, '-o', path, src])
    return path


def models_cycles(target):
    """True if the cycle model applies to TARGET's instruction stream (Arm, no Helium)."""
    return target.startswith('cortex-m') and not target.startswith('cortex-m55')


def model_path(model):
    for folder in (os.path.join(SHARED, 'models'), os.path.join(ROOT, 'data', 'models')):
        path = os.path.join(folder, model + '.tflite')
        if os.path.exists(path):
            return path
    sys.exit(f'no model {model} in {SHARED}/models or data/models')


def inspect(model):
    """Per node: op name, kernel variant and MACs, from the host CLI."""
    cli = os.path.join(HOST_TOOLS, 'tinyrt')
    if not os.path.exists(cli):
        if not os.path.exists(os.path.join(HOST_TOOLS, 'CMakeCache.txt')):
            run(['cmake', '-S', ROOT, '-B', HOST_TOOLS, '-DCMAKE_BUILD_TYPE=Release', '-DTINYRT_BUILD_TESTS=OFF',
                 '-DTINYRT_BUILD_BENCH=OFF'])
        run(['cmake', '--build', HOST_TOOLS, '--target', 'tinyrt_cli'])
    return json.loads(run([cli, 'inspect', model_path(model), '--json']).stdout)


def profile(target, model, cycles=None):
    """(instructions per Invoke, [(tag, instructions)], profiler overhead, reference kernels' instructions per
    Invoke, [(variant, reason)] per node) for MODEL on TARGET. With a dict `cycles`, also runs the
    cycle model and stores its modeled cycles per Invoke there: 'optimized' and 'reference'."""
    build = os.path.join(ROOT, f'build-{target}')
    if not os.path.exists(os.path.join(build, 'qemu_command.txt')):
        sys.exit(f'{build}: not configured (run targets/run_qemu_tests.sh {target} first)')
    result = subprocess.run(['cmake', '--build', build, '--target', f'profile_{model}'], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f'building profile_{model} for {target} failed:\n{result.stdout[-3000:]}{result.stderr[-2000:]}')
    elf = os.path.join(build, 'tests', 'target', f'profile_{model}.elf')
    nm = 'riscv64-unknown-elf-nm' if target.startswith('rv32') else 'arm-none-eabi-nm'
    symbols = {}
    for line in run([nm, elf]).stdout.split('\n'):
        parts = line.split()
        if len(parts) == 3:
            symbols[parts[2]] = parts[0]
    qemu = open(os.path.join(build, 'qemu_command.txt')).read().split()
    cycle_so = cycle_plugin() if cycles is not None and models_cycles(target) else None
    with tempfile.NamedTemporaryFile(mode='r', suffix='.txt') as out, tempfile.NamedTemporaryFile(mode='r', suffix='.log') as log:
        arg = (f'{plugin()},begin=0x{symbols["tinyrt_bench_begin"]},end=0x{symbols["tinyrt_bench_end"]},'
               f'op_begin=0x{symbols["tinyrt_op_begin"]},op_end=0x{symbols["tinyrt_op_end"]},out={out.name}')
        extra = []
        if cycle_so:
            extra = ['-plugin', f'{cycle_so},begin=0x{symbols["tinyrt_bench_begin"]},end=0x{symbols["tinyrt_bench_end"]}',
                     '-d', 'plugin', '-D', log.name]
        firmware = subprocess.run(qemu + ['-plugin', arg] + extra + ['-kernel', elf], capture_output=True, text=True,
                                  stdin=subprocess.DEVNULL, timeout=3600)
        counts = out.read().split('\n')
        pairs = [l.split() for l in log.read().split('\n') if l.startswith('pair ')]
    if firmware.returncode != 0:
        sys.exit(f'profile_{model} on {target} failed (exit {firmware.returncode}):\n{firmware.stdout}')
    windows = [int(l.split()[2]) for l in counts if l.startswith('window ')]
    ops = [int(l.split()[2]) for l in counts if l.startswith('op ')]
    tags = [l.split()[2] for l in firmware.stdout.split('\n') if l.startswith('op ')]
    kernels = [tuple(l.split(' ', 2)[2].split(';', 1)) for l in firmware.stdout.split('\n') if l.startswith('kernel ')]
    # The plugin counts ops only inside a window: windows 0 (optimized kernels) and 1 (reference
    # kernels), without profiler, have none; window 2 (the profiled Invoke) one per node; the
    # warm-up Invokes are outside all three.
    if len(windows) != 3 or len(ops) != len(tags) or len(kernels) != len(tags):
        sys.exit(f'profile_{model} on {target}: unexpected counts ({len(windows)} windows, {len(ops)} ops, {len(tags)} tags)')
    if cycle_so:
        # pair K insns N cycles C: the same three windows; the two plugins count the same instructions.
        if len(pairs) != 3 or int(pairs[0][3]) != windows[0] or int(pairs[1][3]) != windows[1]:
            sys.exit(f'profile_{model} on {target}: the cycle model saw {pairs}, the instruction counter {windows}')
        cycles['optimized'] = int(pairs[0][5])
        cycles['reference'] = int(pairs[1][5])
    return windows[0], list(zip(tags, ops)), windows[2] - sum(ops), windows[1], kernels


def fmt(n):
    return f'{n:,}'


def ops_table(target, model):
    invoke, ops, overhead, reference_invoke, kernels = profile(target, model)
    info = inspect(model)
    nodes = info['nodes']
    total_macs = info.get('macs_total', 0)
    profiled = sum(n for _, n in ops)
    print(f'{model} on {target}: {fmt(invoke)} instructions per Invoke (seed 1, after a warm-up Invoke), '
          f'{fmt(total_macs)} MACs' + (f', {invoke / total_macs:.2f} per MAC' if total_macs else '') +
          f'; reference kernels {fmt(reference_invoke)} ({reference_invoke / invoke:.1f}x)')
    print(f'per op type (profiled Invoke: {fmt(profiled + overhead)} instructions, of which {fmt(overhead)} '
          f'profiler and interpreter loop overhead):\n')
    kinds = {}
    for i, (tag, n) in enumerate(ops):
        k = kinds.setdefault(tag, [0, 0, 0])
        k[0] += 1
        k[1] += n
        k[2] += nodes[i]['macs'] if i < len(nodes) else 0
    print('| op | nodes | instructions | share | MACs | instructions per MAC |')
    print('|---|---:|---:|---:|---:|---:|')
    for tag, (count, n, macs) in sorted(kinds.items(), key=lambda kv: -kv[1][1]):
        print(f'| {tag} | {count} | {fmt(n)} | {100 * n / profiled:.1f}% | {fmt(macs) if macs else ""} | '
              f'{f"{n / macs:.1f}" if macs else ""} |')
    print('\nper node:\n')
    print('| # | op | kernel | instructions | share | MACs | per MAC |')
    print('|---:|---|---|---:|---:|---:|---:|')
    for i, (tag, n) in enumerate(ops):
        node = nodes[i] if i < len(nodes) else {}
        macs = node.get('macs', 0)
        variant, reason = kernels[i] if i < len(kernels) else ('', '')
        kernel = variant + (f' ({reason})' if reason else '')
        print(f'| {i} | {tag} | {kernel} | {fmt(n)} | {100 * n / profiled:.1f}% | '
              f'{fmt(macs) if macs else ""} | {f"{n / macs:.1f}" if macs else ""} |')


def tflm_figures():
    """{(model, core): (instructions, modeled cycles or None)} of TFLM with CMSIS-NN."""
    figures = {}
    path = os.path.join(SHARED, 'reference', 'tflm_cortex_m_cycles.csv')
    if os.path.exists(path):
        for row in csv.DictReader(open(path)):
            if row['kernels'] == 'cmsis-nn':
                cycles = row['modeled_cycles_m4']
                figures[(row['model'], row['core'])] = (int(row['instructions']), int(cycles) if cycles else None)
    return figures


FIVE = ['kws_ref_model', 'vww_96_int8', 'person_detect', 'pretrainedResnet_quant', 'ad01_int8']


def geomean(values):
    product = 1.0
    for v in values:
        product *= v
    return product ** (1.0 / len(values))


def invoke_table(targets, models):
    """Per core, one table: per model tinyrt's optimized kernels (instructions and modeled cycles,
    per Invoke and per MAC), its reference kernels (the same firmware), TFLM with CMSIS-NN, and
    the ratios tinyrt / TFLM+CMSIS-NN; then the geometric means over the five MLPerf Tiny models."""
    figures = tflm_figures()
    macs = {model: inspect(model).get('macs_total', 0) for model in models}
    for t in targets:
        core = 'cortex-m0' if t.startswith('cortex-m0') else t
        with_cycles = models_cycles(t) and cycle_plugin() is not None
        print(f'{t}:\n')
        header = ['model', 'MACs', 'tinyrt instructions', 'per MAC']
        if with_cycles:
            header += ['tinyrt cycles', 'per MAC']
        header += ['tinyrt reference instructions', 'TFLM+CMSIS-NN instructions', 'per MAC']
        if with_cycles:
            header += ['TFLM+CMSIS-NN cycles', 'per MAC']
        header += ['instructions ratio'] + (['cycles ratio'] if with_cycles else [])
        print('| ' + ' | '.join(header) + ' |')
        print('|---|' + '---:|' * (len(header) - 1))
        ratios = {'instructions': {}, 'cycles': {}}
        for model in models:
            m = macs[model]
            per_mac = lambda n: f'{n / m:.2f}' if m and n else ''
            cycles = {}
            invoke, _, _, ref_invoke, _ = profile(t, model, cycles)
            row = [model, fmt(m) if m else '', fmt(invoke), per_mac(invoke)]
            if with_cycles:
                row += [fmt(cycles['optimized']), per_mac(cycles['optimized'])]
            tflm_insns, tflm_cycles = figures.get((model, core), (None, None))
            row += [fmt(ref_invoke), fmt(tflm_insns) if tflm_insns else '—', per_mac(tflm_insns)]
            if with_cycles:
                row += [fmt(tflm_cycles) if tflm_cycles else '—', per_mac(tflm_cycles)]
            row.append(f'{invoke / tflm_insns:.2f}' if tflm_insns else '')
            if tflm_insns:
                ratios['instructions'][model] = invoke / tflm_insns
            if with_cycles:
                row.append(f'{cycles["optimized"] / tflm_cycles:.2f}' if tflm_cycles else '')
                if tflm_cycles:
                    ratios['cycles'][model] = cycles['optimized'] / tflm_cycles
            print('| ' + ' | '.join(row) + ' |')
            sys.stdout.flush()
        print()
        for kind in ('instructions', 'cycles'):
            values = [ratios[kind][m] for m in FIVE if m in ratios[kind]]
            if len(values) == len(FIVE):
                print(f'{t}, {kind}: geometric mean of tinyrt / TFLM+CMSIS-NN over the five MLPerf Tiny models: '
                      f'{geomean(values):.3f} (max {max(values):.2f})\n')
        sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest='command', required=True)
    p_ops = sub.add_parser('ops')
    p_ops.add_argument('target')
    p_ops.add_argument('model')
    p_inv = sub.add_parser('invoke')
    p_inv.add_argument('--targets', nargs='+', default=['cortex-m4f', 'cortex-m55'])
    p_inv.add_argument('--models', nargs='+', default=TFLM_MODELS)
    args = parser.parse_args()
    if args.command == 'ops':
        ops_table(args.target, args.model)
    else:
        invoke_table(args.targets, args.models)


if __name__ == '__main__':
    main()
