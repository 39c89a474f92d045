# SPDX-License-Identifier: Apache-2.0
"""Shared helpers of the Python tests: where the models and goldens are.

The goldens come from ../shared/golden when it is beside the project (or $TINYRT_SHARED_DIR)
and from data/golden otherwise; models only in ../shared are skipped without it."""

import json
import os

import numpy as np
import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "data")
SHARED = os.environ.get("TINYRT_SHARED_DIR") or os.path.join(ROOT, "..", "shared")
if not os.path.isdir(os.path.join(SHARED, "golden")):
    SHARED = None


def golden_dir(name):
    for base in ([SHARED] if SHARED else []) + [DATA]:
        path = os.path.join(base, "golden", name)
        if os.path.isdir(os.path.join(path, "seed1")):
            return path
    return None


def model_path(name):
    for base in ([SHARED] if SHARED else []) + [DATA]:
        path = os.path.join(base, "models", name + ".tflite")
        if os.path.exists(path):
            return path
    return None


def golden_models():
    """Every model with a golden in data/golden or ../shared/golden."""
    names = set()
    for base in ([SHARED] if SHARED else []) + [DATA]:
        directory = os.path.join(base, "golden")
        if os.path.isdir(directory):
            names.update(n for n in os.listdir(directory) if os.path.isdir(os.path.join(directory, n, "seed1")))
    return sorted(names)


def meta(name):
    with open(os.path.join(golden_dir(name), "meta.json")) as f:
        return json.load(f)


def seeds(name):
    directory = golden_dir(name)
    return sorted(d for d in os.listdir(directory) if d.startswith("seed"))


def read_golden(path, details):
    return np.fromfile(path, dtype=details["dtype"]).reshape(details["shape"])


def assert_matches_golden(got, want, what):
    """The golden README's rule: integers bit-exact; float32 |a-b| <= 1e-5 * max(1, |b|), NaN where NaN."""
    assert got.dtype == want.dtype and got.shape == want.shape, what
    if got.dtype == np.float32:
        nan = np.isnan(want)
        assert np.array_equal(np.isnan(got), nan), f"{what}: NaN positions differ"
        a, b = got[~nan].astype(np.float64), want[~nan].astype(np.float64)
        bad = np.abs(a - b) > 1e-5 * np.maximum(1.0, np.abs(b))
        assert not bad.any(), f"{what}: {int(bad.sum())} of {b.size} elements differ, first at {np.argmax(bad)}"
    else:
        diff = got != want
        assert not diff.any(), f"{what}: {int(diff.sum())} of {want.size} elements differ (bit-exact required)"


@pytest.fixture
def hello_world_int8():
    return model_path("hello_world_int8")
