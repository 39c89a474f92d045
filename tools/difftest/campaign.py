#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Differential campaign: random models (gen.py) on tinyrt's host kernel variants and on TFLM.

    tools/difftest/campaign.py --oracle /path/to/tflm_oracle [--count N] [--seed S] [--work DIR]
        [--runner build/tests/difftest_runner] [--pack OUT.pack --pack-count K]

The oracle is any program that runs a model on TFLM's reference kernels with the protocol of
`tflm_oracle --batch` (one job per stdin line, `MODEL OUTDIR IN0.bin ...`, one reply line
`ok ...` / `error STAGE: MESSAGE`, OUTDIR/output{J}.bin written); it is never part of the project
(docs/robustness.md says how to build one). Also read from $TINYRT_TFLM_ORACLE.

Every mismatch is minimized (the shortest prefix of the model's operators that still differs) and
written as a reproducer (model.tflite, input*.bin, TFLM's output*.bin) under WORK/repro/.
Results: WORK/results.jsonl (one line per model), a summary by class on stdout.
"""
import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Mismatches whose cause was found and fixed (docs/robustness.md, "Wrong answers TFLM does not give"): (class, test).
KNOWN = [
    ('known(correct): FULLY_CONNECTED int8 per-channel',
     lambda d, det: d.startswith('FULLY_CONNECTED i8 per-channel')),
    ('known(correct): FULLY_CONNECTED int16x8',
     lambda d, det: d.startswith('FULLY_CONNECTED i16') and 'overflow the accumulator' not in det),
    ('known(correct): CONV_2D int16x8 without bias',
     lambda d, det: d.startswith('CONV_2D i16') and 'bias=none' in d),
    ('known(correct): HARD_SWISH int8 scale-ratio range check',
     lambda d, det: d.startswith('HARD_SWISH i8') and 'scale ratio' in det),
    ('known(correct)?: HARD_SWISH int8 input-scale range check (the same range checks; re-check after the merge)',
     lambda d, det: d.startswith('HARD_SWISH i8') and 'input scale' in det and 'out of range' in det),
    ('known(correct): int16x8 conv/FC effective multiplier >= 128',
     lambda d, det: d.split(' ')[0] in ('CONV_2D', 'DEPTHWISE_CONV_2D', 'TRANSPOSE_CONV') and ' i16 ' in d + ' '
     and 'multiplier' in det),
]

# Where TFLM is wrong or undefined (docs/robustness.md shows why); tinyrt keeps its answer.
TFLM_WRONG = [
    ('TFLM wrong: TRANSPOSE_CONV int16x8 with an int32 bias (TFLM reads the bias as int64)',
     lambda d, det, v, edges, in_scale, eff: v == 'mismatch' and d.startswith('TRANSPOSE_CONV i16') and 'bias=i32' in d),
    ('TFLM undefined: QUANTIZE float->int of NaN (float->int conversion of NaN, then int32 overflow)',
     lambda d, det, v, edges, in_scale, eff: v == 'mismatch' and d.startswith('QUANTIZE f32') and edges),
    ('TFLM undefined: RELU6 with an input scale below 6/2^31 (round(6/scale) overflows int32)',
     lambda d, det, v, edges, in_scale, eff: v == 'mismatch' and d.startswith('RELU6') and in_scale is not None and in_scale < 6 / 2**31),
    ('TFLM undefined: fused activation range of a pool with a scale below 6/2^31 (float->int32 overflow)',
     lambda d, det, v, edges, in_scale, eff: v == 'mismatch' and d.split(' ')[0] in ('MAX_POOL_2D', 'AVERAGE_POOL_2D')
     and in_scale is not None and in_scale < 6 / 2**31),
    ('TFLM crashes: DEPTHWISE_CONV_2D whose optional bias input is -1 (Prepare dereferences the missing bias)',
     lambda d, det, v, edges, in_scale, eff: v == 'ran' and 'crash' in det and d.startswith('DEPTHWISE_CONV_2D') and 'bias=none' in d),
    ('TFLM undefined: TANH/LOGISTIC int16 with an input scale above 5.33 (x * multiplier overflows int32 for large |x|)',
     lambda d, det, v, edges, in_scale, eff: v == 'mismatch' and d.split(' ')[0] in ('TANH', 'LOGISTIC') and ' i16' in d
     and in_scale is not None and in_scale * 12288 > 65535),
    ('TFLM undefined: TANH/LOGISTIC int8 with an input scale below 2^-28 (TFLM shifts by a negative count: x86 masks it and saturates every output)',
     lambda d, det, v, edges, in_scale, eff: v == 'mismatch' and d.split(' ')[0] in ('TANH', 'LOGISTIC') and ' i8' in d
     and in_scale is not None and in_scale < 2**-28),
    ('TFLM undefined: TRANSPOSE_CONV int16x8 with an effective scale of 2^14 or more (its rescale shifts by negative counts)',
     lambda d, det, v, edges, in_scale, eff: v == 'mismatch' and d.startswith('TRANSPOSE_CONV i16') and eff is not None and eff >= 2**14),
    # The same int64 rescale (MultiplyByQuantizedMultiplier(int64_t, ...): round = 1 << (14 - shift)).
    ('TFLM undefined: CONV_2D/DEPTHWISE_CONV_2D/FULLY_CONNECTED int16x8 with an effective scale of 2^14 or more '
     '(its int64 rescale shifts by negative counts)',
     lambda d, det, v, edges, in_scale, eff: v == 'mismatch' and d.split(' ')[0] in ('CONV_2D', 'DEPTHWISE_CONV_2D', 'FULLY_CONNECTED')
     and ' i16 ' in d + ' ' and eff is not None and eff >= 2**14),
    # round(x / scale) past int32: x86 converts to INT32_MIN, clamped to the type's minimum, where
    # the value is above the type's maximum.
    ('TFLM undefined: QUANTIZE float->int where value / scale passes int32 (float->int32 overflow; TFLM answers the '
     'type minimum for a huge positive value)',
     lambda d, det, v, edges, in_scale, eff: v == 'mismatch' and d.startswith('QUANTIZE f32') and not edges
     and QUANTIZE_OVERFLOW_PAIRS.issuperset(re.findall(r'tinyrt (-?\d+) TFLM (-?\d+)', det))
     and re.search(r'tinyrt -?\d+ TFLM', det) is not None),
]

QUANTIZE_OVERFLOW_PAIRS = {('127', '-128'), ('32767', '-32768')}


# tinyrt refuses a model TFLM "runs" with undefined arithmetic (docs/robustness.md shows why).
REFUSED_UNDEFINED = [
    ('TFLM undefined, tinyrt refuses: TANH/LOGISTIC int16 input scale of 174763 or more (TFLM converts a multiplier past int32)',
     lambda d, det: d.split(' ')[0] in ('TANH', 'LOGISTIC') and 'overflows int32' in det),
    ('TFLM undefined, tinyrt refuses: a convolution whose effective scale needs a shift past 30 (TFLM shifts int32 by 31+)',
     lambda d, det: 'out-of-range rescale (effective scale' in det),
    ('TFLM undefined, tinyrt refuses: an input/output scale ratio whose multiplier needs a shift outside -31..30 '
     '(ABS, RELU, LEAKY_RELU, MEAN, CONCATENATION, ...: TFLM shifts int32 by 31+)',
     lambda d, det: 'scale ratio' in det and 'shift outside -31..30' in det),
]


# Classes of the second generator's builtins (seeds from gen.EXT_SEED), decided on the model itself
# (scales, zero points, constants, the model inputs): (label, test(campaign, model, k, verdict,
# detail, tflm)). docs/robustness.md shows the arithmetic of each.
def _op(m, k):
    return m.ops[k - 1]


def _stb_padded(m, k):
    """A SPACE_TO_BATCH_ND with non-zero paddings among the first k ops (TFLM pads with an
    uninitialized value)."""
    return any(name == 'SPACE_TO_BATCH_ND' and m.tensors[ins[2]].data is not None and m.tensors[ins[2]].data.any()
               for name, ins, _, _ in m.ops[:k])


def _frexp_shift(x):
    import math
    return math.frexp(x)[1] if x > 0 else None


def _sqdiff_output_shift(m, k):
    """The shift of SQUARED_DIFFERENCE's output multiplier as TFLM quantizes it (left_shift 7 for
    int8, 0 for int16; the scales as float32, the ratio in double)."""
    _, ins, outs, _ = m.ops[k - 1]
    left_shift = 7 if m.tensors[ins[0]].dtype == 'i8' else 0
    twice_max = 2.0 * float(max(np.float32(m.tensors[i].q['scale'][0]) for i in ins[:2]))
    shifted_out = float(np.float32(2 ** (2 * left_shift)) * np.float32(m.tensors[outs[0]].q['scale'][0]))
    return _frexp_shift(twice_max * twice_max / shifted_out) or 0


def _div_int8_undefined(m, k, detail, campaign=None):
    """DIV int8: True when every differing element listed in `detail` is one where TFLM's
    DivElementwise shifts by 32 or more (or computes -1 << 31); None when the dividend or divisor is
    computed by an earlier op and no oracle can tell its values (not checked per element); False
    otherwise. A computed operand's values are TFLM's: the oracle runs the first k - 1 operators
    with the operands as the model's outputs."""
    import numpy as np
    name, ins, outs, _ = _op(m, k)
    a, b, o = (m.tensors[i] for i in (ins[0], ins[1], outs[0]))
    computed = [i for i in dict.fromkeys(ins[:2]) if m.tensors[i].data is None and i not in m.inputs]
    tflm_values = campaign.tflm_values(m, k - 1, computed) if computed and campaign is not None else {}
    if tflm_values is None:
        return None
    vals = []
    for i, t in zip(ins[:2], (a, b)):
        if t.data is not None:
            vals.append(np.asarray(t.data, dtype=np.int64).reshape(t.shape))
        elif i in m.inputs:
            vals.append(np.frombuffer(m.input_bytes(i, 1), dtype=np.int8).astype(np.int64).reshape(t.shape))
        elif i in tflm_values:
            vals.append(tflm_values[i].astype(np.int64).reshape(t.shape))
        else:
            return None
    x, y = np.broadcast_arrays(vals[0] - a.q['zero_point'][0], vals[1] - b.q['zero_point'][0])
    x, y = x.reshape(-1).copy(), y.reshape(-1).copy()
    neg = y < 0
    x[neg], y[neg] = -x[neg], -y[neg]
    ratio = float(np.float32(np.float32(a.q['scale'][0]) / (np.float32(b.q['scale'][0]) * np.float32(o.q['scale'][0]))))
    out_shift = _frexp_shift(ratio)
    bad = set()
    for idx, (v1, v2) in enumerate(zip(x.tolist(), y.tolist())):
        recip_shift = v2.bit_length() - 1
        headroom = 31 if v1 == 0 else 31 - (v1 if v1 >= 0 else ~v1).bit_length()
        total = out_shift - recip_shift - headroom  # TFLM right-shifts by -total
        if total < -31 or total > 0 or v1 == -1:
            bad.add(idx)
    listed = [int(i) for i in re.findall(r'\[(\d+)\] tinyrt', detail)]
    return bool(listed) and all(i in bad for i in listed)


EXT_CLASSES = [
    ('TFLM undefined: SPACE_TO_BATCH_ND with padding (TFLM pads with SpaceToBatchParams::output_offset, never set: '
     'uninitialized arena bytes, memset byte-wise); the mismatch is there or downstream of it',
     lambda c, m, k, v, det, tflm: v == 'mismatch' and _stb_padded(m, k)),
    ('TFLM wrong: GREATER int16 (Prepare sets the rescaling parameters for int8 only: int16 compares with the '
     'uninitialized ones, all false on a zeroed arena); the mismatch is there or downstream of it',
     lambda c, m, k, v, det, tflm: v == 'mismatch' and any(
         n == 'GREATER' and m.tensors[i[0]].dtype == 'i16' for n, i, _, _ in m.ops[:k])),
    ('TFLM wrong: CUMSUM int8 with an input zero point other than 0 (TFLM starts each running sum at the scaled '
     '-zero_point instead of 0)',
     lambda c, m, k, v, det, tflm: v == 'mismatch' and _op(m, k)[0] == 'CUMSUM' and m.tensors[_op(m, k)[1][0]].dtype == 'i8'
     and m.tensors[_op(m, k)[1][0]].q['zero_point'][0] != 0),
    ('TFLM undefined: DIV int8 on elements where TFLM\'s rescale shifts by 32 or more or by a negative count (output '
     'shift - reciprocal shift - headroom outside -31..0, or a dividend of -1 shifted left by 31; checked on every listed '
     'element)',
     lambda c, m, k, v, det, tflm: v == 'mismatch' and _op(m, k)[0] == 'DIV' and m.tensors[_op(m, k)[1][0]].dtype == 'i8'
     and _div_int8_undefined(m, k, det, c) is True),
    ('TFLM undefined?: DIV int8 with a computed dividend or divisor (the elements were not checked; the same rescale '
     'as the class above)',
     lambda c, m, k, v, det, tflm: v == 'mismatch' and _op(m, k)[0] == 'DIV' and m.tensors[_op(m, k)[1][0]].dtype == 'i8'
     and _div_int8_undefined(m, k, det, c) is None),
    ('TFLM aborts: int8 comparison with an input scale of 1 or more (QuantizeMultiplierSmallerThanOneExp: '
     'TFLITE_CHECK_LT(scale, 1)); tinyrt compares the real values',
     lambda c, m, k, v, det, tflm: v == 'ran' and 'exited with -6' in tflm and _op(m, k)[0] in gen.COMPARISONS
     and m.tensors[_op(m, k)[1][0]].dtype == 'i8' and max(m.tensors[i].q['scale'][0] for i in _op(m, k)[1][:2]) >= 1),
    ('TFLM aborts: PRELU on rank-5 tensors (it extends shapes to 4-D: TFLITE_CHECK); tinyrt broadcasts up to rank 6 '
     '(test Prelu.FloatRankFive)',
     lambda c, m, k, v, det, tflm: v == 'ran' and 'exited with -6' in tflm and _op(m, k)[0] == 'PRELU'
     and max(len(m.tensors[i].shape) for i in _op(m, k)[1] + _op(m, k)[2]) > 4),
    ('TFLM aborts: ADD_N int8 whose output multiplier 2 s_in / (2^20 s_out) is 1 or more (QuantizeMultiplierSmallerThanOneExp: '
     'TFLITE_CHECK_LT); tinyrt runs TFLM\'s arithmetic, the sums saturate (test AddN.Int8OutputMultiplierOfOneOrMoreSaturates)',
     lambda c, m, k, v, det, tflm: v == 'ran' and 'exited with -6' in tflm and _op(m, k)[0] == 'ADD_N'
     and m.tensors[_op(m, k)[1][0]].dtype == 'i8'
     and 2 * m.tensors[_op(m, k)[1][0]].q['scale'][0] / (2 ** 20 * m.tensors[_op(m, k)[2][0]].q['scale'][0]) >= 1),
    ('TFLM undefined, tinyrt refuses: LOGICAL_AND/OR/NOT on non-bool inputs (TFLM does not check the type and reads '
     'the bytes as bool)',
     lambda c, m, k, v, det, tflm: v == 'error' and _op(m, k)[0] in ('LOGICAL_AND', 'LOGICAL_OR', 'LOGICAL_NOT')
     and 'supported: bool' in det),
    ('TFLM undefined, tinyrt refuses: CUMSUM int8 whose output rescale 2 s_in / (2^20 s_out) needs a right shift past 31',
     lambda c, m, k, v, det, tflm: v == 'error' and _op(m, k)[0] == 'CUMSUM' and 'scale ratio is out of range' in det
     and (_frexp_shift(2 * m.tensors[_op(m, k)[1][0]].q['scale'][0] / (2 ** 20 * m.tensors[_op(m, k)[2][0]].q['scale'][0]))
          or 0) < -31),
    ('TFLM aborts: CUMSUM int8 whose output multiplier 2 s_in / (2^20 s_out) is 1 or more (QuantizeMultiplierSmallerThanOneExp: '
     'TFLITE_CHECK_LT); tinyrt computes the (saturated) sums',
     lambda c, m, k, v, det, tflm: v == 'ran' and 'exited with -6' in tflm and _op(m, k)[0] == 'CUMSUM'
     and 2 * m.tensors[_op(m, k)[1][0]].q['scale'][0] / (2 ** 20 * m.tensors[_op(m, k)[2][0]].q['scale'][0]) >= 1),
    ('TFLM undefined, tinyrt refuses: SQUARED_DIFFERENCE whose output multiplier (2 max input scale)^2 / (2^(2 left_shift) '
     's_out) needs a shift of 31 or more (TFLM shifts the int32 squared difference left by it: an overflow for any '
     'difference of 2 or more)',
     lambda c, m, k, v, det, tflm: v == 'error' and _op(m, k)[0] == 'SQUARED_DIFFERENCE'
     and ('scale ratios are out of range' in det or 'output multiplier' in det) and _sqdiff_output_shift(m, k) > 30),
    ('TFLM undefined, tinyrt refuses: DIV int8 whose scale ratio s1 / (s2 s_out) needs a shift outside -31..31 '
     '(TFLM\'s rescale then shifts by 32+ or by a negative count)',
     lambda c, m, k, v, det, tflm: v == 'error' and _op(m, k)[0] == 'DIV' and 'scale ratio' in det
     and not -31 <= (_frexp_shift(float(np.float32(m.tensors[_op(m, k)[1][0]].q['scale'][0]) / (np.float32(m.tensors[_op(m, k)[1][1]].q['scale'][0])
                                                            * np.float32(m.tensors[_op(m, k)[2][0]].q['scale'][0])))) or 0) <= 31),
]

# tinyrt refuses a model TFLM runs: open (not fixed on any branch yet), listed in docs/robustness.md.
OPEN = [
    ('OPEN: tinyrt refuses an extreme scale: TRANSPOSE_CONV output rescale out of range',
     lambda d, det: d.startswith('TRANSPOSE_CONV') and 'out-of-range rescale' in det),
    ('OPEN: tinyrt refuses an extreme scale: TANH/LOGISTIC input scale out of range',
     lambda d, det: d.split(' ')[0] in ('TANH', 'LOGISTIC') and 'scale' in det),
    ('OPEN: RELU int16 differs from TFLM by one on rare elements (ordinary scales)',
     lambda d, det: d.startswith('RELU i16') and 'elements differ' in det),
    ('by design: CONV_2D int16x8 with an int32 bias whose sum can overflow int32 (TFLM accumulates in int32 and would wrap)',
     lambda d, det: d.startswith('CONV_2D i16') and 'bias=i32' in d and 'overflow the accumulator' in det),
    ('by design: FULLY_CONNECTED int16x8 with an int32 bias whose sum can overflow int32 (TFLM accumulates in int32 and would wrap)',
     lambda d, det: d.startswith('FULLY_CONNECTED i16') and 'bias=i32' in d and 'overflow the accumulator' in det),
    ('TFLM aborts: SOFTMAX int8 whose row sum of exps passes 2^9 (near-equal inputs, long rows; TFLITE_CHECK on the '
     'reciprocal exponent); tinyrt answers the probabilities, each below half an output step (fixed earlier)',
     lambda d, det: d.startswith('SOFTMAX i8') and 'exited with -6' in det),
]

# Labels of the first campaign round, before the classes above existed (for --summary).
RENAMED = [
    (r'^TFLM crashes \(crash: oracle exited with -11\), tinyrt runs it: DEPTHWISE_CONV_2D .*bias=none$', TFLM_WRONG[4][0]),
    (r'^UNEXPLAINED mismatch: TRANSPOSE_CONV i16 .*bias=i32$', TFLM_WRONG[0][0]),
    (r'^UNEXPLAINED tinyrt refuses: TRANSPOSE_CONV .*out-of-range rescale', OPEN[0][0]),
    (r'^UNEXPLAINED tinyrt refuses: (TANH|LOGISTIC) .*scale', OPEN[1][0]),
    (r'^TFLM crashes \(crash: oracle exited with -6\), tinyrt runs it: SOFTMAX i8$', OPEN[5][0]),
    (r'^UNEXPLAINED mismatch: RELU i16$', OPEN[2][0]),
    (r'^UNEXPLAINED tinyrt refuses: CONV_2D i16 .*bias=i32 .*overflow the accumulator', OPEN[3][0]),
    # checked: seed 2016066 (MAX_POOL_2D int8, scale 1e-12, fused RELU_N1_TO_1)
    (r'^UNEXPLAINED mismatch: MAX_POOL_2D i(8|16)$', TFLM_WRONG[3][0]),
    (r'^TFLM undefined: fused activation range of a pool with a scale below 2\^-31', TFLM_WRONG[3][0]),
    # checked: seed 3012579 (DEPTHWISE_CONV_2D int16x8, effective multiplier about 19,700)
    # checked: seeds 3012579 (effective scale about 19,700) and 5385832 (35,233), both past 2^14
    (r'^UNEXPLAINED mismatch: DEPTHWISE_CONV_2D i16 per-channel bias=i64$', TFLM_WRONG[8][0]),
    (r'^known\(correct\)\?: DEPTHWISE_CONV_2D int16x8 with an effective multiplier >= 128', TFLM_WRONG[8][0]),
    # checked one by one (docs/robustness.md): seed 1001087 (NaN input), seed 2001397 (input scale 5.8e-10)
    (r'^UNEXPLAINED mismatch: QUANTIZE f32->i8$', TFLM_WRONG[1][0]),
    (r'^UNEXPLAINED mismatch: RELU6 i16$', TFLM_WRONG[2][0]),
    # checked: seed 5177886 (output scale 1.4e-8 after a DEQUANTIZE of int16 values up to about 1,150)
    (r'^UNEXPLAINED mismatch: QUANTIZE f32->i16$', TFLM_WRONG[9][0]),
    # checked: seeds 5263514 (ABS, ratio 2.0e9), 5240445 (MEAN, 5.0e9), 5252775 (RELU, 4.1e11)
    # and seeds 6042886, 6072265 (LEAKY_RELU, ratios 1.1e9 and 1.3e9)
    (r'^UNEXPLAINED tinyrt refuses: .*scale ratio.* is out of range', REFUSED_UNDEFINED[2][0]),
    # checked: seeds 7010046 and 7112649 (output multipliers 1.38e9 and 1.03e12: shifts 31 and 40)
    (r'^(OPEN: SQUARED_DIFFERENCE int16 with extreme scale ratios|UNEXPLAINED tinyrt refuses: SQUARED_DIFFERENCE i16)',
     [label for label, _ in EXT_CLASSES if label.startswith('TFLM undefined, tinyrt refuses: SQUARED_DIFFERENCE')][0]),
    # checked: seeds 5263232 and 5479246 (702 and 760 products per output, int32 bias)
    (r'^known\(correct\): FULLY_CONNECTED int16x8$', OPEN[4][0], 'overflow the accumulator'),
]


def renamed(label, result):
    """The class of a result line under the final rules (RENAMED: label pattern, new label and,
    optionally, a pattern the verdicts' details must match)."""
    for pattern, new, *detail in RENAMED:
        if re.search(pattern, label) and (not detail or re.search(detail[0], json.dumps(result.get('verdicts', {})))):
            label = new
    return label


class Proc:
    """A batch subprocess answering one line per job; restarted when it dies."""

    def __init__(self, argv):
        self.argv = argv
        self.p = None

    def ask(self, line):
        if self.p is None or self.p.poll() is not None:
            self.p = subprocess.Popen(self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                      text=True, bufsize=1)
        try:
            self.p.stdin.write(line + '\n')
            self.p.stdin.flush()
            reply = self.p.stdout.readline()
        except BrokenPipeError:
            reply = ''
        if not reply:
            rc = self.p.wait()
            self.p = None
            return None, rc
        return reply.rstrip('\n'), 0

    def close(self):
        if self.p and self.p.poll() is None:
            self.p.stdin.close()
            self.p.wait()


class Campaign:
    def __init__(self, args):
        self.args = args
        self.work = args.work
        os.makedirs(self.work, exist_ok=True)
        self.schema = os.path.join(self.work, 'schema.fbs')
        src = args.schema
        with open(src) as f:
            text = f.read()
        # flatc 2.0 does not take `(deprecated)` on enum values and union members.
        text = text.replace('REDUCE_WINDOW = 205 (deprecated)', 'REDUCE_WINDOW = 205')
        text = text.replace('ReduceWindowOptions (deprecated),', 'ReduceWindowOptions,')
        with open(self.schema, 'w') as f:
            f.write(text)
        self.oracle = Proc([args.oracle, '--batch'])
        self.runner = Proc([args.runner, '--batch'])
        self.variants = subprocess.run([args.runner, '--variants'], capture_output=True, text=True).stdout.split()
        self.counts = collections.Counter()
        self.classes = collections.defaultdict(list)
        self.results = open(os.path.join(self.work, 'results.jsonl'), 'a')
        self.keep = {}  # corpus candidates: signature -> [case, ...]
        self.known = []  # known mismatches (fixed on branch correct), with TFLM's outputs

    def build(self, jobs):
        """jobs: list of (name, Model, n_ops[, outputs]). Writes name/model.tflite and inputs; returns dirs."""
        jdir = os.path.join(self.work, 'json')
        shutil.rmtree(jdir, ignore_errors=True)
        os.makedirs(jdir)
        out = []
        for name, m, k, *outputs in jobs:
            d = os.path.join(self.work, 'cases', name)
            os.makedirs(os.path.join(d, 'tflm'), exist_ok=True)
            text, inputs = m.to_json(n_ops=k, outputs=outputs[0] if outputs else None)
            with open(os.path.join(jdir, name + '.json'), 'w') as f:
                f.write(text)
            ins = []
            for i, t in enumerate(inputs):
                p = os.path.join(d, 'input%d.bin' % i)
                with open(p, 'wb') as f:
                    f.write(m.input_bytes(t, 1))
                ins.append(p)
            out.append((d, ins))
        names = [os.path.join(jdir, job[0] + '.json') for job in jobs]
        for i in range(0, len(names), 500):
            subprocess.run(['flatc', '-b', '-o', jdir, self.schema] + names[i:i + 500], check=True)
        for job, (d, _) in zip(jobs, out):
            shutil.move(os.path.join(jdir, job[0] + '.tflite'), os.path.join(d, 'model.tflite'))
        return out

    def tflm_values(self, m, n_ops, tensors):
        """TFLM's values of intermediate int8 tensors: the first n_ops operators with those tensors
        as the model's outputs, on the oracle. {tensor: array}, or None without an oracle or when it
        does not answer."""
        if getattr(self, 'oracle', None) is None:
            return None
        (d, ins), = self.build([('values_s%d_k%d' % (m.seed, n_ops), m, n_ops, list(tensors))])
        reply, _ = self.oracle.ask(' '.join([os.path.join(d, 'model.tflite'), os.path.join(d, 'tflm')] + ins))
        values = None
        if reply is not None and reply.startswith('ok'):
            values = {t: np.fromfile(os.path.join(d, 'tflm', 'output%d.bin' % j), dtype=np.int8) for j, t in enumerate(tensors)}
        shutil.rmtree(d, ignore_errors=True)
        return values

    def run_one(self, d, ins):
        """Runs one built case on the oracle and tinyrt: (tflm_reply, {variant: [verdict, detail]})."""
        for f in os.listdir(os.path.join(d, 'tflm')):
            os.remove(os.path.join(d, 'tflm', f))
        model = os.path.join(d, 'model.tflite')
        reply, rc = self.oracle.ask(' '.join([model, os.path.join(d, 'tflm')] + ins))
        if reply is None:
            reply = 'error crash: oracle exited with %d' % rc
        expect = os.path.join(d, 'tflm') if reply.startswith('ok') else '-'
        r, rc = self.runner.ask(' '.join([model, expect] + ins))
        if r is None:
            verdicts = {v: ['crash', 'difftest_runner exited with %d' % rc] for v in self.variants}
        else:
            verdicts = json.loads(r)
        return reply, verdicts

    @staticmethod
    def worst(verdicts):
        order = ['crash', 'mismatch', 'error', 'ran', 'both_refuse', 'match']
        return min((v[0] for v in verdicts.values()), key=lambda x: order.index(x) if x in order else -1)

    def classify(self, m, k, verdict, verdicts, tflm):
        desc = m.describe(k).split(' | ')[-1]
        detail = next((v[1] for v in verdicts.values() if v[0] == verdict), '')
        # Known and open classes are tinyrt's differences from an answer TFLM gives.
        for label, test in KNOWN + REFUSED_UNDEFINED + OPEN if verdict in ('mismatch', 'error') else OPEN:
            if test(desc, detail + ' ' + tflm):
                return label, desc, detail
        op_in = m.tensors[m.ops[k - 1][1][0]] if m.ops[k - 1][1][0] >= 0 else None
        in_scale = op_in.q['scale'][0] if op_in is not None and op_in.q else None
        for label, test in TFLM_WRONG:
            if test(desc, detail + ' ' + tflm, verdict, m.float_edges, in_scale, self.effective_scale(m, k)):
                return label, desc, detail
        for label, test in EXT_CLASSES:
            if test(self, m, k, verdict, detail, tflm):
                return label, desc, detail
        upstream = self.undefined_upstream(m, k) if verdict == 'mismatch' else None
        if upstream is not None:
            return upstream, desc, detail
        if verdict == 'ran' and 'crash' in tflm:
            return 'TFLM crashes (' + tflm[6:50] + '), tinyrt runs it: ' + desc, desc, detail
        if verdict == 'ran':
            return 'tinyrt runs what TFLM refuses: ' + desc.split(' ')[0] + ' (' + re.sub(r'number \d+', 'number N', tflm[:80]) + ')', desc, detail
        if verdict == 'error':
            return 'UNEXPLAINED tinyrt refuses: ' + desc + ' (' + detail[:100] + ')', desc, detail
        return 'UNEXPLAINED ' + verdict + ': ' + desc, desc, detail

    @staticmethod
    def undefined_upstream(m, k):
        """A label when an operator before op k (1-based) computes a fused activation range that
        is undefined in TFLM (a pool whose scale is below 6/2^31 with a fused activation): TFLM's
        value of that tensor is not even repeatable (seed 6168590: 0 in a fresh oracle, 32767 after
        another model ran in the same process), so the prefix that ends there may happen to match
        and op k then receives different inputs. None otherwise."""
        for j in range(k - 1):
            name, ins, _, opts = m.ops[j]
            if name not in ('MAX_POOL_2D', 'AVERAGE_POOL_2D') or ins[0] < 0:
                continue
            q = m.tensors[ins[0]].q
            act = (opts or {}).get('fused_activation_function', 'NONE')
            if q and act != 'NONE' and q['scale'][0] < 6 / 2**31:
                return ('TFLM undefined upstream: a pool before the differing op has a fused activation and a scale '
                        'below 6/2^31 (TFLM\'s value of its output is not repeatable)')
        return None

    @staticmethod
    def effective_scale(m, k):
        """The largest input scale x filter scale / output scale of op k (1-based) if it is a
        convolution, else None."""
        name, ins, outs, _ = m.ops[k - 1]
        if name not in ('CONV_2D', 'DEPTHWISE_CONV_2D', 'TRANSPOSE_CONV', 'FULLY_CONNECTED'):
            return None
        x = m.tensors[ins[2] if name == 'TRANSPOSE_CONV' else ins[0]]
        w, o = m.tensors[ins[1]], m.tensors[outs[0]]
        if not (x.q and w.q and o.q):
            return None
        return x.q['scale'][0] * max(w.q['scale']) / o.q['scale'][0]

    def tflm_equivalent(self, seed, k, label):
        """For a case where TFLM is wrong or crashes: the same model (first k ops) written the way
        TFLM's kernel handles it (TRANSPOSE_CONV int16x8: the int32 bias widened to int64;
        DEPTHWISE_CONV_2D: the missing bias as explicit zeros; SPACE_TO_BATCH_ND: the padding as a
        PAD before it). TFLM's outputs for it are the right
        answer for the original model. Returns (original Model, equivalent Model) or None."""
        m, e = gen.Model(seed), gen.Model(seed)
        name, ins, outs, opts = e.ops[k - 1]
        x = e.tensors[ins[2] if name == 'TRANSPOSE_CONV' else ins[0]]
        if label == TFLM_WRONG[0][0] and name == 'TRANSPOSE_CONV' and len(ins) == 4:
            b = e.tensors[ins[3]]
            e.ops[k - 1] = (name, ins[:3] + [e.const('i64', b.data.astype('int64'), b.q)], outs, opts)
        elif label == TFLM_WRONG[4][0] and name == 'DEPTHWISE_CONV_2D' and (len(ins) == 2 or ins[2] == -1):
            oc = e.tensors[outs[0]].shape[-1]
            if x.dtype == 'f32':
                zero = e.const('f32', [0.0] * oc)
            else:
                wq = e.tensors[ins[1]].q
                q = {'scale': [max(x.q['scale'][0] * s, 1e-30) for s in wq['scale']], 'zero_point': [0] * len(wq['scale'])}
                zero = e.const('i64' if x.dtype == 'i16' else 'i32', [0] * oc, q)
            e.ops[k - 1] = (name, ins[:2] + [zero], outs, opts)
        elif label == EXT_CLASSES[0][0] and name == 'SPACE_TO_BATCH_ND':
            # the padding as a PAD (zero point for quantized tensors, as TFLite pads), then
            # SPACE_TO_BATCH_ND with zero paddings
            pads = e.tensors[ins[2]].data.tolist()
            shape = [x.shape[0]] + [d + p[0] + p[1] for d, p in zip(x.shape[1:3], pads)] + [x.shape[3]]
            padded = e.act(x.dtype, shape, x.q)
            e.ops[k - 1:k] = [('PAD', [ins[0], e.const('i32', [[0, 0]] + pads + [[0, 0]])], [padded], None),
                              (name, [padded, ins[1], e.const('i32', [[0, 0], [0, 0]])], outs, opts)]
            e.k_equivalent = k + 1
        else:
            return None
        return m, e

    def verify_tflm_wrong(self, seed, k, label):
        """Runs the TFLM-equivalent model on the oracle and the original on tinyrt: 'verified' when
        every variant matches, else the verdicts. Returns (status, case for the corpus or None)."""
        pair = self.tflm_equivalent(seed, k, label)
        if pair is None:
            return 'no equivalent', None
        m, e = pair
        (d, ins), (de, _) = self.build([('v%d_k%d' % (seed, k), m, k), ('v%d_k%d_eq' % (seed, k), e, getattr(e, 'k_equivalent', k))])
        reply, _ = self.oracle.ask(' '.join([os.path.join(de, 'model.tflite'), os.path.join(de, 'tflm')] + ins))
        if reply is None or not reply.startswith('ok'):
            return 'oracle: %s' % reply, None
        r, _ = self.runner.ask(' '.join([os.path.join(d, 'model.tflite'), os.path.join(de, 'tflm')] + ins))
        verdicts = json.loads(r) if r else {}
        ok = verdicts and all(v[0] == 'match' for v in verdicts.values())
        case = None
        if ok:
            n = int(reply.split()[1])
            case = {'name': 'seed%d_k%d_tflm_equivalent' % (seed, k), 'model': open(os.path.join(d, 'model.tflite'), 'rb').read(),
                    'inputs': [open(i, 'rb').read() for i in ins], 'tflm_ok': True, 'tflm_error': '',
                    'outputs': [open(os.path.join(de, 'tflm', 'output%d.bin' % j), 'rb').read() for j in range(n)],
                    'expect': '', 'desc': m.describe(k) + ' [expected: TFLM on the equivalent model: ' + label + ']'}
        shutil.rmtree(d, ignore_errors=True)
        shutil.rmtree(de, ignore_errors=True)
        return ('verified' if ok else 'NOT verified: %s' % json.dumps(verdicts)), case

    def minimize(self, seed, m, verdict):
        """The shortest prefix of the operators that fails (its last op is the culprit): returns
        (k, (dir, inputs, tflm, verdicts) or None for the whole model, the prefix's verdict)."""
        n = len(m.ops)
        for k in range(1, n):
            (d, ins), = self.build([('s%d_k%d' % (seed, k), m, k)])
            tflm, verdicts = self.run_one(d, ins)
            w = self.worst(verdicts)
            if w not in ('match', 'both_refuse'):
                return k, (d, ins, tflm, verdicts), w
            shutil.rmtree(d, ignore_errors=True)
        return n, None, verdict

    def examine(self, s, m, d, ins, tflm, verdicts, rec):
        """Minimizes, classifies and keeps a reproducer of a failing model; fills rec."""
        verdict = self.worst(verdicts)
        k, found, prefix_verdict = self.minimize(s, m, verdict) if verdict != 'crash' else (len(m.ops), None, verdict)
        if found is None:
            found = (d, ins, tflm, verdicts)
        label, desc, detail = self.classify(m, k, prefix_verdict, found[3], found[2])
        self.classes[label].append(s)
        rec.update({'class': label, 'min_ops': k})
        rec['repro'] = self.reproducer(label, s, k, *found)
        if len(self.classes[label]) <= self.args.print_per_class:
            print('%s: seed %d (%d of %d ops): %s\n  %s\n  reproducer: %s' %
                  (label, s, k, len(m.ops), desc, detail[:300], rec['repro']), flush=True)

    def reproducer(self, label, seed, k, d, ins, tflm, verdicts):
        safe = ''.join(c if c.isalnum() else '_' for c in label)[:80]
        dest = os.path.join(self.work, 'repro', safe, 's%d_k%d' % (seed, k))
        if os.path.exists(dest):
            return dest
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copytree(d, dest)
        if os.path.basename(d) != 's%d' % seed:
            shutil.rmtree(d, ignore_errors=True)
        with open(os.path.join(dest, 'README'), 'w') as f:
            f.write('seed %d, first %d operators\nTFLM: %s\ntinyrt: %s\nrun: tinyrt run model.tflite %s\n' %
                    (seed, k, tflm, json.dumps(verdicts), ' '.join('--input ' + os.path.basename(i) for i in ins)))
        return dest

    def collect(self, seed, m, d, ins, tflm, verdict, rec):
        """Keeps a small, diverse set of cases for the committed corpus: a few per operator/type
        signature, smallest first."""
        cls = rec.get('class', '')
        if verdict == 'match' or (verdict == 'both_refuse' and len(m.ops) == 1):
            key = verdict + ' ' + ' | '.join(sorted(set(p.split(' bias')[0] for p in m.describe().split(' | '))))
            bucket = self.keep.setdefault(key, [])
            if len(bucket) >= self.args.pack_per_signature:
                return
        elif cls.startswith('known(correct)') and len(self.known) < 400:
            bucket = self.known
            d = rec['repro']  # the minimized reproducer
            ins = [os.path.join(d, f) for f in sorted(os.listdir(d)) if f.startswith('input')]
            n = len(os.listdir(os.path.join(d, 'tflm')))
            tflm = 'ok %d' % n if n else 'error'
        else:
            return
        with open(os.path.join(d, 'model.tflite'), 'rb') as f:
            model = f.read()
        if len(model) > self.args.pack_max_model_bytes:
            return
        inputs = [open(i, 'rb').read() for i in ins]
        if sum(map(len, inputs)) > self.args.pack_max_model_bytes:
            return
        outs = []
        if tflm.startswith('ok'):
            n = int(tflm.split()[1])
            outs = [open(os.path.join(d, 'tflm', 'output%d.bin' % j), 'rb').read() for j in range(n)]
            if sum(map(len, outs)) > self.args.pack_max_model_bytes:
                return
        bucket.append({'name': 'seed%d' % seed + ('_k%d' % rec['min_ops'] if bucket is self.known else ''), 'model': model,
                       'inputs': inputs, 'tflm_ok': tflm.startswith('ok'), 'tflm_error': '' if tflm.startswith('ok') else tflm,
                       'outputs': outs, 'expect': '', 'desc': rec['desc']})

    @staticmethod
    def pack_bytes(cases):
        def blob(b):
            return len(b).to_bytes(4, 'little') + b
        out = bytearray(b'TRDIFF01') + len(cases).to_bytes(4, 'little')
        for c in cases:
            out += blob(c['name'].encode()) + blob(c['model']) + len(c['inputs']).to_bytes(4, 'little')
            for i in c['inputs']:
                out += blob(i)
            out += bytes([1 if c['tflm_ok'] else 0]) + blob(c['tflm_error'].encode()) + len(c['outputs']).to_bytes(4, 'little')
            for o in c['outputs']:
                out += blob(o)
            out += blob(c['expect'].encode())
        return bytes(out)

    def write_packs(self, quiet=False):
        a = self.args
        # Round-robin over signatures so the budget spreads over every operator/type combination.
        buckets = sorted((b for b in self.keep.values() if b), key=lambda b: len(b[0]['model']))
        chosen, size, rnd = [], 0, 0
        while len(chosen) < a.pack_count and any(len(b) > rnd for b in buckets):
            for b in buckets:
                if len(b) > rnd and len(chosen) < a.pack_count:
                    c = b[rnd]
                    csize = len(c['model']) + sum(map(len, c['inputs'])) + sum(map(len, c['outputs']))
                    if size + csize > a.pack_max_bytes:
                        continue
                    chosen.append(c)
                    size += csize
            rnd += 1
        with open(a.pack, 'wb') as f:
            f.write(self.pack_bytes(chosen))
        with open(a.pack + '.txt', 'w') as f:
            for c in chosen:
                f.write('%s\t%s\t%s\n' % (c['name'], 'tflm ok' if c['tflm_ok'] else 'both refuse', c['desc']))
        if quiet:
            return
        print('corpus: %d cases from %d signatures, %d bytes -> %s' % (len(chosen), len(buckets), size, a.pack))
        if self.known:
            known = os.path.splitext(a.pack)[0] + '_known.pack'
            with open(known, 'wb') as f:
                f.write(self.pack_bytes(self.known))
            with open(known + '.txt', 'w') as f:
                for c in self.known:
                    f.write('%s\t%s\n' % (c['name'], c['desc']))
            print('known mismatches: %d cases -> %s' % (len(self.known), known))

    def campaign(self):
        a = self.args
        start = time.time()
        done = 0
        seeds = range(a.seed, a.seed + a.count)
        for b0 in range(0, len(seeds), a.batch):
            batch = seeds[b0:b0 + a.batch]
            models = [(s, gen.Model(s)) for s in batch]
            built = self.build([('s%d' % s, m, None) for s, m in models])
            for (s, m), (d, ins) in zip(models, built):
                tflm, verdicts = self.run_one(d, ins)
                verdict = self.worst(verdicts)
                self.counts[verdict] += 1
                rec = {'seed': s, 'ops': len(m.ops), 'desc': m.describe(), 'tflm': tflm[:300], 'verdicts': verdicts}
                if verdict in ('mismatch', 'error', 'crash', 'ran'):
                    self.examine(s, m, d, ins, tflm, verdicts, rec)
                if a.pack:
                    self.collect(s, m, d, ins, tflm, verdict, rec)
                self.results.write(json.dumps(rec) + '\n')
                shutil.rmtree(d, ignore_errors=True)
                done += 1
            if a.pack:
                self.write_packs(quiet=True)  # after every batch: a stopped campaign keeps its corpus
            el = time.time() - start
            print('[%d models, %.1f s, %.1f models/s] %s' % (done, el, done / el, dict(self.counts)), flush=True)
        self.results.close()
        if a.pack:
            self.write_packs()
        self.oracle.close()
        self.runner.close()
        el = time.time() - start
        print('\n== %d models (seeds %d..%d), %d variants (%s), %.0f s, %.1f models/s' %
              (done, a.seed, a.seed + a.count - 1, len(self.variants), ', '.join(self.variants), el, done / max(el, 1e-9)))
        print('verdicts (worst over variants):', dict(self.counts))
        for label, ss in sorted(self.classes.items()):
            print('%6d  %s  (seeds %s)' % (len(ss), label, ' '.join(map(str, ss[:5]))))


def tally_results(paths, label_of):
    """Counts the verdicts of results.jsonl files and the classes label_of(record) gives; prints both."""
    verdicts, classes, n = collections.Counter(), collections.defaultdict(list), 0
    for path in paths:
        for line in open(path):
            try:
                r = json.loads(line)
            except ValueError:  # the last line of a campaign stopped mid-write
                continue
            n += 1
            verdicts[Campaign.worst(r['verdicts'])] += 1
            label = label_of(r)
            if label:
                classes[label].append(r['seed'])
    print('%d models; verdicts (worst over variants): %s' % (n, dict(verdicts)))
    for label, ss in sorted(classes.items(), key=lambda kv: -len(kv[1])):
        print('%6d  %s  (e.g. seed %d)' % (len(ss), label, ss[0]))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--oracle', default=os.environ.get('TINYRT_TFLM_ORACLE'))
    p.add_argument('--runner', default=os.path.join(ROOT, 'build', 'tests', 'difftest_runner'))
    p.add_argument('--schema', default=os.path.join(ROOT, '..', 'shared', 'reference', 'schema.fbs'))
    p.add_argument('--work', default='/tmp/difftest')
    p.add_argument('--count', type=int, default=1000)
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--batch', type=int, default=200)
    p.add_argument('--print-per-class', type=int, default=2)
    p.add_argument('--pack', help='write a corpus pack of matching cases (and OUT_known.pack of known mismatches)')
    p.add_argument('--pack-count', type=int, default=3000)
    p.add_argument('--pack-per-signature', type=int, default=4)
    p.add_argument('--pack-max-bytes', type=int, default=3500000)
    p.add_argument('--pack-max-model-bytes', type=int, default=2000)
    p.add_argument('--summary', nargs='+', metavar='RESULTS', help='tally the results.jsonl of earlier campaigns and exit')
    p.add_argument('--classify-again', nargs='+', metavar='RESULTS',
                   help='classify the failures of these results again with the current rules, from their reproducers '
                        '(no oracle); writes WORK/classified.jsonl')
    p.add_argument('--reclassify', nargs='+', metavar='RESULTS',
                   help='run, minimize and classify again the failing models of these results (same generator)')
    p.add_argument('--verify', nargs='+', metavar='RESULTS',
                   help='check every case of the TFLM-wrong classes in these results against TFLM on the equivalent model; '
                        'with --pack, write the verified cases (expected outputs: TFLM on the equivalent model)')
    a = p.parse_args()
    if a.verify:
        if not a.oracle:
            sys.exit('error: --verify needs the oracle')
        c = Campaign(a)
        tally, cases, known, limit = collections.Counter(), [], [], collections.Counter()
        for path in a.verify:
            for line in open(path):
                try:
                    r = json.loads(line)
                except ValueError:  # the last line of a campaign stopped mid-write
                    continue
                label = r.get('class', '')
                label = renamed(label, r)
                if label.startswith('known(correct)') and limit[label] < 80:
                    # the minimized model with TFLM's outputs: must match once branch correct is merged
                    m = gen.Model(r['seed'])
                    k = r['min_ops']
                    (d, ins), = c.build([('k%d_k%d' % (r['seed'], k), m, k)])
                    reply, _ = c.oracle.ask(' '.join([os.path.join(d, 'model.tflite'), os.path.join(d, 'tflm')] + ins))
                    model = open(os.path.join(d, 'model.tflite'), 'rb').read()
                    if reply and reply.startswith('ok') and len(model) <= a.pack_max_model_bytes:
                        limit[label] += 1
                        n = int(reply.split()[1])
                        known.append({'name': 'seed%d_k%d' % (r['seed'], k), 'model': model, 'inputs': [open(i, 'rb').read() for i in ins],
                                      'tflm_ok': True, 'tflm_error': '', 'expect': '', 'desc': m.describe(k) + ' [' + label + ']',
                                      'outputs': [open(os.path.join(d, 'tflm', 'output%d.bin' % j), 'rb').read() for j in range(n)]})
                    shutil.rmtree(d, ignore_errors=True)
                    continue
                if label not in (TFLM_WRONG[0][0], TFLM_WRONG[4][0], EXT_CLASSES[0][0]):
                    continue
                status, case = c.verify_tflm_wrong(r['seed'], r['min_ops'], label)
                tally[(label, status if not status.startswith('NOT') else 'NOT verified')] += 1
                if status.startswith('NOT'):
                    print('seed %d k %d: %s' % (r['seed'], r['min_ops'], status))
                if case and len(case['model']) <= a.pack_max_model_bytes and limit[label] < 60:
                    limit[label] += 1
                    cases.append(case)
        for (label, status), n in sorted(tally.items()):
            print('%6d  %s: %s' % (n, label, status))
        if a.pack:
            for path, items in ((a.pack, cases), (os.path.join(os.path.dirname(a.pack), 'corpus_known.pack'), known)):
                with open(path, 'wb') as f:
                    f.write(Campaign.pack_bytes(items))
                with open(path + '.txt', 'w') as f:
                    for k in items:
                        f.write('%s\t%s\n' % (k['name'], k['desc']))
                print('%d cases -> %s' % (len(items), path))
        c.oracle.close()
        c.runner.close()
        return
    if a.reclassify:
        if not a.oracle:
            sys.exit('error: --reclassify needs the oracle')
        c = Campaign(a)
        out = open(os.path.join(a.work, 'reclassified.jsonl'), 'w')
        for path in a.reclassify:
            for line in open(path):
                try:
                    r = json.loads(line)
                except ValueError:  # the last line of a campaign stopped mid-write
                    continue
                if 'class' in r:
                    # The first round's minimizer stopped at the first prefix failing like the whole
                    # model; an earlier prefix may fail differently: scan prefixes up to the old k.
                    m = gen.Model(r['seed'])
                    for k in range(1, r['min_ops'] + 1):
                        (d, ins), = c.build([('s%d_k%d' % (r['seed'], k), m, k)])
                        tflm, verdicts = c.run_one(d, ins)
                        w = c.worst(verdicts)
                        if w not in ('match', 'both_refuse') or k == r['min_ops']:
                            label, desc, detail = c.classify(m, k, w, verdicts, tflm)
                            c.classes[label].append(r['seed'])
                            r.update({'class': label, 'min_ops': k, 'repro': c.reproducer(label, r['seed'], k, d, ins, tflm, verdicts)})
                            break
                        shutil.rmtree(d, ignore_errors=True)
                out.write(json.dumps(r) + '\n')
        out.close()
        c.oracle.close()
        c.runner.close()
        print('-> %s' % os.path.join(a.work, 'reclassified.jsonl'))
        return
    if a.classify_again:
        # Classifies the failures of earlier campaigns again with the current rules, from their
        # reproducers' READMEs (the minimized case's TFLM answer and verdicts); no oracle needed
        # (with one, DIV int8 cases with computed operands are checked element by element).
        os.makedirs(a.work, exist_ok=True)
        c = Campaign(a) if a.oracle else None
        with open(os.path.join(a.work, 'classified.jsonl'), 'w') as out:
            def again(r):
                if 'class' in r:
                    lines = open(os.path.join(r['repro'], 'README')).read().split('\n')
                    tflm, vs = lines[1][len('TFLM: '):], json.loads(lines[2][len('tinyrt: '):])
                    m, k, w = gen.Model(r['seed']), r['min_ops'], Campaign.worst(vs)
                    r['class'] = c.classify(m, k, w, vs, tflm)[0] if c else Campaign.classify(Campaign, m, k, w, vs, tflm)[0]
                out.write(json.dumps(r) + '\n')
                return r.get('class')
            tally_results(a.classify_again, again)
        return
    if a.summary:
        tally_results(a.summary, lambda r: renamed(r['class'], r) if 'class' in r else None)
        return
    if not a.oracle:
        sys.exit('error: no oracle: pass --oracle or set TINYRT_TFLM_ORACLE (docs/robustness.md says how to build one)')
    Campaign(a).campaign()


if __name__ == '__main__':
    main()
