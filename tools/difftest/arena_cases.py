#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Random int8 convolution models where the optimized CONV_2D's im2col scratch would set tinyrt's
arena peak: small activations, tall filters over many channels (the CNN keyword model's 10x4
CONV_2D over 28 channels), 1-3 convolutions, sometimes a FULLY_CONNECTED after them; a third of
the models have larger activations instead, where the scratch fits in the plan's slack.

    tools/difftest/arena_cases.py --oracle /path/to/tflm_oracle --count N --seed S --out PACK

Every model runs once on the oracle (tools/difftest/campaign.py describes it): its reply line
`ok N_OUTPUTS ARENA` gives TFLM's arena_used_bytes (x86-64, reference kernels). The pack
(tools/difftest/difftest_run.h) holds the model, its input, TFLM's outputs and, in the case name
`seedS tflm_arena=ARENA`, TFLM's arena. `difftest_runner --arena PACK` (ctest
difftest.arena_vs_tflm) runs every case on every host kernel variant: outputs bit-exact with TFLM
and tinyrt's arena_used_bytes() at most TFLM's.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import campaign  # noqa: E402
import gen  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class ConvModel(gen.Model):
    """A chain of int8 convolutions whose im2col columns are large beside the activations."""

    def __init__(self, seed):  # pylint: disable=super-init-not-called
        self.seed = seed
        self.r = np.random.default_rng(seed)
        self.tensors, self.ops, self.inputs = [], [], []
        self.float_edges = False
        r = self.r
        slack = r.random() < 0.33  # large activations: the scratch fits beside them
        h = int(r.integers(16, 40)) if slack else int(r.integers(4, 26))
        w = int(r.integers(8, 24)) if slack else int(r.integers(2, 11))
        c = int(r.integers(4, 12)) if slack else int(r.integers(8, 41))
        x = self.new_input('i8', [1, h, w, c])
        for _ in range(int(r.integers(1, 4))):
            x = self.conv(x, slack)
        n = int(np.prod(self.tensors[x].shape[1:]))
        if r.random() < 0.4 and n <= 1500:
            t = self.tensors[x]
            flat = self.act('i8', [1, n], t.q)
            x = self.op('RESHAPE', [x, self.const('i32', [1, n])], [flat], {'new_shape': [1, n]})
            units = int(r.integers(2, 11))
            wq = {'scale': [float(np.float32(self.scale(0) * 0.1))], 'zero_point': [0]}
            wt = self.const('i8', self.quant_weights([units, n]), wq)
            y = self.act('i8', [1, units], self.out_q_for_accum(x, wq, n))
            x = self.op('FULLY_CONNECTED', [x, wt, self.bias(x, wq, units, 'i8')], [y], {'fused_activation_function': 'NONE'})
        self.outputs = [x]

    def conv(self, x, slack):
        r = self.r
        _, h, w, c = self.tensors[x].shape
        kh = int(r.integers(1, 4)) if slack else int(r.integers(3, min(h, 10) + 1)) if h >= 3 else h
        kw = int(r.integers(1, 4)) if slack else int(r.integers(1, min(w, 4) + 1))
        sh, sw = int(r.integers(1, 3)), int(r.integers(1, 3))
        pad = str(r.choice(['SAME', 'VALID']))
        if pad == 'SAME':
            oh, ow = -(-h // sh), -(-w // sw)
        else:
            oh, ow = (h - kh) // sh + 1, (w - kw) // sw + 1
        oc = int(r.integers(4, 33))
        while oc > 4 and oc * kh * kw * c > 4000:  # keeps the pack small
            oc //= 2
        wq = self.weights_q(oc, 0)
        wt = self.const('i8', self.quant_weights([oc, kh, kw, c]), wq)
        y = self.act('i8', [1, oh, ow, oc], self.out_q_for_accum(x, wq, kh * kw * c))
        return self.op('CONV_2D', [x, wt, self.bias(x, wq, oc, 'i8')], [y],
                       {'padding': pad, 'stride_w': sw, 'stride_h': sh, 'dilation_w_factor': 1, 'dilation_h_factor': 1,
                        'fused_activation_function': self.fused()})


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--oracle', default=os.environ.get('TINYRT_TFLM_ORACLE'))
    p.add_argument('--count', type=int, default=60)
    p.add_argument('--seed', type=int, default=7000000)
    p.add_argument('--out', default=os.path.join(ROOT, 'tests', 'difftest', 'arena_cases.pack'))
    p.add_argument('--schema', default=os.path.join(ROOT, '..', 'shared', 'reference', 'schema.fbs'))
    a = p.parse_args()
    if not a.oracle:
        sys.exit('error: needs the oracle (--oracle or TINYRT_TFLM_ORACLE)')
    work = tempfile.mkdtemp(prefix='arena_cases_')
    schema = os.path.join(work, 'schema.fbs')
    with open(a.schema) as f:
        text = f.read()
    # flatc 2.0 does not take `(deprecated)` on enum values and union members (as campaign.py).
    text = text.replace('REDUCE_WINDOW = 205 (deprecated)', 'REDUCE_WINDOW = 205').replace('ReduceWindowOptions (deprecated),',
                                                                                           'ReduceWindowOptions,')
    with open(schema, 'w') as f:
        f.write(text)
    oracle = campaign.Proc([a.oracle, '--batch'])
    cases, listing = [], []
    for seed in range(a.seed, a.seed + a.count):
        m = ConvModel(seed)
        text, inputs = m.to_json()
        d = os.path.join(work, str(seed))
        os.makedirs(os.path.join(d, 'tflm'))
        with open(os.path.join(d, 'model.json'), 'w') as f:
            f.write(text)
        subprocess.run(['flatc', '-b', '-o', d, schema, os.path.join(d, 'model.json')], check=True)
        ins = []
        for i, t in enumerate(inputs):
            path = os.path.join(d, 'input%d.bin' % i)
            with open(path, 'wb') as f:
                f.write(m.input_bytes(t, 1))
            ins.append(path)
        reply, rc = oracle.ask(' '.join([os.path.join(d, 'model.tflite'), os.path.join(d, 'tflm')] + ins))
        if not reply or not reply.startswith('ok '):
            print('seed %d: TFLM: %s (exit %d), skipped' % (seed, reply, rc))
            continue
        n_out, arena = (int(v) for v in reply.split()[1:3])
        with open(os.path.join(d, 'model.tflite'), 'rb') as f:
            model = f.read()
        outs = []
        for j in range(n_out):
            with open(os.path.join(d, 'tflm', 'output%d.bin' % j), 'rb') as f:
                outs.append(f.read())
        name = 'seed%d tflm_arena=%d' % (seed, arena)
        cases.append({'name': name, 'model': model, 'inputs': [open(i, 'rb').read() for i in ins], 'tflm_ok': True,
                      'tflm_error': '', 'outputs': outs, 'expect': ''})
        listing.append('%s\t%s' % (name, m.describe()))
    oracle.close()
    shutil.rmtree(work)
    with open(a.out, 'wb') as f:
        f.write(campaign.Campaign.pack_bytes(cases))
    with open(a.out + '.txt', 'w') as f:
        f.write('\n'.join(listing) + '\n')
    print('%d cases -> %s' % (len(cases), a.out))


if __name__ == '__main__':
    main()
