# SPDX-License-Identifier: Apache-2.0
"""python -m tinyrt inspect|run|plan|bench MODEL: the `tinyrt` CLI's commands, from Python."""

import argparse
import json
import os
import sys
import time

import numpy as np

from . import Interpreter, TinyrtError, plot_plan


def _load(args, allocate=True):
    interpreter = Interpreter(model_path=args.model, reference_kernels=args.reference)
    if allocate:
        interpreter.allocate_tensors()
    return interpreter


def _tensor_line(d):
    q = d["quantization_parameters"]
    quant = ""
    if len(q["scales"]):
        quant = f" scale {q['scales'].tolist()} zero_point {q['zero_points'].tolist()}"
        if len(q["scales"]) > 1:
            quant += f" (axis {q['quantized_dimension']})"
    return f"tensor {d['index']} '{d['name']}' {np.dtype(d['dtype']).name} {d['shape'].tolist()}{quant}"


def _json_tensor(d):
    q = d["quantization_parameters"]
    return {"tensor_index": d["index"], "name": d["name"], "dtype": np.dtype(d["dtype"]).name,
            "shape": d["shape"].tolist(), "scale": q["scales"].tolist(), "zero_point": q["zero_points"].tolist(),
            "quantized_dimension": q["quantized_dimension"]}


def inspect(args):
    interpreter = _load(args, allocate=False)
    error = None
    try:
        interpreter.allocate_tensors()
    except TinyrtError as e:  # the model's tensors still print; the error says what is missing
        error = str(e)
    if args.json:
        out = {"model": args.model, "model_bytes": os.path.getsize(args.model),
               "inputs": [_json_tensor(d) for d in interpreter.get_input_details()],
               "outputs": [_json_tensor(d) for d in interpreter.get_output_details()]}
        if error is None:
            out.update(arena_used_bytes=interpreter.arena_used_bytes, arena_persistent_bytes=interpreter.arena_persistent_bytes,
                       arena_planned_bytes=interpreter.arena_planned_bytes, nodes=interpreter.ops(), macs_total=interpreter.macs)
        else:
            out.update(arena_used_bytes=None, error=error)
        print(json.dumps(out, indent=2))
        return 0 if error is None else 1
    print(f"model: {args.model} ({os.path.getsize(args.model)} bytes)")
    print("inputs:")
    for d in interpreter.get_input_details():
        print("  " + _tensor_line(d))
    print("outputs:")
    for d in interpreter.get_output_details():
        print("  " + _tensor_line(d))
    if error is not None:
        print(f"error: {error}")
        return 1
    print("kernels:")
    for node in interpreter.ops():
        line = f"  {node['index']:3d}: {node['op']}/v{node['version']:<3d} {node['kernel']:<28s}"
        if node["macs"]:
            line += f" {node['macs']} MACs"
        if node["reference_reason"]:
            line += f" (reference: {node['reference_reason']})"
        print(line)
    print(f"arena_used_bytes: {interpreter.arena_used_bytes} ({interpreter.arena_persistent_bytes} persistent + "
          f"{interpreter.arena_used_bytes - interpreter.arena_persistent_bytes} planned)")
    print(f"macs: {interpreter.macs}")
    return 0


def run(args):
    interpreter = _load(args)
    inputs = interpreter.get_input_details()
    if args.input and len(args.input) != len(inputs):
        raise SystemExit(f"error: the model has {len(inputs)} inputs, {len(args.input)} --input files given")
    for k, d in enumerate(inputs):
        if args.input:
            data = np.fromfile(args.input[k], dtype=d["dtype"])
            if data.size != int(np.prod(d["shape"])):
                raise SystemExit(f"error: input {k} ('{d['name']}', {np.dtype(d['dtype']).name} {d['shape'].tolist()}) needs "
                                 f"{int(np.prod(d['shape'])) * np.dtype(d['dtype']).itemsize} bytes, {args.input[k]} has "
                                 f"{os.path.getsize(args.input[k])}")
            interpreter.set_tensor(d["index"], data.reshape(d["shape"]))
        else:
            interpreter.set_tensor(d["index"], interpreter.golden_input(k, args.seed))
    start = time.perf_counter()
    interpreter.invoke()
    us = (time.perf_counter() - start) * 1e6
    print(f"model: {args.model}\ninputs: {'files' if args.input else f'generated, seed {args.seed}'}\n"
          f"arena_used_bytes: {interpreter.arena_used_bytes}\ninvoke_us: {us:.1f}")
    for j, d in enumerate(interpreter.get_output_details()):
        value = interpreter.get_tensor(d["index"])
        shown = " ".join(str(v) for v in value.reshape(-1)[:8])
        print(f"output{j}: {np.dtype(d['dtype']).name} {d['shape'].tolist()} values: {shown}{' ...' if value.size > 8 else ''}")
        if args.output_dir:
            value.tofile(os.path.join(args.output_dir, f"output{j}.bin"))
    return 0


