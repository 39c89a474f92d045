# SPDX-License-Identifier: Apache-2.0
"""Random TFLite model generator for the differential campaign (tools/difftest/campaign.py).

A model is a function of its seed: Model(seed) builds a chain or small DAG of 1-12 operators
(CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, TRANSPOSE_CONV, ADD, SUB, MUL, MAXIMUM, MINIMUM,
pools, SOFTMAX, CONCATENATION, RESHAPE, activations, MEAN, PAD, PADV2, STRIDED_SLICE, QUANTIZE,
DEQUANTIZE, TRANSPOSE, ...) over float32, int8 or int16 activations (int16x8 for the
convolutions), with random shapes, broadcasting, strides, dilations, paddings, depth
multipliers, fused activations, per-tensor and per-channel quantization (extreme scales
sometimes) and float edge values. The model is written as JSON for the full TFLite schema and
turned into .tflite by flatc (many at a time); inputs are raw little-endian .bin files.

From seed EXT_SEED (7,000,000) on, the second generator adds DIV, SQUARED_DIFFERENCE, the six
comparisons, LOGICAL_AND/OR/NOT, GATHER, SELECT_V2, SPLIT, SPLIT_V, PACK, UNPACK, SLICE, MIRROR_PAD,
RESIZE_NEAREST_NEIGHBOR, RESIZE_BILINEAR, SPACE_TO_DEPTH, DEPTH_TO_SPACE, SPACE_TO_BATCH_ND,
BATCH_TO_SPACE_ND, ARG_MAX, ARG_MIN, BATCH_MATMUL, CUMSUM and L2_NORMALIZATION, int32, uint8 and
bool tensors, and op versions 1 to the highest TFLite defines. Lower seeds give exactly the models
of the first generator.

From seed THIRD_SEED (8,000,000) on, the third generator adds FLOOR, CEIL, ROUND, EXP, LOG, SQRT,
RSQRT, SIN, COS, SQUARE, ELU, LOG_SOFTMAX, PRELU, CAST, FLOOR_DIV, FLOOR_MOD, ZEROS_LIKE,
REVERSE_V2, ADD_N, GATHER_ND, BROADCAST_TO, SHAPE, REDUCE_MIN, L2_POOL_2D, EMBEDDING_LOOKUP and
DYNAMIC_UPDATE_SLICE; seeds below it give exactly the models of the first two.
"""
import json
import math

import numpy as np

# TFLite builtin operator codes and option tables (schema.fbs).
OPS = {
    'ADD': (0, 'AddOptions'), 'AVERAGE_POOL_2D': (1, 'Pool2DOptions'), 'CONCATENATION': (2, 'ConcatenationOptions'),
    'CONV_2D': (3, 'Conv2DOptions'), 'DEPTHWISE_CONV_2D': (4, 'DepthwiseConv2DOptions'), 'DEQUANTIZE': (6, None),
    'FULLY_CONNECTED': (9, 'FullyConnectedOptions'), 'LOGISTIC': (14, None), 'MAX_POOL_2D': (17, 'Pool2DOptions'),
    'MUL': (18, 'MulOptions'), 'RELU': (19, None), 'RELU_N1_TO_1': (20, None), 'RELU6': (21, None),
    'RESHAPE': (22, 'ReshapeOptions'), 'SOFTMAX': (25, 'SoftmaxOptions'), 'TANH': (28, None), 'PAD': (34, None),
    'TRANSPOSE': (39, None), 'MEAN': (40, 'ReducerOptions'), 'SUB': (41, 'SubOptions'), 'SQUEEZE': (43, 'SqueezeOptions'),
    'STRIDED_SLICE': (45, 'StridedSliceOptions'), 'MAXIMUM': (55, None), 'MINIMUM': (57, None), 'PADV2': (60, None),
    'ABS': (101, None), 'NEG': (59, None), 'LEAKY_RELU': (98, 'LeakyReluOptions'), 'QUANTIZE': (114, None),
    'HARD_SWISH': (117, None), 'TRANSPOSE_CONV': (67, 'TransposeConvOptions'), 'EXPAND_DIMS': (70, None),
    'SUM': (74, 'ReducerOptions'), 'REDUCE_MAX': (82, 'ReducerOptions'),
    # generated from seed EXT_SEED on (the second generator, below)
    'DIV': (42, 'DivOptions'), 'SQUARED_DIFFERENCE': (99, None), 'EQUAL': (71, None), 'NOT_EQUAL': (72, None),
    'LESS': (58, None), 'LESS_EQUAL': (63, None), 'GREATER': (61, None), 'GREATER_EQUAL': (62, None),
    'LOGICAL_OR': (84, None), 'LOGICAL_AND': (86, None), 'LOGICAL_NOT': (87, None), 'GATHER': (36, 'GatherOptions'),
    'SELECT_V2': (123, None), 'SPLIT': (49, 'SplitOptions'), 'SPLIT_V': (102, 'SplitVOptions'), 'PACK': (83, 'PackOptions'),
    'UNPACK': (88, 'UnpackOptions'), 'SLICE': (65, None), 'MIRROR_PAD': (100, 'MirrorPadOptions'),
    'RESIZE_BILINEAR': (23, 'ResizeBilinearOptions'), 'RESIZE_NEAREST_NEIGHBOR': (97, 'ResizeNearestNeighborOptions'),
    'SPACE_TO_DEPTH': (26, 'SpaceToDepthOptions'), 'DEPTH_TO_SPACE': (5, 'DepthToSpaceOptions'),
    'SPACE_TO_BATCH_ND': (38, None), 'BATCH_TO_SPACE_ND': (37, None), 'ARG_MAX': (56, 'ArgMaxOptions'),
    'ARG_MIN': (79, 'ArgMinOptions'), 'BATCH_MATMUL': (126, 'BatchMatMulOptions'), 'CUMSUM': (128, 'CumsumOptions'),
    'L2_NORMALIZATION': (11, 'L2NormOptions'),
    # generated from seed THIRD_SEED on (the third generator)
    'FLOOR': (8, None), 'CEIL': (104, None), 'ROUND': (116, None), 'EXP': (47, None), 'LOG': (73, None),
    'SQRT': (75, None), 'RSQRT': (76, None), 'SIN': (66, None), 'COS': (108, None), 'SQUARE': (92, None),
    'ELU': (111, None), 'LOG_SOFTMAX': (50, None), 'PRELU': (54, None), 'CAST': (53, None),
    'FLOOR_DIV': (90, None), 'FLOOR_MOD': (95, None), 'ZEROS_LIKE': (93, None), 'REVERSE_V2': (105, None),
    'ADD_N': (106, None), 'GATHER_ND': (107, None), 'BROADCAST_TO': (130, None), 'SHAPE': (77, 'ShapeOptions'),
    'REDUCE_MIN': (89, 'ReducerOptions'), 'L2_POOL_2D': (12, 'Pool2DOptions'), 'EMBEDDING_LOOKUP': (7, None),
    'DYNAMIC_UPDATE_SLICE': (151, None),
}
TYPE_NAME = {'f32': 'FLOAT32', 'i8': 'INT8', 'i16': 'INT16', 'i32': 'INT32', 'i64': 'INT64', 'u8': 'UINT8', 'bool': 'BOOL',
             'i4': 'INT4'}
# An 'i4' constant's data is already packed (two values a byte, Model.to_int4_weights).
NP = {'f32': np.float32, 'i8': np.int8, 'i16': np.int16, 'i32': np.int32, 'i64': np.int64, 'u8': np.uint8, 'bool': np.bool_,
      'i4': np.uint8}
ACTS = ['NONE', 'RELU', 'RELU_N1_TO_1', 'RELU6']
QRANGE = {'i8': (-128, 127), 'i16': (-32768, 32767), 'u8': (0, 255)}

# Models from this seed on come from the second generator: the builtins above marked so, int32,
# uint8 and bool tensors, and op versions other than 1. Models of lower seeds are exactly those of
# the first generator (the same random stream: every new choice is made only from this seed on).
EXT_SEED = 7000000
# From this seed on, the third generator's builtins too (NEW_OPS3); lower seeds are unchanged.
THIRD_SEED = 8000000
# From this seed on, int4-weight models only (Model.int4_model): chains of 1-4 int8 CONV_2D,
# DEPTHWISE_CONV_2D and FULLY_CONNECTED whose filters are INT4; lower seeds are unchanged.
INT4_SEED = 9000000

