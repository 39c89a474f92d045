# SPDX-License-Identifier: Apache-2.0
"""A validation script as written for TensorFlow Lite's Python interpreter (tflite_runtime or
tf.lite): nothing here knows tinyrt. test_tflite_script.py runs it with its first import line
replaced by `import tinyrt as tflite`, and nothing else changed.

1. hello_world_int8: quantize float inputs with the input's (scale, zero_point), dequantize the
   output, and measure the error against sin(x) over a small data set.
2. Classifiers: run the golden inputs and count how often the predicted class is the golden's.
"""
import math
import os
import sys

import numpy as np
import tflite_runtime.interpreter as tflite


def sine_error(model_path, points=64):
    interpreter = tflite.Interpreter(model_path=model_path)
    interpreter.allocate_tensors()
    input_details = interpreter.get_input_details()[0]
    output_details = interpreter.get_output_details()[0]
    in_scale, in_zero = input_details["quantization"]
    out_scale, out_zero = output_details["quantization"]
    errors = []
    for x in np.linspace(0, 2 * math.pi, points, dtype=np.float32):
        q = np.round(x / in_scale + in_zero).astype(input_details["dtype"])
        interpreter.set_tensor(input_details["index"], q.reshape(input_details["shape"]))
        interpreter.invoke()
        y = (interpreter.get_tensor(output_details["index"]).astype(np.float32) - out_zero) * out_scale
        errors.append(abs(float(y.reshape(-1)[0]) - math.sin(x)))
    return float(np.mean(errors))


def classification_accuracy(model_path, golden_dir):
    interpreter = tflite.Interpreter(model_path=model_path)
    interpreter.allocate_tensors()
    input_details = interpreter.get_input_details()
    output_details = interpreter.get_output_details()
    correct = total = 0
    for seed in sorted(os.listdir(golden_dir)):
        if not seed.startswith("seed"):
            continue
        for i, detail in enumerate(input_details):
            data = np.fromfile(os.path.join(golden_dir, seed, f"input{i}.bin"), dtype=detail["dtype"])
            interpreter.set_tensor(detail["index"], data.reshape(detail["shape"]))
        interpreter.invoke()
        scores = interpreter.get_tensor(output_details[0]["index"])
        label = np.fromfile(os.path.join(golden_dir, seed, "output0.bin"), dtype=output_details[0]["dtype"])
        correct += int(np.argmax(scores) == np.argmax(label))
        total += 1
    return correct / total


def main(models, goldens, classifiers):
    results = {"sine_mae": sine_error(os.path.join(models, "hello_world_int8.tflite"))}
    for name in classifiers:
        results[name] = classification_accuracy(os.path.join(models, name + ".tflite"), os.path.join(goldens, name))
    return results


if __name__ == "__main__":
    print(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
