#!/usr/bin/env bash
# Prints the docs' measured tables (markdown): arena bytes per model beside TFLM's, and host
# time per Invoke. Usage: scripts/report.sh [arena|bench|all]   (needs build/tinyrt)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
cli=build/tinyrt
shared=../shared
models=(hello_world_int8 hello_world_float simple_add_model kws_ref_model micro_speech_quantized person_detect vww_96_int8
        vww_96_float pretrainedResnet_quant pretrainedResnet ad01_int8 ad01_fp32 model_ToyCar_quant_fullint
        audio_preprocessor_int8 audio_preprocessor_float trained_lstm trained_lstm_int8 keyword_scrambled)
model_path() { [ -f "$shared/models/$1.tflite" ] && echo "$shared/models/$1.tflite" || echo "data/models/$1.tflite"; }
tflm() { { grep "^$1," "$shared/reference/tflm_x86_reference.csv" 2>/dev/null || true; } | cut -d, -f"$2"; }

tflm_m4() { { grep "^$1," "$shared/reference/tflm_cortex_m_reference.csv" 2>/dev/null || true; } | cut -d, -f3; }
if [ "$what" = arena ] || [ "$what" = all ]; then
  echo "| model | TFLM x86-64 | TFLM Cortex-M4 | peak live activations | tinyrt arena | persistent | planned | tinyrt / TFLM x86 | tinyrt / TFLM M4 |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for m in "${models[@]}"; do
    path=$(model_path "$m"); [ -f "$path" ] || continue
    out=$("$cli" plan "$path" 2>/dev/null) || { echo "| $m | $(tflm "$m" 2) | $(tflm_m4 "$m") | | unsupported | | | | |"; continue; }
    used=$(echo "$out" | grep '^arena_used_bytes:' | awk '{print $2}')
    pers=$(echo "$out" | grep '^persistent:' | awk '{print $2}')
    peak=$(echo "$out" | grep '^peak_live_activations:' | awk '{print $2}')
    t=$(tflm "$m" 2); t4=$(tflm_m4 "$m")
    ratio=$([ -n "$t" ] && awk "BEGIN{printf \"%.3f\", $used/$t}" || echo "")
    ratio4=$([ -n "$t4" ] && awk "BEGIN{printf \"%.3f\", $used/$t4}" || echo "")
    echo "| $m | $t | $t4 | $peak | $used | $pers | $((used - pers)) | $ratio | $ratio4 |"
  done
  echo
fi
if [ "$what" = bench ] || [ "$what" = all ]; then
  echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; g++ $(g++ -dumpfullversion), -O3 Release."
  echo
  echo "| model | TFLM x86 median us (reference kernels) | tinyrt median us | tinyrt min us | tinyrt median / TFLM |"
  echo "|---|---:|---:|---:|---:|"
  for m in "${models[@]}"; do
    path=$(model_path "$m"); [ -f "$path" ] || continue
    out=$("$cli" bench "$path" 2>/dev/null) || continue
    us=$(echo "$out" | grep median_us | awk '{print $2}')
    min=$(echo "$out" | grep min_us | awk '{print $2}')
    t=$(tflm "$m" 3)
    ratio=$([ -n "$t" ] && awk "BEGIN{printf \"%.2f\", $us/$t}" || echo "")
    echo "| $m | $t | $us | $min | $ratio |"
  done
fi