# The highest op version of each generated builtin (TFLite's op versions; tinyrt's kernels run
# every one of them, TFLM's ignore the version).
MAX_VERSION = {
    'ABS': 5, 'ADD': 3, 'ARG_MAX': 2, 'ARG_MIN': 2, 'AVERAGE_POOL_2D': 3, 'BATCH_MATMUL': 4, 'BATCH_TO_SPACE_ND': 4,
    'CONCATENATION': 4, 'CONV_2D': 8, 'CUMSUM': 1, 'DEPTH_TO_SPACE': 2, 'DEPTHWISE_CONV_2D': 7, 'DEQUANTIZE': 3,
    'DIV': 2, 'EQUAL': 4, 'EXPAND_DIMS': 1, 'FULLY_CONNECTED': 12, 'GATHER': 5, 'GREATER': 4, 'GREATER_EQUAL': 4,
    'HARD_SWISH': 1, 'L2_NORMALIZATION': 2, 'LEAKY_RELU': 2, 'LESS': 4, 'LESS_EQUAL': 4, 'LOGICAL_AND': 1,
    'LOGICAL_NOT': 1, 'LOGICAL_OR': 1, 'LOGISTIC': 3, 'MAX_POOL_2D': 3, 'MAXIMUM': 4, 'MEAN': 3, 'MINIMUM': 4,
    'MIRROR_PAD': 3, 'MUL': 7, 'NEG': 2, 'NOT_EQUAL': 4, 'PACK': 3, 'PAD': 4, 'PADV2': 4, 'QUANTIZE': 2,
    'REDUCE_MAX': 3, 'RELU': 3, 'RELU6': 3, 'RELU_N1_TO_1': 1, 'RESHAPE': 1, 'RESIZE_BILINEAR': 4,
    'RESIZE_NEAREST_NEIGHBOR': 4, 'SELECT_V2': 2, 'SLICE': 5, 'SOFTMAX': 3, 'SPACE_TO_BATCH_ND': 4,
    'SPACE_TO_DEPTH': 2, 'SPLIT': 4, 'SPLIT_V': 2, 'SQUARED_DIFFERENCE': 2, 'SQUEEZE': 1, 'STRIDED_SLICE': 8, 'SUB': 5,
    'SUM': 2, 'TANH': 3, 'TRANSPOSE': 6, 'TRANSPOSE_CONV': 5, 'UNPACK': 4,
}

# The second generator's builtins and the tensor types TFLM's reference kernels take for each (the
# first input's type; a few picks go to other types, which TFLM refuses).
COMPARISONS = ['EQUAL', 'NOT_EQUAL', 'LESS', 'LESS_EQUAL', 'GREATER', 'GREATER_EQUAL']
NEW_OPS = {
    'DIV': ('f32', 'i8', 'i32'), 'SQUARED_DIFFERENCE': ('f32', 'i8', 'i16', 'i32'),
    'EQUAL': ('f32', 'i8', 'i16', 'i32', 'bool'), 'NOT_EQUAL': ('f32', 'i8', 'i16', 'i32', 'bool'),
    'LESS': ('f32', 'i8', 'i16', 'i32'), 'LESS_EQUAL': ('f32', 'i8', 'i16', 'i32'),
    'GREATER': ('f32', 'i8', 'i16', 'i32'), 'GREATER_EQUAL': ('f32', 'i8', 'i16', 'i32'),
    'LOGICAL_AND': ('bool',), 'LOGICAL_OR': ('bool',), 'LOGICAL_NOT': ('bool',),
    'GATHER': ('f32', 'i8', 'i32'), 'SELECT_V2': ('f32', 'i8', 'i16', 'i32', 'bool'),
    'SPLIT': ('f32', 'i8', 'i16', 'i32'), 'SPLIT_V': ('f32', 'i8', 'i16', 'i32'),
    'PACK': ('f32', 'i8', 'i16', 'i32'), 'UNPACK': ('f32', 'i8', 'i16', 'i32'),
    'SLICE': ('f32', 'i8', 'i16', 'i32', 'bool'), 'MIRROR_PAD': ('f32', 'i8'),
    'RESIZE_NEAREST_NEIGHBOR': ('f32', 'i8', 'i16'), 'RESIZE_BILINEAR': ('f32', 'i8'),
    'SPACE_TO_DEPTH': ('f32', 'i8'), 'DEPTH_TO_SPACE': ('f32', 'i8'),
    'SPACE_TO_BATCH_ND': ('f32', 'i8'), 'BATCH_TO_SPACE_ND': ('f32', 'i8'),
    'ARG_MAX': ('f32', 'i8'), 'ARG_MIN': ('f32', 'i8'), 'BATCH_MATMUL': ('f32', 'i8', 'i16'),
    'CUMSUM': ('f32', 'i8'), 'L2_NORMALIZATION': ('f32', 'i8'),
}
# The third generator's builtins and the types TFLM's kernels take for each (FLOOR_DIV and FLOOR_MOD:
# float32 in TFLM, int32 too in tinyrt, so int32 picks are "tinyrt runs what TFLM refuses").
UNARY_FLOAT = ('FLOOR', 'CEIL', 'ROUND', 'EXP', 'LOG', 'SQRT', 'SIN', 'COS', 'SQUARE')
NEW_OPS3 = dict({n: ('f32',) for n in UNARY_FLOAT}, **{
    'RSQRT': ('f32', 'i8'), 'ELU': ('f32', 'i8'), 'LOG_SOFTMAX': ('f32', 'i8'), 'PRELU': ('f32', 'i8', 'i16'),
    'CAST': ('f32', 'i8', 'i16', 'i32', 'u8', 'bool'), 'FLOOR_DIV': ('f32', 'i32'), 'FLOOR_MOD': ('f32', 'i32'),
    'ZEROS_LIKE': ('f32', 'i8', 'i32'), 'REVERSE_V2': ('f32', 'i8', 'i16', 'i32', 'u8', 'bool'), 'ADD_N': ('f32', 'i8'),
    'GATHER_ND': ('f32', 'i8', 'i32'), 'BROADCAST_TO': ('f32', 'i8', 'i16', 'i32', 'bool'),
    'SHAPE': ('f32', 'i8', 'i16', 'i32', 'u8', 'bool'), 'REDUCE_MIN': ('f32', 'i8'), 'L2_POOL_2D': ('f32',),
    'EMBEDDING_LOOKUP': ('f32', 'i8'), 'DYNAMIC_UPDATE_SLICE': ('f32', 'i8', 'i16', 'i32'),
})
# tinyrt's highest version of each (checked against TFLite's versions when op versions were added).
MAX_VERSION.update({n: 1 for n in UNARY_FLOAT})
MAX_VERSION.update({'RSQRT': 3, 'ELU': 1, 'LOG_SOFTMAX': 2, 'PRELU': 1, 'CAST': 7, 'FLOOR_DIV': 2, 'FLOOR_MOD': 2,
                    'ZEROS_LIKE': 1, 'REVERSE_V2': 3, 'ADD_N': 1, 'GATHER_ND': 5, 'BROADCAST_TO': 3, 'SHAPE': 1,
                    'REDUCE_MIN': 3, 'L2_POOL_2D': 1, 'EMBEDDING_LOOKUP': 1, 'DYNAMIC_UPDATE_SLICE': 1})
RANK4_OPS = ('RESIZE_NEAREST_NEIGHBOR', 'RESIZE_BILINEAR', 'SPACE_TO_DEPTH', 'DEPTH_TO_SPACE', 'SPACE_TO_BATCH_ND',
             'BATCH_TO_SPACE_ND', 'L2_POOL_2D')
# First-generator ops that take int32 / bool tensors too.
OLD_I32 = ['ADD', 'SUB', 'MUL', 'MAXIMUM', 'MINIMUM', 'CONCATENATION', 'RESHAPE', 'TRANSPOSE', 'EXPAND_DIMS', 'SQUEEZE',
           'STRIDED_SLICE', 'PAD', 'ABS', 'NEG', 'SUM', 'REDUCE_MAX']
OLD_BOOL = ['RESHAPE', 'CONCATENATION', 'TRANSPOSE', 'EXPAND_DIMS', 'SQUEEZE', 'STRIDED_SLICE']


class Tensor:
    def __init__(self, dtype, shape, q=None, data=None):
        self.dtype, self.shape, self.q, self.data = dtype, list(shape), q, data


