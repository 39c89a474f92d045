# SPDX-License-Identifier: Apache-2.0
# %% [markdown]
# # Validate a quantized model on the desk with the device's arithmetic
#
# The workflow of a model maker, with tinyrt instead of tf.lite.Interpreter: run a small data
# set through the int8 model, compare with the float model, look at the arena plan, and at one
# layer's tensors. The int8 results are the integers the microcontroller computes (bit-exact
# with TFLM's reference kernels). Run it as a script (`PYTHONPATH=build/python
# /usr/bin/python3 examples/python/evaluate_model.py`) or cell by cell (`# %%`) in an editor.

# %%
import math
import os
import sys

import numpy as np

import tinyrt

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
INT8 = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "data", "models", "hello_world_int8.tflite")
FLOAT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "data", "models", "hello_world_float.tflite")

# %% [markdown]
# ## The data set: 200 points of sin(x) on [0, 2*pi)

# %%
xs = np.linspace(0, 2 * math.pi, 200, endpoint=False, dtype=np.float32)
labels = np.sin(xs)


def predict(interpreter, x):
    """One float prediction, quantizing the input and dequantizing the output as TFLite scripts do."""
    inp, out = interpreter.get_input_details()[0], interpreter.get_output_details()[0]
    scale, zero = inp["quantization"]
    value = np.array(x, dtype=np.float32).reshape(inp["shape"])
    if scale:  # a quantized input
        value = np.clip(np.round(value / scale + zero), np.iinfo(inp["dtype"]).min, np.iinfo(inp["dtype"]).max)
    interpreter.set_tensor(inp["index"], value.astype(inp["dtype"]))
    interpreter.invoke()
    y = interpreter.get_tensor(out["index"]).astype(np.float32)
    scale, zero = out["quantization"]
    return float(((y - zero) * scale if scale else y).reshape(-1)[0])


# %% [markdown]
# ## Accuracy of the int8 model against the labels and against the float model

# %%
int8 = tinyrt.Interpreter(model_path=INT8)
int8.allocate_tensors()
fp32 = tinyrt.Interpreter(model_path=FLOAT)
fp32.allocate_tensors()
q = np.array([predict(int8, x) for x in xs])
f = np.array([predict(fp32, x) for x in xs])
accuracy = float(np.mean(np.abs(q - labels) < 0.1))
print(f"int8 model:  mean |error| {np.mean(np.abs(q - labels)):.4f}, within 0.1 of sin(x): {100 * accuracy:.1f}%")
print(f"float model: mean |error| {np.mean(np.abs(f - labels)):.4f}, within 0.1 of sin(x): "
      f"{100 * np.mean(np.abs(f - labels) < 0.1):.1f}%")
print(f"int8 vs float: largest difference {np.max(np.abs(q - f)):.4f}")

# %% [markdown]
# ## What the device needs: arena, kernels, plan

# %%
print(f"arena_used_bytes: {int8.arena_used_bytes} ({int8.arena_persistent_bytes} persistent + "
      f"{int8.arena_used_bytes - int8.arena_persistent_bytes} for activations and planning), MACs per invoke: {int8.macs}")
for node in int8.ops():
    print(f"  node {node['index']}: {node['op']} v{node['version']} kernel {node['kernel']} ({node['macs']} MACs)")
print(f"{'offset':>8} {'size':>6} {'nodes':>7}  buffer")
for row in int8.plan():
    print(f"{row['offset']:8d} {row['size']:6d} {row['first_use']:3d}-{row['last_use']:<3d}  {row['name']}")

# %% [markdown]
# ## One layer at a time (preserve_all_tensors=True keeps every intermediate tensor)

# %%
layers = tinyrt.Interpreter(model_path=INT8, preserve_all_tensors=True)
layers.allocate_tensors()
predict(layers, 1.0)
details = layers.get_tensor_details()
for node in layers.ops():
    t = node["outputs"][0]
    scale, zero = details[t]["quantization"]
    values = (layers.get_tensor(t).astype(np.float32) - zero) * scale
    print(f"  {details[t]['name']}: {np.round(values.reshape(-1)[:6], 3)}{' ...' if values.size > 6 else ''}")

# %% [markdown]
# ## The arena plan as a picture (when matplotlib is installed)

# %%
try:
    import matplotlib
except ImportError:
    print("matplotlib is not installed (apt-get install python3-matplotlib): no plot")
else:
    if not os.environ.get("DISPLAY"):
        matplotlib.use("Agg")
    ax = tinyrt.plot_plan(int8, title=os.path.basename(INT8))
    out = os.path.join(os.environ.get("TMPDIR", "/tmp"), "tinyrt_plan.png")
    ax.figure.savefig(out)
    print(f"plan plot: {out}")
