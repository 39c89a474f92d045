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
}
TYPE_NAME = {'f32': 'FLOAT32', 'i8': 'INT8', 'i16': 'INT16', 'i32': 'INT32', 'i64': 'INT64'}
NP = {'f32': np.float32, 'i8': np.int8, 'i16': np.int16, 'i32': np.int32, 'i64': np.int64}
ACTS = ['NONE', 'RELU', 'RELU_N1_TO_1', 'RELU6']
QRANGE = {'i8': (-128, 127), 'i16': (-32768, 32767)}


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
        r = self.r
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
        return outs[0]

    def fused(self):
        return str(self.r.choice(ACTS))

    def op_names(self, t):
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
        q = t.q if name == 'REDUCE_MAX' else ('new' if t.q else None)
        y = self.act(t.dtype, out, q)
        return self.op(name, [x, self.const('i32', axes_in)], [y], {'keep_dims': keep})

    def op_quantize(self, x, avail):
        t = self.tensors[x]
        r = self.r
        to = str(r.choice(['i8', 'i16'])) if t.dtype == 'f32' else str(r.choice(['i8', 'i16', t.dtype]))
        y = self.act(to, t.shape, self.qparams(to))
        return self.op('QUANTIZE', [x], [y])

    def op_dequantize(self, x, avail):
        t = self.tensors[x]
        y = self.act('f32', t.shape, None)
        return self.op('DEQUANTIZE', [x], [y])

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
            outputs = self.outputs if n_ops is None else [ops[-1][2][0]]
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
                codes.append({'deprecated_builtin_code': min(code, 127), 'builtin_code': code, 'version': 1})
            o = {'opcode_index': code_index[name], 'inputs': [remap[i] if i >= 0 else -1 for i in ins],
                 'outputs': [remap[i] for i in outs]}
            if opt_name:
                o['builtin_options_type'] = opt_name
                o['builtin_options'] = opts or {}
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
        lo, hi = QRANGE[t.dtype]
        return r.integers(lo, hi + 1, size=shape).astype(NP[t.dtype]).tobytes()

    def describe(self, n_ops=None):
        ops = self.ops if n_ops is None else self.ops[:n_ops]
        parts = []
        for name, ins, outs, opts in ops:
            tin = self.tensors[ins[0]] if ins[0] >= 0 else None
            if name == 'TRANSPOSE_CONV':
                tin = self.tensors[ins[2]]
            tout = self.tensors[outs[0]]
            desc = name + ' ' + (tin.dtype if tin else '?') + ('->' + tout.dtype if tin and tout.dtype != tin.dtype else '')
            if name in ('CONV_2D', 'DEPTHWISE_CONV_2D', 'FULLY_CONNECTED', 'TRANSPOSE_CONV'):
                w = self.tensors[ins[1]]
                if w.q:
                    desc += ' per-channel' if len(w.q['scale']) > 1 else ' per-tensor'
                b = ins[3] if name == 'TRANSPOSE_CONV' and len(ins) > 3 else (ins[2] if name != 'TRANSPOSE_CONV' and len(ins) > 2 else -2)
                desc += ' bias=' + (self.tensors[b].dtype if b >= 0 else 'none(-1)' if b == -1 else 'none')
            parts.append(desc)
        return ' | '.join(parts)
