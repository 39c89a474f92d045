#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `tinyrt export` on the host, without compiling (tests/export/export_test.py builds the trees):
# bad arguments fail with a message naming the cause; --model exports the model files, the exact
# arena size and only that model's kernels; every platform writes its manifest.
# Usage: export_cli_test.sh TINYRT_BINARY SOURCE_DIR
set -uo pipefail
cli="$1"; src="$2"
fail=0; checked=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
expect_error() {  # expect_error "message part" args...
  local want="$1"; shift
  if "$cli" export "$@" > "$tmp/log" 2>&1; then echo "FAIL export $* succeeded"; fail=1
  elif ! grep -q -- "$want" "$tmp/log"; then echo "FAIL export $*: no '$want' in: $(cat "$tmp/log")"; fail=1; fi
  checked=$((checked + 1))
}
expect_error "unknown platform 'keil'" --platform keil -o "$tmp/x"
expect_error "unknown example 'blink'" --platform make --example blink -o "$tmp/x"
expect_error "cannot read" --platform make --model "$tmp/missing.tflite" -o "$tmp/x"
head -c 100 /dev/urandom > "$tmp/bad.tflite"
expect_error "bad.tflite" --platform make --model "$tmp/bad.tflite" -o "$tmp/x2"
mkdir -p "$tmp/full" && touch "$tmp/full/file"
expect_error "not empty" --platform make --example hello_world -o "$tmp/full"
expect_error "usage" --platform make

# --model: the model array, ops header and plan header; the arena as `tinyrt inspect` says; only its kernels.
model="$src/data/models/kws_ref_model.tflite"
"$cli" export --platform esp-idf --model "$model" -o "$tmp/kws" > "$tmp/log" 2>&1 || { echo "FAIL export --model: $(cat "$tmp/log")"; fail=1; }
for f in model_data.cpp model_data.h model_ops.h model_plan.h; do
  [ -f "$tmp/kws/src/tinyrt_model/$f" ] || { echo "FAIL --model: src/tinyrt_model/$f missing"; fail=1; }
done
arena=$(sed -n 's/.*kModelArenaBytes = \([0-9]*\).*/\1/p' "$tmp/kws/src/tinyrt_model/model_plan.h")
inspect=$("$cli" inspect "$model" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['arena_used_bytes'])")
[ -n "$arena" ] && [ "$arena" = "$inspect" ] || { echo "FAIL --model: plan header arena '$arena', inspect '$inspect'"; fail=1; }
kernels=$(ls "$tmp/kws/src/tinyrt/runtime/kernels/ref" | sed 's/^ref_//; s/\.cpp$//' | sort | tr '\n' ' ')
want="average_pool_2d conv_2d depthwise_conv_2d fully_connected reshape softmax "
want=$(echo "$want" | tr ' ' '\n' | grep . | sort | tr '\n' ' ')
[ "$kernels" = "$want" ] || { echo "FAIL --model: kernels '$kernels', want '$want'"; fail=1; }
grep -q '"src/tinyrt_model/model_data.cpp"' "$tmp/kws/CMakeLists.txt" || { echo "FAIL --model: model_data.cpp not in SRCS"; fail=1; }
grep -rq '#include "src/' "$tmp/kws/src" && { echo "FAIL: an include of \"src/...\" left in the tree"; fail=1; }
checked=$((checked + 4))

# Every platform: its manifest.
declare -A manifest=([make]=Makefile [arduino]=library.properties [platformio]=library.json [esp-idf]=idf_component.yml
                     [zephyr]=zephyr/module.yml [mbed]=mbed_lib.json [cmsis-pack]=tinyrt.tinyrt.pdsc)
for p in "${!manifest[@]}"; do
  "$cli" export --platform "$p" --example hello_world -o "$tmp/$p" > "$tmp/log" 2>&1 || { echo "FAIL export $p: $(cat "$tmp/log")"; fail=1; }
  [ -f "$tmp/$p/${manifest[$p]}" ] || { echo "FAIL export $p: ${manifest[$p]} missing"; fail=1; }
  checked=$((checked + 1))
done
echo "export CLI: $checked checks"
exit $fail
