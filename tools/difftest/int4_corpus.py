#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""int4-weight models against TFLM: the corpus tests/difftest/corpus_int4.pack.

    tools/difftest/int4_corpus.py --oracle /path/to/tflm_oracle [--seed 9000000] [--count 600]
        [--pack tests/difftest/corpus_int4.pack] [--runner build/tests/difftest_runner]

Each seed from gen.INT4_SEED on is a chain of int8 CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED
with INT4 filters (gen.Model.int4_model). For each model the oracle (TFLM's reference kernels) runs
  - the int4 model itself, and
  - its twin with every int4 filter widened to an int8 one (same values),
and the two TFLM answers must be equal (TFLM refuses per-channel FULLY_CONNECTED with int4 weights:
its kernel's check; there only the twin answers). TFLM's answer for the twin is the expected output
of the int4 model: tinyrt's difftest_runner runs the int4 model on every host kernel variant and
must match it byte for byte. Models where every step agrees go to the pack (a few per operator /
quantization signature, smallest first), with TFLM's outputs, for `difftest.replay_corpus_int4`.
"""
import argparse
import collections
import copy
import json
import os
import shutil
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import campaign  # noqa: E402
import gen  # noqa: E402


def widened(m):
    """A copy of model m whose int4 filters are int8 constants with the same values."""
    e = copy.deepcopy(m)
    for t in e.tensors:
        if t.dtype == 'i4':
            packed = t.data.astype(np.uint8)
            lo = ((packed & 0x0F).astype(np.int16) ^ 8) - 8  # sign-extend 4 bits
            hi = ((packed >> 4).astype(np.int16) ^ 8) - 8
            values = np.stack([lo, hi], axis=1).reshape(-1)[:int(np.prod(t.shape))]
            t.dtype, t.data = 'i8', values.astype(np.int8).reshape(t.shape)
    return e


def outputs(d, reply):
    n = int(reply.split()[1])
    return [open(os.path.join(d, 'tflm', 'output%d.bin' % j), 'rb').read() for j in range(n)]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--oracle', default=os.environ.get('TINYRT_TFLM_ORACLE'))
    p.add_argument('--runner', default=os.path.join(campaign.ROOT, 'build', 'tests', 'difftest_runner'))
    p.add_argument('--schema', default=os.path.join(campaign.ROOT, '..', 'shared', 'reference', 'schema.fbs'))
    p.add_argument('--work', default='/tmp/difftest_int4')
    p.add_argument('--seed', type=int, default=gen.INT4_SEED)
    p.add_argument('--count', type=int, default=600)
    p.add_argument('--pack', default=os.path.join(campaign.ROOT, 'tests', 'difftest', 'corpus_int4.pack'))
    p.add_argument('--per-signature', type=int, default=12)
    p.add_argument('--max-case-bytes', type=int, default=3000)
    a = p.parse_args()
    if not a.oracle:
        sys.exit('needs --oracle (or TINYRT_TFLM_ORACLE)')
    if a.seed < gen.INT4_SEED:
        sys.exit('int4 models start at seed %d' % gen.INT4_SEED)
    shutil.rmtree(a.work, ignore_errors=True)
    c = campaign.Campaign(argparse.Namespace(work=a.work, schema=a.schema, oracle=a.oracle, runner=a.runner))
    tally = collections.Counter()
    keep = collections.defaultdict(list)
    for seed in range(a.seed, a.seed + a.count):
        m = gen.Model(seed)
        (d, ins), (de, _) = c.build([('s%d' % seed, m, None), ('s%d_int8' % seed, widened(m), None)])
        reply_int8, _ = c.oracle.ask(' '.join([os.path.join(de, 'model.tflite'), os.path.join(de, 'tflm')] + ins))
        reply_int4, _ = c.oracle.ask(' '.join([os.path.join(d, 'model.tflite'), os.path.join(d, 'tflm')] + ins))
        desc = m.describe()
        if not reply_int8 or not reply_int8.startswith('ok'):
            tally['TFLM refuses the int8 twin'] += 1  # e.g. its multiplier checks: nothing to compare
            continue
        expected = outputs(de, reply_int8)
        if reply_int4 and reply_int4.startswith('ok'):
            if outputs(d, reply_int4) != expected:
                tally['TFLM int4 != TFLM int8 twin'] += 1
                print('seed %d: TFLM gives the int4 model and its int8 twin different outputs: %s' % (seed, desc))
                continue
            source = 'TFLM'
        else:
            source = 'TFLM on the int8 twin (TFLM refuses: %s)' % (reply_int4 or 'crash')[:80]
        r, _ = c.runner.ask(' '.join([os.path.join(d, 'model.tflite'), os.path.join(de, 'tflm')] + ins))
        verdicts = json.loads(r) if r else {}
        if not verdicts or any(v[0] != 'match' for v in verdicts.values()):
            tally['tinyrt differs'] += 1
            print('seed %d: tinyrt %s: %s' % (seed, json.dumps(verdicts), desc))
            continue
        tally['match (%s)' % ('TFLM' if source == 'TFLM' else 'TFLM on the int8 twin')] += 1
        model = open(os.path.join(d, 'model.tflite'), 'rb').read()
        inputs = [open(i, 'rb').read() for i in ins]
        if len(model) + sum(map(len, inputs)) + sum(map(len, expected)) > a.max_case_bytes:
            continue
        key = ' | '.join(sorted(set(part.split(' bias')[0] for part in desc.split(' | '))))
        keep[key].append({'name': 'seed%d' % seed, 'model': model, 'inputs': inputs, 'tflm_ok': True, 'tflm_error': '',
                          'outputs': expected, 'expect': '', 'desc': desc + ' [expected: ' + source + ']'})
    c.oracle.close()
    c.runner.close()
    chosen = []
    for key in sorted(keep):
        chosen += sorted(keep[key], key=lambda case: len(case['model']))[:a.per_signature]
    with open(a.pack, 'wb') as f:
        f.write(campaign.Campaign.pack_bytes(chosen))
    with open(a.pack + '.txt', 'w') as f:
        for case in chosen:
            f.write('%s\ttflm ok\t%s\n' % (case['name'], case['desc']))
    print('seeds %d..%d: %s' % (a.seed, a.seed + a.count - 1, dict(tally)))
    print('pack: %d cases from %d signatures, %d bytes -> %s' % (len(chosen), len(keep), os.path.getsize(a.pack), a.pack))
    return 1 if tally['tinyrt differs'] or tally['TFLM int4 != TFLM int8 twin'] else 0


if __name__ == '__main__':
    sys.exit(main())
