#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# int4 versions of kws_ref_model, vww_96_int8 and pretrainedResnet_quant made by
# tools/cli/compress_int4.py give TFLM's outputs bit for bit on every host kernel variant: the
# seed1-3 golden inputs of ../shared/golden, TFLM's outputs for the int4 models committed here
# (tflm_oracle_lite, 2026-12-07). Skips (exit 77) without ../shared, python3-flatbuffers or flatc.
#   check.sh SOURCE_DIR DIFFTEST_RUNNER
set -uo pipefail
src=$1; runner=$2
shared="$src/../shared"
here="$src/tests/difftest/int4_models"
[ -f "$shared/reference/schema.fbs" ] && [ -d "$shared/golden" ] || { echo "SKIP: no ../shared"; exit 77; }
# The system Python (Debian's python3-flatbuffers and python3-numpy), as tools/difftest's scripts.
py=/usr/bin/python3; [ -x "$py" ] || py=python3
command -v flatc > /dev/null && "$py" -c 'import flatbuffers, numpy' 2> /dev/null || { echo "SKIP: needs flatc, python3-flatbuffers and numpy"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0; runs=0
for m in kws_ref_model vww_96_int8 pretrainedResnet_quant; do
  "$py" "$src/tools/cli/compress_int4.py" "$shared/models/$m.tflite" "$tmp/$m.tflite" > "$tmp/$m.log" || { cat "$tmp/$m.log"; fail=1; continue; }
  tail -1 "$tmp/$m.log"
  for s in 1 2 3; do
    echo "$tmp/$m.tflite $here/$m/seed$s $shared/golden/$m/seed$s/input0.bin"
  done > "$tmp/jobs"
  while read -r verdicts; do
    runs=$((runs + 1))
    echo "$verdicts" | "$py" -c 'import json, sys; v = json.load(sys.stdin); sys.exit(0 if v and all(x[0] == "match" for x in v.values()) else 1)' \
      || { echo "FAIL $m: $verdicts"; fail=1; }
  done < <("$runner" --batch < "$tmp/jobs")
done
echo "int4 models: $runs runs"
[ "$runs" -eq 9 ] || { echo "FAIL: expected 9 runs"; fail=1; }
exit $fail
