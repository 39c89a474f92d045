#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generates src/core/schema_specs.h from schema/schema.fbs: for every table, the kind of each
field slot (scalar size, string, vector, table, union), which src/core/flatbuffer_verifier.cc
walks to verify a model (and each op's options table) without flatbuffers' generated verifiers.

    tools/gen_schema_specs.py [schema/schema.fbs] [-o src/core/schema_specs.h]
    tools/gen_schema_specs.py --check        (exit 1 if the committed header is stale)

Field slots are checked against flatc's generated VT_* offsets by static_asserts in
src/core/flatbuffer_verifier.cc.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCALARS = {'bool': 1, 'byte': 1, 'ubyte': 1, 'int8': 1, 'uint8': 1, 'short': 2, 'ushort': 2, 'int16': 2, 'uint16': 2,
           'int': 4, 'uint': 4, 'float': 4, 'int32': 4, 'uint32': 4, 'float32': 4, 'long': 8, 'ulong': 8,
           'double': 8, 'int64': 8, 'uint64': 8, 'float64': 8}


def parse(text):
    text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
    text = re.sub(r'//[^\n]*', '', text)
    enums, unions, tables = {}, {}, {}
    for kind, name, underlying, body in re.findall(r'\b(enum|union|table|struct)\s+(\w+)\s*(?::\s*(\w+))?\s*\{(.*?)\}', text, re.S):
        if kind == 'struct':
            sys.exit(f'struct {name}: structs are not supported by the generator')
        if kind == 'enum':
            enums[name] = SCALARS[underlying]
        elif kind == 'union':
            unions[name] = [m.split(':')[-1].strip() for m in body.split(',') if m.strip()]
        else:
            fields = []
            for decl in body.split(';'):
                decl = decl.strip()
                if not decl:
                    continue
                m = re.match(r'(\w+)\s*:\s*(\[?\w+\]?)\s*(?:=\s*[^()]+?)?\s*(?:\((.*)\))?$', decl, re.S)
                if not m:
                    sys.exit(f'table {name}: cannot parse field "{decl}"')
                attrs = {}
                for attr in (m.group(3) or '').split(','):
                    if attr.strip():
                        key, _, value = attr.partition(':')
                        attrs[key.strip()] = value.strip()
                fields.append((m.group(1), m.group(2), attrs))
            tables[name] = fields
    return enums, unions, tables


def slots(name, fields, enums, unions):
    """[(slot id, field name, kind, argument)] in slot order; unions take two slots."""
    out = []
    explicit = [f for f in fields if 'id' in f[2]]
    if explicit and len(explicit) != len(fields):
        sys.exit(f'table {name}: either every field has an id or none')
    next_id = 0
    for field, type_, attrs in fields:
        is_union = type_ in unions
        if explicit:
            slot = int(attrs['id'])
            if is_union:  # the id is the value's; the type byte takes the slot before
                slot -= 1
        else:
            slot = next_id
        next_id = slot + (2 if is_union else 1)
        deprecated = 'deprecated' in attrs
        if is_union:
            out.append((slot, field + '_type', 'absent' if deprecated else 'scalar', 1))
            out.append((slot + 1, field, 'absent' if deprecated else 'union', type_))
            continue
        if deprecated:
            out.append((slot, field, 'absent', 0))
        elif type_ in SCALARS or type_ in enums:
            out.append((slot, field, 'scalar', SCALARS.get(type_) or enums[type_]))
        elif type_ == 'string':
            out.append((slot, field, 'string', 0))
        elif type_.startswith('['):
            elem = type_[1:-1]
            if elem in SCALARS or elem in enums:
                out.append((slot, field, 'vector', SCALARS.get(elem) or enums[elem]))
            elif elem == 'string':
                out.append((slot, field, 'vector_string', 0))
            else:
                out.append((slot, field, 'vector_table', elem))
        else:
            out.append((slot, field, 'table', type_))
    out.sort()
    if [s[0] for s in out] != list(range(len(out))):
        sys.exit(f'table {name}: field slots are not 0..n-1: {[s[0] for s in out]}')
    return out


def generate(schema_path):
    enums, unions, tables = parse(open(schema_path, encoding='utf-8').read())
    specs = {name: slots(name, fields, enums, unions) for name, fields in tables.items()}
    # Tables reached through a field (from the root, Model) get an index: fields refer to them by it.
    indexed = []

    def visit(name):
        if name in indexed:
            return
        indexed.append(name)
        for _, _, kind, arg in specs[name]:
            if kind in ('table', 'vector_table'):
                visit(arg)
            elif kind == 'union':
                for member in unions[arg]:
                    visit(member)

    root = re.search(r'root_type\s+(\w+)', open(schema_path, encoding='utf-8').read()).group(1)
    visit(root)
    for name in tables:  # tables referring to others must be indexed too (options tables never do)
        if name not in indexed and any(k in ('table', 'vector_table', 'union') for _, _, k, _ in specs[name]):
            visit(name)
    union_names = sorted({arg for s in specs.values() for _, _, k, arg in s if k == 'union'})
    if len(indexed) > 255 or len(union_names) > 255:
        sys.exit('too many tables or unions for one-byte references')

    kinds = {'absent': 'kAbsent', 'string': 'kString', 'vector_string': 'kVectorOfStrings', 'table': 'kTable',
             'vector_table': 'kVectorOfTables', 'union': 'kUnion'}

    def field_init(kind, arg):
        if kind == 'scalar':
            return f'{{FieldKind::kScalar, {arg.bit_length() - 1}}}'
        if kind == 'vector':
            return f'{{FieldKind::kVector, {arg.bit_length() - 1}}}'
        if kind in ('table', 'vector_table'):
            return f'{{FieldKind::{kinds[kind]}, {indexed.index(arg)}}}'
        if kind == 'union':
            return f'{{FieldKind::kUnion, {union_names.index(arg)}}}'
        return f'{{FieldKind::{kinds[kind]}, 0}}'

    out = ['// SPDX-License-Identifier: Apache-2.0',
           '// Generated by tools/gen_schema_specs.py from schema/schema.fbs: do not edit.',
           '// Per table, the kind of each field slot, for tinyrt\'s flatbuffer verifier',
           '// (src/core/flatbuffer_verifier.cc): kScalar (log2 of its size), kString, kVector (log2 of the',
           '// element size),',
           '// kVectorOfStrings, kTable / kVectorOfTables (index into kIndexedTables), kUnion (index into',
           '// kUnions; its type byte is the slot before), kAbsent (deprecated: never read, not verified).',
           '#pragma once', '', '#include "src/core/flatbuffer_verifier.h"', '#include "tinyrt/schema_generated.h"', '',
           'namespace tinyrt {', 'namespace schema_specs {', '',
           '// Tables referred to by a field (reachable from the root).']
    for name in indexed:
        fields = specs[name]
        if fields:
            out.append(f'inline constexpr FieldSpec k{name}Fields[] = {{' +
                       ', '.join(field_init(k, a) for _, _, k, a in fields) + '};')
    out.append('inline constexpr TableSpec kIndexedTables[] = {')
    for i, name in enumerate(indexed):
        fields = specs[name]
        out.append(f'    {{{f"k{name}Fields" if fields else "nullptr"}, {len(fields)}}},  // {i}: {name}')
    out.append('};')
    out.append(f'inline constexpr uint8_t kRootTable = {indexed.index(root)};  // {root}')
    out.append('')
    out.append('// Unions: the indexed table of each member type (0 is NONE: nothing to verify).')
    for u in union_names:
        out.append(f'inline constexpr uint8_t k{u}Members[] = {{' + ', '.join(str(indexed.index(m)) for m in unions[u]) + '};')
    out.append('inline constexpr UnionSpec kUnions[] = {')
    for i, u in enumerate(union_names):
        out.append(f'    {{k{u}Members, {len(unions[u])}}},  // {i}: {u}')
    out.append('};')
    out.append('')
    out.append('// Every table, for verifying one table on its own (ops\' options): TableSpecOf<T>::value.')
    out.append('template <typename T>')
    out.append('struct TableSpecOf;')
    for name in tables:
        fields = specs[name]
        if name in indexed:
            value = f'kIndexedTables[{indexed.index(name)}]'
        else:
            body = ', '.join(field_init(k, a) for _, _, k, a in fields)
            if fields:
                out.append(f'inline constexpr FieldSpec k{name}Fields[] = {{{body}}};')
            value = f'{{{f"k{name}Fields" if fields else "nullptr"}, {len(fields)}}}'
        out.append(f'template <>\nstruct TableSpecOf<tflite::{name}> {{\n  static constexpr TableSpec value = {value};\n}};')
    out.append('')
    out.append('// Slot of each field, checked against flatc\'s VT_ offsets (4 + 2 * slot).')
    out.append('#define TINYRT_SCHEMA_SLOTS(X) \\')
    lines = []
    for name in tables:
        for slot, field, kind, _ in specs[name]:
            if kind != 'absent':
                lines.append(f'  X({name}, VT_{field.upper()}, {slot})')
    out.append(' \\\n'.join(lines))
    out.append('')
    out.append('}  // namespace schema_specs')
    out.append('}  // namespace tinyrt')
    return '\n'.join(out) + '\n'


def main():
    args = sys.argv[1:]
    check = '--check' in args
    args = [a for a in args if a != '--check']
    output = os.path.join(ROOT, 'src/core/schema_specs.h')
    if '-o' in args:
        output = args[args.index('-o') + 1]
        del args[args.index('-o'):args.index('-o') + 2]
    schema = args[0] if args else os.path.join(ROOT, 'schema/schema.fbs')
    text = generate(schema)
    if check:
        current = open(output, encoding='utf-8').read() if os.path.exists(output) else ''
        if current != text:
            sys.exit(f'{output} is stale: run tools/gen_schema_specs.py')
        print(f'{output} is up to date')
        return
    with open(output, 'w', encoding='utf-8') as f:
        f.write(text)


if __name__ == '__main__':
    main()