def plan(args):
    interpreter = _load(args)
    print(f"{'buffer':6s} {'offset':8s} {'size':8s} {'first':5s} {'last':5s} tensor")
    for i, row in enumerate(interpreter.plan()):
        tensor = f"{row['tensor']} " if row["tensor"] >= 0 else ""
        print(f"{i:<6d} {row['offset']:<8d} {row['size']:<8d} {row['first_use']:<5d} {row['last_use']:<5d} {tensor}{row['name'][:70]}")
    print(f"planned: {interpreter.arena_used_bytes - interpreter.arena_persistent_bytes} bytes\npersistent: {interpreter.arena_persistent_bytes} bytes\n"
          f"arena_used_bytes: {interpreter.arena_used_bytes}")
    if args.plot:
        import matplotlib
        matplotlib.use("Agg")
        ax = plot_plan(interpreter, title=os.path.basename(args.model))
        ax.figure.savefig(args.plot)
        print(f"plot: {args.plot}")
    return 0


def bench(args):
    interpreter = _load(args)
    for k, d in enumerate(interpreter.get_input_details()):
        interpreter.set_tensor(d["index"], interpreter.golden_input(k, 1))
    interpreter.invoke()  # warm-up
    times = []
    budget = time.perf_counter()
    for i in range(args.iterations):
        start = time.perf_counter()
        interpreter.invoke()
        end = time.perf_counter()
        times.append((end - start) * 1e6)
        if i >= 10 and end - budget > 5.0:  # cap slow models at ~5 s, as the CLI does
            break
    times.sort()
    print(f"model: {args.model}\ninvokes: {len(times)}\nmedian_us: {times[len(times) // 2]:.3f}\nmin_us: {times[0]:.3f}\n"
          f"arena_used_bytes: {interpreter.arena_used_bytes}")
    if args.profile:
        nodes = interpreter.profile(iterations=len(times))
        total = sum(n["us"] for n in nodes) or 1.0
        print(f"{'node':4s} {'op':24s} {'kernel':26s} {'mean_us':>10s} {'share':>6s}")
        for n in nodes:
            print(f"{n['index']:<4d} {n['op']:24s} {n['kernel']:26s} {n['us']:10.3f} {100 * n['us'] / total:5.1f}%")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tinyrt", description="tinyrt's CLI commands, from Python")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("inspect", help="inputs, outputs, kernel per node, arena bytes, MACs")
    p.add_argument("--json", action="store_true")
    p.set_defaults(fn=inspect)
    p = sub.add_parser("run", help="one invoke on raw input files or golden-generator inputs")
    p.add_argument("--input", action="append", default=[])
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--output-dir")
    p.set_defaults(fn=run)
    p = sub.add_parser("plan", help="the arena plan: offset, size, first/last node of every buffer")
    p.add_argument("--plot", help="save a picture of the plan (needs matplotlib)")
    p.set_defaults(fn=plan)
    p = sub.add_parser("bench", help="median time per invoke (from Python), arena bytes, --profile: time per node")
    p.add_argument("--iterations", type=int, default=200)
    p.add_argument("--profile", action="store_true")
    p.set_defaults(fn=bench)
    for p in sub.choices.values():
        p.add_argument("model")
        p.add_argument("--reference", action="store_true", help="the reference kernels only")
    args = parser.parse_args(argv)
    try:
        return args.fn(args)
    except (TinyrtError, OSError, ValueError) as e:
        print(f"error: {args.model}: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
