#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Instruction counts on (emulated) cores, with the TCG plugin insn_count.c and the firmware
profile_MODEL (tests/target/profile_main.cc: warm-up Invoke, inputs refilled, one measured Invoke;
then the same with targets/common/op_profiler.h reporting each op).

  targets/qemu_plugin/profile.py ops TARGET MODEL
      Instructions per op of one Invoke of MODEL on TARGET: per op type (which dominates) and per
      node, with MACs and instructions per MAC.
  targets/qemu_plugin/profile.py invoke [--targets T ...] [--models M ...] [--markdown]
      Instructions per Invoke and per MAC, beside TFLM's figures (../shared/reference/
      tflm_cortex_m_reference.csv). Defaults: cortex-m4f and cortex-m55; the models TFLM's table
      lists.

TARGET is a build folder build-TARGET configured by targets/run_qemu_tests.sh (the script builds
the profile firmware it needs). Counts are exact and repeatable instructions, not cycles.
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


def profile(target, model):
    """(instructions per Invoke, [(tag, instructions)], profiler overhead, reference kernels' instructions per
    Invoke, [(variant, reason)] per node) for MODEL on TARGET."""
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
    with tempfile.NamedTemporaryFile(mode='r', suffix='.txt') as out:
        arg = (f'{plugin()},begin=0x{symbols["tinyrt_bench_begin"]},end=0x{symbols["tinyrt_bench_end"]},'
               f'op_begin=0x{symbols["tinyrt_op_begin"]},op_end=0x{symbols["tinyrt_op_end"]},out={out.name}')
        firmware = subprocess.run(qemu + ['-plugin', arg, '-kernel', elf], capture_output=True, text=True,
                                  stdin=subprocess.DEVNULL, timeout=3600)
        counts = out.read().split('\n')
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


def invoke_table(targets, models):
    """Per model and core: tinyrt optimized and reference kernels (the same firmware), TFLM with
    CMSIS-NN, and the ratio tinyrt optimized / TFLM+CMSIS-NN; then the geometric mean of the
    ratios over the five speed-target models."""
    reference = {}
    path = os.path.join(SHARED, 'reference', 'tflm_cortex_m_reference.csv')
    if os.path.exists(path):
        reference = {row['model']: row for row in csv.DictReader(open(path))}
    tflm_columns = {'cortex-m4f': 'insns_m4_cmsis_nn', 'cortex-m55': 'insns_m55_cmsis_nn'}
    header = ['model', 'MACs']
    for t in targets:
        header += [f'{t} tinyrt', 'per MAC', 'tinyrt reference', 'per MAC']
        if t in tflm_columns:
            header += ['TFLM CMSIS-NN', 'per MAC', 'tinyrt / CMSIS-NN']
    print('| ' + ' | '.join(header) + ' |')
    print('|---|' + '---:|' * (len(header) - 1))
    ratios = {t: {} for t in targets}
    for model in models:
        macs = inspect(model).get('macs_total', 0)
        row = [model, fmt(macs)]
        for t in targets:
            invoke, _, _, ref_invoke, _ = profile(t, model)
            row += [fmt(invoke), f'{invoke / macs:.2f}' if macs else '', fmt(ref_invoke), f'{ref_invoke / macs:.1f}' if macs else '']
            column = tflm_columns.get(t)
            if column:
                value = reference.get(model, {}).get(column)
                if value and macs:
                    ratio = invoke / int(value)
                    ratios[t][model] = ratio
                    row += [fmt(int(value)), f'{int(value) / macs:.2f}', f'{ratio:.2f}']
                else:
                    row += ['—', '', '']
        print('| ' + ' | '.join(row) + ' |')
        sys.stdout.flush()
    five = ['kws_ref_model', 'vww_96_int8', 'person_detect', 'pretrainedResnet_quant', 'ad01_int8']
    for t in targets:
        values = [ratios[t][m] for m in five if m in ratios[t]]
        if len(values) == len(five):
            geomean = 1.0
            for v in values:
                geomean *= v
            geomean **= 1.0 / len(values)
            print(f'\n{t}: geometric mean of tinyrt / TFLM+CMSIS-NN over {", ".join(five)}: {geomean:.3f} (max {max(values):.2f})')


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
