# SPDX-License-Identifier: Apache-2.0
"""ops(), plan(), macs and profile() give what the CLI gives (`tinyrt inspect --json`,
`tinyrt plan`), when the CLI is built beside (build/tinyrt or $TINYRT_CLI)."""

import json
import os
import subprocess

import pytest

import tinyrt
from conftest import ROOT, model_path

CLI = os.environ.get("TINYRT_CLI") or os.path.join(ROOT, "build", "tinyrt")
MODELS = ["person_detect", "kws_ref_model", "micro_speech_quantized", "trained_lstm_int8"]


def cli(*args):
    if not os.access(CLI, os.X_OK):
        pytest.skip(f"the tinyrt CLI is not built ({CLI})")
    return subprocess.run([CLI, *args], check=True, capture_output=True, text=True).stdout


@pytest.mark.parametrize("name", MODELS)
def test_ops_and_macs_equal_cli_inspect(name):
    expected = json.loads(cli("inspect", model_path(name), "--json"))
    interpreter = tinyrt.Interpreter(model_path=model_path(name))
    interpreter.allocate_tensors()
    got = [{k: n[k] for k in ("op", "version", "kernel", "reference_reason", "macs")} for n in interpreter.ops()]
    want = [{"op": n["op"], "version": n["version"], "kernel": n["kernel"], "reference_reason": n["reference_reason"],
             "macs": n["macs"]} for n in expected["nodes"]]
    assert got == want
    assert interpreter.macs == expected["macs_total"]
    assert interpreter.arena_used_bytes == expected["arena_used_bytes"]
    assert interpreter.arena_persistent_bytes == expected["arena_persistent_bytes"]


@pytest.mark.parametrize("name", MODELS)
def test_plan_equals_cli_plan(name):
    lines = cli("plan", model_path(name)).splitlines()
    rows = [line.split() for line in lines[1:] if line[:1].isdigit()]
    interpreter = tinyrt.Interpreter(model_path=model_path(name))
    interpreter.allocate_tensors()
    plan = interpreter.plan()
    assert len(plan) == len(rows) > 0
    for row, fields in zip(plan, rows):
        assert [row["offset"], row["size"], row["first_use"], row["last_use"]] == [int(f) for f in fields[1:5]]
        if row["tensor"] >= 0:
            assert int(fields[5]) == row["tensor"]
        else:
            assert row["name"] == f"scratch of op {row['node']}"


def test_profile_times_every_node_that_runs():
    interpreter = tinyrt.Interpreter(model_path=model_path("person_detect"))
    interpreter.allocate_tensors()
    with pytest.raises(RuntimeError, match="invoke"):
        interpreter.profile()
    interpreter.invoke()
    nodes = interpreter.ops()
    last = interpreter.profile()
    assert [p["index"] for p in last] == [n["index"] for n in nodes if n["runs"]]
    assert all(p["us"] > 0 for p in last)
    assert [p["op"] for p in last] == [nodes[p["index"]]["op"] for p in last]
    mean = interpreter.profile(iterations=5)
    assert len(mean) == len(last) and all(p["us"] > 0 for p in mean)


def test_plot_plan():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    interpreter = tinyrt.Interpreter(model_path=model_path("person_detect"))
    interpreter.allocate_tensors()
    ax = tinyrt.plot_plan(interpreter)
    assert len(ax.patches) == len(interpreter.plan())
