# SPDX-License-Identifier: Apache-2.0
"""python -m tinyrt inspect|run|plan|bench, and the example of examples/python."""

import os
import subprocess
import sys

import numpy as np

from conftest import ROOT, golden_dir, model_path


def tinyrt_cli(*args, check=True):
    result = subprocess.run([sys.executable, "-m", "tinyrt", *args], capture_output=True, text=True)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_run_reproduces_the_golden(tmp_path):
    out = tinyrt_cli("run", model_path("person_detect"), "--seed", "2", "--output-dir", str(tmp_path)).stdout
    assert "arena_used_bytes:" in out
    got = np.fromfile(tmp_path / "output0.bin", dtype=np.int8)
    want = np.fromfile(os.path.join(golden_dir("person_detect"), "seed2", "output0.bin"), dtype=np.int8)
    np.testing.assert_array_equal(got, want)
    # Input files instead of the generator.
    files = tinyrt_cli("run", model_path("person_detect"), "--input", os.path.join(golden_dir("person_detect"), "seed3", "input0.bin"),
                       "--output-dir", str(tmp_path)).stdout
    assert "inputs: files" in files
    np.testing.assert_array_equal(np.fromfile(tmp_path / "output0.bin", dtype=np.int8),
                                  np.fromfile(os.path.join(golden_dir("person_detect"), "seed3", "output0.bin"), dtype=np.int8))


def test_inspect_plan_bench():
    inspect = tinyrt_cli("inspect", model_path("kws_ref_model")).stdout
    assert "kernels:" in inspect and "arena_used_bytes:" in inspect and "macs:" in inspect
    plan = tinyrt_cli("plan", model_path("kws_ref_model")).stdout
    assert "arena_used_bytes:" in plan and plan.splitlines()[0].startswith("buffer")
    bench = tinyrt_cli("bench", model_path("hello_world_int8"), "--iterations", "20", "--profile").stdout
    assert "median_us:" in bench and bench.count("FULLY_CONNECTED") == 3


def test_errors_exit_with_tinyrt_message(tmp_path):
    bad = tmp_path / "bad.tflite"
    bad.write_bytes(b"abc")
    result = tinyrt_cli("inspect", str(bad), check=False)
    assert result.returncode == 1 and "too short to be a TFLite FlatBuffer" in result.stderr
    wrong = tmp_path / "input.bin"
    wrong.write_bytes(b"\0" * 7)
    result = tinyrt_cli("run", model_path("person_detect"), "--input", str(wrong), check=False)
    assert result.returncode != 0 and "needs 9216 bytes" in result.stderr


def test_example_runs():
    result = subprocess.run([sys.executable, os.path.join(ROOT, "examples", "python", "evaluate_model.py")],
                            capture_output=True, text=True, env=dict(os.environ, MPLBACKEND="Agg"))
    assert result.returncode == 0, result.stderr
    assert "within 0.1 of sin(x)" in result.stdout and "arena_used_bytes: " in result.stdout
