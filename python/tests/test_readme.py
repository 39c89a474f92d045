# SPDX-License-Identifier: Apache-2.0
"""The README's five-line validation loop runs as printed (on person_detect's golden inputs)."""

import contextlib
import io
import os
import re

import numpy as np

from conftest import ROOT, golden_dir, model_path


def test_readme_validation_loop():
    with open(os.path.join(ROOT, "README.md")) as f:
        readme = f.read()
    section = readme[readme.index("## Python"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    assert len(code.strip().splitlines()) == 5
    directory = golden_dir("person_detect")
    dataset = []
    for seed in ("seed1", "seed2", "seed3"):
        x = np.fromfile(os.path.join(directory, seed, "input0.bin"), dtype=np.int8).reshape(1, 96, 96, 1)
        label = int(np.argmax(np.fromfile(os.path.join(directory, seed, "output0.bin"), dtype=np.int8)))
        dataset.append((x, label))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code.replace("model_int8.tflite", model_path("person_detect")), {"dataset": dataset})
    assert out.getvalue().strip() == "accuracy: 1.0"
