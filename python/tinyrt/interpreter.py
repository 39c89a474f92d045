# SPDX-License-Identifier: Apache-2.0
"""tinyrt.Interpreter: the API of tf.lite.Interpreter over tinyrt's runtime.

A validation script written for ``tf.lite.Interpreter`` runs unchanged with
``tinyrt.Interpreter``: the same methods and the same detail dicts, and the outputs are the
integers the firmware computes (bit-exact with TFLM's reference kernels).
"""

import os

import numpy as np

from . import _tinyrt

# tinyrt's dtype names (TensorTypeName) -> numpy types.
_DTYPES = {
    "float32": np.float32, "float16": np.float16, "float64": np.float64,
    "int8": np.int8, "uint8": np.uint8, "int16": np.int16, "uint16": np.uint16,
    "int32": np.int32, "uint32": np.uint32, "int64": np.int64, "uint64": np.uint64,
    "bool": np.bool_, "complex64": np.complex64, "complex128": np.complex128,
}


def _numpy_dtype(name):
    return _DTYPES.get(name, np.object_)


class Interpreter:
    """Runs a .tflite model with tinyrt, with tf.lite.Interpreter's methods.

    Args:
      model_path: path of a .tflite file.
      model_content: the model's bytes (instead of model_path).
      arena_size: bytes of the tensor arena; default: exactly what the model needs
        (``arena_used_bytes``), as the firmware would allocate it.
      preserve_all_tensors: keep a copy of every intermediate tensor after each node runs, so
        that ``get_tensor()`` reads any tensor after ``invoke()`` (the arena plan is unchanged).
        ``experimental_preserve_all_tensors`` (TFLite's name) is accepted too.
      reference_kernels: run the reference kernels only (default: the optimized variants this
        machine has; both give the same bits for integer models).
      num_threads, experimental_delegates, experimental_op_resolver_type and the other
        experimental_* arguments of tf.lite.Interpreter: accepted for compatibility, without
        effect (tinyrt runs on one thread, without delegates).

    Raises:
      tinyrt.InvalidModelError (a ValueError): the bytes are not a model tinyrt can read.
    """

    def __init__(self, model_path=None, model_content=None, arena_size=None,
                 preserve_all_tensors=False, reference_kernels=False,
                 experimental_preserve_all_tensors=False, num_threads=None,
                 experimental_delegates=None, experimental_op_resolver_type=None,
                 experimental_disable_delegate_clustering=False,
                 experimental_default_delegate_latest_features=False):
        if (model_path is None) == (model_content is None):
            raise ValueError("give exactly one of model_path and model_content")
        if model_path is not None:
            with open(os.fspath(model_path), "rb") as f:
                model_content = f.read()
        if experimental_delegates:
            raise ValueError("tinyrt runs without delegates: experimental_delegates must be empty")
        if arena_size is not None and int(arena_size) <= 0:
            raise ValueError("arena_size must be positive (or None for exactly what the model needs)")
        self._preserve = bool(preserve_all_tensors or experimental_preserve_all_tensors)
        self._session = _tinyrt.Session(bytes(model_content), int(arena_size or 0), self._preserve,
                                        bool(reference_kernels))
        self._inputs = self._session.inputs()
        self._outputs = self._session.outputs()

    # ---- tf.lite.Interpreter --------------------------------------------------------------
    def allocate_tensors(self):
        """Resolves the ops, prepares the kernels and plans the arena.

        Raises tinyrt.MissingOpError (op and version), tinyrt.ArenaTooSmallError (how many bytes
        the model needs), tinyrt.UnsupportedError (a type or shape a kernel cannot handle)."""
        self._session.allocate()

    def _details(self, index):
        info = self._session.tensor_info(index)
        scales = np.array(info["scales"], dtype=np.float32)
        zero_points = np.array(info["zero_points"], dtype=np.int32)
        # TFLite's legacy (scale, zero_point): the parameters of a per-tensor quantization,
        # (0.0, 0) otherwise.
        quantization = (float(scales[0]), int(zero_points[0])) if len(scales) == 1 else (0.0, 0)
        return {
            "name": info["name"],
            "index": index,
            "shape": np.array(info["shape"], dtype=np.int32),
            "shape_signature": np.array(info["shape_signature"], dtype=np.int32),
            "dtype": _numpy_dtype(info["dtype"]),
            "quantization": quantization,
            "quantization_parameters": {
                "scales": scales,
                "zero_points": zero_points,
                "quantized_dimension": info["quantized_dimension"],
            },
            "sparsity_parameters": {},
        }

    def get_input_details(self):
        """One dict per model input (name, index, shape, shape_signature, dtype, quantization,
        quantization_parameters, sparsity_parameters), as tf.lite.Interpreter's."""
        return [self._details(i) for i in self._inputs]

    def get_output_details(self):
        """One dict per model output, as get_input_details()."""
        return [self._details(i) for i in self._outputs]

    def get_tensor_details(self):
        """One dict per tensor of the main subgraph, as get_input_details()."""
        return [self._details(i) for i in range(self._session.num_tensors())]

    def set_tensor(self, tensor_index, value):
        """Copies `value` into input tensor `tensor_index` (the 'index' of its details).

        Raises ValueError if the dtype or shape differs from the input's (as TFLite does; no
        silent conversion), naming what the input expects."""
        if tensor_index not in self._inputs:
            raise ValueError(f"tensor {tensor_index} is not an input of the model; its inputs are tensors "
                             f"{self._inputs} (tinyrt sets inputs only)")
        details = self._details(tensor_index)
        value = np.asarray(value)
        where = f"input tensor {tensor_index} ('{details['name']}')"
        expected = f"{np.dtype(details['dtype']).name} {list(details['shape'])}"
        if value.dtype != np.dtype(details["dtype"]):
            raise ValueError(f"Cannot set tensor: got a value of type {value.dtype.name} but {where} expects "
                             f"{np.dtype(details['dtype']).name} (shape {list(details['shape'])})")
        if tuple(value.shape) != tuple(details["shape"]):
            raise ValueError(f"Cannot set tensor: got a value of shape {list(value.shape)} but {where} expects "
                             f"shape {list(details['shape'])} ({expected})")
        self._session.set_input(tensor_index, np.ascontiguousarray(value).tobytes())

    def get_tensor(self, tensor_index):
        """A copy of tensor `tensor_index`: inputs, outputs, constants and state always; any
        intermediate tensor after invoke() with preserve_all_tensors=True."""
        info = self._session.tensor_info(tensor_index)
        data = self._session.get(tensor_index)
        dtype = _numpy_dtype(info["dtype"])
        return np.frombuffer(data, dtype=dtype).reshape(info["shape"]).copy()

    def tensor(self, tensor_index):
        """TFLite's accessor: a function returning a numpy array over the tensor's own bytes, for
        the model's inputs (write into it before invoke()) and outputs (read after invoke())."""
        return lambda: self._session.tensor_array(tensor_index)

    def invoke(self):
        """Runs the model once on the inputs last set (releases the GIL while it runs).

        Raises tinyrt.TinyrtError with tinyrt's message if a kernel fails."""
        self._session.invoke()

    def reset_all_variables(self):
        """Returns every variable (state) tensor to its initial value."""
        self._session.reset()

    def resize_tensor_input(self, input_index, tensor_size, strict=False):
        """Only the model's own shape is accepted: tinyrt plans the arena for static shapes."""
        details = self._details(input_index)
        if tuple(int(d) for d in tensor_size) != tuple(details["shape"]):
            raise ValueError(f"tinyrt plans static shapes: input tensor {input_index} keeps shape "
                             f"{list(details['shape'])}, cannot resize to {list(tensor_size)}")

    # ---- Beyond TFLite ---------------------------------------------------------------------
    @property
    def arena_used_bytes(self):
        """Exact arena bytes the model needs (the firmware's figure, the same on every target)."""
        return self._session.arena_used_bytes

    @property
    def arena_persistent_bytes(self):
        """Arena bytes of tensor records, op data and state (the start of the arena)."""
        return self._session.arena_persistent_bytes

    @property
    def arena_planned_bytes(self):
        """Bytes of the planned activations region. arena_used_bytes is the persistent bytes plus
        the larger of this and the planner's workspace during allocate_tensors()."""
        return self._session.arena_planned_bytes

    @property
    def arena_size(self):
        """Bytes of the arena this interpreter was given."""
        return self._session.arena_size

    def plan(self):
        """The arena plan (as `tinyrt plan`): one dict per planned buffer with tensor (-1 for a
        scratch buffer), node (the scratch buffer's owner), name, offset, size, first_use and
        last_use (node indices)."""
        return self._session.plan()

    def ops(self):
        """One dict per node: index, op, version, kernel (the Eval variant chosen),
        reference_reason (why the reference variant runs, or ''), macs, inputs, outputs, runs
        (False for a node Invoke skips: all its outputs are empty)."""
        return self._session.nodes()

    def profile(self, iterations=None):
        """Time per node: a list of dicts (index, op, kernel, us) in the order the nodes ran.

        Without `iterations`: the node times of the last invoke(). With it: runs invoke() that
        many times on the current inputs and gives the mean per node."""
        nodes = self.ops()
        if iterations is None:
            runs = [self._session.profile()]
        else:
            runs = []
            for _ in range(int(iterations)):
                self.invoke()
                runs.append(self._session.profile())
        if not runs or not runs[0]:
            raise RuntimeError("no profile yet: call invoke() first")
        result = []
        for k, (node, _) in enumerate(runs[0]):
            us = sum(run[k][1] for run in runs) / len(runs)
            result.append({"index": node, "op": nodes[node]["op"], "kernel": nodes[node]["kernel"], "us": us})
        return result

    @property
    def macs(self):
        """Multiply-accumulates per invoke, counted as TFLM counts them (CONV_2D,
        DEPTHWISE_CONV_2D, FULLY_CONNECTED)."""
        return sum(node["macs"] for node in self.ops())

    def golden_input(self, input_position, seed):
        """Input `input_position` (0, 1, ...) as the golden generator makes it for `seed`
        (data/golden/README.md; `tinyrt run --seed` uses the same generator)."""
        details = self.get_input_details()[input_position]
        data = self._session.golden_input(input_position, int(seed))
        return np.frombuffer(data, dtype=details["dtype"]).reshape(details["shape"]).copy()