class Model:
    """One random model; `ops` is the chain/DAG, `tensors` every tensor."""

    def __init__(self, seed, max_ops=None, single_op=None):
        self.seed = seed
        self.r = np.random.default_rng(seed)
        self.tensors, self.ops, self.inputs = [], [], []
        self.float_edges = False
        self.ext = seed >= EXT_SEED
        self.third = seed >= THIRD_SEED
        self.versions = {}
        r = self.r
        if seed >= INT4_SEED:
            self.int4_model(max_ops, single_op)
            return
        if self.ext:
            domain = str(r.choice(['f32', 'f32', 'i8', 'i8', 'i8', 'i16', 'i32', 'bool', 'u8']))
        else:
            domain = str(r.choice(['f32', 'i8', 'i8', 'i16']))
        n_ops = 1 if r.random() < 0.35 else int(r.integers(2, 13))
        if single_op:
            n_ops = 1
        if max_ops:
            n_ops = min(n_ops, max_ops)
        self.float_edges = domain == 'f32' and r.random() < 0.15
        rank4 = r.random() < 0.8
        shape = self.rand_shape(4 if rank4 else int(r.integers(1, 5)))
        x = self.new_input(domain, shape)
        avail = [x]
        for _ in range(n_ops):
            for _attempt in range(20):
                name = single_op or str(r.choice(self.op_names(self.tensors[x])))
                y = self.build_op(name, x, avail)
                if y is not None:
                    break
            else:
                break
            x = y
            avail.append(x)
        self.outputs = [x]
        # Sometimes an intermediate activation is a model output too.
        if len(avail) > 2 and r.random() < 0.2:
            extra = int(r.choice(avail[1:-1]))
            if extra not in self.outputs:
                self.outputs.append(extra)

    # ---------------------------------------------------------------- helpers
    def rand_shape(self, rank):
        r = self.r
        big = r.random() < 0.1
        dims = [int(r.integers(1, 4))] + [int(r.integers(1, 24 if big else 10)) for _ in range(rank - 1)]
        if rank >= 1 and r.random() < 0.2:
            dims[int(r.integers(0, rank))] = 1
        while np.prod(dims) > 3000:
            dims[int(np.argmax(dims))] //= 2
        return dims[:rank] if rank else []

    def scale(self, extreme=0.08):
        r = self.r
        if r.random() < extreme:
            return float(10 ** r.uniform(-7, 2))
        return float(10 ** r.uniform(-3, -0.3))

    def qparams(self, dtype, scale=None, zp=None):
        if dtype not in QRANGE:
            return None
        lo, hi = QRANGE[dtype]
        if zp is None:
            zp = 0 if dtype == 'i16' else int(self.r.integers(lo, hi + 1))
        s = scale if scale is not None else self.scale()
        return {'scale': [float(np.float32(min(max(s, 1e-12), 1e12)))], 'zero_point': [int(zp)]}

    def add_tensor(self, t):
        self.tensors.append(t)
        return len(self.tensors) - 1

    def new_input(self, dtype, shape):
        i = self.add_tensor(Tensor(dtype, shape, self.qparams(dtype)))
        self.inputs.append(i)
        return i

    def act(self, dtype, shape, q='new'):
        if q == 'new':
            q = self.qparams(dtype)
        return self.add_tensor(Tensor(dtype, shape, q))

    def const(self, dtype, arr, q=None):
        arr = np.asarray(arr, dtype=NP[dtype])
        return self.add_tensor(Tensor(dtype, list(arr.shape), q, arr))

    def op(self, name, ins, outs, opts=None):
        self.ops.append((name, ins, outs, opts))
        if self.ext and name not in self.versions:
            # one version per builtin and model (TFLM ignores it; tinyrt must accept it)
            self.versions[name] = int(self.r.integers(1, MAX_VERSION.get(name, 1) + 1)) if self.r.random() < 0.3 else 1
        return outs[0]

    def fused(self):
        return str(self.r.choice(ACTS))

    def op_names(self, t):
        if self.ext:
            return self.ext_op_names(t)
        return self.old_op_names(t)

    def old_op_names(self, t):
        names = ['ADD', 'SUB', 'MUL', 'MAXIMUM', 'MINIMUM', 'RELU', 'RELU6', 'LOGISTIC', 'TANH', 'RESHAPE',
                 'CONCATENATION', 'PAD', 'PADV2', 'STRIDED_SLICE', 'FULLY_CONNECTED', 'LEAKY_RELU', 'TRANSPOSE', 'MEAN',
                 'SOFTMAX', 'ABS', 'NEG', 'SUM', 'REDUCE_MAX', 'EXPAND_DIMS', 'SQUEEZE']
        if len(t.shape) == 4:
            names += ['CONV_2D'] * 3 + ['DEPTHWISE_CONV_2D'] * 3 + ['AVERAGE_POOL_2D', 'MAX_POOL_2D', 'TRANSPOSE_CONV'] * 2
        if t.dtype == 'f32':
            names += ['QUANTIZE', 'HARD_SWISH']
        elif t.dtype in ('i8', 'i16'):
            names += ['QUANTIZE', 'DEQUANTIZE']
            if t.dtype == 'i8':
                names += ['HARD_SWISH']
        return names

    def weights_q(self, n_channels, axis):
        r = self.r
        per_channel = r.random() < 0.6
        n = n_channels if per_channel else 1
        base = self.scale(0.05) * 0.1
        scales = [float(np.float32(base * r.uniform(0.3, 3))) for _ in range(n)]
        return {'scale': scales, 'zero_point': [0] * n, 'quantized_dimension': axis}

    def quant_weights(self, shape):
        return self.r.integers(-127, 128, size=shape).astype(np.int8)

    def bias(self, x, wq, n, dtype_in, depthwise=False):
        """Bias constant for a convolution/FC (None: no bias tensor); returns tensor index or -1."""
        r = self.r
        t = self.tensors[x]
        if t.dtype == 'f32':
            if r.random() < 0.2:
                return -1
            return self.const('f32', r.uniform(-1, 1, size=[n]).astype(np.float32))
        choice = r.random()
        in_s = t.q['scale'][0]
        scales = [float(np.float32(max(in_s * s, 1e-30))) for s in wq['scale']]
        q = {'scale': scales, 'zero_point': [0] * len(scales)}
        if t.dtype == 'i16':
            if choice < 0.15:
                return -1
            dt = 'i64' if choice < 0.75 or depthwise else 'i32'
            return self.const(dt, r.integers(-(1 << 20), 1 << 20, size=[n]), q)
        if choice < 0.1:
            return -1
        return self.const('i32', r.integers(-20000, 20000, size=[n]), q)

    def weights_bias(self, x, wt, bias):
        """Inputs of a convolution/FC: no bias is an optional input of -1 or, as often, no third input."""
        if bias == -1 and self.r.random() < 0.5:
            return [x, wt]
        return [x, wt, bias]

    def out_q_for_accum(self, x, wq, taps):
        """Output quantization of a conv/FC: scaled so results spread over the range, sometimes not."""
        t = self.tensors[x]
        if t.dtype == 'f32':
            return None
        r = self.r
        acc_scale = t.q['scale'][0] * float(np.mean(wq['scale'])) * (128 if t.dtype == 'i8' else 8192) * 127 * math.sqrt(taps)
        lo, hi = QRANGE[t.dtype]
        s = acc_scale / (hi - lo) * 10 ** r.uniform(-1, 0.7)
        if r.random() < 0.05:
            s *= 10 ** r.uniform(-5, 5)
        return self.qparams(t.dtype, s)

    def pick_other(self, x, avail):
        """Second operand of a binary op: an earlier activation of the same type and shape (a DAG)
        or a constant, possibly broadcast."""
        r = self.r
        t = self.tensors[x]
        same = [a for a in avail if a != x and self.tensors[a].dtype == t.dtype and self.tensors[a].shape == t.shape]
        if same and r.random() < 0.5:
            return int(r.choice(same))
        shape = list(t.shape)
        if r.random() < 0.4:
            for i in range(len(shape)):
                if r.random() < 0.5:
                    shape[i] = 1
            if r.random() < 0.3 and shape:
                shape = shape[int(r.integers(0, len(shape))):]
        if r.random() < 0.15 and len(shape) < 4 and t.shape:
            # the other side broadcasts the input: the input has 1s, the other is bigger
            return None
        return self.const_like(t.dtype, shape, self.qparams(t.dtype))

    def const_like(self, dtype, shape, q):
        r = self.r
        if dtype == 'f32':
            return self.const('f32', r.uniform(-2, 2, size=shape).astype(np.float32))
        if dtype == 'i32':
            return self.const('i32', r.integers(-1000, 1000, size=shape))
        if dtype == 'bool':
            return self.const('bool', r.integers(0, 2, size=shape).astype(bool))
        if dtype == 'i64':
            return self.const('i64', r.integers(-1000, 1000, size=shape))
        lo, hi = QRANGE[dtype]
        return self.const(dtype, r.integers(lo, hi + 1, size=shape), q)

    # ---------------------------------------------------------------- operators
    def build_op(self, name, x, avail):
        """Adds operator `name` reading activation x (earlier activations in avail); returns its
        output tensor, or None when the op does not apply to x."""
        if name in ('RELU', 'RELU6', 'RELU_N1_TO_1', 'ABS', 'HARD_SWISH'):
            return self.unary_new_q(name, x)
        if name in ('ADD', 'SUB', 'MUL', 'MAXIMUM', 'MINIMUM'):
            return self.binary(name, x, avail, fused=name in ('ADD', 'SUB', 'MUL'))
        if name in ('AVERAGE_POOL_2D', 'MAX_POOL_2D'):
            return self.pool(name, x)
        if name in ('MEAN', 'SUM', 'REDUCE_MAX'):
            return self.reduce(name, x)
        if name in NEW_OPS:
            return self.build_new_op(name, x, avail)
        if name in UNARY_FLOAT:
            return self.unary_new_q(name, x) if self.tensors[x].dtype == 'f32' else None
        if name in ('RSQRT', 'ELU', 'ZEROS_LIKE'):
            return self.unary_new_q(name, x, q=self.tensors[x].q if name == 'ZEROS_LIKE' else None)
        if name in ('FLOOR_DIV', 'FLOOR_MOD'):
            return self.floor_binary(name, x, avail)
        if name == 'REDUCE_MIN':
            return self.reduce(name, x)
        if name == 'L2_POOL_2D':
            return self.pool(name, x)
        return getattr(self, 'op_' + name.lower())(x, avail)

    def conv_geometry(self, h, w):
        r = self.r
        kh, kw = int(r.integers(1, 5)), int(r.integers(1, 5))
        sh, sw = int(r.integers(1, 3)), int(r.integers(1, 3))
        dh = 2 if r.random() < 0.2 else 1
        dw = 2 if r.random() < 0.2 else 1
        pad = str(r.choice(['SAME', 'VALID']))
        eh, ew = (kh - 1) * dh + 1, (kw - 1) * dw + 1
        if pad == 'VALID':
            if eh > h or ew > w:
                pad = 'SAME'
        if pad == 'SAME':
            oh, ow = -(-h // sh), -(-w // sw)
        else:
            oh, ow = (h - eh) // sh + 1, (w - ew) // sw + 1
        return kh, kw, sh, sw, dh, dw, pad, oh, ow

    def op_conv_2d(self, x, avail):
        t = self.tensors[x]
        if len(t.shape) != 4:
            return None
        b, h, w, c = t.shape
        kh, kw, sh, sw, dh, dw, pad, oh, ow = self.conv_geometry(h, w)
        oc = int(self.r.integers(1, 17))
        if t.dtype == 'f32':
            wt = self.const('f32', self.r.uniform(-1, 1, size=[oc, kh, kw, c]).astype(np.float32))
            wq = None
        else:
            wq = self.weights_q(oc, 0)
            wt = self.const('i8', self.quant_weights([oc, kh, kw, c]), wq)
        bias = self.bias(x, wq, oc, t.dtype) 
        y = self.act(t.dtype, [b, oh, ow, oc], self.out_q_for_accum(x, wq, kh * kw * c) if wq else None)
        return self.op('CONV_2D', self.weights_bias(x, wt, bias), [y], {'padding': pad, 'stride_w': sw, 'stride_h': sh,
                                                       'dilation_w_factor': dw, 'dilation_h_factor': dh,
                                                       'fused_activation_function': self.fused()})

    def op_depthwise_conv_2d(self, x, avail):
        t = self.tensors[x]
        if len(t.shape) != 4:
            return None
        b, h, w, c = t.shape
        kh, kw, sh, sw, dh, dw, pad, oh, ow = self.conv_geometry(h, w)
        mult = int(self.r.choice([1, 1, 1, 2, 3, 4]))
        oc = c * mult
        if t.dtype == 'f32':
            wt = self.const('f32', self.r.uniform(-1, 1, size=[1, kh, kw, oc]).astype(np.float32))
            wq = None
        else:
            wq = self.weights_q(oc, 3)
            wt = self.const('i8', self.quant_weights([1, kh, kw, oc]), wq)
        bias = self.bias(x, wq, oc, t.dtype, True)
        y = self.act(t.dtype, [b, oh, ow, oc], self.out_q_for_accum(x, wq, kh * kw) if wq else None)
        return self.op('DEPTHWISE_CONV_2D', self.weights_bias(x, wt, bias), [y], {'padding': pad, 'stride_w': sw, 'stride_h': sh,
                                                                 'depth_multiplier': mult, 'dilation_w_factor': dw,
                                                                 'dilation_h_factor': dh,
                                                                 'fused_activation_function': self.fused()})

    def op_transpose_conv(self, x, avail):
        t = self.tensors[x]
        if len(t.shape) != 4:
            return None
        r = self.r
        b, h, w, c = t.shape
        kh, kw = int(r.integers(1, 5)), int(r.integers(1, 5))
        sh, sw = int(r.integers(1, 3)), int(r.integers(1, 3))
        pad = str(r.choice(['SAME', 'VALID']))
        oc = int(r.integers(1, 9))
        if pad == 'SAME':
            oh, ow = h * sh, w * sw
        else:
            oh, ow = (h - 1) * sh + kh, (w - 1) * sw + kw
        if b * oh * ow * oc > 6000:
            return None
        shape_t = self.const('i32', [b, oh, ow, oc])
        if t.dtype == 'f32':
            wq = None
            wt = self.const('f32', r.uniform(-1, 1, size=[oc, kh, kw, c]).astype(np.float32))
        else:
            wq = self.weights_q(oc, 0)
            wt = self.const('i8', self.quant_weights([oc, kh, kw, c]), wq)
        bias = self.bias(x, wq, oc, t.dtype) 
        y = self.act(t.dtype, [b, oh, ow, oc], self.out_q_for_accum(x, wq, kh * kw * c // max(1, sh * sw)) if wq else None)
        ins = [shape_t, wt, x] + ([bias] if bias != -1 and r.random() < 0.9 else [])
        return self.op('TRANSPOSE_CONV', ins, [y], {'padding': pad, 'stride_w': sw, 'stride_h': sh,
                                                    'fused_activation_function': 'NONE'})

    def op_fully_connected(self, x, avail):
        t = self.tensors[x]
        r = self.r
        if not t.shape:
            return None
        n_in = t.shape[-1]
        batch = int(np.prod(t.shape[:-1]))
        if batch * n_in > 4000:
            return None
        oc = int(r.integers(1, 33))
        if t.dtype == 'f32':
            wq = None
            wt = self.const('f32', r.uniform(-1, 1, size=[oc, n_in]).astype(np.float32))
        else:
            wq = self.weights_q(oc, 0)
            wt = self.const('i8', self.quant_weights([oc, n_in]), wq)
        bias = self.bias(x, wq, oc, t.dtype) 
        keep = len(t.shape) > 2 and r.random() < 0.5
        out_shape = t.shape[:-1] + [oc] if keep else [batch, oc]
        y = self.act(t.dtype, out_shape, self.out_q_for_accum(x, wq, n_in) if wq else None)
        return self.op('FULLY_CONNECTED', self.weights_bias(x, wt, bias), [y], {'fused_activation_function': self.fused(),
                                                              'keep_num_dims': bool(keep)})

    def binary(self, name, x, avail, fused=True):
        t = self.tensors[x]
        other = self.pick_other(x, avail)
        if other is None:
            return None
        o = self.tensors[other]
        nd = max(len(t.shape), len(o.shape))
        a = [1] * (nd - len(t.shape)) + t.shape
        bshape = [1] * (nd - len(o.shape)) + o.shape
        out_shape = [max(p, q) for p, q in zip(a, bshape)]
        q = 'new'
        if name in ('MAXIMUM', 'MINIMUM') and t.q and o.q != t.q:
            if o.data is None:
                return None
            o.q = t.q
        if t.dtype == 'i16' and name in ('ADD', 'SUB', 'MUL'):
            q = self.qparams('i16')
        if name in ('MAXIMUM', 'MINIMUM') and t.q:
            q = t.q
        y = self.act(t.dtype, out_shape, q)
        ins = [x, other] if self.r.random() < 0.7 else [other, x]
        opts = {'fused_activation_function': self.fused()} if fused else None
        if opts and name in ('ADD', 'SUB'):
            opts['pot_scale_int16'] = False
        return self.op(name, ins, [y], opts)

    def unary_same_q(self, name, x, opts=None):
        t = self.tensors[x]
        y = self.act(t.dtype, t.shape, t.q)
        return self.op(name, [x], [y], opts)

    def unary_new_q(self, name, x, q=None, opts=None):
        t = self.tensors[x]
        y = self.act(t.dtype, t.shape, q if q is not None else ('new' if t.q else None))
        return self.op(name, [x], [y], opts)

    def op_leaky_relu(self, x, avail):
        return self.unary_new_q('LEAKY_RELU', x, opts={'alpha': float(np.float32(self.r.uniform(-1, 1.5)))})

    def op_neg(self, x, avail):
        if self.tensors[x].dtype != 'f32':
            return None
        return self.unary_same_q('NEG', x)

    def op_logistic(self, x, avail):
        t = self.tensors[x]
        q = {'i8': self.qparams('i8', 1 / 256, -128), 'i16': self.qparams('i16', 1 / 32768, 0)}.get(t.dtype)
        return self.unary_new_q('LOGISTIC', x, q)

    def op_tanh(self, x, avail):
        t = self.tensors[x]
        q = {'i8': self.qparams('i8', 1 / 128, 0), 'i16': self.qparams('i16', 1 / 32768, 0)}.get(t.dtype)
        return self.unary_new_q('TANH', x, q)

    def op_softmax(self, x, avail):
        t = self.tensors[x]
        if not t.shape:
            return None
        q = {'i8': self.qparams('i8', 1 / 256, -128), 'i16': self.qparams('i16', 1 / 32768, 0)}.get(t.dtype)
        return self.unary_new_q('SOFTMAX', x, q, {'beta': float(np.float32(self.r.choice([1.0, self.r.uniform(0.1, 3)])))})

    def pool(self, name, x):
        t = self.tensors[x]
        if len(t.shape) != 4:
            return None
        r = self.r
        b, h, w, c = t.shape
        fh, fw = int(r.integers(1, min(h, 4) + 1)), int(r.integers(1, min(w, 4) + 1))
        sh, sw = int(r.integers(1, 3)), int(r.integers(1, 3))
        pad = str(r.choice(['SAME', 'VALID']))
        if pad == 'SAME':
            oh, ow = -(-h // sh), -(-w // sw)
        else:
            oh, ow = (h - fh) // sh + 1, (w - fw) // sw + 1
        y = self.act(t.dtype, [b, oh, ow, c], t.q)
        return self.op(name, [x], [y], {'padding': pad, 'stride_w': sw, 'stride_h': sh, 'filter_width': fw,
                                        'filter_height': fh, 'fused_activation_function': self.fused()})

    def op_reshape(self, x, avail):
        t = self.tensors[x]
        r = self.r
        n = int(np.prod(t.shape)) if t.shape else 1
        dims = []
        rest = n
        for _ in range(int(r.integers(1, 4))):
            divs = [d for d in range(1, rest + 1) if rest % d == 0]
            d = int(r.choice(divs))
            dims.append(d)
            rest //= d
        dims.append(rest)
        r.shuffle(dims)
        shape_in = list(dims)
        if r.random() < 0.3:
            shape_in[int(r.integers(0, len(dims)))] = -1
        y = self.act(t.dtype, dims, t.q)
        if r.random() < 0.5:
            return self.op('RESHAPE', [x, self.const('i32', shape_in)], [y], {'new_shape': shape_in})
        return self.op('RESHAPE', [x], [y], {'new_shape': shape_in})

    def op_expand_dims(self, x, avail):
        t = self.tensors[x]
        if len(t.shape) >= 4:
            return None
        axis = int(self.r.integers(-len(t.shape) - 1, len(t.shape) + 1))
        a = axis if axis >= 0 else axis + len(t.shape) + 1
        y = self.act(t.dtype, t.shape[:a] + [1] + t.shape[a:], t.q)
        return self.op('EXPAND_DIMS', [x, self.const('i32', [axis])], [y])

    def op_squeeze(self, x, avail):
        t = self.tensors[x]
        ones = [i for i, d in enumerate(t.shape) if d == 1]
        if not ones or len(ones) == len(t.shape):
            return None
        dims = ones if self.r.random() < 0.5 else [int(self.r.choice(ones))]
        y = self.act(t.dtype, [d for i, d in enumerate(t.shape) if i not in dims], t.q)
        return self.op('SQUEEZE', [x], [y], {'squeeze_dims': dims})

    def op_transpose(self, x, avail):
        t = self.tensors[x]
        if len(t.shape) < 2:
            return None
        perm = [int(p) for p in self.r.permutation(len(t.shape))]
        y = self.act(t.dtype, [t.shape[p] for p in perm], t.q)
        return self.op('TRANSPOSE', [x, self.const('i32', perm)], [y])

    def op_concatenation(self, x, avail):
        t = self.tensors[x]
        r = self.r
        if not t.shape:
            return None
        axis = int(r.integers(0, len(t.shape)))
        ins = [x]
        for _ in range(int(r.integers(1, 3))):
            shape = list(t.shape)
            shape[axis] = int(r.integers(1, 4))
            same = [a for a in avail if self.tensors[a].dtype == t.dtype and len(self.tensors[a].shape) == len(t.shape) and
                    all(self.tensors[a].shape[i] == t.shape[i] for i in range(len(t.shape)) if i != axis) and
                    self.tensors[a].q == t.q]
            if same and r.random() < 0.5:
                ins.append(int(r.choice(same)))
            else:
                ins.append(self.const_like(t.dtype, shape, t.q))
        r.shuffle(ins)
        out = list(t.shape)
        out[axis] = sum(self.tensors[i].shape[axis] for i in ins)
        y = self.act(t.dtype, out, t.q)
        neg = r.random() < 0.3
        return self.op('CONCATENATION', [int(i) for i in ins], [y],
                       {'axis': axis - len(t.shape) if neg else axis, 'fused_activation_function': 'NONE'})

    def op_pad(self, x, avail, v2=False):
        t = self.tensors[x]
        r = self.r
        if not t.shape:
            return None
        pads = [[int(r.integers(0, 3)), int(r.integers(0, 3))] for _ in t.shape]
        out = [d + p[0] + p[1] for d, p in zip(t.shape, pads)]
        if np.prod(out) > 8000:
            return None
        y = self.act(t.dtype, out, t.q)
        ins = [x, self.const('i32', pads)]
        if v2:
            ins.append(self.const_like(t.dtype, [1], t.q))
        return self.op('PADV2' if v2 else 'PAD', ins, [y])

    def op_padv2(self, x, avail):
        return self.op_pad(x, avail, True)

    def op_strided_slice(self, x, avail):
        t = self.tensors[x]
        r = self.r
        n = len(t.shape)
        if n == 0:
            return None
        begin, end, strides, out = [], [], [], []
        bmask = emask = 0
        for i, d in enumerate(t.shape):
            s = int(r.choice([1, 1, 2, 3, -1]))
            b = int(r.integers(0, d))
            e = int(r.integers(b + 1, d + 1)) if s > 0 else int(r.integers(-1, b))
            if r.random() < 0.2:
                bmask |= 1 << i
                b = 0 if s > 0 else d - 1
            if r.random() < 0.2:
                emask |= 1 << i
                e = d if s > 0 else -1
            cnt = max(0, -(-(e - b) // s)) if s > 0 else max(0, -(-(b - e) // -s))
            begin.append(b if r.random() < 0.7 or (bmask >> i) & 1 else b - d)
            # An end of -1 with a negative stride means "before 0" only with end_mask; write it as is.
            end.append(e if e >= 0 or s > 0 else e)
            strides.append(s)
            out.append(cnt)
        if min(out) <= 0:
            return None
        if any(e == -1 and s < 0 and not (emask >> i) & 1 for i, (e, s) in enumerate(zip(end, strides))):
            # end -1 would mean the last element: use the mask instead
            for i, (e, s) in enumerate(zip(end, strides)):
                if e == -1 and s < 0:
                    emask |= 1 << i
        y = self.act(t.dtype, out, t.q)
        return self.op('STRIDED_SLICE', [x, self.const('i32', begin), self.const('i32', end), self.const('i32', strides)],
                       [y], {'begin_mask': bmask, 'end_mask': emask})

    def reduce(self, name, x):
        t = self.tensors[x]
        r = self.r
        n = len(t.shape)
        if n == 0:
            return None
        axes = sorted(set(int(a) for a in r.choice(n, size=int(r.integers(1, n + 1)), replace=False)))
        if n == 4 and r.random() < 0.4:
            axes = [1, 2]
        keep = bool(r.random() < 0.5)
        out = [(1 if i in axes else d) for i, d in enumerate(t.shape)] if keep else [d for i, d in enumerate(t.shape) if i not in axes]
        axes_in = [a - n if r.random() < 0.2 else a for a in axes]
        q = t.q if name in ('REDUCE_MAX', 'REDUCE_MIN') else ('new' if t.q else None)
        y = self.act(t.dtype, out, q)
        return self.op(name, [x, self.const('i32', axes_in)], [y], {'keep_dims': keep})

    def op_quantize(self, x, avail):
        t = self.tensors[x]
        r = self.r
        if self.ext:
            to = str(r.choice(['i8', 'i16', 'u8', 'i8']))
        else:
            to = str(r.choice(['i8', 'i16'])) if t.dtype == 'f32' else str(r.choice(['i8', 'i16', t.dtype]))
        y = self.act(to, t.shape, self.qparams(to))
        return self.op('QUANTIZE', [x], [y])

    def op_dequantize(self, x, avail):
        t = self.tensors[x]
        y = self.act('f32', t.shape, None)
        return self.op('DEQUANTIZE', [x], [y])

    # ---------------------------------------------------------------- second generator (seeds >= EXT_SEED)
    def ext_op_names(self, t):
        """Ops for activation t: mostly the second generator's builtins that TFLM takes for t's type,
        sometimes one of the first generator's, rarely a builtin of another type (TFLM refuses)."""
        r = self.r
        rank = len(t.shape)
        fits = [n for n in NEW_OPS if rank == 4 or n not in RANK4_OPS]
        new = [n for n in fits if t.dtype in NEW_OPS[n]]
        if t.dtype in ('f32', 'i8', 'i16'):
            old = self.old_op_names(t)
        elif t.dtype == 'i32':
            old = list(OLD_I32)
        elif t.dtype == 'bool':
            old = list(OLD_BOOL)
        elif t.dtype == 'u8':
            old = ['QUANTIZE', 'DEQUANTIZE']
        else:
            old = ['RESHAPE']
        if self.third:
            new3 = [n for n in NEW_OPS3 if t.dtype in NEW_OPS3[n] and (rank == 4 or n not in RANK4_OPS)]
            if new3 and r.random() < 0.6:
                return new3
        u = r.random()
        if u < 0.65 and new:
            return new
        if u < 0.7:
            return fits
        return old

    def build_new_op(self, name, x, avail):
        if name in COMPARISONS or name in ('DIV', 'SQUARED_DIFFERENCE', 'LOGICAL_AND', 'LOGICAL_OR'):
            return self.ext_binary(name, x, avail)
        return getattr(self, 'op_' + name.lower())(x, avail)

    def bcast_shape(self, shape):
        """A shape that broadcasts against `shape` (some dims 1, sometimes fewer leading dims)."""
        r = self.r
        shape = list(shape)
        if r.random() < 0.4:
            for i in range(len(shape)):
                if r.random() < 0.5:
                    shape[i] = 1
            if r.random() < 0.3 and shape:
                shape = shape[int(r.integers(0, len(shape))):]
        return shape

    def nonzero_divisor(self, dtype, shape, q):
        """A constant divisor with no zero (integer division by zero is undefined in TFLM)."""
        r = self.r
        if dtype == 'i32':
            v = r.integers(1, 300, size=shape) * r.choice([-1, 1], size=shape)
            return self.const('i32', np.where(v == -1, 2, v))  # INT32_MIN / -1 overflows
        zp = q['zero_point'][0]
        v = r.integers(-128, 128, size=shape)
        return self.const('i8', np.where(v == zp, zp + 1 if zp < 127 else zp - 1, v), q)

    def ext_binary(self, name, x, avail):
        t = self.tensors[x]
        r = self.r
        if name == 'DIV' and t.dtype in ('i8', 'i32') and t.q is not None or (name == 'DIV' and t.dtype == 'i32'):
            other = self.nonzero_divisor(t.dtype, self.bcast_shape(t.shape), self.qparams(t.dtype))
            ins = [x, other]
        else:
            other = self.pick_other(x, avail)
            if other is None:
                return None
            ins = [x, other] if r.random() < 0.7 else [other, x]
        o = self.tensors[other]
        out_shape = [int(d) for d in np.broadcast_shapes(tuple(t.shape), tuple(o.shape))]
        if name in COMPARISONS:
            y = self.act('bool', out_shape, None)
            return self.op(name, ins, [y])
        if name in ('LOGICAL_AND', 'LOGICAL_OR'):
            y = self.act('bool', out_shape, None)
            return self.op(name, ins, [y])
        y = self.act(t.dtype, out_shape, 'new' if t.q else None)
        if name == 'DIV':
            return self.op(name, ins, [y], {'fused_activation_function': self.fused()})
        return self.op(name, ins, [y])

    def random_axis(self, x):
        """(tensor, rank, a random axis) of activation x, or None for a scalar."""
        t = self.tensors[x]
        n = len(t.shape)
        if n == 0:
            return None
        return t, n, int(self.r.integers(0, n))

    def op_logical_not(self, x, avail):
        y = self.act('bool', self.tensors[x].shape, None)
        return self.op('LOGICAL_NOT', [x], [y])

    def op_gather(self, x, avail):
        picked = self.random_axis(x)
        if picked is None:
            return None
        t, n, axis = picked
        r = self.r
        batch_dims = 0
        if axis > 0 and r.random() < 0.2:
            batch_dims = int(r.integers(0, axis + 1))
        crank = max(batch_dims, int(r.integers(0, 3)))
        cshape = t.shape[:batch_dims] + [int(r.integers(1, 5)) for _ in range(crank - batch_dims)]
        out = t.shape[:axis] + cshape[batch_dims:] + t.shape[axis + 1:]
        if len(out) > 5 or int(np.prod(out)) > 8000:
            return None
        ct = 'i64' if r.random() < 0.05 else 'i32'
        coords = self.const(ct, r.integers(0, t.shape[axis], size=cshape))
        y = self.act(t.dtype, out, t.q)
        return self.op('GATHER', [x, coords], [y], {'axis': axis - n if r.random() < 0.2 else axis,
                                                    'batch_dims': batch_dims})

    def op_select_v2(self, x, avail):
        t = self.tensors[x]
        r = self.r
        if t.dtype == 'bool':
            cond = x
            vt = str(r.choice(['f32', 'i8', 'i16', 'i32']))
            q = self.qparams(vt)
            a = self.const_like(vt, self.bcast_shape(t.shape), q)
            b = self.const_like(vt, self.bcast_shape(t.shape), q)
        else:
            vt, q = t.dtype, t.q
            cond = self.const_like('bool', self.bcast_shape(t.shape), None)
            other = self.const_like(vt, self.bcast_shape(t.shape), q)
            a, b = (x, other) if r.random() < 0.5 else (other, x)
        shapes = [tuple(self.tensors[i].shape) for i in (cond, a, b)]
        out = [int(d) for d in np.broadcast_shapes(*shapes)]
        y = self.act(vt, out, q)
        return self.op('SELECT_V2', [cond, a, b], [y])

    def op_split(self, x, avail):
        picked = self.random_axis(x)
        if picked is None:
            return None
        t, n, axis = picked
        r = self.r
        d = t.shape[axis]
        k = int(r.choice([s for s in range(1, min(d, 8) + 1) if d % s == 0]))
        shape = list(t.shape)
        shape[axis] = d // k
        outs = [self.act(t.dtype, shape, t.q) for _ in range(k)]
        ax = self.const('i32', np.array(axis - n if r.random() < 0.3 else axis))
        return self.multi('SPLIT', [ax, x], outs, {'num_splits': k})

    def multi(self, name, ins, outs, opts):
        """Adds an op with several outputs; the chain goes on from one of them (the op's first output
        is what a prefix of the model returns)."""
        k = int(self.r.integers(0, len(outs)))
        self.op(name, ins, outs, dict(opts, _next=k))
        return outs[k]

    def op_split_v(self, x, avail):
        picked = self.random_axis(x)
        if picked is None:
            return None
        t, n, axis = picked
        r = self.r
        d = t.shape[axis]
        k = int(r.integers(1, min(d, 5) + 1))
        cuts = sorted(int(c) for c in r.choice(np.arange(1, d), size=k - 1, replace=False)) if k > 1 else []
        sizes = [b - a for a, b in zip([0] + cuts, cuts + [d])]
        given = list(sizes)
        if r.random() < 0.3:
            given[int(r.integers(0, k))] = -1
        outs = []
        for s in sizes:
            shape = list(t.shape)
            shape[axis] = s
            outs.append(self.act(t.dtype, shape, t.q))
        ax = self.const('i32', np.array(axis - n if r.random() < 0.3 else axis))
        return self.multi('SPLIT_V', [x, self.const('i32', given), ax], outs, {'num_splits': k})

    def op_pack(self, x, avail):
        t = self.tensors[x]
        r = self.r
        n = len(t.shape)
        if n > 3:
            return None
        k = int(r.integers(1, 4))
        ins = [x]
        for _ in range(k - 1):
            same = [a for a in avail if a != x and self.tensors[a].dtype == t.dtype and self.tensors[a].shape == t.shape
                    and self.tensors[a].q == t.q]
            ins.append(int(r.choice(same)) if same and r.random() < 0.5 else self.const_like(t.dtype, t.shape, t.q))
        r.shuffle(ins)
        axis = int(r.integers(0, n + 1))
        out = t.shape[:axis] + [k] + t.shape[axis:]
        y = self.act(t.dtype, out, t.q)
        return self.op('PACK', [int(i) for i in ins], [y],
                       {'values_count': k, 'axis': axis - n - 1 if r.random() < 0.3 else axis})

    def op_unpack(self, x, avail):
        t = self.tensors[x]
        r = self.r
        n = len(t.shape)
        axes = [i for i, d in enumerate(t.shape) if d <= 6]
        if n == 0 or not axes:
            return None
        axis = int(r.choice(axes))
        k = t.shape[axis]
        outs = [self.act(t.dtype, t.shape[:axis] + t.shape[axis + 1:], t.q) for _ in range(k)]
        return self.multi('UNPACK', [x], outs, {'num': k, 'axis': axis - n if r.random() < 0.3 else axis})

    def op_slice(self, x, avail):
        t = self.tensors[x]
        r = self.r
        if not t.shape:
            return None
        begin, size, out = [], [], []
        for d in t.shape:
            b = int(r.integers(0, d))
            s = int(r.integers(1, d - b + 1))
            begin.append(b)
            out.append(s)
            size.append(-1 if s == d - b and r.random() < 0.3 else s)
        it = 'i64' if r.random() < 0.2 else 'i32'
        y = self.act(t.dtype, out, t.q)
        return self.op('SLICE', [x, self.const(it, begin), self.const(it, size)], [y])

    def op_mirror_pad(self, x, avail):
        t = self.tensors[x]
        r = self.r
        if not t.shape:
            return None
        mode = str(r.choice(['REFLECT', 'SYMMETRIC']))
        lim = 0 if mode == 'REFLECT' else 1
        pads = [[int(r.integers(0, min(d - 1 + lim, 3) + 1)), int(r.integers(0, min(d - 1 + lim, 3) + 1))] for d in t.shape]
        out = [d + p[0] + p[1] for d, p in zip(t.shape, pads)]
        if np.prod(out) > 8000:
            return None
        y = self.act(t.dtype, out, t.q)
        it = 'i64' if r.random() < 0.2 else 'i32'
        return self.op('MIRROR_PAD', [x, self.const(it, pads)], [y], {'mode': mode})

    def op_resize(self, name, x):
        t = self.tensors[x]
        r = self.r
        if len(t.shape) != 4:
            return None
        b, h, w, c = t.shape
        nh, nw = int(r.integers(1, 2 * h + 4)), int(r.integers(1, 2 * w + 4))
        if b * nh * nw * c > 8000:
            return None
        align = bool(r.random() < 0.3)
        half = bool(r.random() < 0.4) and not (align and r.random() < 0.8)
        y = self.act(t.dtype, [b, nh, nw, c], t.q)
        return self.op(name, [x, self.const('i32', [nh, nw])], [y], {'align_corners': align, 'half_pixel_centers': half})

    def op_resize_nearest_neighbor(self, x, avail):
        return self.op_resize('RESIZE_NEAREST_NEIGHBOR', x)

    def op_resize_bilinear(self, x, avail):
        return self.op_resize('RESIZE_BILINEAR', x)

    def op_space_to_depth(self, x, avail):
        t = self.tensors[x]
        if len(t.shape) != 4:
            return None
        b, h, w, c = t.shape
        blocks = [k for k in (2, 3, 4) if h % k == 0 and w % k == 0]
        if not blocks:
            return None
        k = int(self.r.choice(blocks))
        y = self.act(t.dtype, [b, h // k, w // k, c * k * k], t.q)
        return self.op('SPACE_TO_DEPTH', [x], [y], {'block_size': k})

    def op_depth_to_space(self, x, avail):
        t = self.tensors[x]
        if len(t.shape) != 4:
            return None
        b, h, w, c = t.shape
        blocks = [k for k in (2, 3, 4) if c % (k * k) == 0]
        if not blocks:
            return None
        k = int(self.r.choice(blocks))
        y = self.act(t.dtype, [b, h * k, w * k, c // (k * k)], t.q)
        return self.op('DEPTH_TO_SPACE', [x], [y], {'block_size': k})

    def op_space_to_batch_nd(self, x, avail):
        t = self.tensors[x]
        r = self.r
        if len(t.shape) != 4:
            return None
        b, h, w, c = t.shape
        block, pads, out = [], [], [0, 0]
        for i, d in enumerate((h, w)):
            k = int(r.integers(1, 4))
            p0 = int(r.integers(0, 3))
            p1 = (-(d + p0)) % k + k * int(r.integers(0, 2))
            block.append(k)
            pads.append([p0, p1])
            out[i] = (d + p0 + p1) // k
        shape = [b * block[0] * block[1], out[0], out[1], c]
        if np.prod(shape) > 8000:
            return None
        y = self.act(t.dtype, shape, t.q)
        return self.op('SPACE_TO_BATCH_ND', [x, self.const('i32', block), self.const('i32', pads)], [y])

    def op_batch_to_space_nd(self, x, avail):
        t = self.tensors[x]
        r = self.r
        if len(t.shape) != 4:
            return None
        b, h, w, c = t.shape
        pairs = [(p, q) for p in (1, 2, 3) for q in (1, 2, 3) if b % (p * q) == 0]
        bh, bw = pairs[int(r.integers(0, len(pairs)))]
        crops = []
        for d, k in ((h, bh), (w, bw)):
            full = d * k
            c0 = int(r.integers(0, min(2, full - 1) + 1))
            c1 = int(r.integers(0, min(2, full - 1 - c0) + 1))
            crops.append([c0, c1])
        shape = [b // (bh * bw), h * bh - sum(crops[0]), w * bw - sum(crops[1]), c]
        y = self.act(t.dtype, shape, t.q)
        return self.op('BATCH_TO_SPACE_ND', [x, self.const('i32', [bh, bw]), self.const('i32', crops)], [y])

    def op_arg(self, name, x):
        picked = self.random_axis(x)
        if picked is None:
            return None
        t, n, axis = picked
        r = self.r
        ot = 'i64' if r.random() < 0.2 else 'i32'
        y = self.act(ot, t.shape[:axis] + t.shape[axis + 1:], None)
        a = axis - n if r.random() < 0.2 else axis
        ax = self.const('i32', [a] if r.random() < 0.7 else np.array(a))
        return self.op(name, [x, ax], [y], {'output_type': TYPE_NAME[ot]})

    def op_arg_max(self, x, avail):
        return self.op_arg('ARG_MAX', x)

    def op_arg_min(self, x, avail):
        return self.op_arg('ARG_MIN', x)

    def op_batch_matmul(self, x, avail):
        t = self.tensors[x]
        r = self.r
        n = len(t.shape)
        if n < 2 or t.dtype not in ('f32', 'i8', 'i16'):
            return None
        adj_x, adj_y = bool(r.random() < 0.3), bool(r.random() < 0.3)
        m, k = (t.shape[-1], t.shape[-2]) if adj_x else (t.shape[-2], t.shape[-1])
        nn = int(r.integers(1, 17))
        batch = self.bcast_shape(t.shape[:-2]) if r.random() < 0.5 else list(t.shape[:-2])
        rshape = batch + ([nn, k] if adj_y else [k, nn])
        if t.dtype == 'f32':
            wq = None
            rhs = self.const('f32', r.uniform(-1, 1, size=rshape).astype(np.float32))
        else:
            s = float(np.float32(self.scale(0.05) * 0.1))
            zp = 0 if t.dtype == 'i16' or r.random() < 0.7 else int(r.integers(-128, 128))
            wq = {'scale': [s], 'zero_point': [zp]}
            rhs = self.const(t.dtype, r.integers(QRANGE[t.dtype][0], QRANGE[t.dtype][1] + 1, size=rshape), wq)
        out_batch = [int(d) for d in np.broadcast_shapes(tuple(t.shape[:-2]), tuple(batch))]
        out = out_batch + [m, nn]
        if np.prod(out) * k > 60000:
            return None
        q = None
        if t.q:
            lo, hi = QRANGE[t.dtype]
            acc = t.q['scale'][0] * wq['scale'][0] * (hi - lo) * (hi - lo) / 4 * math.sqrt(k)
            q = self.qparams(t.dtype, acc / (hi - lo) * 10 ** r.uniform(-1, 0.7))
        y = self.act(t.dtype, out, q)
        return self.op('BATCH_MATMUL', [x, rhs], [y], {'adj_x': adj_x, 'adj_y': adj_y})

    def op_cumsum(self, x, avail):
        t = self.tensors[x]
        r = self.r
        n = len(t.shape)
        if n == 0:
            return None
        axis = int(r.integers(-n, n))
        y = self.act(t.dtype, t.shape, 'new' if t.q else None)
        return self.op('CUMSUM', [x, self.const('i32', np.array(axis))], [y],
                       {'exclusive': bool(r.random() < 0.5), 'reverse': bool(r.random() < 0.5)})

    def op_l2_normalization(self, x, avail):
        t = self.tensors[x]
        if not t.shape:
            return None
        q = self.qparams('i8', 1 / 128, 0) if t.dtype == 'i8' else ('new' if t.q else None)
        y = self.act(t.dtype, t.shape, q)
        return self.op('L2_NORMALIZATION', [x], [y], {'fused_activation_function': 'NONE'})

    # ---------------------------------------------------------------- third generator (seeds >= THIRD_SEED)
    def nonempty(self, x):
        """Activation x's tensor if it has at least one dimension and no empty one, else None."""
        t = self.tensors[x]
        return t if t.shape and 0 not in t.shape else None

    def floor_binary(self, name, x, avail):
        """FLOOR_DIV / FLOOR_MOD by a constant divisor without zeros (x / 0 is undefined for int32)."""
        t = self.tensors[x]
        r = self.r
        shape = self.bcast_shape(t.shape)
        if t.dtype == 'i32':
            other = self.nonzero_divisor('i32', shape, None)
        else:
            v = r.uniform(0.25, 4, size=shape) * r.choice([-1, 1], size=shape)
            other = self.const('f32', v.astype(np.float32))
        ins = [x, other]
        out = [int(d) for d in np.broadcast_shapes(tuple(t.shape), tuple(shape))]
        return self.op(name, ins, [self.act(t.dtype, out, None)])

    def op_log_softmax(self, x, avail):
        t = self.tensors[x]
        if not t.shape:
            return None
        q = None
        if t.q:
            # TFLM's int8 kernel takes only this output quantization (others: both refuse or tinyrt runs)
            q = self.qparams('i8', 16 / 256, 127) if self.r.random() < 0.9 else 'new'
        return self.unary_new_q('LOG_SOFTMAX', x, q=q)

    def op_prelu(self, x, avail):
        t = self.tensors[x]
        if not t.shape:
            return None
        shape = self.bcast_shape(t.shape)
        # int16 inputs take int8 alphas (TFLM and tinyrt)
        a_type = 'i8' if t.dtype == 'i16' and self.r.random() < 0.9 else t.dtype
        alpha = self.const_like(a_type, shape, self.qparams(a_type) if t.q else None)
        # float32 alphas in [-1, 1.5] replace const_like's [-2, 2] draw; the unused tensor and draw stay
        # so that seeds from THIRD_SEED on give the models of campaign round 11 (docs/robustness.md).
        if t.dtype == 'f32':
            alpha = self.const('f32', self.r.uniform(-1, 1.5, size=shape).astype(np.float32))
        out = [int(d) for d in np.broadcast_shapes(tuple(t.shape), tuple(shape))]
        return self.op('PRELU', [x, alpha], [self.act(t.dtype, out, 'new' if t.q else None)])

    def op_cast(self, x, avail):
        t = self.tensors[x]
        to = str(self.r.choice([d for d in ('f32', 'i8', 'i16', 'i32', 'u8', 'bool') if d != t.dtype]))
        return self.op('CAST', [x], [self.act(to, t.shape)])

    def op_reverse_v2(self, x, avail):
        t = self.nonempty(x)
        if t is None:
            return None
        n = len(t.shape)
        r = self.r
        k = 1 if r.random() < 0.7 else int(r.integers(1, n + 1))
        axes = sorted(int(a) for a in r.choice(n, size=k, replace=False))
        return self.op('REVERSE_V2', [x, self.const('i32', axes)], [self.act(t.dtype, t.shape, t.q)])

    def op_add_n(self, x, avail):
        t = self.tensors[x]
        r = self.r
        ins = [x]
        for _ in range(int(r.integers(1, 4))):
            # int8 inputs share one scale and zero point (TFLM and tinyrt), mostly
            same = [a for a in avail if a not in ins and self.tensors[a].dtype == t.dtype and self.tensors[a].shape == t.shape
                    and self.tensors[a].q == t.q]
            if same and r.random() < 0.4:
                ins.append(int(r.choice(same)))
            else:
                q = (t.q if r.random() < 0.9 else self.qparams(t.dtype)) if t.q else None
                ins.append(self.const_like(t.dtype, t.shape, q))
        return self.op('ADD_N', ins, [self.act(t.dtype, t.shape, 'new' if t.q else None)])

    def op_gather_nd(self, x, avail):
        t = self.nonempty(x)
        if t is None:
            return None
        n = len(t.shape)
        r = self.r
        d = int(r.integers(1, n + 1))
        k = int(r.integers(1, 5))
        idx = np.stack([r.integers(0, t.shape[j], size=k) for j in range(d)], axis=-1).astype(np.int32)
        out = [k] + t.shape[d:]
        return self.op('GATHER_ND', [x, self.const('i32', idx)], [self.act(t.dtype, out, t.q)])

    def op_broadcast_to(self, x, avail):
        t = self.tensors[x]
        r = self.r
        shape = [d if d != 1 or r.random() < 0.5 else int(r.integers(2, 5)) for d in t.shape]
        while len(shape) < 5 and r.random() < 0.3:
            shape = [int(r.integers(1, 4))] + shape
        if int(np.prod(shape)) > 6000:
            return None
        return self.op('BROADCAST_TO', [x, self.const('i32', shape)], [self.act(t.dtype, shape, t.q)])

    def op_shape(self, x, avail):
        t = self.tensors[x]
        if not t.shape:
            return None
        return self.op('SHAPE', [x], [self.act('i32', [len(t.shape)], None)], {'out_type': 'INT32'})

    def op_embedding_lookup(self, x, avail):
        t = self.nonempty(x)
        if t is None:
            return None
        if len(t.shape) < 2 or (t.q and t.q['zero_point'][0] != 0 and self.r.random() < 0.9):
            return None  # a hybrid (int8) table has zero point 0
        r = self.r
        ids = r.integers(0, t.shape[0], size=int(r.integers(1, 7)))
        out_type = 'f32'  # int8 values are the hybrid case: float32 out, dequantized with the value's scale
        return self.op('EMBEDDING_LOOKUP', [self.const('i32', ids), x], [self.act(out_type, [len(ids)] + t.shape[1:], None)])

    def op_dynamic_update_slice(self, x, avail):
        t = self.nonempty(x)
        if t is None:
            return None
        r = self.r
        ushape = [int(r.integers(1, d + 1)) for d in t.shape]
        update = self.const_like(t.dtype, ushape, t.q)
        # start indices past the end are clamped (both runtimes)
        start = [int(r.integers(0, d + 2)) for d in t.shape]
        return self.op('DYNAMIC_UPDATE_SLICE', [x, update, self.const('i32', start)], [self.act(t.dtype, t.shape, t.q)])

    # ---------------------------------------------------------------- int4 weights (seeds >= INT4_SEED)
    def int4_model(self, max_ops, single_op):
        """An int8 chain of CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED with INT4 filters."""
        r = self.r
        n_ops = 1 if single_op or r.random() < 0.5 else int(r.integers(2, 5))
        if max_ops:
            n_ops = min(n_ops, max_ops)
        x = self.new_input('i8', self.rand_shape(4 if r.random() < 0.7 else 2))
        for _ in range(n_ops):
            for _attempt in range(20):
                names = ['FULLY_CONNECTED'] + (['CONV_2D', 'DEPTHWISE_CONV_2D'] * 2 if len(self.tensors[x].shape) == 4 else [])
                y = self.build_op(single_op or str(r.choice(names)), x, [x])
                if y is not None:
                    break
            else:
                break
            self.to_int4_weights(self.ops[-1])
            x = y
        self.outputs = [x]

    def to_int4_weights(self, op):
        """Gives op's int8 filter new values in -8..7, packed as TFLite's INT4 (element 2k in the low
        nibble of byte k, 2k + 1 in the high one), and narrows the output scale to match."""
        w = self.tensors[op[1][1]]
        values = self.r.integers(-8, 8, size=int(np.prod(w.shape))).astype(np.int8)
        nibbles = np.append(values, np.int8(0)) if values.size % 2 else values
        lo, hi = nibbles[0::2].astype(np.uint8) & 0x0F, nibbles[1::2].astype(np.uint8) & 0x0F
        w.dtype, w.data = 'i4', (lo | (hi << 4)).astype(np.uint8)
        out = self.tensors[op[2][0]]
        out.q = dict(out.q, scale=[float(np.float32(max(out.q['scale'][0] * 8 / 127, 1e-12)))])

    # ---------------------------------------------------------------- output
    def used(self, ops, outputs):
        used = set(outputs)
        for _, ins, outs, _ in ops:
            used.update(i for i in ins if i >= 0)
            used.update(outs)
        return used

    def to_json(self, n_ops=None, outputs=None):
        """The model (or its first n_ops operators, whose last output is the model output) as
        TFLite-schema JSON, and the model inputs it keeps (tensor indices)."""
        ops = self.ops if n_ops is None else self.ops[:n_ops]
        if outputs is None:
            last = ops[-1]
            outputs = self.outputs if n_ops is None else [last[2][(last[3] or {}).get('_next', 0)]]
        used = self.used(ops, outputs)
        inputs = [i for i in self.inputs if i in used]
        order = sorted(used)
        remap = {t: k for k, t in enumerate(order)}
        buffers = [{}]
        tensors = []
        for t in order:
            tt = self.tensors[t]
            buf = 0
            if tt.data is not None:
                buffers.append({'data': list(np.ascontiguousarray(tt.data).astype(NP[tt.dtype]).tobytes())})
                buf = len(buffers) - 1
            j = {'shape': tt.shape, 'type': TYPE_NAME[tt.dtype], 'buffer': buf, 'name': 't%d' % t}
            if tt.q:
                j['quantization'] = dict(tt.q)
            tensors.append(j)
        codes, code_index, operators = [], {}, []
        for name, ins, outs, opts in ops:
            code, opt_name = OPS[name]
            if name not in code_index:
                code_index[name] = len(codes)
                codes.append({'deprecated_builtin_code': min(code, 127), 'builtin_code': code,
                              'version': self.versions.get(name, 1)})
            o = {'opcode_index': code_index[name], 'inputs': [remap[i] if i >= 0 else -1 for i in ins],
                 'outputs': [remap[i] for i in outs]}
            if opt_name:
                o['builtin_options_type'] = opt_name
                o['builtin_options'] = {k: v for k, v in (opts or {}).items() if not k.startswith('_')}
            operators.append(o)
        model = {'version': 3, 'operator_codes': codes, 'buffers': buffers, 'description': 'tinyrt difftest seed %d' % self.seed,
                 'subgraphs': [{'tensors': tensors, 'inputs': [remap[i] for i in inputs],
                                'outputs': [remap[i] for i in outputs], 'operators': operators, 'name': 'main'}]}
        return json.dumps(model, separators=(',', ':')), inputs

    def input_bytes(self, tensor_index, seed):
        """Random contents of an input tensor (full integer range; floats in [-r, r] with edge values)."""
        t = self.tensors[tensor_index]
        r = np.random.default_rng([self.seed, seed, tensor_index])
        shape = t.shape
        if t.dtype == 'f32':
            a = r.uniform(-1, 1, size=shape).astype(np.float32) * np.float32(10 ** r.uniform(-2, 2))
            if self.float_edges and a.size:
                edges = np.array([np.nan, np.inf, -np.inf, 1e-40, -1e-40, 3e38, -3e38, 0.0, -0.0], dtype=np.float32)
                k = max(1, a.size // 8)
                idx = r.integers(0, a.size, size=k)
                a.reshape(-1)[idx] = r.choice(edges, size=k)
            return a.tobytes()
        if t.dtype == 'i32':
            return r.integers(-20000, 20001, size=shape).astype(np.int32).tobytes()
        if t.dtype == 'bool':
            return r.integers(0, 2, size=shape).astype(np.uint8).tobytes()
        lo, hi = QRANGE[t.dtype]
        return r.integers(lo, hi + 1, size=shape).astype(NP[t.dtype]).tobytes()

    def describe(self, n_ops=None):
        ops = self.ops if n_ops is None else self.ops[:n_ops]
        parts = []
        for name, ins, outs, opts in ops:
            tin = self.tensors[ins[0]] if ins[0] >= 0 else None
            if name == 'TRANSPOSE_CONV':
                tin = self.tensors[ins[2]]
            if name in ('SPLIT', 'SELECT_V2'):
                tin = self.tensors[ins[1]]
            tout = self.tensors[outs[0]]
            desc = name + ' ' + (tin.dtype if tin else '?') + ('->' + tout.dtype if tin and tout.dtype != tin.dtype else '')
            if name in ('CONV_2D', 'DEPTHWISE_CONV_2D', 'FULLY_CONNECTED', 'TRANSPOSE_CONV'):
                w = self.tensors[ins[1]]
                if w.q:
                    desc += ' per-channel' if len(w.q['scale']) > 1 else ' per-tensor'
                if w.dtype == 'i4':
                    desc += ' int4'
                b = ins[3] if name == 'TRANSPOSE_CONV' and len(ins) > 3 else (ins[2] if name != 'TRANSPOSE_CONV' and len(ins) > 2 else -2)
                desc += ' bias=' + (self.tensors[b].dtype if b >= 0 else 'none(-1)' if b == -1 else 'none')
            parts.append(desc)
        return ' | '.join(parts)
