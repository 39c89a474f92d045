# SPDX-License-Identifier: Apache-2.0
"""get_input_details()/get_output_details() as tf.lite.Interpreter's, against the model's real
tensors (the golden meta.json files list each model's inputs and outputs with their quantization)."""

import numpy as np
import pytest

import tinyrt
from conftest import golden_models, meta, model_path

KEYS = {"name", "index", "shape", "shape_signature", "dtype", "quantization", "quantization_parameters",
        "sparsity_parameters"}


@pytest.mark.parametrize("name", golden_models())
def test_details_match_the_model(name):
    path = model_path(name)
    if path is None:
        pytest.skip(f"{name}.tflite is only in ../shared")
    m = meta(name)
    interpreter = tinyrt.Interpreter(model_path=path)
    before = interpreter.get_input_details()  # TFLite gives details before allocate_tensors() too
    interpreter.allocate_tensors()
    for details, expected in ((interpreter.get_input_details(), m["inputs"]), (interpreter.get_output_details(), m["outputs"])):
        assert len(details) == len(expected)
        for d, e in zip(details, expected):
            assert set(d) == KEYS
            assert d["name"] == e["name"]
            assert d["index"] == e["tensor_index"]
            assert d["dtype"] == np.dtype(e["dtype"]).type
            assert d["shape"].dtype == np.int32 and d["shape"].tolist() == e["shape"]
            assert d["shape_signature"].dtype == np.int32 and len(d["shape_signature"]) == len(e["shape"])
            q = d["quantization_parameters"]
            assert set(q) == {"scales", "zero_points", "quantized_dimension"}
            assert q["scales"].dtype == np.float32 and q["zero_points"].dtype == np.int32
            np.testing.assert_allclose(q["scales"], np.array(e["quant"]["scale"], dtype=np.float32), rtol=1e-6)
            assert q["zero_points"].tolist() == e["quant"]["zero_point"]
            assert q["quantized_dimension"] == e["quant"]["quantized_dimension"]
            if len(e["quant"]["scale"]) == 1:
                assert d["quantization"][0] == pytest.approx(e["quant"]["scale"][0], rel=1e-6)
                assert d["quantization"][1] == e["quant"]["zero_point"][0]
            else:
                assert d["quantization"] == (0.0, 0)
            assert d["sparsity_parameters"] == {}
    assert [d["name"] for d in before] == [d["name"] for d in interpreter.get_input_details()]


def test_per_channel_weights():
    path = model_path("person_detect")
    interpreter = tinyrt.Interpreter(model_path=path)
    interpreter.allocate_tensors()
    conv = next(n for n in interpreter.ops() if n["op"] == "CONV_2D")
    weights = interpreter.get_tensor_details()[conv["inputs"][1]]
    q = weights["quantization_parameters"]
    # One scale per output channel along dimension 0 (TFLite's per-channel convention); the legacy
    # (scale, zero_point) pair is TFLite's (0.0, 0) then.
    assert len(q["scales"]) == weights["shape"][0] > 1
    assert q["quantized_dimension"] == 0
    assert weights["quantization"] == (0.0, 0)
    assert (q["zero_points"] == 0).all()
