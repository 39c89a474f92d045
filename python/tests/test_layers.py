# SPDX-License-Identifier: Apache-2.0
"""preserve_all_tensors: every intermediate tensor of hello_world_int8 (three FULLY_CONNECTED
layers) equals a numpy re-computation of TFLite's int8 arithmetic, layer by layer; and keeping
the tensors changes neither the outputs nor the arena."""

import numpy as np
import pytest

import tinyrt
from conftest import model_path


def quantize_multiplier(real):
    """TFLite's QuantizeMultiplier: real = q * 2^(shift - 31), q in [2^30, 2^31)."""
    mantissa, shift = np.frexp(real)
    q = int(round(mantissa * (1 << 31)))
    if q == 1 << 31:
        q //= 2
        shift += 1
    return q, int(shift)


def multiply_by_quantized_multiplier(x, q, shift):
    """TFLite's MultiplyByQuantizedMultiplier (SaturatingRoundingDoublingHighMul, then a
    rounding right shift), element-wise on int64 numpy arrays."""
    x = x.astype(np.int64) * (1 << max(shift, 0))
    product = x * q
    nudge = np.where(product >= 0, 1 << 30, 1 - (1 << 30))
    high = product + nudge
    high = np.where(high >= 0, high >> 31, -((-high) >> 31))  # C++ division truncates towards zero
    right = max(-shift, 0)
    if right == 0:
        return high
    mask = (1 << right) - 1
    remainder = high & mask
    threshold = (mask >> 1) + (high < 0)
    return (high >> right) + (remainder > threshold)


def fully_connected(x, weights, bias, x_q, w_q, out_q, relu):
    acc = (x.astype(np.int64) - x_q[1]) @ weights.astype(np.int64).T + bias.astype(np.int64)
    q, shift = quantize_multiplier(np.float64(x_q[0]) * np.float64(w_q[0]) / np.float64(out_q[0]))
    out = multiply_by_quantized_multiplier(acc, q, shift) + out_q[1]
    low = max(-128, out_q[1]) if relu else -128
    return np.clip(out, low, 127).astype(np.int8)


def test_every_layer_of_hello_world_int8_equals_numpy():
    interpreter = tinyrt.Interpreter(model_path=model_path("hello_world_int8"), preserve_all_tensors=True)
    interpreter.allocate_tensors()
    details = interpreter.get_tensor_details()
    nodes = interpreter.ops()
    assert [n["op"] for n in nodes] == ["FULLY_CONNECTED"] * 3
    relu = [True, True, False]  # the model: Dense(16, relu), Dense(16, relu), Dense(1)
    inp = interpreter.get_input_details()[0]
    checked = 0
    for value in range(-128, 128, 5):
        x = np.array([[value]], dtype=np.int8)
        interpreter.set_tensor(inp["index"], x)
        interpreter.invoke()
        activation = x
        for layer, node in enumerate(nodes):
            src, w, b = node["inputs"]
            (dst,) = node["outputs"]
            expected = fully_connected(activation, interpreter.get_tensor(w), interpreter.get_tensor(b),
                                       details[src]["quantization"], details[w]["quantization"],
                                       details[dst]["quantization"], relu[layer])
            got = interpreter.get_tensor(dst)
            np.testing.assert_array_equal(got, expected.reshape(got.shape), err_msg=f"input {value}, layer {layer}")
            activation = got
            checked += 1
    assert checked == 3 * len(range(-128, 128, 5))


def test_preserving_changes_neither_outputs_nor_arena():
    path = model_path("person_detect")
    plain = tinyrt.Interpreter(model_path=path)
    kept = tinyrt.Interpreter(model_path=path, experimental_preserve_all_tensors=True)  # TFLite's name
    for interpreter in (plain, kept):
        interpreter.allocate_tensors()
        interpreter.set_tensor(interpreter.get_input_details()[0]["index"], interpreter.golden_input(0, 2))
        interpreter.invoke()
    out = plain.get_output_details()[0]["index"]
    np.testing.assert_array_equal(plain.get_tensor(out), kept.get_tensor(out))
    assert plain.arena_used_bytes == kept.arena_used_bytes
    assert [r["offset"] for r in plain.plan()] == [r["offset"] for r in kept.plan()]
    # Every node's outputs can be read after invoke() with preserve_all_tensors; without it an
    # intermediate tensor raises a ValueError that says how to keep it.
    for node in kept.ops():
        for t in node["outputs"]:
            tensor = kept.get_tensor(t)
            assert tensor.shape == tuple(kept.get_tensor_details()[t]["shape"])
    first = kept.ops()[0]["outputs"][0]
    with pytest.raises(ValueError, match="preserve_all_tensors=True"):
        plain.get_tensor(first)


def test_view_ops_keep_their_input_bytes():
    """RESHAPE (a view: its output shares its input's arena bytes) preserves the bytes of its
    input tensor, which the next node may overwrite in place."""
    interpreter = tinyrt.Interpreter(model_path=model_path("person_detect"), preserve_all_tensors=True)
    interpreter.allocate_tensors()
    interpreter.set_tensor(interpreter.get_input_details()[0]["index"], interpreter.golden_input(0, 1))
    interpreter.invoke()
    reshapes = [n for n in interpreter.ops() if n["op"] == "RESHAPE"]
    assert reshapes
    for node in reshapes:
        src = interpreter.get_tensor(node["inputs"][0])
        dst = interpreter.get_tensor(node["outputs"][0])
        assert src.size == dst.size and np.any(src)
        np.testing.assert_array_equal(src.reshape(-1), dst.reshape(-1))
