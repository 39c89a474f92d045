# SPDX-License-Identifier: Apache-2.0
"""Errors reach Python as exceptions carrying tinyrt's messages; inputs of the wrong dtype or
shape raise ValueError naming what the input expects; invoke() releases the GIL."""

import struct
import threading
import time

import numpy as np
import pytest

import tinyrt
from conftest import model_path


def read_model(name):
    with open(model_path(name), "rb") as f:
        return bytearray(f.read())


def operator_code_fields(model):
    """Byte positions of the fields of each OperatorCode table of a .tflite FlatBuffer:
    [{field id: position}], read with the FlatBuffer layout (root offset, vtables)."""
    u32 = lambda at: struct.unpack_from("<I", model, at)[0]
    def fields(table):
        vtable = table - struct.unpack_from("<i", model, table)[0]
        size = struct.unpack_from("<H", model, vtable)[0]
        return {i: table + o for i in range((size - 4) // 2) if (o := struct.unpack_from("<H", model, vtable + 4 + 2 * i)[0])}
    root = u32(0)
    codes_field = fields(root)[1]  # Model.operator_codes
    vector = codes_field + u32(codes_field)
    return [fields(vector + 4 + 4 * k + u32(vector + 4 + 4 * k)) for k in range(u32(vector))]


def test_bad_model_is_a_value_error_with_tinyrt_message():
    with pytest.raises(tinyrt.InvalidModelError) as error:
        tinyrt.Interpreter(model_content=b"this is not a model")
    assert isinstance(error.value, ValueError) and str(error.value)
    truncated = bytes(read_model("hello_world_int8")[:200])
    with pytest.raises(ValueError):
        tinyrt.Interpreter(model_content=truncated)
    with pytest.raises(ValueError, match="exactly one"):
        tinyrt.Interpreter()


def test_missing_op_names_op_version_and_node():
    model = read_model("hello_world_int8")
    code = operator_code_fields(model)[0]
    # FULLY_CONNECTED (9) becomes LSH_PROJECTION (15), an op tinyrt has no kernel for.
    assert model[code[0]] == 9
    model[code[0]] = 15
    if 3 in code:
        struct.pack_into("<i", model, code[3], 15)
    interpreter = tinyrt.Interpreter(model_content=bytes(model))
    with pytest.raises(tinyrt.MissingOpError, match=r"LSH_PROJECTION version 4 \(node 0\)"):
        interpreter.allocate_tensors()


def test_unsupported_op_version():
    model = read_model("hello_world_int8")
    code = operator_code_fields(model)[0]
    struct.pack_into("<i", model, code[2], 99)
    interpreter = tinyrt.Interpreter(model_content=bytes(model))
    with pytest.raises(tinyrt.UnsupportedError, match="op version 99 is not supported"):
        interpreter.allocate_tensors()


def test_arena_shortfall_says_how_much_the_model_needs():
    interpreter = tinyrt.Interpreter(model_path=model_path("hello_world_int8"), arena_size=64)
    with pytest.raises(tinyrt.ArenaTooSmallError, match="arena has 64 bytes, model needs"):
        interpreter.allocate_tensors()
    with pytest.raises(ValueError):
        tinyrt.Interpreter(model_path=model_path("hello_world_int8"), arena_size=0)


def test_wrong_dtype_or_shape_is_a_value_error_naming_the_expectation():
    interpreter = tinyrt.Interpreter(model_path=model_path("hello_world_int8"))
    interpreter.allocate_tensors()
    index = interpreter.get_input_details()[0]["index"]
    with pytest.raises(ValueError, match=r"float32 but input tensor 0 .* expects int8 \(shape \[1, 1\]\)"):
        interpreter.set_tensor(index, np.zeros((1, 1), dtype=np.float32))
    with pytest.raises(ValueError, match=r"shape \[1, 2\] but input tensor 0 .* expects shape \[1, 1\]"):
        interpreter.set_tensor(index, np.zeros((1, 2), dtype=np.int8))
    with pytest.raises(ValueError, match="not an input"):
        interpreter.set_tensor(interpreter.get_output_details()[0]["index"], np.zeros((1, 1), dtype=np.int8))
    with pytest.raises(ValueError, match="out of range"):
        interpreter.get_tensor(10_000)
    with pytest.raises(ValueError, match="static shapes"):
        interpreter.resize_tensor_input(index, [2, 1])
    interpreter.resize_tensor_input(index, [1, 1])  # the model's own shape is fine


def test_calls_before_allocate_tensors_fail_clearly():
    interpreter = tinyrt.Interpreter(model_path=model_path("hello_world_int8"))
    with pytest.raises(tinyrt.TinyrtError, match="allocate_tensors"):
        interpreter.invoke()
    with pytest.raises(RuntimeError, match="allocate_tensors"):
        interpreter.get_tensor(0)


def test_inputs_persist_across_invokes_like_tflite():
    """The runtime reuses input bytes once read; the package rewrites the inputs before every
    invoke(), so a second invoke() without set_tensor() gives the same output, as in TFLite."""
    interpreter = tinyrt.Interpreter(model_path=model_path("person_detect"))
    interpreter.allocate_tensors()
    image = interpreter.golden_input(0, 3)
    interpreter.set_tensor(interpreter.get_input_details()[0]["index"], image)
    out = interpreter.get_output_details()[0]["index"]
    interpreter.invoke()
    first = interpreter.get_tensor(out)
    interpreter.invoke()
    np.testing.assert_array_equal(first, interpreter.get_tensor(out))
    np.testing.assert_array_equal(interpreter.get_tensor(interpreter.get_input_details()[0]["index"]), image)


def test_invoke_releases_the_gil():
    """While one thread is inside invoke() (person_detect on the reference kernels, ~10 ms), the
    main thread runs Python code: its clock readings fall inside the window the C++ side
    measured around MicroInterpreter::Invoke(), which no Python code could enter if invoke()
    held the GIL."""
    interpreter = tinyrt.Interpreter(model_path=model_path("person_detect"), reference_kernels=True)
    interpreter.allocate_tensors()
    interpreter.set_tensor(interpreter.get_input_details()[0]["index"], interpreter.golden_input(0, 1))
    windows = []
    done = threading.Event()

    def invoke_loop():
        for _ in range(5):
            interpreter.invoke()
            windows.append(interpreter._session.last_invoke_window)
        done.set()

    thread = threading.Thread(target=invoke_loop)
    ticks = []
    thread.start()
    while not done.is_set():
        ticks.append(time.monotonic())
    thread.join()
    assert all(b - a > 0.001 for a, b in windows), windows
    inside = sum(1 for a, b in windows if any(a < t < b for t in ticks))
    assert inside >= 1, "the main thread never ran during an Invoke: invoke() held the GIL"


def test_tensor_accessor_like_tflite():
    interpreter = tinyrt.Interpreter(model_path=model_path("hello_world_int8"))
    interpreter.allocate_tensors()
    inp, out = interpreter.get_input_details()[0], interpreter.get_output_details()[0]
    interpreter.tensor(inp["index"])()[0, 0] = 42  # writes the input in place, as in TFLite
    interpreter.invoke()
    view = interpreter.tensor(out["index"])()
    assert view.dtype == np.int8 and view.shape == (1, 1)
    reference = tinyrt.Interpreter(model_path=model_path("hello_world_int8"))
    reference.allocate_tensors()
    reference.set_tensor(inp["index"], np.array([[42]], dtype=np.int8))
    reference.invoke()
    np.testing.assert_array_equal(view, reference.get_tensor(out["index"]))
    with pytest.raises(ValueError, match="only the model's inputs and outputs"):
        interpreter.tensor(7)()
