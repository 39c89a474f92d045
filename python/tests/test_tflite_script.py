# SPDX-License-Identifier: Apache-2.0
"""A script written for TFLite's interpreter runs unchanged with `import tinyrt as tflite`."""

import difflib
import os
import runpy

from conftest import DATA

SCRIPT = os.path.join(os.path.dirname(__file__), "tflite_accuracy_script.py")


def test_tflite_script_runs_with_one_import_changed(tmp_path):
    with open(SCRIPT) as f:
        original = f.read()
    substituted = original.replace("import tflite_runtime.interpreter as tflite", "import tinyrt as tflite")
    changed = [line for line in difflib.unified_diff(original.splitlines(), substituted.splitlines(), lineterm="", n=0)
               if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == ["-import tflite_runtime.interpreter as tflite", "+import tinyrt as tflite"]
    script = tmp_path / "accuracy.py"
    script.write_text(substituted)
    namespace = runpy.run_path(str(script), run_name="validation")
    # The bundled copies: every classifier's golden class, and the sine within the model's accuracy.
    results = namespace["main"](os.path.join(DATA, "models"), os.path.join(DATA, "golden"),
                                ["person_detect", "kws_ref_model", "micro_speech_quantized"])
    assert results["sine_mae"] < 0.1, results
    for name in ("person_detect", "kws_ref_model", "micro_speech_quantized"):
        assert results[name] == 1.0, (name, results)
