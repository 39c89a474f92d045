#!/usr/bin/env python3
"""Flash/RAM cost of each part of a firmware image, from its linker map (NAME.elf.map, written by
every firmware that targets/CMakeLists.txt builds): the runtime per source file, the C and compiler
libraries, board support, the test program and its data.

    targets/size_report.py build-cortex-m4f/tests/target/golden_hello_world_int8.elf.map [...]
"""
import collections
import re
import sys

KEPT = ('.text', '.rodata', '.srodata', '.vectors', '.ARM.ex', '.init', '.fini', '.preinit_array',
        '.init_array', '.fini_array', '.data', '.sdata', '.tdata', '.bss', '.sbss', '.tbss', 'COMMON')


def component(path):
    if 'libtinyrt.a' in path:
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
    return path.split('/')[-1].replace('.obj', '').replace('.o', '')


def report(map_path):
    lines = open(map_path, encoding='utf-8', errors='replace').read().split('\n')
    start = next(i for i, line in enumerate(lines) if line.startswith('Linker script and memory map'))
    flash, ram = collections.Counter(), collections.Counter()
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
        size = int(m.group(3), 16)
        part = component(m.group(4))
        if section.startswith(('.bss', '.sbss', '.tbss', 'COMMON')):
            ram[part] += size
        else:
            flash[part] += size  # .data counts twice: its image in flash, its copy in RAM
            if section.startswith(('.data', '.sdata', '.tdata')):
                ram[part] += size
    print(f'{map_path}')
    print(f'  {"flash":>7} {"RAM":>7}  part')
    for part in sorted(set(flash) | set(ram), key=lambda p: (-flash[p], p)):
        print(f'  {flash[part]:7d} {ram[part]:7d}  {part}')
    runtime = sum(v for p, v in flash.items() if p.startswith('tinyrt '))
    print(f'  {sum(flash.values()):7d} {sum(ram.values()):7d}  total (runtime alone: {runtime} bytes of flash)')


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for path in sys.argv[1:]:
        report(path)
