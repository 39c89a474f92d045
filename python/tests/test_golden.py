# SPDX-License-Identifier: Apache-2.0
"""Every golden model through Python: outputs equal TFLM's goldens (integers bit-exact), the
golden generator gives the golden inputs, and the default arena is exactly what the model needs."""

import os

import numpy as np
import pytest

import tinyrt
from conftest import DATA, assert_matches_golden, golden_dir, golden_models, model_path, read_golden, seeds

MODELS = golden_models()


def test_every_bundled_golden_is_found():
    bundled = sorted(n for n in os.listdir(os.path.join(DATA, "golden")) if os.path.isdir(os.path.join(DATA, "golden", n)))
    assert bundled and set(bundled) <= set(MODELS)


@pytest.mark.parametrize("name", MODELS)
def test_outputs_equal_goldens(name):
    path = model_path(name)
    if path is None:
        pytest.skip(f"{name}.tflite is only in ../shared")
    checked = 0
    for seed in seeds(name):
        interpreter = tinyrt.Interpreter(model_path=path)  # one fresh interpreter per seed, as the goldens
        interpreter.allocate_tensors()
        for k, d in enumerate(interpreter.get_input_details()):
            data = read_golden(os.path.join(golden_dir(name), seed, f"input{k}.bin"), d)
            # The package's generator reproduces the golden inputs.
            np.testing.assert_array_equal(interpreter.golden_input(k, int(seed[4:])), data)
            interpreter.set_tensor(d["index"], data)
        interpreter.invoke()
        for j, d in enumerate(interpreter.get_output_details()):
            want = read_golden(os.path.join(golden_dir(name), seed, f"output{j}.bin"), d)
            assert_matches_golden(interpreter.get_tensor(d["index"]), want, f"{name} {seed} output {j}")
            checked += 1
    assert checked > 0


@pytest.mark.parametrize("name", MODELS)
def test_default_arena_is_exactly_what_the_model_needs(name):
    path = model_path(name)
    if path is None:
        pytest.skip(f"{name}.tflite is only in ../shared")
    interpreter = tinyrt.Interpreter(model_path=path)
    interpreter.allocate_tensors()
    used = interpreter.arena_used_bytes
    assert interpreter.arena_size == used
    assert interpreter.arena_persistent_bytes + interpreter.arena_planned_bytes <= used
    # The budget of data/arena_budget.csv holds through Python too.
    with open(os.path.join(DATA, "arena_budget.csv")) as f:
        rows = dict((line.split(",")[0], line.strip().split(",")) for line in f.readlines()[1:])
    if name in rows and rows[name][3]:
        assert used <= int(rows[name][3])
    # One byte less fails, naming both figures.
    small = tinyrt.Interpreter(model_path=path, arena_size=used - 1)
    with pytest.raises(tinyrt.ArenaTooSmallError, match=str(used)):
        small.allocate_tensors()
