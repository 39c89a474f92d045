#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Flash/RAM cost of each part of a firmware image, from its linker map (NAME.elf.map, written by
every firmware that targets/CMakeLists.txt builds): the runtime per source file, the C and compiler
libraries, board support, the test program and its data.

    targets/size_report.py build-cortex-m4f/tests/target/golden_hello_world_int8.elf.map [...]

Footprint report (targets/footprint.sh runs it): per part, the flash and static RAM of the
footprint programs of targets/footprint, minus the empty program, model bytes excluded:

    targets/size_report.py --footprint [--markdown] [--check] build-cortex-m3 [build-cortex-m4f ...]

--check fails (exit 1) when a build without messages exceeds the budgets: (a) the framework
9,732 bytes (TFLM's published figure on Cortex-M3), (b) micro_speech 26 KB (26,624 bytes).
"""
import collections
import glob
import os
import re
import subprocess
import sys

KEPT = ('.text', '.rodata', '.srodata', '.vectors', '.ARM.ex', '.init', '.fini', '.preinit_array',
        '.init_array', '.fini_array', '.data', '.sdata', '.tdata', '.bss', '.sbss', '.tbss', 'COMMON')
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def component(path):
    if re.search(r'libtinyrt\w*\.a', path):
        member = re.sub(r'.*\((.*)\)$', r'\1', path)
        return 'tinyrt ' + re.sub(r'\.(cc|c)\.(obj|o)$', '', member)
    if 'libgcc' in path:
        return 'libgcc (soft float, 64-bit division)'
    if re.search(r'lib(c|c_nano|g|g_nano|nosys|semihost|m)\.a', path):
        return 'C library'
    if 'crt0' in path:
        return 'crt0'
    if 'tinyrt_board' in path:
        return 'board support'
    if '_golden.cc' in path:
        return 'test data (model + seeds)'
    if re.search(r'fp_\w+_model\.cc', path):
        return 'model data'
    return path.split('/')[-1].replace('.obj', '').replace('.o', '')


def parse_map(map_path):
    """Yields (section, size, input file) for every input section the image keeps."""
    lines = open(map_path, encoding='utf-8', errors='replace').read().split('\n')
    start = next(i for i, line in enumerate(lines) if line.startswith('Linker script and memory map'))
    pending = None
    for line in lines[start:]:
        m = re.match(r'^ (\.\S+|COMMON)\s*$', line)
        if m:  # a long section name: address, size and file follow on the next line
            pending = m.group(1)
            continue
        m = re.match(r'^ (\.\S+|COMMON)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+)$', line)
        section = (m.group(1) or pending) if m else None
        pending = None
        if not m or not section or not section.startswith(KEPT):
            continue
        yield section, int(m.group(3), 16), m.group(4)


def sizes(map_path, classify=component):
    """flash and RAM per part: .data counts twice (its image in flash, its copy in RAM)."""
    flash, ram = collections.Counter(), collections.Counter()
    members = collections.defaultdict(set)
    for section, size, path in parse_map(map_path):
        part = classify(path, section)
        if size and part in ('C library', 'libgcc (soft float, 64-bit division)'):
            members[part].add(re.sub(r'^lib_a-|\.o(bj)?\)?$', '', re.sub(r'.*\((.*)\)$', r'\1', path)))
        if section.startswith(('.bss', '.sbss', '.tbss', 'COMMON')):
            ram[part] += size
        else:
            flash[part] += size
            if section.startswith(('.data', '.sdata', '.tdata')):
                ram[part] += size
    return flash, ram, members


def report(map_path):
    flash, ram, _ = sizes(map_path, lambda path, section: component(path))
    print(f'{map_path}')
    print(f'  {"flash":>7} {"RAM":>7}  part')
    for part in sorted(set(flash) | set(ram), key=lambda p: (-flash[p], p)):
        print(f'  {flash[part]:7d} {ram[part]:7d}  {part}')
    runtime = sum(v for p, v in flash.items() if p.startswith('tinyrt '))
    print(f'  {sum(flash.values()):7d} {sum(ram.values()):7d}  total (runtime alone: {runtime} bytes of flash)')


# ---- Footprint report -------------------------------------------------------------------------

def source_names(folder):
    return {os.path.splitext(os.path.basename(p))[0] for p in glob.glob(os.path.join(ROOT, folder, '*.cc'))}


CORE = source_names('src/core')
MATH = source_names('src/math')
FRAMEWORK_ROWS = [
    ('interpreter', 'interpreter (incl. allocator)'),
    ('model', 'model loader + verifier'),
    ('planner', 'memory planner'),
    ('op_resolver', 'op resolver'),
    ('tensor', 'tensor views'),
    ('error_builder', 'error messages/codes'),
    ('status', 'status'),
]
PROGRAMS = [('framework', '(a) framework'), ('micro_speech', '(b) micro_speech'), ('kws', '(c) kws')]
VARIANTS = [('', 'messages'), ('_nomsg', 'codes')]


def footprint_part(path, section):
    part = component(path)
    if part.startswith('tinyrt '):
        name = part[len('tinyrt '):]
        if name in CORE:
            return 'core ' + name
        if name in MATH:
            return 'kernel math'
        return 'kernel ' + name
    if part.endswith(('footprint_main.cc', 'empty_main.cc')):
        return 'arena' if 'arena' in section else 'program (main)'
    return part


def elf_size(elf, size_tool):
    out = subprocess.run([size_tool, elf], capture_output=True, text=True, check=True).stdout.split('\n')[1].split()
    return int(out[0]), int(out[1]), int(out[2])


# micro_speech was 22 KB until in-place execution, multi-subgraph models and offline plans (+3.4 KB of
# interpreter, planner and depthwise code for 28% less arena), then 26 KB (framework 9,732 B) until
# the interpreter's split by concern and the FULLY_CONNECTED / SOFTMAX correctness fixes
# (docs/mcu.md, Footprint: a stated regression); still 44% of TFLM's 61,692 B.
BUDGETS = {('framework', 'codes'): 10560, ('micro_speech', 'codes'): 29056}


def footprint(build_dirs, markdown, check=False):
    over = []
    for build in build_dirs:
        folder = os.path.join(build, 'targets', 'footprint')
        target = os.path.basename(os.path.normpath(build)).replace('build-', '')
        size_tool = 'riscv64-unknown-elf-size' if 'rv32' in target else 'arm-none-eabi-size'
        empty = os.path.join(folder, 'footprint_empty.elf')
        if not os.path.exists(empty + '.map'):
            sys.exit(f'{folder}: no footprint programs (build the `footprint` target first)')
        base_flash, base_ram, _ = sizes(empty + '.map', footprint_part)
        e_text, e_data, e_bss = elf_size(empty, size_tool)
        columns = []
        for program, title in PROGRAMS:
            for suffix, variant in VARIANTS:
                elf = os.path.join(folder, f'footprint_{program}{suffix}.elf')
                flash, ram, members = sizes(elf + '.map', footprint_part)
                text, data, bss = elf_size(elf, size_tool)
                columns.append(dict(program=program, title=title, variant=variant, flash=flash, ram=ram, members=members,
                                    size_flash=text + data - e_text - e_data - flash['model data'],
                                    size_ram=data + bss - e_data - e_bss - ram['arena']))
        parts = set()
        for c in columns:
            parts |= set(c['flash']) | set(c['ram'])
        parts -= {'model data', 'arena'}

        def delta(c, part, kind='flash'):
            base = base_flash if kind == 'flash' else base_ram
            return c[kind][part] - base[part]

        rows = []
        for key, label in FRAMEWORK_ROWS:
            rows.append((label, 'core ' + key))
        rows += [(p, p) for p in sorted(parts) if p.startswith('core ') and p not in dict(rows).values()]
        rows += [(p[len('kernel '):], p) for p in sorted(parts) if p.startswith('kernel ') and p != 'kernel math']
        rows += [('kernel math (quantization, fixed point, LUTs)', 'kernel math')]
        rows += [('C library', 'C library'), ('libgcc (soft float/double, 64-bit division)', 'libgcc (soft float, 64-bit division)'),
                 ('program (main)', 'program (main)')]
        rows += [(p, p) for p in sorted(parts) if p not in dict(rows).values()]

        header = ['flash, bytes'] + [f"{c['title']} {c['variant']}" for c in columns]
        table = []
        for label, part in rows:
            values = [delta(c, part) for c in columns]
            if any(values):
                table.append([label] + values)
        table.append(['**flash total** (sum of the parts above)' if markdown else 'flash total (sum of parts)'] +
                     [sum(delta(c, p) for _, p in rows) for c in columns])
        table.append(['flash: program - empty program - model (size)'] + [c['size_flash'] for c in columns])
        table.append(['static RAM (.data + .bss, arena excluded)'] +
                     [sum(c['ram'][p] for p in c['ram'] if p != 'arena') - sum(base_ram.values()) for c in columns])
        table.append(['arena (arena_used_bytes)'] + [c['ram']['arena'] for c in columns])
        print(f'\n{target}: flash and static RAM beyond the empty program (-Os; model bytes excluded)')
        if markdown:
            print('| ' + ' | '.join(header) + ' |')
            print('|---' + '|---:' * len(columns) + '|')
            for row in table:
                print('| ' + ' | '.join(f'{v:,}' if isinstance(v, int) else v for v in row) + ' |')
        else:
            width = max(len(r[0]) for r in table) + 2
            print(' ' * width + ''.join(f'{c["title"][:16]:>18}' for c in columns))
            print(' ' * width + ''.join(f'{c["variant"]:>18}' for c in columns))
            for row in table:
                print(f'{row[0]:<{width}}' + ''.join(f'{v:>18,}' for v in row[1:]))
        for c in columns:
            total = sum(delta(c, p) for _, p in rows)
            budget = BUDGETS.get((c['program'], c['variant']))
            if budget:
                print(f'  {c["title"]} ({c["variant"]}): {total:,} bytes, budget {budget:,}: '
                      f'{"OVER by " + format(total - budget, ",") if total > budget else format(budget - total, ",") + " below"}')
                if total > budget:
                    over.append(f'{target} {c["title"]} ({c["variant"]})')
        for c in columns:
            libs = '; '.join(f'{part.split(" ")[0]}: ' + ' '.join(sorted(names)) for part, names in sorted(c['members'].items()))
            print(f'  {c["title"]} ({c["variant"]}) pulls in  {libs}')
    if check and over:
        sys.exit('footprint over budget: ' + ', '.join(over))


if __name__ == '__main__':
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    if args[0] == '--footprint':
        footprint([a for a in args[1:] if not a.startswith('--')], '--markdown' in args, '--check' in args)
    else:
        for path in args:
            report(path)
