# SPDX-License-Identifier: Apache-2.0
"""tinyrt: run TFLite models in Python with the runtime the microcontroller runs.

    import tinyrt
    interpreter = tinyrt.Interpreter(model_path="model.tflite")   # as tf.lite.Interpreter
    interpreter.allocate_tensors()

Outputs are bit-exact with TFLM's reference kernels (int8/int16) and with tinyrt's firmware.
"""

from ._tinyrt import (ArenaTooSmallError, InvalidArgumentError, InvalidModelError, MissingOpError,
                      TinyrtError, UnsupportedError)
from .interpreter import Interpreter

__all__ = ["Interpreter", "TinyrtError", "InvalidModelError", "UnsupportedError", "MissingOpError",
           "ArenaTooSmallError", "InvalidArgumentError", "plot_plan"]
__version__ = "0.1.0"


def plot_plan(interpreter, ax=None, title=None):
    """Draws the arena plan with matplotlib (imported here, only when called): one rectangle
    per buffer, nodes left to right, arena offset bottom to top. Returns the axes."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    if ax is None:
        _, ax = plt.subplots(figsize=(10, 5))
    rows = interpreter.plan()
    nodes = max(1, len(interpreter.ops()))
    colors = plt.get_cmap("tab10")
    for i, row in enumerate(rows):
        ax.add_patch(Rectangle((row["first_use"], row["offset"]), row["last_use"] - row["first_use"] + 1, row["size"],
                               facecolor="lightgray" if row["tensor"] < 0 else colors(i % 10), edgecolor="black",
                               linewidth=0.5, alpha=0.8))
    planned = interpreter.arena_planned_bytes
    ax.axhline(planned, color="blue", linewidth=1)
    ax.set_xlim(0, nodes)
    ax.set_ylim(0, max(planned, 1) * 1.05)
    ax.set_xlabel("node (execution order)")
    ax.set_ylabel("arena offset (bytes)")
    ax.set_title(title or f"arena plan: {planned} planned + {interpreter.arena_persistent_bytes} persistent bytes")
    return ax
